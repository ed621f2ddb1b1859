using Bot.Core.Conversations;
using Bot.Core.Metrics;
using Bot.Core.Time;
using Bot.Storage.Conversations;
using Bot.Storage.Demo;
using Bot.Storage.Export;
using Bot.Storage.Import;
using Bot.Storage.Metrics;
using Bot.Storage.Registry;
using Bot.Storage.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Bot.Storage;

public static class StorageServiceCollectionExtensions
{
    /// <summary>The SQLite store (<c>Storage:Path</c>), its ports, the importer/exporter, demo data and the startup step.</summary>
    /// <remarks>Call <see cref="InitializeStorageAsync"/> once the provider is built, before serving requests or running a CLI verb.</remarks>
    public static IServiceCollection AddStorage(this IServiceCollection services)
    {
        services.AddOptions<StorageOptions>().BindConfiguration(StorageOptions.Section);
        services.AddOptions<DemoOptions>().BindConfiguration(DemoOptions.Section);
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<SqliteDatabase>();
        services.AddSingleton<SchemaMigrator>();
        services.AddSingleton<MetricStore>();
        services.AddSingleton<IMetricStore>(sp => sp.GetRequiredService<MetricStore>());
        services.AddSingleton<SqliteConversationStore>();
        services.AddSingleton<IConversationSettingsStore>(sp => sp.GetRequiredService<SqliteConversationStore>());
        services.AddSingleton<IConversationDirectory>(sp => sp.GetRequiredService<SqliteConversationStore>());
        services.AddSingleton<RegistryStore>();
        services.AddSingleton<Bot.Core.DataFiles.IShopRegistry>(sp => sp.GetRequiredService<RegistryStore>());
        services.AddSingleton<CsvImporter>();
        services.AddSingleton<ImportLog>();
        services.AddSingleton<CsvExporter>();
        services.AddSingleton<DemoSeeder>();
        services.AddSingleton<DataImportNotifier>();
        services.AddSingleton<Bot.Core.DataFiles.IDataImport, DataImportService>();

        // First of the listeners, so the ones after it (alert evaluation) already see the new names. ReferenceData is AddCore's.
        services.AddSingleton<IDataImportedListener, ReferenceDataImportListener>();
        services.AddSingleton<StorageInitializer>();
        return services;
    }

    /// <summary>Runs migrations and, when allowed and configured, seeds demo data up to yesterday in the team's time zone.</summary>
    public static Task InitializeStorageAsync(this IServiceProvider services, bool allowDemoSeed = true, CancellationToken cancellationToken = default)
    {
        var today = services.GetRequiredService<TeamClock>().Today();
        return services.GetRequiredService<StorageInitializer>().InitializeAsync(today, allowDemoSeed, cancellationToken);
    }
}
