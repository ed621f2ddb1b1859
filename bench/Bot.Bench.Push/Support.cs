using System.Globalization;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Bot.Bench.Push;

/// <summary>The real host (Program.cs composition) in-process on the bench file with a fixed clock; schedules, demo seeding and delivery off.</summary>
/// <remarks>Only <see cref="TimeProvider"/> differs from production. Quartz is off because the bench calls what the job calls
/// (<c>PushDispatcher.FireAsync</c>) itself; the delivery worker is off so the outbox keeps what was queued.</remarks>
internal sealed class PushBenchHost(string databasePath, TimeProvider clock) : WebApplicationFactory<Program>
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.UseEnvironment("Production");
        builder.UseSetting("Storage:Path", databasePath);
        builder.UseSetting("Demo:Seed", "false");
        builder.UseSetting("Schedule:Enabled", "false");
        builder.UseSetting("Schedule:Outbox:WorkerEnabled", "false");
        builder.UseSetting("MicrosoftAppId", string.Empty);
        builder.UseSetting("MicrosoftAppPassword", string.Empty);
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        builder.ConfigureTestServices(services => services.AddSingleton(clock));
    }
}

/// <summary>A clock that stands still where the bench puts it.</summary>
internal sealed class FixedClock(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;

    public override DateTimeOffset GetUtcNow() => Now;
}

/// <summary>Command-line options (<c>--name value</c>).</summary>
internal sealed record BenchOptions(string Db, string Source, int Subscriptions, int Parallel, int Runs)
{
    public static BenchOptions Parse(string[] args)
    {
        var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            values[args[i].TrimStart('-')] = args[i + 1];
        }

        int Int(string name, int fallback) => values.TryGetValue(name, out var v) ? int.Parse(v, CultureInfo.InvariantCulture) : fallback;
        return new BenchOptions(
            values.GetValueOrDefault("db") ?? "/tmp/opsbot-bench-push/large.db",
            values.GetValueOrDefault("source") ?? "/tmp/opsbot-bench/large.db",
            Int("subscriptions", 1000),
            Math.Max(1, Int("parallel", 1)),
            Math.Max(1, Int("runs", 2)));
    }
}
