using Bot.Channel.Auth;
using Bot.Channel.Protocol;

namespace Bot.Channel.Endpoint;

/// <summary>Handles one authenticated activity (<see cref="ActivityProcessor"/>); what the endpoint and <see cref="TurnRunner"/> call.</summary>
public interface IActivityProcessor
{
    /// <summary>Completes when the activity's answer could be sent without waiting for its conversation's outbound pacing.</summary>
    /// <remarks>Reserves nothing: it lets a queued turn wait for its own conversation without holding a shared slot.</remarks>
    ValueTask WaitForSendBudgetAsync(Activity activity, CancellationToken cancellationToken);

    /// <summary>Processes the activity; returns the invoke response for invokes, null otherwise (HTTP 200).</summary>
    Task<InvokeResponse?> ProcessAsync(Activity activity, AuthOutcome auth, CancellationToken cancellationToken);
}
