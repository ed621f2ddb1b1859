using System.Net;
using Bot.Channel.Protocol;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace Bot.Channel.Auth;

/// <summary>Checks inbound Bot Framework channel tokens exactly as bot-protocol.md §3.2 lists; fails closed, never throws.</summary>
/// <remarks>
/// With an App ID every request needs <c>Authorization: Bearer &lt;jwt&gt;</c> signed by a Bot Framework key that
/// endorses the activity's channel, issued by https://api.botframework.com for this App ID, and whose
/// <c>serviceurl</c> claim names the activity's serviceUrl — that claim is what makes posting our token to
/// serviceUrl safe (§8.1). Without an App ID (local mode) tokens are ignored and only loopback callers are accepted.
/// </remarks>
public sealed class BotAuthenticator(
    IOptions<BotCredentialsOptions> options,
    SigningKeySource keys,
    TimeProvider time,
    ILogger<BotAuthenticator> logger) : IInboundAuthenticator
{
    private readonly JsonWebTokenHandler _handler = new() { MapInboundClaims = false };

    public async Task<AuthOutcome> AuthenticateAsync(string? authorizationHeader, Activity activity, IPAddress? remoteAddress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(activity);
        var settings = options.Value;
        if (!settings.AuthEnabled)
        {
            return remoteAddress is not null && IPAddress.IsLoopback(remoteAddress)
                ? new AuthOutcome(true, false, null)
                : AuthOutcome.Denied("no App ID configured: only loopback requests are accepted");
        }

        try
        {
            return await ValidateChannelTokenAsync(authorizationHeader, activity, settings.MicrosoftAppId!, cancellationToken);
        }
        catch (Exception ex)
        {
            if (cancellationToken.IsCancellationRequested)
            {
                return AuthOutcome.Denied("request aborted");
            }

            // Metadata unreachable, timed out or unreadable, malformed key material, …: deny, never fail the request with a 500.
            logger.LogWarning(ex, "Inbound token check failed unexpectedly");
            return AuthOutcome.Denied("token could not be checked: " + ex.GetType().Name);
        }
    }

    private async Task<AuthOutcome> ValidateChannelTokenAsync(string? authorizationHeader, Activity activity, string appId, CancellationToken cancellationToken)
    {
        if (!TryReadBearer(authorizationHeader, out var raw))
        {
            return AuthOutcome.Denied(authorizationHeader is null ? "missing Authorization header" : "Authorization header is not 'Bearer <token>'");
        }

        JsonWebToken unverified;
        try
        {
            unverified = _handler.ReadJsonWebToken(raw);
        }
        catch (Exception ex) when (ex is ArgumentException or SecurityTokenMalformedException)
        {
            return AuthOutcome.Denied("malformed token");
        }

        // §3.2.2: reject foreign issuers before any crypto or key download.
        if (!string.Equals(unverified.Issuer, BotFrameworkAuth.ChannelIssuer, StringComparison.Ordinal))
        {
            return Deny(unverified, "issuer is not the Bot Framework channel issuer");
        }

        if (string.IsNullOrEmpty(unverified.Kid))
        {
            return Deny(unverified, "token has no key id");
        }

        var configuration = await keys.GetAsync(cancellationToken);
        if (FindKey(configuration, unverified.Kid) is null)
        {
            // §3.2.1: keys rotate; an unknown kid triggers one refresh (IdentityModel rate-limits it to one per 5 minutes).
            logger.LogInformation("Unknown signing key {KeyId}: refreshing the Bot Framework keys", unverified.Kid);
            keys.RequestRefresh();
            configuration = await keys.GetAsync(cancellationToken);
        }

        var signingKey = FindKey(configuration, unverified.Kid);
        if (signingKey is null)
        {
            return Deny(unverified, "signing key not found");
        }

        var result = await _handler.ValidateTokenAsync(raw, Parameters(appId, configuration));
        if (!result.IsValid)
        {
            return Deny(unverified, "invalid token: " + (result.Exception?.GetType().Name ?? "unknown reason"));
        }

        var token = (JsonWebToken)result.SecurityToken;

        // §3.2.6: the key must endorse the channel the activity claims to come from.
        if (!Endorsements.Allows(Endorsements.Read(signingKey), activity.ChannelId))
        {
            return Deny(token, $"signing key does not endorse channel '{activity.ChannelId}'");
        }

        // §3.2.7: the serviceUrl we will post our token to must be the one Microsoft signed.
        if (!token.TryGetPayloadValue<string>(BotFrameworkAuth.ServiceUrlClaim, out var serviceUrlClaim)
            || string.IsNullOrEmpty(serviceUrlClaim)
            || !string.Equals(serviceUrlClaim, activity.ServiceUrl, StringComparison.OrdinalIgnoreCase))
        {
            return Deny(token, "serviceurl claim does not match the activity's serviceUrl");
        }

        return new AuthOutcome(true, true, null);
    }

    private TokenValidationParameters Parameters(string appId, OpenIdConnectConfiguration configuration) => new()
    {
        ValidIssuer = BotFrameworkAuth.ChannelIssuer,
        ValidateIssuer = true,
        ValidAudience = appId,
        ValidateAudience = true,
        ValidateLifetime = true,
        RequireExpirationTime = true,
        LifetimeValidator = ValidateLifetime,
        ClockSkew = BotFrameworkAuth.ClockSkew,
        RequireSignedTokens = true,
        ValidateIssuerSigningKey = true,
        IssuerSigningKeys = configuration.SigningKeys,
        // Match by kid only: a token naming one key but signed by another is not "valid with some key".
        TryAllIssuerSigningKeys = false,
        ValidAlgorithms = BotFrameworkAuth.AllowedAlgorithms,
    };

    /// <summary>Lifetime against the injected clock: exp required, nbf optional, 5 minutes of skew both ways.</summary>
    private bool ValidateLifetime(DateTime? notBefore, DateTime? expires, SecurityToken token, TokenValidationParameters parameters)
    {
        if (expires is not { } exp)
        {
            return false;
        }

        var now = time.GetUtcNow().UtcDateTime;
        var skew = parameters.ClockSkew;
        return (notBefore is not { } nbf || nbf.ToUniversalTime() <= now + skew) && exp.ToUniversalTime() >= now - skew;
    }

    private static JsonWebKey? FindKey(OpenIdConnectConfiguration configuration, string kid) =>
        configuration.JsonWebKeySet?.Keys.FirstOrDefault(k => string.Equals(k.Kid, kid, StringComparison.Ordinal));

    /// <summary>Exactly two parts, scheme <c>Bearer</c> (case-insensitive) — the SDK's header format check (§3.1.2).</summary>
    internal static bool TryReadBearer(string? header, out string token)
    {
        token = string.Empty;
        var parts = header?.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (parts is not [var scheme, var value] || !string.Equals(scheme, "Bearer", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        token = value;
        return true;
    }

    private AuthOutcome Deny(JsonWebToken token, string reason)
    {
        // Never the token itself: only who issued it, for whom, and until when (as teams.net logs).
        logger.LogWarning(
            "Rejected inbound token: {Reason} (iss {Issuer}, aud {Audience}, exp {Expires:o})",
            reason,
            token.Issuer,
            string.Join(",", token.Audiences),
            token.ValidTo);
        return AuthOutcome.Denied(reason);
    }
}
