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

    /// <summary>Files attached to the message (Teams sends them in 1:1 chats only), not yet downloaded.</summary>
    public IReadOnlyList<IncomingFile> Files { get; init; } = [];
}

/// <summary>A file a user attached: its name and where the channel says it can be fetched (a short-lived link in Teams).</summary>
/// <param name="FileType">The extension as the channel reports it ("csv"), or a content type; may be null.</param>
public sealed record IncomingFile(string Name, Uri Url, string? FileType = null)
{
    /// <summary>A file to read as CSV: named *.csv or typed csv / text/csv (Excel's own formats are not).</summary>
    public bool IsCsv =>
        Name.EndsWith(".csv", StringComparison.OrdinalIgnoreCase)
        || string.Equals(FileType, "csv", StringComparison.OrdinalIgnoreCase)
        || string.Equals(FileType, "text/csv", StringComparison.OrdinalIgnoreCase);
}

/// <summary>Fetches an attached file's bytes; the channel knows how (links, tokens, size limits).</summary>
public interface IAttachmentReader
{
    /// <summary>The file's content, at most <paramref name="maxBytes"/> long, readable from the start.</summary>
    /// <exception cref="AttachmentUnavailableException">The file cannot be fetched, is too large or its link is not allowed.</exception>
    Task<Stream> OpenAsync(IncomingFile file, long maxBytes, CancellationToken cancellationToken);
}

/// <summary>An attached file could not be read; <see cref="Exception.Message"/> is written for the user.</summary>
public sealed class AttachmentUnavailableException : Exception
{
    public AttachmentUnavailableException()
    {
    }

    public AttachmentUnavailableException(string message)
        : base(message)
    {
    }

    public AttachmentUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
