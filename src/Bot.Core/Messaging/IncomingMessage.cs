namespace Bot.Core.Messaging;

/// <summary>Where a message came from: enough to answer there and to keep per-conversation context.</summary>
public sealed record ConversationKey(string ChannelId, string Id, string? ConversationType = null, string? TenantId = null)
{
    public bool IsPersonal => ConversationType is null or "personal";
}

/// <summary>Who sent a message or clicked a button.</summary>
/// <remarks>Authorization uses <see cref="AadObjectId"/> when present (stable across bots), else <see cref="Id"/>.</remarks>
public sealed record Caller(string Id, string? Name = null, string? AadObjectId = null);

/// <summary>A button click on one of our cards (Action.Execute or Action.Submit), already unwrapped.</summary>
public sealed record CardAction(string Verb, IReadOnlyDictionary<string, string> Data)
{
    public string? Get(string key) => Data.TryGetValue(key, out var value) ? value : null;
}

/// <summary>A user's turn as Core sees it: text with the bot mention already stripped, or a card action.</summary>
public sealed record IncomingMessage(
    ConversationKey Conversation,
    Caller From,
    string Text,
    CardAction? Action = null,
    string? Locale = null)
{
    /// <summary>People @mentioned in the message (not the bot), with their channel ids: "owner @Ana" can name a real user.</summary>
    public IReadOnlyList<Caller> Mentions { get; init; } = [];

    /// <summary>For a card action: the id of the message holding the card that was clicked (the channel refreshes that one itself).</summary>
    public string? CardActivityId { get; init; }
}
