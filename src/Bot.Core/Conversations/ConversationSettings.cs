using Bot.Core.Messaging;

namespace Bot.Core.Conversations;

/// <summary>What a conversation asked the bot to remember (e.g. <c>use shop tmall</c>).</summary>
public sealed record ConversationSettings(string? Shop = null)
{
    public static ConversationSettings Empty { get; } = new();
}

/// <summary>Port: per-conversation settings, stored durably so they survive restarts.</summary>
public interface IConversationSettingsStore
{
    Task<ConversationSettings> GetAsync(ConversationKey conversation, CancellationToken cancellationToken);

    Task SaveAsync(ConversationKey conversation, ConversationSettings settings, CancellationToken cancellationToken);
}
