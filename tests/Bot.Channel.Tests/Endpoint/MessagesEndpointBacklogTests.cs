using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Bot.Channel.Auth;
using Bot.Channel.Endpoint;
using Bot.Channel.Protocol;
using Bot.Channel.Tests.Fakes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Bot.Channel.Tests.Endpoint;

/// <summary>POST /api/messages on 127.0.0.1 with the real endpoint and TurnRunner, a gated processor and no auth.</summary>
public sealed class MessagesEndpointBacklogTests : IAsyncLifetime
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(10);

    private readonly GatedProcessor _processor = new();
    private WebApplication _app = null!;
    private Uri _address = null!;

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        builder.Services.AddRouting().AddLogging();
        builder.Services.AddSingleton<IInboundAuthenticator, AllowAll>();
        builder.Services.AddSingleton<IActivityProcessor>(_processor);
        builder.Services.AddSingleton(Options.Create(new TurnOptions { MaxBacklog = 2 }));
        builder.Services.AddSingleton<TurnRunner>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<TurnRunner>());
        _app = builder.Build();
        _app.MapMessages();
        await _app.StartAsync();
        var address = _app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        _address = new Uri(new Uri(address), "/api/messages");
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task Post_BacklogFull_Returns503WithRetryAfterAndNeverRunsTheRefusedTurn()
    {
        _processor.HoldWork("a:1");
        Assert.Equal(HttpStatusCode.OK, (await PostAsync("message", "a:1", "1-1")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await PostAsync("message", "a:1", "1-2")).StatusCode);

        using var refused = await PostAsync("message", "a:1", "1-3");
        using var other = await PostAsync("conversationUpdate", "a:2", "2-1");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
        Assert.NotNull(refused.Headers.RetryAfter?.Delta);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, other.StatusCode);
        _processor.ReleaseWork("a:1");
        await _processor.Finished("1-2").WaitAsync(Bound);
        await _app.StopAsync();
        Assert.Equal(["1-1", "1-2"], _processor.Order);
    }

    [Fact]
    public async Task Post_InvokeWhileBacklogFull_IsStillAnsweredInline()
    {
        _processor.HoldWork("a:1");
        await PostAsync("message", "a:1", "1-1");
        await PostAsync("message", "a:1", "1-2");

        using var invoke = await PostAsync("invoke", "a:2", "2-1");

        Assert.Equal(HttpStatusCode.OK, invoke.StatusCode);
        Assert.Equal("inline", (string?)JsonNode.Parse(await invoke.Content.ReadAsStringAsync())!["answeredBy"]);
        _processor.ReleaseWork("a:1");
    }

    private async Task<HttpResponseMessage> PostAsync(string type, string conversationId, string id)
    {
        var body = new JsonObject { ["type"] = type, ["id"] = id, ["conversation"] = new JsonObject { ["id"] = conversationId } };
        using var content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
        using var client = new HttpClient();
        return await client.PostAsync(_address, content);
    }

    private sealed class AllowAll : IInboundAuthenticator
    {
        public Task<AuthOutcome> AuthenticateAsync(string? authorizationHeader, Activity activity, IPAddress? remoteAddress, CancellationToken cancellationToken) =>
            Task.FromResult(new AuthOutcome(true, false, null));
    }
}
