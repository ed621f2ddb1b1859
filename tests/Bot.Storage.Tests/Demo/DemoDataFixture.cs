using System.Diagnostics;
using Bot.Storage.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Bot.Storage.Tests.Demo;

/// <summary>One database seeded through the startup step (<see cref="StorageInitializer"/>) for all demo tests.</summary>
public sealed class DemoDataFixture : IAsyncLifetime, IDisposable
{
    public static readonly DateOnly Today = new(2026, 7, 15);

    public TempDatabase Db { get; } = new(migrate: false);

    public TimeSpan SeedTime { get; private set; }

    public async Task InitializeAsync()
    {
        var initializer = new StorageInitializer(Db.Migrator, Db.Seeder, Options.Create(new DemoOptions { Seed = true }), NullLogger<StorageInitializer>.Instance);
        var stopwatch = Stopwatch.StartNew();
        await initializer.InitializeAsync(Today, allowDemoSeed: true, CancellationToken.None);
        SeedTime = stopwatch.Elapsed;
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose() => Db.Dispose();
}
