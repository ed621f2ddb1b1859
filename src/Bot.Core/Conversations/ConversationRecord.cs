namespace Bot.Core.Conversations;

/// <summary>What is needed to message a conversation later (a Bot Framework conversation reference, flattened).</summary>
/// <param name="ServiceUrlVerified">True only when the serviceUrl came from a request whose token vouched for it (§4.6).</param>
public sealed record ConversationRecord(
    string ChannelId,
    string ConversationId,
    string? ConversationType,
    string? TenantId,
    string ServiceUrl,
    bool ServiceUrlVerified,
    string? BotId,
    string? BotName,
    string? UserId,
    string? Locale);

/// <summary>Port: durable store of conversation references, refreshed from every inbound activity.</summary>
public interface IConversationDirectory
{
    Task RecordSeenAsync(ConversationRecord record, CancellationToken cancellationToken);

    Task<ConversationRecord?> FindAsync(string channelId, string conversationId, CancellationToken cancellationToken);

    /// <summary>The bot was removed or the conversation is gone (connector 403/404): stop sending until it is seen again.</summary>
    Task MarkInactiveAsync(string channelId, string conversationId, string reason, CancellationToken cancellationToken);
}
