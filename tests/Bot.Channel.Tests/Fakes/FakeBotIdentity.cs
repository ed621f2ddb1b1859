using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Bot.Channel.Tests.Fakes;

/// <summary>A local stand-in for login.botframework.com: OpenID metadata + JWKS on 127.0.0.1, and a token mint.</summary>
/// <remarks>
/// Keys are RSA keys generated per instance; the published JWKS carries the non-standard <c>endorsements</c> array
/// exactly as the real one does. Shared between Bot.Channel.Tests and Bot.Host.Tests (linked source file).
/// </remarks>
public sealed class FakeBotIdentity : IAsyncDisposable
{
    public const string AppId = "6b7a3e1c-2f4d-4c8e-9a10-0b1c2d3e4f50";
    public const string Issuer = "https://api.botframework.com";

    private readonly WebApplication _app;
    private readonly Lock _gate = new();
    private readonly List<TestSigningKey> _published = [];
    private int _keyRequests;

    private FakeBotIdentity(WebApplication app)
    {
        _app = app;
        DefaultKey = TestSigningKey.Create("test-key-1", "msteams", "skype");
        _published.Add(DefaultKey);
    }

    public string MetadataUrl { get; private set; } = string.Empty;

    /// <summary>Published from the start and endorsed for msteams; signs tokens unless a spec says otherwise.</summary>
    public TestSigningKey DefaultKey { get; }

    /// <summary>How often the JWKS was downloaded: shows refreshes.</summary>
    public int KeyRequests => Volatile.Read(ref _keyRequests);

    public static async Task<FakeBotIdentity> StartAsync()
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var identity = new FakeBotIdentity(builder.Build());
        identity._app.Run(identity.HandleAsync);
        await identity._app.StartAsync();
        var address = identity._app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First().TrimEnd('/');
        identity.MetadataUrl = address + "/v1/.well-known/openidconfiguration";
        return identity;
    }

    public void Publish(TestSigningKey key)
    {
        lock (_gate)
        {
            _published.Add(key);
        }
    }

    /// <summary>A signed channel token for <paramref name="spec"/>; times are relative to <paramref name="now"/>.</summary>
    public string Mint(TokenSpec spec, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var key = spec.Key ?? DefaultKey;
        var claims = new Dictionary<string, object>();
        if (spec.ServiceUrl is { } serviceUrl)
        {
            claims[BotClaims.ServiceUrl] = serviceUrl;
        }

        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = spec.Issuer,
            Audience = spec.Audience,
            NotBefore = (now + spec.NotBeforeOffset).UtcDateTime,
            IssuedAt = (now + spec.NotBeforeOffset).UtcDateTime,
            Expires = spec.ExpiresOffset is { } exp ? (now + exp).UtcDateTime : null,
            Claims = claims,
            SigningCredentials = new SigningCredentials(key.SecurityKey, spec.Algorithm),
        };
        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(descriptor);
    }

    /// <summary>An unsigned token (<c>alg: none</c>) that names the default key.</summary>
    public string MintUnsigned(string serviceUrl, DateTimeOffset now)
    {
        var header = new JsonObject { ["alg"] = "none", ["typ"] = "JWT", ["kid"] = DefaultKey.KeyId };
        var payload = new JsonObject
        {
            ["iss"] = Issuer,
            ["aud"] = AppId,
            ["serviceurl"] = serviceUrl,
            ["nbf"] = now.AddMinutes(-1).ToUnixTimeSeconds(),
            ["exp"] = now.AddHours(1).ToUnixTimeSeconds(),
        };
        return Base64UrlEncoder.Encode(Encoding.UTF8.GetBytes(header.ToJsonString())) + "." + Base64UrlEncoder.Encode(Encoding.UTF8.GetBytes(payload.ToJsonString())) + ".";
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        foreach (var key in _published)
        {
            key.Dispose();
        }
    }

    private async Task HandleAsync(HttpContext context)
    {
        var origin = $"{context.Request.Scheme}://{context.Request.Host}";
        JsonNode document;
        switch (context.Request.Path.Value)
        {
            case "/v1/.well-known/openidconfiguration":
                document = new JsonObject
                {
                    ["issuer"] = Issuer,
                    ["authorization_endpoint"] = "https://invalid.botframework.com/v1/auth/authorize",
                    ["jwks_uri"] = origin + "/v1/.well-known/keys",
                    ["id_token_signing_alg_values_supported"] = new JsonArray("RS256"),
                    ["token_endpoint_auth_methods_supported"] = new JsonArray("private_key_jwt"),
                };
                break;
            case "/v1/.well-known/keys":
                Interlocked.Increment(ref _keyRequests);
                lock (_gate)
                {
                    document = new JsonObject { ["keys"] = new JsonArray([.. _published.Select(k => k.ToJwk())]) };
                }

                break;
            default:
                context.Response.StatusCode = 404;
                return;
        }

        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(document.ToJsonString(), context.RequestAborted);
    }

    private static class BotClaims
    {
        public const string ServiceUrl = "serviceurl";
    }
}

/// <summary>What to put in a minted token. Defaults describe a valid Teams channel token for <see cref="FakeBotIdentity.AppId"/>.</summary>
public sealed record TokenSpec(string? ServiceUrl)
{
    public string Issuer { get; init; } = FakeBotIdentity.Issuer;

    public string Audience { get; init; } = FakeBotIdentity.AppId;

    public TimeSpan NotBeforeOffset { get; init; } = TimeSpan.FromMinutes(-1);

    /// <summary>Null leaves <c>exp</c> out of the token.</summary>
    public TimeSpan? ExpiresOffset { get; init; } = TimeSpan.FromHours(1);

    /// <summary>Null signs with <see cref="FakeBotIdentity.DefaultKey"/>.</summary>
    public TestSigningKey? Key { get; init; }

    public string Algorithm { get; init; } = SecurityAlgorithms.RsaSha256;
}

/// <summary>An RSA signing key with a kid and the channels it endorses.</summary>
public sealed class TestSigningKey : IDisposable
{
    private readonly RSA _rsa;

    private TestSigningKey(string keyId, RSA rsa, IReadOnlyList<string> endorsements)
    {
        KeyId = keyId;
        _rsa = rsa;
        Endorsements = endorsements;
        SecurityKey = new RsaSecurityKey(rsa) { KeyId = keyId };
    }

    public string KeyId { get; }

    public IReadOnlyList<string> Endorsements { get; }

    public RsaSecurityKey SecurityKey { get; }

    public static TestSigningKey Create(string keyId, params string[] endorsements) => new(keyId, RSA.Create(2048), endorsements);

    public JsonObject ToJwk()
    {
        var parameters = _rsa.ExportParameters(includePrivateParameters: false);
        var jwk = new JsonObject
        {
            ["kty"] = "RSA",
            ["use"] = "sig",
            ["kid"] = KeyId,
            ["n"] = Base64UrlEncoder.Encode(parameters.Modulus),
            ["e"] = Base64UrlEncoder.Encode(parameters.Exponent),
        };
        if (Endorsements.Count > 0)
        {
            jwk["endorsements"] = new JsonArray([.. Endorsements.Select(e => (JsonNode)e)]);
        }

        return jwk;
    }

    public void Dispose() => _rsa.Dispose();
}
