using System.Net;
using Bot.Channel.Protocol;
using Microsoft.Extensions.Options;

namespace Bot.Channel.Auth;

/// <summary>PLACEHOLDER until the JWT validator lands: loopback-only without an App ID, deny everything with one.</summary>
public sealed class BotAuthenticator(IOptions<BotCredentialsOptions> options) : IInboundAuthenticator
{
    public Task<AuthOutcome> AuthenticateAsync(string? authorizationHeader, Activity activity, IPAddress? remoteAddress, CancellationToken cancellationToken)
    {
        if (options.Value.AuthEnabled)
        {
            return Task.FromResult(AuthOutcome.Denied("token validation not implemented yet"));
        }

        return Task.FromResult(remoteAddress is not null && IPAddress.IsLoopback(remoteAddress)
            ? new AuthOutcome(true, false, null)
            : AuthOutcome.Denied("no App ID configured: only loopback requests are accepted"));
    }
}
