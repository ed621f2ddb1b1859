using System.Text.Json;
using Bot.Channel.Auth;
using Bot.Channel.Connector;
using Bot.Channel.Endpoint;
using Bot.Channel.Protocol;
using Bot.Core.Conversations;
using Bot.Core.Push;
using Bot.Host.Jobs;
using Microsoft.Extensions.Options;

namespace Bot.Host.Push;

/// <summary>Sends what the outbox holds through the Bot Connector, one claimed row at a time, and records the outcome.</summary>
/// <remarks>
/// <para>Guarantee (docs/push.md): every queued message is sent at least once to the connector, and at most once unless a
/// worker dies after the connector accepted a message but before the row was marked sent — then the row's lease expires
/// and it is sent again. That is the only duplicate possible.</para>
/// <para>The connector client retries 412/429/5xx within one call (honouring Retry-After); the outbox adds attempts across
/// calls and restarts with exponential backoff, and gives up (dead) after <c>Schedule:Outbox:MaxAttempts</c>.
/// 403/404 mean the bot is gone: the reference is marked inactive, the conversation's subscriptions are paused and its
/// unsent messages dead-lettered at once, logged once — no retries.</para>
/// </remarks>
public sealed class OutboxDeliverer(
    IOutbox outbox,
    IConnectorClient connector,
    IConversationDirectory directory,
    ISubscriptionStore subscriptions,
    IOptions<ScheduleOptions> options,
    IOptions<BotCredentialsOptions> credentials,
    TimeProvider time,
    ILogger<OutboxDeliverer> logger,
    IConversationTurns? turns = null)
{
    /// <summary>How long a message waits for the answer being written in its conversation before it goes anyway.</summary>
    public static readonly TimeSpan TurnWait = TimeSpan.FromSeconds(15);

    /// <summary>This worker's name on the rows it claims (process and instance, for diagnosing a stuck row).</summary>
    public string WorkerId { get; } = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid().ToString("N")[..8]}";

    private OutboxOptions Settings => options.Value.Outbox;

    /// <summary>Sends every row that is due now; returns how many were attempted.</summary>
    public async Task<int> DeliverDueAsync(CancellationToken cancellationToken)
    {
        var count = 0;
        while (!cancellationToken.IsCancellationRequested)
        {
            var now = time.GetUtcNow();
            var entry = await outbox.ClaimNextAsync(WorkerId, now, now.AddSeconds(Settings.LeaseSeconds), Settings.ConsoleOnly, cancellationToken);
            if (entry is null)
            {
                break;
            }

            count++;
            await DeliverAsync(entry, cancellationToken);
        }

        return count;
    }

    private async Task DeliverAsync(OutboxEntry entry, CancellationToken cancellationToken)
    {
        using var scope = logger.BeginScope(new Dictionary<string, object?> { ["ConversationId"] = entry.ConversationId, ["OutboxKey"] = entry.Key });
        var now = time.GetUtcNow();
        if (entry.Attempts > Settings.MaxAttempts)
        {
            await outbox.MarkDeadAsync(entry.Id, $"gave up after {entry.Attempts - 1} attempts; last error: {entry.LastError ?? "interrupted"}", now, CancellationToken.None);
            logger.LogWarning("Gave up on {Key} after {Attempts} attempts", entry.Key, entry.Attempts - 1);
            return;
        }

        if (entry.ChannelId == "console")
        {
            // The local console chat has no connector: print the message where the bot runs.
            Console.Out.WriteLine();
            Console.Out.WriteLine(entry.Text);
            await outbox.MarkSentAsync(entry.Id, "console", now, CancellationToken.None);
            return;
        }

        var reference = await directory.FindAsync(entry.ChannelId, entry.ConversationId, cancellationToken);
        if (reference is null)
        {
            await outbox.MarkDeadAsync(entry.Id, "no active conversation reference (never seen, or the bot was removed)", now, CancellationToken.None);
            logger.LogWarning("Dropped {Key}: the conversation is unknown or inactive", entry.Key);
            return;
        }

        if (!ServiceUrlPolicy.MaySend(reference, credentials.Value.AuthEnabled))
        {
            await outbox.MarkDeadAsync(entry.Id, "serviceUrl was never vouched for by a validated request and is not a Teams host", now, CancellationToken.None);
            logger.LogWarning("Refused to send {Key}: the stored serviceUrl is not verified", entry.Key);
            return;
        }

        var activity = JsonSerializer.Deserialize<Activity>(entry.Payload, ProtocolJson.Options) ?? new Activity { Type = ActivityTypes.Message };
        activity.From = new ChannelAccount { Id = reference.BotId, Name = reference.BotName };
        activity.Conversation = new ConversationAccount { Id = reference.ConversationId, ConversationType = reference.ConversationType, TenantId = reference.TenantId };
        activity.ChannelId = reference.ChannelId;
        activity.ReplyToId = null;

        // The answer to what someone just typed goes first: a message queued while that turn runs (the alert card a new
        // rule fired at once) waits for it, so the chat reads "rule saved", then the card. Bounded: a stuck turn
        // delays a push, it does not hold it.
        if (turns is not null)
        {
            try
            {
                await turns.WhenIdleAsync(reference.ConversationId).WaitAsync(TurnWait, cancellationToken);
            }
            catch (TimeoutException)
            {
                logger.LogWarning("Sent {Key} while a turn in its conversation was still running after {Seconds} s", entry.Key, TurnWait.TotalSeconds);
            }
        }

        using var sending = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var renewal = RenewLeaseAsync(entry.Id, sending.Token);
        try
        {
            var response = await connector.SendToConversationAsync(reference.ServiceUrl, reference.ConversationId, activity, cancellationToken);
            await outbox.MarkSentAsync(entry.Id, response.Id, time.GetUtcNow(), CancellationToken.None);
            logger.LogInformation("Delivered {Key} on attempt {Attempt}", entry.Key, entry.Attempts);
        }
        catch (ConnectorException ex) when (ex.ConversationGone)
        {
            var reason = $"connector {ex.StatusCode} {ex.ErrorCode}".TrimEnd();
            var at = time.GetUtcNow();
            await directory.MarkInactiveAsync(reference.ChannelId, reference.ConversationId, reason, CancellationToken.None);
            var paused = await subscriptions.PauseConversationAsync(reference.ChannelId, reference.ConversationId, "the bot was removed or the conversation is gone (" + reason + ")", at, CancellationToken.None);
            var dead = await outbox.DeadLetterConversationAsync(reference.ChannelId, reference.ConversationId, reason, at, CancellationToken.None);
            logger.LogWarning(
                "Conversation is gone ({StatusCode} {ErrorCode}): reference marked inactive, {Paused} subscription(s) paused, {Dead} message(s) dead-lettered; no retries",
                ex.StatusCode,
                ex.ErrorCode,
                paused,
                dead);
        }
        catch (ConnectorException ex) when (ex.StatusCode is 400 or 413)
        {
            // The payload itself is refused: sending it again cannot succeed.
            await outbox.MarkDeadAsync(entry.Id, $"connector {ex.StatusCode} {ex.ErrorCode}: the message was refused".Replace("  ", " ", StringComparison.Ordinal), time.GetUtcNow(), CancellationToken.None);
            logger.LogWarning("Connector refused {Key} with {StatusCode} {ErrorCode}; dead-lettered", entry.Key, ex.StatusCode, ex.ErrorCode);
        }
        catch (ConnectorException ex)
        {
            await FailAsync(entry, $"connector {ex.StatusCode} {ex.ErrorCode}".TrimEnd());
        }
        catch (HttpRequestException ex)
        {
            await FailAsync(entry, "connector unreachable: " + ex.Message);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Shutting down mid-send: let the next start retry it at once rather than wait for the lease.
            await outbox.MarkFailedAsync(entry.Id, "interrupted by shutdown", time.GetUtcNow(), time.GetUtcNow(), CancellationToken.None);
            throw;
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "Unexpected failure sending {Key}", entry.Key);
            await FailAsync(entry, ex.GetType().Name + ": " + ex.Message);
        }
        finally
        {
            await sending.CancelAsync();
            await renewal;
        }
    }

    private async Task FailAsync(OutboxEntry entry, string reason)
    {
        var now = time.GetUtcNow();
        if (entry.Attempts >= Settings.MaxAttempts)
        {
            await outbox.MarkDeadAsync(entry.Id, $"gave up after {entry.Attempts} attempts; last error: {reason}", now, CancellationToken.None);
            logger.LogWarning("Gave up on {Key} after {Attempts} attempts: {Reason}", entry.Key, entry.Attempts, reason);
            return;
        }

        var retryAt = now + Backoff(entry.Attempts);
        await outbox.MarkFailedAsync(entry.Id, reason, retryAt, now, CancellationToken.None);
        logger.LogWarning("Attempt {Attempt} for {Key} failed ({Reason}); retrying at {RetryAt:u}", entry.Attempts, entry.Key, reason, retryAt);
    }

    /// <summary>Exponential backoff with ±20% jitter: base, 2×, 4×, … capped at RetryMaxMinutes.</summary>
    internal TimeSpan Backoff(int attempts)
    {
        var seconds = Math.Min(Settings.RetryBaseSeconds * Math.Pow(2, Math.Max(0, attempts - 1)), Settings.RetryMaxMinutes * 60.0);
        return TimeSpan.FromSeconds(seconds * (0.8 + (0.4 * Random.Shared.NextDouble())));
    }

    /// <summary>Keeps the claim alive while a long send (with the connector's own retries) runs.</summary>
    private async Task RenewLeaseAsync(long id, CancellationToken cancellationToken)
    {
        var every = TimeSpan.FromSeconds(Math.Max(1, Settings.LeaseSeconds / 3));
        try
        {
            while (true)
            {
                await Task.Delay(every, time, cancellationToken);
                await outbox.RenewLeaseAsync(id, WorkerId, time.GetUtcNow().AddSeconds(Settings.LeaseSeconds), cancellationToken);
            }
        }
        catch (OperationCanceledException)
        {
            // The send finished.
        }
    }
}

/// <summary>Where the bot token may go (bot-protocol.md §4.6): a serviceUrl a validated request vouched for, a documented Teams host, or loopback.</summary>
public static class ServiceUrlPolicy
{
    private static readonly string[] TeamsHosts =
    [
        "smba.trafficmanager.net",
        "smba.infra.gcc.teams.microsoft.com",
        "smba.infra.gov.teams.microsoft.us",
        "smba.infra.dod.teams.microsoft.us",
    ];

    /// <param name="authEnabled">With no App ID (local mode) nothing is verified and only loopback is allowed.</param>
    public static bool MaySend(ConversationRecord reference, bool authEnabled)
    {
        ArgumentNullException.ThrowIfNull(reference);
        if (!Uri.TryCreate(reference.ServiceUrl, UriKind.Absolute, out var uri))
        {
            return false;
        }

        if (uri.IsLoopback)
        {
            return true;
        }

        return authEnabled
            && (reference.ServiceUrlVerified || (uri.Scheme == Uri.UriSchemeHttps && TeamsHosts.Contains(uri.Host, StringComparer.OrdinalIgnoreCase)));
    }
}
