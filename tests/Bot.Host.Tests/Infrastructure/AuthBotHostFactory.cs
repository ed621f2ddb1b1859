using System.Net;
using Bot.Channel.Connector;
using Bot.Channel.Tests.Fakes;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Bot.Host.Tests.Infrastructure;

/// <summary>The host with <c>MicrosoftAppId</c> configured and its signing keys served by a local <see cref="FakeBotIdentity"/>.</summary>
/// <remarks>
/// No "disable auth" switch: tokens are minted with keys the validator downloads from 127.0.0.1 like it would from
/// login.botframework.com. Requests come from a public address, so only a valid token can let them in. Outbound
/// calls carry <see cref="OutboundToken"/> from a stand-in token provider (MSAL is not reachable in tests).
/// </remarks>
public sealed class AuthBotHostFactory : BotHostFactory
{
    public const string OutboundToken = "outbound-test-token";

    public FakeBotIdentity Identity { get; private set; } = null!;

    /// <summary>Published from the start, endorsing only <c>skype</c>: valid signature, wrong channel.</summary>
    public TestSigningKey SkypeOnlyKey { get; } = TestSigningKey.Create("skype-only-key", "skype");

    protected override IPAddress RemoteAddress { get; } = IPAddress.Parse("52.112.0.10");

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        Identity = await FakeBotIdentity.StartAsync();
        Identity.Publish(SkypeOnlyKey);
    }

    public string Mint(TokenSpec spec) => Identity.Mint(spec, TimeProvider.System.GetUtcNow());

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("MicrosoftAppId", FakeBotIdentity.AppId);
        builder.UseSetting("OpenIdMetadataUrl", Identity.MetadataUrl);
        builder.ConfigureTestServices(services => services.AddSingleton<IConnectorTokenProvider>(new StaticTokenProvider(OutboundToken)));
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (Identity is not null)
        {
            await Identity.DisposeAsync();
        }
    }

    private sealed class StaticTokenProvider(string token) : IConnectorTokenProvider
    {
        public Task<string?> GetTokenAsync(CancellationToken cancellationToken) => Task.FromResult<string?>(token);
    }
}
