using System.Diagnostics;
using System.Globalization;
using System.Text;
using Bot.Storage.Import;
using Bot.Storage.Registry;
using Bot.Storage.Sqlite;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Bot.Storage.Demo;

/// <summary>Loads generated demo data through the normal importer, so it passes the same validation as user files.</summary>
public sealed class DemoSeeder(SqliteDatabase database, CsvImporter importer, RegistryStore registry, ILogger<DemoSeeder>? logger = null)
{
    private readonly ILogger _logger = logger ?? NullLogger<DemoSeeder>.Instance;

    /// <summary>True when there is no channel-day row yet (a fresh database).</summary>
    public async Task<bool> IsEmptyAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return connection.Scalar("SELECT EXISTS (SELECT 1 FROM channel_daily)") == 0;
    }

    /// <summary>Registers the demo shops (with aliases) and channels, then imports every kind; re-seeding replaces the same keys.</summary>
    public async Task<IReadOnlyList<ImportResult>> SeedAsync(DemoDataOptions options, CancellationToken cancellationToken)
    {
        var stopwatch = Stopwatch.StartNew();
        var generator = new DemoDataGenerator(options);
        await RegisterAsync(generator, cancellationToken);

        var results = new List<ImportResult>();
        foreach (var kind in ImportKinds.All)
        {
            // Through a temporary file rather than memory: a large set (options.Large) is hundreds of MB of CSV.
            await using var buffer = new FileStream(
                Path.Combine(Path.GetTempPath(), $"opsbot-demo-{Guid.NewGuid():N}.csv"),
                FileMode.CreateNew,
                FileAccess.ReadWrite,
                FileShare.None,
                1 << 16,
                FileOptions.DeleteOnClose);
            await using (var writer = new StreamWriter(buffer, new UTF8Encoding(false), 1 << 16, leaveOpen: true))
            {
                generator.Write(kind, writer);
            }

            buffer.Position = 0;
            var result = await importer.ImportAsync(kind, buffer, ImportOptions.Default with { Source = "demo" }, cancellationToken);
            if (!result.Succeeded)
            {
                throw new InvalidOperationException("The demo data did not import: " + result.Summary);
            }

            results.Add(result);
        }

        _logger.LogInformation(
            "Seeded demo data: {Shops} shops, {Rows} rows up to {LastDay} in {ElapsedMs} ms",
            generator.Shops.Count,
            results.Sum(r => r.Rows),
            options.LastDay.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            stopwatch.ElapsedMilliseconds);
        return results;
    }

    /// <summary>
    /// Replaces the conversion dip's rows with recovered numbers (<see cref="DemoDataGenerator.WriteRecoveredDip"/>) through
    /// the normal importer: the demo's way to see an alert resolve.
    /// </summary>
    public async Task<ImportResult> SeedRecoveredDipAsync(DemoDataOptions options, CancellationToken cancellationToken)
    {
        var generator = new DemoDataGenerator(options);
        using var csv = new MemoryStream();
        await using (var writer = new StreamWriter(csv, new UTF8Encoding(false), 1 << 16, leaveOpen: true))
        {
            generator.WriteRecoveredDip(writer);
        }

        csv.Position = 0;
        var result = await importer.ImportAsync(ImportKind.ChannelDaily, csv, ImportOptions.Default with { Source = "demo" }, cancellationToken);
        return result.Succeeded ? result : throw new InvalidOperationException("The recovered demo data did not import: " + result.Summary);
    }

    /// <summary>Registers the generator's shops (names, aliases) and channels, e.g. before importing its files yourself.</summary>
    /// <remarks>Without this, an import registers unknown shops under their code, and the extra channels of a large set need --register-channels.</remarks>
    public async Task RegisterAsync(DemoDataGenerator generator, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(generator);
        foreach (var shop in generator.Shops)
        {
            await registry.UpsertShopAsync(shop.Code, shop.Name, shop.Aliases, cancellationToken);
        }

        foreach (var channel in generator.Channels)
        {
            await registry.UpsertChannelAsync(channel.Code, channel.Name, channel.ChineseName, channel.Aliases, cancellationToken);
        }
    }
}
