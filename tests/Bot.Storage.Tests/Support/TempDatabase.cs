using System.Security.Cryptography;
using System.Text;
using Bot.Storage.Demo;
using Bot.Storage.Export;
using Bot.Storage.Import;
using Bot.Storage.Metrics;
using Bot.Storage.Registry;
using Bot.Storage.Sqlite;
using Microsoft.Data.Sqlite;

namespace Bot.Storage.Tests.Support;

/// <summary>A real SQLite file under the temp folder with the real schema scripts; deleted on dispose.</summary>
public sealed class TempDatabase : IDisposable
{
    public TempDatabase(bool migrate = true)
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "opsbot-tests", Guid.NewGuid().ToString("N"), "test.db");
        Database = new SqliteDatabase(Path);
        Migrator = new SchemaMigrator(Database, TimeProvider.System);
        if (migrate)
        {
            Migrator.Migrate();
        }

        Importer = new CsvImporter(Database);
        Exporter = new CsvExporter(Database);
        Store = new MetricStore(Database);
        Registry = new RegistryStore(Database);
        Seeder = new DemoSeeder(Database, Importer, Registry);
    }

    public string Path { get; }

    public SqliteDatabase Database { get; }

    public SchemaMigrator Migrator { get; }

    public CsvImporter Importer { get; }

    public CsvExporter Exporter { get; }

    public MetricStore Store { get; }

    public RegistryStore Registry { get; }

    public DemoSeeder Seeder { get; }

    /// <summary>The data tables whose content an import may change.</summary>
    public static readonly string[] DataTables =
        ["shop", "shop_alias", "channel", "channel_alias", "channel_daily", "sku", "sku_daily", "campaign", "campaign_alias", "campaign_cost", "goal", "buyer"];

    public ImportResult Import(ImportKind kind, string csv, bool registerChannels = false) =>
        Importer.Import(kind, new MemoryStream(Encoding.UTF8.GetBytes(csv)), new ImportOptions(registerChannels));

    public ImportResult Import(ImportKind kind, byte[] csv, bool registerChannels = false) =>
        Importer.Import(kind, new MemoryStream(csv), new ImportOptions(registerChannels));

    public string Export(ImportKind kind)
    {
        using var writer = new StringWriter();
        Exporter.Export(kind, writer);
        return writer.ToString();
    }

    public long Count(string table)
    {
        using var connection = Database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT COUNT(*) FROM {table}";
        return (long)command.ExecuteScalar()!;
    }

    public void Execute(string sql)
    {
        using var connection = Database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    /// <summary>Row counts and a SHA-256 over every row of every data table, in key order: equal fingerprints mean unchanged content.</summary>
    public string Fingerprint()
    {
        using var connection = Database.Open();
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var counts = new StringBuilder();
        foreach (var table in DataTables)
        {
            using var command = connection.CreateCommand();
            command.CommandText = $"SELECT * FROM {table}";
            using var reader = command.ExecuteReader();
            var rows = new List<string>();
            while (reader.Read())
            {
                var row = new StringBuilder();
                for (var i = 0; i < reader.FieldCount; i++)
                {
                    row.Append(Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture)).Append('\u001F');
                }

                rows.Add(row.ToString());
            }

            rows.Sort(StringComparer.Ordinal);
            foreach (var row in rows)
            {
                hash.AppendData(Encoding.UTF8.GetBytes(row + "\n"));
            }

            counts.Append(table).Append('=').Append(rows.Count).Append(' ');
        }

        return counts + Convert.ToHexString(hash.GetHashAndReset());
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        var directory = System.IO.Path.GetDirectoryName(Path)!;
        if (Directory.Exists(directory))
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
