using System.Net.Http.Headers;

namespace Bot.Channel.Connector;

/// <summary>Adds the bot's bearer token to connector calls — only to https or loopback URLs, never to other hosts over http.</summary>
/// <remarks>
/// The token lets anyone holding it post as the bot (§4.1). The host itself is vouched for by the inbound
/// <c>serviceurl</c> claim (§4.6); this handler additionally refuses to leak the token over plain http.
/// </remarks>
public sealed class ConnectorTokenHandler(IConnectorTokenProvider tokens) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        request.Headers.Authorization = null;
        if (MayCarryToken(request.RequestUri) && await tokens.GetTokenAsync(cancellationToken) is { Length: > 0 } token)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return await base.SendAsync(request, cancellationToken);
    }

    internal static bool MayCarryToken(Uri? uri) =>
        uri is { IsAbsoluteUri: true } && (uri.Scheme == Uri.UriSchemeHttps || (uri.Scheme == Uri.UriSchemeHttp && uri.IsLoopback));
}
