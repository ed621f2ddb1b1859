using System.Net;
using Bot.Channel.Protocol;

namespace Bot.Channel.Auth;

/// <summary>The result of checking an inbound request: allowed or not, and whether its serviceUrl is vouched for.</summary>
/// <param name="ServiceUrlVerified">True only when a validated token's <c>serviceurl</c> claim matched the activity.</param>
public sealed record AuthOutcome(bool Allowed, bool ServiceUrlVerified, string? FailureReason)
{
    public static AuthOutcome Denied(string reason) => new(false, false, reason);
}

/// <summary>Decides whether an inbound activity may be processed (bot-protocol.md §3.2). Fails closed.</summary>
public interface IInboundAuthenticator
{
    Task<AuthOutcome> AuthenticateAsync(string? authorizationHeader, Activity activity, IPAddress? remoteAddress, CancellationToken cancellationToken);
}
