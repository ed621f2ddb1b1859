using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace Bot.Channel.Auth;

/// <summary>The Bot Framework signing keys: OpenID metadata plus JWKS, cached and refreshed by IdentityModel.</summary>
/// <remarks>
/// One instance per process (singleton). <see cref="ConfigurationManager{T}"/> refreshes automatically every 12 h and,
/// when asked with <see cref="RequestRefresh"/> (unknown <c>kid</c>), at most once per 5 minutes (bot-protocol.md §3.2.1).
/// </remarks>
public sealed class SigningKeySource
{
    public const string HttpClientName = "Bot.OpenIdMetadata";

    private readonly Lazy<ConfigurationManager<OpenIdConnectConfiguration>> _manager;

    static SigningKeySource()
    {
        // IdentityModel 8.x refreshes in the background after RequestRefresh and keeps serving the old keys meanwhile,
        // so the retry right after an unknown kid would still miss a freshly rotated key. The documented switch makes
        // the next GetConfigurationAsync download synchronously instead; the 5-minute refresh rate limit still applies.
        AppContext.SetSwitch("Switch.Microsoft.IdentityModel.UpdateConfigAsBlocking", true);
    }

    public SigningKeySource(IOptions<BotCredentialsOptions> options, IHttpClientFactory httpClientFactory)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(httpClientFactory);
        _manager = new(() =>
        {
            var address = options.Value.OpenIdMetadataUrl;
            if (!BotFrameworkAuth.IsAllowedKeyAddress(address))
            {
                throw new InvalidOperationException("OpenIdMetadataUrl must be https (http only for loopback).");
            }

            var retriever = new GuardedDocumentRetriever(httpClientFactory.CreateClient(HttpClientName));
            return new ConfigurationManager<OpenIdConnectConfiguration>(address, new OpenIdConnectConfigurationRetriever(), retriever);
        });
    }

    /// <summary>The current metadata and keys; fetches them on first use. Throws when they cannot be obtained.</summary>
    public Task<OpenIdConnectConfiguration> GetAsync(CancellationToken cancellationToken) =>
        _manager.Value.GetConfigurationAsync(cancellationToken);

    /// <summary>Asks for a fresh download on the next <see cref="GetAsync"/> (rate limited by IdentityModel).</summary>
    public void RequestRefresh() => _manager.Value.RequestRefresh();

    /// <summary>Fetches documents over https, or over http only from loopback — for the metadata and for its <c>jwks_uri</c>.</summary>
    private sealed class GuardedDocumentRetriever(HttpClient httpClient) : IDocumentRetriever
    {
        // The scheme rule is ours (below), so the inner retriever's blanket https check is turned off.
        private readonly HttpDocumentRetriever _inner = new(httpClient) { RequireHttps = false };

        public Task<string> GetDocumentAsync(string address, CancellationToken cancel)
        {
            if (!BotFrameworkAuth.IsAllowedKeyAddress(address))
            {
                throw new InvalidOperationException($"Refusing to fetch signing metadata over an insecure address ({address}).");
            }

            return _inner.GetDocumentAsync(address, cancel);
        }
    }
}
