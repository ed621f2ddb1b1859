using System.Collections.Concurrent;
using System.Text.Json;
using Bot.Channel.Auth;
using Bot.Channel.Connector;
using Bot.Channel.Protocol;
using Bot.Core.Commands;
using Bot.Core.Conversations;
using Bot.Core.Messaging;
using Bot.Core.Replies;
using Microsoft.Extensions.Logging;

namespace Bot.Channel.Endpoint;

/// <summary>Handles one authenticated activity: maps it to Core, routes it, and sends or returns the reply.</summary>
public sealed class ActivityProcessor(
    CommandRouter router,
    IConnectorClient connector,
    IConversationDirectory directory,
    TimeProvider time,
    ILogger<ActivityProcessor> logger) : IActivityProcessor
{
    // Teams (and the Playground) send installationUpdate and conversationUpdate together on install: welcome once.
    private readonly ConcurrentDictionary<string, DateTimeOffset> _welcomed = new(StringComparer.Ordinal);

    /// <summary>Every answer goes to the activity's own conversation, so that conversation's pacing is the one to wait for.</summary>
    public ValueTask WaitForSendBudgetAsync(Activity activity, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(activity);
        return activity.Conversation?.Id is { Length: > 0 } conversationId
            ? connector.WaitForSendBudgetAsync(conversationId, cancellationToken)
            : ValueTask.CompletedTask;
    }

    /// <summary>Processes the activity; returns the invoke response for invokes, null otherwise (HTTP 200).</summary>
    public async Task<InvokeResponse?> ProcessAsync(Activity activity, AuthOutcome auth, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(activity);
        ArgumentNullException.ThrowIfNull(auth);
        using var scope = logger.BeginScope(new Dictionary<string, object?> { ["ConversationId"] = activity.Conversation?.Id });
        await RecordConversationAsync(activity, auth, cancellationToken);

        switch (activity.Type)
        {
            case ActivityTypes.Message:
                await OnMessageAsync(activity, cancellationToken);
                return null;
            case ActivityTypes.ConversationUpdate when activity.MembersAdded?.Any(m => m.Id == activity.Recipient?.Id) == true:
            case ActivityTypes.InstallationUpdate when activity.Action is "add" or "add-upgrade":
                await WelcomeAsync(activity, cancellationToken);
                return null;
            case ActivityTypes.Invoke when activity.Name == ActivityTypes.AdaptiveCardInvokeName:
                return await OnCardInvokeAsync(activity, cancellationToken);
            case ActivityTypes.Invoke:
                logger.LogInformation("Ignored invoke {InvokeName}", activity.Name);
                return new InvokeResponse(200, null);
            default:
                // A2006: unknown activity types are ignored, not errors.
                return null;
        }
    }

    private async Task OnMessageAsync(Activity activity, CancellationToken cancellationToken)
    {
        var action = ReadSubmitAction(activity.Value);
        var message = ToIncoming(activity, MentionText.Clean(activity), action) with { Mentions = Mentioned(activity), Files = AttachmentFiles.From(activity) };
        var reply = await router.HandleAsync(message, cancellationToken);

        // Action.Submit has no invoke response: an answer refreshes the clicked card in place for everyone (not a
        // second copy below it); a refusal or problem is said as a reply and the card stays as it was.
        if (action is not null && activity.ReplyToId is { } cardId && reply.Kind == ReplyKind.Answer)
        {
            await TryUpdateCardAsync(activity, cardId, reply, cancellationToken);
            return;
        }

        await SendReplyAsync(activity, reply, cancellationToken);
    }

    private async Task<InvokeResponse> OnCardInvokeAsync(Activity activity, CancellationToken cancellationToken)
    {
        var action = ReadExecuteAction(activity.Value);
        if (action is null)
        {
            return new InvokeResponse(200, new Dictionary<string, object>
            {
                ["statusCode"] = 400,
                ["type"] = "application/vnd.microsoft.error",
                ["value"] = new Dictionary<string, string> { ["code"] = "BadRequest", ["message"] = "The card action had no verb." },
            });
        }

        var reply = await router.HandleAsync(ToIncoming(activity, string.Empty, action), cancellationToken);
        if (reply.Kind != ReplyKind.Answer)
        {
            // A refusal or an error is told to the clicker only; the shared card stays as it was.
            return new InvokeResponse(200, new Dictionary<string, object>
            {
                ["statusCode"] = 200,
                ["type"] = "application/vnd.microsoft.activity.message",
                ["value"] = ReplyText.Render(reply),
            });
        }

        if (activity.ReplyToId is { } cardId)
        {
            await TryUpdateCardAsync(activity, cardId, reply, cancellationToken);
        }

        return new InvokeResponse(200, OutboundActivity.CardInvokeBody(reply));
    }

    private async Task WelcomeAsync(Activity activity, CancellationToken cancellationToken)
    {
        var key = activity.Conversation?.Id ?? string.Empty;
        var now = time.GetUtcNow();
        if (_welcomed.TryGetValue(key, out var last) && now - last < TimeSpan.FromMinutes(2))
        {
            return;
        }

        _welcomed[key] = now;
        var welcome = OutboundActivity.ReplyTo(activity, router.Welcome());
        welcome.ReplyToId = null;
        await SendAsync(activity, welcome, reply: false, cancellationToken);
    }

    private Task SendReplyAsync(Activity inbound, Reply reply, CancellationToken cancellationToken) =>
        SendAsync(inbound, OutboundActivity.ReplyTo(inbound, reply), reply: inbound.Id is not null, cancellationToken);

    private async Task SendAsync(Activity inbound, Activity outbound, bool reply, CancellationToken cancellationToken)
    {
        if (inbound.ServiceUrl is not { } serviceUrl || inbound.Conversation?.Id is not { } conversationId)
        {
            logger.LogWarning("Cannot answer an activity without serviceUrl or conversation id");
            return;
        }

        try
        {
            if (reply)
            {
                await connector.ReplyToActivityAsync(serviceUrl, conversationId, inbound.Id!, outbound, cancellationToken);
            }
            else
            {
                await connector.SendToConversationAsync(serviceUrl, conversationId, outbound, cancellationToken);
            }
        }
        catch (ConnectorException ex)
        {
            logger.LogWarning("Connector refused the reply with {StatusCode} {ErrorCode}", ex.StatusCode, ex.ErrorCode);
            if (ex.ConversationGone)
            {
                await directory.MarkInactiveAsync(inbound.ChannelId ?? string.Empty, conversationId, $"connector {ex.StatusCode} {ex.ErrorCode}", cancellationToken);
            }
        }
        catch (HttpRequestException ex)
        {
            logger.LogWarning(ex, "Connector unreachable while replying");
        }
    }

    private async Task TryUpdateCardAsync(Activity inbound, string cardId, Reply reply, CancellationToken cancellationToken)
    {
        if (inbound.ServiceUrl is not { } serviceUrl || inbound.Conversation?.Id is not { } conversationId)
        {
            return;
        }

        var update = OutboundActivity.FromReply(reply);
        update.Id = cardId;
        update.Conversation = new ConversationAccount { Id = conversationId };
        update.From = inbound.Recipient;
        try
        {
            await connector.UpdateActivityAsync(serviceUrl, conversationId, cardId, update, cancellationToken);
        }
        catch (ConnectorException ex)
        {
            logger.LogWarning("Card update refused with {StatusCode} {ErrorCode}", ex.StatusCode, ex.ErrorCode);
        }
        catch (HttpRequestException ex)
        {
            logger.LogWarning(ex, "Connector unreachable while updating a card");
        }
    }

    private async Task RecordConversationAsync(Activity activity, AuthOutcome auth, CancellationToken cancellationToken)
    {
        if (activity.ServiceUrl is not { } serviceUrl || activity.Conversation?.Id is not { } conversationId || activity.ChannelId is not { } channelId)
        {
            return;
        }

        if (activity.Type == ActivityTypes.InstallationUpdate && activity.Action is "remove" or "remove-upgrade")
        {
            await directory.MarkInactiveAsync(channelId, conversationId, "app uninstalled", cancellationToken);
            return;
        }

        await directory.RecordSeenAsync(
            new ConversationRecord(
                channelId,
                conversationId,
                activity.Conversation.ConversationType,
                activity.Conversation.TenantId ?? TenantFromChannelData(activity.ChannelData),
                serviceUrl,
                auth.ServiceUrlVerified,
                activity.Recipient?.Id,
                activity.Recipient?.Name,
                activity.From?.Id,
                activity.Locale),
            cancellationToken);
    }

    private static IncomingMessage ToIncoming(Activity activity, string text, CardAction? action) => new(
        new ConversationKey(
            activity.ChannelId ?? "unknown",
            activity.Conversation?.Id ?? "unknown",
            activity.Conversation?.ConversationType,
            activity.Conversation?.TenantId ?? TenantFromChannelData(activity.ChannelData)),
        new Caller(activity.From?.Id ?? "unknown", activity.From?.Name, activity.From?.AadObjectId),
        text,
        action,
        activity.Locale)
    {
        CardActivityId = action is null ? null : activity.ReplyToId,
    };

    /// <summary>Users the message @mentions, from its mention entities (never parsed out of the text, §2.5).</summary>
    internal static IReadOnlyList<Caller> Mentioned(Activity activity) =>
        [.. (activity.Entities ?? [])
            .Where(e => e.Type == "mention" && e.Mentioned?.Id is { Length: > 0 } id && !string.Equals(id, activity.Recipient?.Id, StringComparison.OrdinalIgnoreCase))
            .Select(e => new Caller(e.Mentioned!.Id!, e.Mentioned.Name, e.Mentioned.AadObjectId))
            .DistinctBy(c => c.Id)];

    /// <summary>Action.Submit: the card's data (with inputs merged) arrives as the message value.</summary>
    internal static CardAction? ReadSubmitAction(JsonElement? value) =>
        value is { ValueKind: JsonValueKind.Object } data ? ToAction(data) : null;

    /// <summary>Action.Execute: <c>value.action</c> holds the verb and the data (§6.3).</summary>
    internal static CardAction? ReadExecuteAction(JsonElement? value)
    {
        if (value is not { ValueKind: JsonValueKind.Object } v || !v.TryGetProperty("action", out var action) || action.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        var data = action.TryGetProperty("data", out var d) && d.ValueKind == JsonValueKind.Object ? ToAction(d) : null;
        var verb = action.TryGetProperty("verb", out var vb) && vb.ValueKind == JsonValueKind.String ? vb.GetString() : data?.Verb;
        return string.IsNullOrWhiteSpace(verb) ? null : new CardAction(verb, data?.Data ?? new Dictionary<string, string>());
    }

    private static CardAction? ToAction(JsonElement data)
    {
        var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var property in data.EnumerateObject())
        {
            values[property.Name] = property.Value.ValueKind == JsonValueKind.String ? property.Value.GetString() ?? string.Empty : property.Value.GetRawText();
        }

        var verb = values.GetValueOrDefault("verb") ?? values.GetValueOrDefault("action");
        return string.IsNullOrWhiteSpace(verb) ? null : new CardAction(verb, values);
    }

    private static string? TenantFromChannelData(JsonElement? channelData) =>
        channelData is { ValueKind: JsonValueKind.Object } cd
        && cd.TryGetProperty("tenant", out var tenant) && tenant.ValueKind == JsonValueKind.Object
        && tenant.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String
            ? id.GetString()
            : null;
}
