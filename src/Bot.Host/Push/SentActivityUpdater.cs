using Bot.Channel.Auth;
using Bot.Channel.Connector;
using Bot.Channel.Protocol;
using Bot.Core.Conversations;
using Microsoft.Extensions.Options;

namespace Bot.Host.Push;

/// <summary>What became of an in-place update of a message the bot sent earlier.</summary>
public enum UpdateResult
{
    /// <summary>Updated, or nothing to update there (a console conversation, a conversation the bot was removed from).</summary>
    Done,

    /// <summary>The connector failed transiently (429, 5xx, unreachable): worth trying again later.</summary>
    Retry,
}

/// <summary>PUTs a new version of an activity the bot posted earlier (bot-protocol.md §6.5): cards updated in place.</summary>
public sealed class SentActivityUpdater(
    IConnectorClient connector,
    IConversationDirectory directory,
    IOptions<BotCredentialsOptions> credentials,
    ILogger<SentActivityUpdater> logger)
{
    /// <param name="what">Names the message in logs, e.g. "alert card 12".</param>
    public async Task<UpdateResult> UpdateAsync(string channelId, string conversationId, string activityId, Activity activity, string what, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(activity);
        var reference = await directory.FindAsync(channelId, conversationId, cancellationToken);
        if (reference is null || !ServiceUrlPolicy.MaySend(reference, credentials.Value.AuthEnabled) || channelId == "console")
        {
            return UpdateResult.Done;
        }

        activity.Id = activityId;
        activity.ChannelId = reference.ChannelId;
        activity.From = new ChannelAccount { Id = reference.BotId, Name = reference.BotName };
        activity.Conversation = new ConversationAccount { Id = reference.ConversationId, ConversationType = reference.ConversationType, TenantId = reference.TenantId };
        try
        {
            await connector.UpdateActivityAsync(reference.ServiceUrl, reference.ConversationId, activityId, activity, cancellationToken);
            return UpdateResult.Done;
        }
        catch (ConnectorException ex) when (ex.ConversationGone || ex.StatusCode is 400 or 413)
        {
            logger.LogWarning("The {What} could not be updated ({StatusCode} {ErrorCode}); not retried", what, ex.StatusCode, ex.ErrorCode);
            return UpdateResult.Done;
        }
        catch (ConnectorException ex)
        {
            logger.LogWarning("Updating the {What} failed ({StatusCode} {ErrorCode}); will retry", what, ex.StatusCode, ex.ErrorCode);
            return UpdateResult.Retry;
        }
        catch (HttpRequestException ex)
        {
            logger.LogWarning(ex, "Connector unreachable while updating the {What}; will retry", what);
            return UpdateResult.Retry;
        }
    }
}
