using System.ComponentModel.DataAnnotations;

namespace Bot.Channel.Connector;

/// <summary>Retry, timeout and rate-limit settings of the outbound Bot Connector client (<c>Connector:*</c>).</summary>
public sealed class ConnectorOptions
{
    public const string Section = "Connector";

    /// <summary>Base of the exponential backoff (with jitter) when the connector gives no Retry-After.</summary>
    [Range(1, 60_000)]
    public int RetryBaseDelayMs { get; set; } = 1_000;

    /// <summary>Attempts per call including the first; Teams suggests 3–5 (bot-protocol.md §4.4).</summary>
    [Range(1, 10)]
    public int MaxAttempts { get; set; } = 4;

    /// <summary>A Retry-After longer than this is shortened to it, so one reply cannot hang for an hour.</summary>
    [Range(1, 600)]
    public int MaxRetryAfterSeconds { get; set; } = 60;

    /// <summary>Time allowed for one attempt; a timed-out attempt counts as transient and is retried.</summary>
    [Range(1, 300)]
    public int AttemptTimeoutSeconds { get; set; } = 30;

    /// <summary>Sends per conversation in any 2 s window: Teams allows 7/1 s and 8/2 s per thread (§4.5).</summary>
    [Range(1, 8)]
    public int MessagesPerTwoSeconds { get; set; } = 7;

    /// <summary>Sends per conversation in any 30 s window: Teams allows 60.</summary>
    [Range(1, 60)]
    public int MessagesPerThirtySeconds { get; set; } = 55;
}
