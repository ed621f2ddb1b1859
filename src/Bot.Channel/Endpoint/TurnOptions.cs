using System.ComponentModel.DataAnnotations;

namespace Bot.Channel.Endpoint;

/// <summary>Limits of the queued turns behind the HTTP acknowledgement (<c>Turns:*</c>, see <see cref="TurnRunner"/>).</summary>
public sealed class TurnOptions
{
    public const string Section = "Turns";

    /// <summary>Turns doing work at once, across all conversations (store reads, rendering, the connector call).</summary>
    /// <remarks>
    /// A turn still waiting for its conversation's outbound pacing does not hold one of these, but its send to the real
    /// connector does (about 100–300 ms a call): far more slots than cores, or sends would cap throughput at tens per second.
    /// </remarks>
    [Range(1, 1024)]
    public int MaxConcurrent { get; set; } = Math.Max(16, 4 * Environment.ProcessorCount);

    /// <summary>Turns accepted and not yet finished, across all conversations; past it activities are refused with 503.</summary>
    [Range(1, 1_000_000)]
    public int MaxBacklog { get; set; } = 1000;

    /// <summary>Turns waiting behind a conversation's running turn; past it that conversation's activities are refused.</summary>
    /// <remarks>At Teams' 55 replies per 30 s, 100 waiting turns are already about a minute of answers.</remarks>
    [Range(1, 1_000_000)]
    public int MaxBacklogPerConversation { get; set; } = 100;
}
