using Bot.Channel.Auth;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Identity.Client;

namespace Bot.Channel.Connector;

/// <summary>Supplies the bot's outbound bearer token, or null when the bot runs without credentials (local mode).</summary>
public interface IConnectorTokenProvider
{
    Task<string?> GetTokenAsync(CancellationToken cancellationToken);
}

/// <summary>Client-credentials tokens from Entra ID through one MSAL application (bot-protocol.md §4.1).</summary>
/// <remarks>
/// A singleton: MSAL's in-memory app-token cache only works when the same <see cref="IConfidentialClientApplication"/>
/// is reused, so <c>AcquireTokenForClient</c> is called on every request and MSAL decides when to go to the network (§8.4).
/// </remarks>
public sealed class MsalConnectorTokenProvider : IConnectorTokenProvider
{
    private static readonly string[] Scopes = [BotFrameworkAuth.ConnectorScope];

    private readonly Lazy<IConfidentialClientApplication?> _app;

    public MsalConnectorTokenProvider(IOptions<BotCredentialsOptions> options, ILogger<MsalConnectorTokenProvider> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(logger);
        _app = new(() =>
        {
            var settings = options.Value;
            if (!settings.HasOutboundCredentials)
            {
                if (settings.AuthEnabled)
                {
                    logger.LogWarning("MicrosoftAppId is set but MicrosoftAppPassword is not: outbound calls carry no token and the connector will refuse them");
                }

                return null;
            }

            return ConfidentialClientApplicationBuilder.Create(settings.MicrosoftAppId)
                .WithClientSecret(settings.MicrosoftAppPassword)
                .WithAuthority(settings.Authority)
                .Build();
        });
    }

    public async Task<string?> GetTokenAsync(CancellationToken cancellationToken)
    {
        if (_app.Value is not { } app)
        {
            return null;
        }

        var result = await app.AcquireTokenForClient(Scopes).ExecuteAsync(cancellationToken);
        return result.AccessToken;
    }
}
