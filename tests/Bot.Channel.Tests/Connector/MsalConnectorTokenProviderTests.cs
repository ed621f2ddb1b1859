using Bot.Channel.Auth;
using Bot.Channel.Connector;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Bot.Channel.Tests.Connector;

public sealed class MsalConnectorTokenProviderTests
{
    [Fact]
    public async Task GetToken_LocalMode_ReturnsNullWithoutCallingEntra()
    {
        var provider = new MsalConnectorTokenProvider(Options.Create(new BotCredentialsOptions()), NullLogger<MsalConnectorTokenProvider>.Instance);

        Assert.Null(await provider.GetTokenAsync(CancellationToken.None));
    }

    [Fact]
    public async Task GetToken_AppIdWithoutSecret_ReturnsNull()
    {
        var options = new BotCredentialsOptions { MicrosoftAppId = "6b7a3e1c-2f4d-4c8e-9a10-0b1c2d3e4f50" };
        var provider = new MsalConnectorTokenProvider(Options.Create(options), NullLogger<MsalConnectorTokenProvider>.Instance);

        Assert.Null(await provider.GetTokenAsync(CancellationToken.None));
    }
}
