using Microsoft.IdentityModel.Tokens;

namespace Bot.Channel.Auth;

/// <summary>The exact constants of Bot Framework authentication for the public cloud (bot-protocol.md §0).</summary>
public static class BotFrameworkAuth
{
    /// <summary>The only issuer of channel (Teams / Azure Bot Service) tokens.</summary>
    public const string ChannelIssuer = "https://api.botframework.com";

    /// <summary>The lower-case claim binding the token to the activity's serviceUrl.</summary>
    public const string ServiceUrlClaim = "serviceurl";

    /// <summary>The non-standard JWK member listing the channels a signing key may vouch for.</summary>
    public const string EndorsementsMember = "endorsements";

    /// <summary>The scope of the bot's outbound client-credentials token.</summary>
    public const string ConnectorScope = "https://api.botframework.com/.default";

    /// <summary>Authority of multi-tenant bots; single-tenant bots use their own tenant id instead of <c>botframework.com</c>.</summary>
    public const string LoginAuthorityBase = "https://login.microsoftonline.com/";

    public const string MultiTenantAuthorityTenant = "botframework.com";

    public static TimeSpan ClockSkew { get; } = TimeSpan.FromMinutes(5);

    public static IReadOnlyList<string> AllowedAlgorithms { get; } =
        [SecurityAlgorithms.RsaSha256, SecurityAlgorithms.RsaSha384, SecurityAlgorithms.RsaSha512];

    /// <summary>https anywhere, plain http only to this machine (tests serve their own metadata on 127.0.0.1).</summary>
    public static bool IsAllowedKeyAddress(string? address) =>
        Uri.TryCreate(address, UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttps || (uri.Scheme == Uri.UriSchemeHttp && uri.IsLoopback));
}
