namespace Bot.Channel.Endpoint;

/// <summary>Whether a conversation has a message being answered, for senders that must not overtake the answer.</summary>
public interface IConversationTurns
{
    /// <summary>Completes when <paramref name="conversationId"/> has no turn waiting or running (at once when it has none).</summary>
    Task WhenIdleAsync(string conversationId);
}
