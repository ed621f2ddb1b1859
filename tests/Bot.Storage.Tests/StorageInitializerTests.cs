using Bot.Storage.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Bot.Storage.Tests;

public sealed class StorageInitializerTests : IDisposable
{
    private readonly TempDatabase _db = new(migrate: false);

    public void Dispose() => _db.Dispose();

    private StorageInitializer Initializer(bool seed) =>
        new(_db.Migrator, _db.Seeder, Options.Create(new DemoOptions { Seed = seed }), NullLogger<StorageInitializer>.Instance);

    [Fact]
    public async Task Initialize_DemoSeedOff_MigratesOnly()
    {
        await Initializer(seed: false).InitializeAsync(new DateOnly(2026, 7, 15), allowDemoSeed: true, CancellationToken.None);

        Assert.NotEmpty(_db.Migrator.AppliedVersions());
        Assert.Equal(0, _db.Count("channel_daily"));
    }

    [Fact]
    public async Task Initialize_DataVerb_DoesNotSeedEvenWhenConfigured()
    {
        await Initializer(seed: true).InitializeAsync(new DateOnly(2026, 7, 15), allowDemoSeed: false, CancellationToken.None);

        Assert.Equal(0, _db.Count("channel_daily"));
    }

    [Fact]
    public async Task Initialize_DatabaseWithData_IsNotSeeded()
    {
        _db.Migrator.Migrate();
        _db.Import(Bot.Storage.Import.ImportKind.ChannelDaily, ChannelDay.File([A.ChannelDay("2026-06-01")]));

        await Initializer(seed: true).InitializeAsync(new DateOnly(2026, 7, 15), allowDemoSeed: true, CancellationToken.None);

        Assert.Equal(1, _db.Count("channel_daily"));
    }
}
