using System.Globalization;
using Bot.Storage.Demo;
using Bot.Storage.Sqlite;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Bot.Storage;

/// <summary>The startup step of storage: apply schema migrations, then seed demo data into an empty database when <c>Demo:Seed</c> is true.</summary>
public sealed class StorageInitializer(SchemaMigrator migrator, DemoSeeder seeder, IOptions<DemoOptions> demo, ILogger<StorageInitializer> logger)
{
    /// <param name="today">The team's today (TeamClock.Today()); demo data ends the day before.</param>
    /// <param name="allowDemoSeed">False for commands that must not add data on their own (import, export).</param>
    public async Task InitializeAsync(DateOnly today, bool allowDemoSeed, CancellationToken cancellationToken)
    {
        migrator.Migrate();
        if (!allowDemoSeed || !demo.Value.Seed || !await seeder.IsEmptyAsync(cancellationToken))
        {
            return;
        }

        logger.LogInformation("The database is empty and Demo:Seed is true: loading demo data up to {LastDay}", today.AddDays(-1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        await seeder.SeedAsync(DemoDataOptions.Demo(today), cancellationToken);
    }
}
