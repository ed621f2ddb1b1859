using System.Net;
using Bot.Channel.Tests.Fakes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Bot.Host.Tests.Infrastructure;

/// <summary>The real host (Program) on TestServer, in local mode (no App ID), with a real HTTP fake connector.</summary>
/// <remarks>
/// One host per test class (<c>IClassFixture&lt;BotHostFactory&gt;</c>). Storage goes to a temp file, demo seeding and
/// schedules are off, and requests appear to come from <see cref="RemoteAddress"/> (TestServer leaves it null).
/// Point an activity's serviceUrl at <see cref="Connector"/> and read what the bot sent from it.
/// </remarks>
public class BotHostFactory : WebApplicationFactory<Program>, IAsyncLifetime
{
    private readonly string _storagePath = Path.Combine(Path.GetTempPath(), $"opsbot-host-tests-{Guid.NewGuid():N}.db");

    public FakeConnector Connector { get; private set; } = null!;

    /// <summary>Every log line the host wrote, for asserting on rejection reasons (and on what is never logged).</summary>
    public LogCapture Logs { get; } = new();

    /// <summary>What <c>HttpContext.Connection.RemoteIpAddress</c> says for test requests.</summary>
    protected virtual IPAddress RemoteAddress => IPAddress.Loopback;

    /// <summary>Waits for what the bot sent to the fake connector; a timeout reports the host's warnings and errors.</summary>
    public async Task<IReadOnlyList<RecordedRequest>> SentAsync(Func<RecordedRequest, bool> match, int count = 1)
    {
        try
        {
            return await Connector.WaitForAsync(match, count);
        }
        catch (TimeoutException ex)
        {
            throw new TimeoutException(ex.Message + Environment.NewLine + "Host warnings and errors:" + Environment.NewLine + Logs.Problems(), ex);
        }
    }

    public virtual async Task InitializeAsync() => Connector = await FakeConnector.StartAsync();

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        await Connector.DisposeAsync();
        foreach (var file in new[] { _storagePath, _storagePath + "-wal", _storagePath + "-shm" })
        {
            File.Delete(file);
        }
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.UseEnvironment("Development");
        builder.UseSetting("Storage:Path", _storagePath);
        builder.UseSetting("Demo:Seed", "false");
        builder.UseSetting("Schedule:Enabled", "false");
        builder.UseSetting("MicrosoftAppId", string.Empty);
        builder.UseSetting("MicrosoftAppPassword", string.Empty);
        builder.UseSetting("Connector:RetryBaseDelayMs", "1");
        builder.ConfigureLogging(logging => logging.AddProvider(Logs));
        builder.ConfigureServices(services => services.AddSingleton<IStartupFilter>(new RemoteAddressStartupFilter(RemoteAddress)));
    }

    /// <summary>Stamps a remote address on requests that have none: the endpoint's loopback rule sees a caller.</summary>
    private sealed class RemoteAddressStartupFilter(IPAddress address) : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextMiddleware) =>
            {
                context.Connection.RemoteIpAddress ??= address;
                return nextMiddleware(context);
            });
            next(app);
        };
    }
}

/// <summary>Local mode, but the caller is a public address: everything must be refused.</summary>
public sealed class RemoteCallerHostFactory : BotHostFactory
{
    protected override IPAddress RemoteAddress { get; } = IPAddress.Parse("203.0.113.7");
}
