using System.Net;
using Bot.Channel.Auth;
using Bot.Channel.Protocol;
using Bot.Channel.Tests.Fakes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace Bot.Channel.Tests.Auth;

public sealed class BotAuthenticatorTests : IAsyncLifetime
{
    private const string ServiceUrl = "https://smba.trafficmanager.net/amer/";
    private static readonly IPAddress Remote = IPAddress.Parse("52.112.0.10");

    private readonly TestClock _clock = new(new DateTimeOffset(2026, 6, 18, 2, 0, 0, TimeSpan.Zero));
    private readonly ServiceProvider _http = new ServiceCollection().AddHttpClient().BuildServiceProvider();
    private FakeBotIdentity _identity = null!;

    public async Task InitializeAsync() => _identity = await FakeBotIdentity.StartAsync();

    public async Task DisposeAsync()
    {
        await _identity.DisposeAsync();
        await _http.DisposeAsync();
    }

    [Fact]
    public async Task Authenticate_ValidChannelToken_AllowsAndVerifiesServiceUrl()
    {
        var outcome = await AuthenticateAsync(new TokenSpec(ServiceUrl));

        Assert.True(outcome.Allowed, outcome.FailureReason);
        Assert.True(outcome.ServiceUrlVerified);
    }

    [Fact]
    public async Task Authenticate_NoHeader_Denies()
    {
        var outcome = await Authenticator().AuthenticateAsync(null, Activity(), Remote, CancellationToken.None);

        Assert.False(outcome.Allowed);
        Assert.Contains("missing", outcome.FailureReason, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("Basic dXNlcjpwYXNz")]
    [InlineData("Bearer")]
    [InlineData("Bearer a b")]
    [InlineData("Bearer not-a-jwt")]
    public async Task Authenticate_MalformedHeader_Denies(string header)
    {
        var outcome = await Authenticator().AuthenticateAsync(header, Activity(), Remote, CancellationToken.None);

        Assert.False(outcome.Allowed);
    }

    [Fact]
    public async Task Authenticate_LowerCaseBearerScheme_Allows()
    {
        var token = _identity.Mint(new TokenSpec(ServiceUrl), _clock.Now);

        var outcome = await Authenticator().AuthenticateAsync("bearer " + token, Activity(), Remote, CancellationToken.None);

        Assert.True(outcome.Allowed, outcome.FailureReason);
    }

    [Fact]
    public async Task Authenticate_WrongIssuer_DeniesBeforeDownloadingKeys()
    {
        var outcome = await AuthenticateAsync(new TokenSpec(ServiceUrl) { Issuer = "https://sts.windows.net/d6d49420-f39b-4df7-a1dc-d59a935871db/" });

        Assert.False(outcome.Allowed);
        Assert.Equal(0, _identity.KeyRequests);
    }

    [Fact]
    public async Task Authenticate_WrongAudience_Denies()
    {
        var outcome = await AuthenticateAsync(new TokenSpec(ServiceUrl) { Audience = "11111111-2222-3333-4444-555555555555" });

        Assert.False(outcome.Allowed);
    }

    [Theory]
    [InlineData(-4, true)]
    [InlineData(-6, false)]
    public async Task Authenticate_ExpiredToken_AllowedOnlyWithinFiveMinutesOfSkew(int expiresMinutes, bool allowed)
    {
        var spec = new TokenSpec(ServiceUrl) { NotBeforeOffset = TimeSpan.FromHours(-1), ExpiresOffset = TimeSpan.FromMinutes(expiresMinutes) };

        var outcome = await AuthenticateAsync(spec);

        Assert.Equal(allowed, outcome.Allowed);
    }

    [Theory]
    [InlineData(4, true)]
    [InlineData(6, false)]
    public async Task Authenticate_NotYetValidToken_AllowedOnlyWithinFiveMinutesOfSkew(int notBeforeMinutes, bool allowed)
    {
        var spec = new TokenSpec(ServiceUrl) { NotBeforeOffset = TimeSpan.FromMinutes(notBeforeMinutes), ExpiresOffset = TimeSpan.FromHours(1) };

        var outcome = await AuthenticateAsync(spec);

        Assert.Equal(allowed, outcome.Allowed);
    }

    [Fact]
    public async Task Authenticate_TokenWithoutExpiry_Denies()
    {
        var outcome = await AuthenticateAsync(new TokenSpec(ServiceUrl) { ExpiresOffset = null });

        Assert.False(outcome.Allowed);
    }

    [Fact]
    public async Task Authenticate_SignedByAnotherKeyUnderAPublishedKid_Denies()
    {
        using var impostor = TestSigningKey.Create(_identity.DefaultKey.KeyId, "msteams");

        var outcome = await AuthenticateAsync(new TokenSpec(ServiceUrl) { Key = impostor });

        Assert.False(outcome.Allowed);
    }

    [Fact]
    public async Task Authenticate_UnknownKid_RefreshesKeysOnceThenDenies()
    {
        using var unknown = TestSigningKey.Create("unknown-kid", "msteams");
        var authenticator = Authenticator();

        var first = await AuthenticateAsync(new TokenSpec(ServiceUrl) { Key = unknown }, authenticator);
        var second = await AuthenticateAsync(new TokenSpec(ServiceUrl) { Key = unknown }, authenticator);

        Assert.False(first.Allowed);
        Assert.False(second.Allowed);
        // Initial download plus exactly one forced refresh: a flood of unknown kids cannot hammer the key endpoint.
        Assert.Equal(2, _identity.KeyRequests);
    }

    [Fact]
    public async Task Authenticate_KeyRotatedAfterFirstDownload_AcceptsNewKeyAfterRefresh()
    {
        var authenticator = Authenticator();
        Assert.True((await AuthenticateAsync(new TokenSpec(ServiceUrl), authenticator)).Allowed);
        var rotated = TestSigningKey.Create("rotated-key", "msteams");
        _identity.Publish(rotated);

        var outcome = await AuthenticateAsync(new TokenSpec(ServiceUrl) { Key = rotated }, authenticator);

        Assert.True(outcome.Allowed, outcome.FailureReason);
        Assert.Equal(2, _identity.KeyRequests);
    }

    [Fact]
    public async Task Authenticate_KeyNotEndorsingTheChannel_Denies()
    {
        var skypeOnly = TestSigningKey.Create("skype-only", "skype");
        _identity.Publish(skypeOnly);

        var outcome = await AuthenticateAsync(new TokenSpec(ServiceUrl) { Key = skypeOnly });

        Assert.False(outcome.Allowed);
        Assert.Contains("endorse", outcome.FailureReason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Authenticate_KeyWithoutEndorsements_Denies()
    {
        var bare = TestSigningKey.Create("no-endorsements");
        _identity.Publish(bare);

        var outcome = await AuthenticateAsync(new TokenSpec(ServiceUrl) { Key = bare });

        Assert.False(outcome.Allowed);
    }

    [Fact]
    public async Task Authenticate_ActivityWithoutChannelId_Denies()
    {
        var token = _identity.Mint(new TokenSpec(ServiceUrl), _clock.Now);
        var activity = Activity();
        activity.ChannelId = null;

        var outcome = await Authenticator().AuthenticateAsync("Bearer " + token, activity, Remote, CancellationToken.None);

        Assert.False(outcome.Allowed);
    }

    [Fact]
    public async Task Authenticate_ServiceUrlClaimDiffers_Denies()
    {
        var outcome = await AuthenticateAsync(new TokenSpec("https://smba.trafficmanager.net/emea/"));

        Assert.False(outcome.Allowed);
        Assert.Contains("serviceurl", outcome.FailureReason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Authenticate_NoServiceUrlClaim_Denies()
    {
        var outcome = await AuthenticateAsync(new TokenSpec(ServiceUrl: null));

        Assert.False(outcome.Allowed);
    }

    [Fact]
    public async Task Authenticate_ServiceUrlClaimDiffersOnlyInCase_Allows()
    {
        var outcome = await AuthenticateAsync(new TokenSpec("https://SMBA.trafficmanager.net/amer/"));

        Assert.True(outcome.Allowed, outcome.FailureReason);
    }

    [Fact]
    public async Task Authenticate_PssAlgorithmWithPublishedKey_Denies()
    {
        // A valid signature, but only RS256/384/512 are allowed (§3.2.3).
        var outcome = await AuthenticateAsync(new TokenSpec(ServiceUrl) { Algorithm = SecurityAlgorithms.RsaSsaPssSha256 });

        Assert.False(outcome.Allowed);
    }

    [Fact]
    public async Task Authenticate_Rs512_Allows()
    {
        var outcome = await AuthenticateAsync(new TokenSpec(ServiceUrl) { Algorithm = SecurityAlgorithms.RsaSha512 });

        Assert.True(outcome.Allowed, outcome.FailureReason);
    }

    [Fact]
    public async Task Authenticate_UnsignedToken_Denies()
    {
        var token = _identity.MintUnsigned(ServiceUrl, _clock.Now);

        var outcome = await Authenticator().AuthenticateAsync("Bearer " + token, Activity(), Remote, CancellationToken.None);

        Assert.False(outcome.Allowed);
    }

    [Fact]
    public async Task Authenticate_MetadataUnreachable_DeniesWithoutThrowing()
    {
        var options = new BotCredentialsOptions { MicrosoftAppId = FakeBotIdentity.AppId, OpenIdMetadataUrl = "http://127.0.0.1:1/v1/.well-known/openidconfiguration" };
        var token = _identity.Mint(new TokenSpec(ServiceUrl), _clock.Now);

        var outcome = await Authenticator(options).AuthenticateAsync("Bearer " + token, Activity(), Remote, CancellationToken.None);

        Assert.False(outcome.Allowed);
    }

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("::1")]
    public async Task Authenticate_LocalModeFromLoopback_AllowsUnverified(string address)
    {
        var outcome = await Authenticator(new BotCredentialsOptions()).AuthenticateAsync(null, Activity(), IPAddress.Parse(address), CancellationToken.None);

        Assert.True(outcome.Allowed);
        Assert.False(outcome.ServiceUrlVerified);
    }

    [Fact]
    public async Task Authenticate_LocalModeIgnoresTokens_StillRequiresLoopback()
    {
        var authenticator = Authenticator(new BotCredentialsOptions());

        var loopback = await authenticator.AuthenticateAsync("Bearer whatever", Activity(), IPAddress.Loopback, CancellationToken.None);
        var remote = await authenticator.AuthenticateAsync("Bearer " + _identity.Mint(new TokenSpec(ServiceUrl), _clock.Now), Activity(), Remote, CancellationToken.None);

        Assert.True(loopback.Allowed);
        Assert.False(loopback.ServiceUrlVerified);
        Assert.False(remote.Allowed);
    }

    [Fact]
    public async Task Authenticate_LocalModeWithoutRemoteAddress_Denies()
    {
        var outcome = await Authenticator(new BotCredentialsOptions()).AuthenticateAsync(null, Activity(), null, CancellationToken.None);

        Assert.False(outcome.Allowed);
    }

    [Theory]
    [InlineData("https://login.botframework.com/v1/.well-known/openidconfiguration", true)]
    [InlineData("http://127.0.0.1:5000/v1/.well-known/openidconfiguration", true)]
    [InlineData("http://localhost:5000/v1/.well-known/openidconfiguration", true)]
    [InlineData("http://login.botframework.com/v1/.well-known/openidconfiguration", false)]
    [InlineData("not a url", false)]
    public void Validate_MetadataUrl_RequiresHttpsUnlessLoopback(string url, bool valid)
    {
        var options = new BotCredentialsOptions { OpenIdMetadataUrl = url };

        Assert.Equal(valid, options.Validate() is null);
    }

    [Fact]
    public void Validate_SingleTenantWithoutTenant_Fails()
    {
        var options = new BotCredentialsOptions { MicrosoftAppId = FakeBotIdentity.AppId, MicrosoftAppType = "SingleTenant" };

        Assert.NotNull(options.Validate());
    }

    [Theory]
    [InlineData("MultiTenant", null, "https://login.microsoftonline.com/botframework.com")]
    [InlineData("SingleTenant", "0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0", "https://login.microsoftonline.com/0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0")]
    public void Authority_FollowsAppType(string appType, string? tenant, string expected)
    {
        var options = new BotCredentialsOptions { MicrosoftAppId = FakeBotIdentity.AppId, MicrosoftAppType = appType, MicrosoftAppTenantId = tenant };

        Assert.Equal(expected, options.Authority);
    }

    private Task<AuthOutcome> AuthenticateAsync(TokenSpec spec, BotAuthenticator? authenticator = null) =>
        (authenticator ?? Authenticator()).AuthenticateAsync("Bearer " + _identity.Mint(spec, _clock.Now), Activity(), Remote, CancellationToken.None);

    private BotAuthenticator Authenticator(BotCredentialsOptions? settings = null)
    {
        var options = Options.Create(settings ?? new BotCredentialsOptions { MicrosoftAppId = FakeBotIdentity.AppId, OpenIdMetadataUrl = _identity.MetadataUrl });
        var keys = new SigningKeySource(options, _http.GetRequiredService<IHttpClientFactory>());
        return new BotAuthenticator(options, keys, _clock, NullLogger<BotAuthenticator>.Instance);
    }

    private static Activity Activity() => new()
    {
        Type = ActivityTypes.Message,
        Id = "1718676000000",
        ChannelId = "msteams",
        ServiceUrl = ServiceUrl,
        Conversation = new ConversationAccount { Id = "a:1personal" },
        Text = "help",
    };
}
