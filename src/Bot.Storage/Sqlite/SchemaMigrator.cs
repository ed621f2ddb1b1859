using System.Globalization;
using System.Reflection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Bot.Storage.Sqlite;

/// <summary>One versioned schema script: embedded <c>Schema/NNN_name.sql</c>.</summary>
public sealed record SchemaScript(int Version, string Name, string Sql);

/// <summary>Applies the embedded <c>Schema/NNN_name.sql</c> scripts in version order, each in its own transaction.</summary>
/// <remarks>
/// Applied versions are recorded in <c>schema_version</c>, so running it again does nothing. Every
/// embedded script under Schema/ is picked up: a feature adds a table by adding the next number.
/// Two processes starting together are safe: each script runs under <c>BEGIN IMMEDIATE</c> and the
/// version is re-checked inside the transaction.
/// </remarks>
public sealed class SchemaMigrator(SqliteDatabase database, TimeProvider time, ILogger<SchemaMigrator>? logger = null)
{
    private const string ResourcePrefix = "Bot.Storage.Schema.";

    private readonly ILogger _logger = logger ?? NullLogger<SchemaMigrator>.Instance;

    /// <summary>The embedded scripts, ordered by version; duplicate or malformed numbers fail loudly.</summary>
    public static IReadOnlyList<SchemaScript> Scripts { get; } = LoadScripts();

    /// <summary>Brings the database to the newest version (or to <paramref name="upToVersion"/>); returns the versions applied.</summary>
    public IReadOnlyList<int> Migrate(int? upToVersion = null)
    {
        using var connection = database.Open();
        using (var setup = connection.CreateCommand())
        {
            // WAL is persistent in the file and cannot be switched inside a transaction.
            setup.CommandText = """
                PRAGMA journal_mode = WAL;
                CREATE TABLE IF NOT EXISTS schema_version (
                    version    INTEGER PRIMARY KEY,
                    name       TEXT NOT NULL,
                    applied_at TEXT NOT NULL
                );
                """;
            setup.ExecuteNonQuery();
        }

        var applied = new List<int>();
        foreach (var script in Scripts)
        {
            if (upToVersion is { } max && script.Version > max)
            {
                break;
            }

            using var transaction = connection.BeginTransaction();
            using (var check = connection.CreateCommand())
            {
                check.Transaction = transaction;
                check.CommandText = "SELECT COUNT(*) FROM schema_version WHERE version = $version";
                check.Parameters.AddWithValue("$version", script.Version);
                if ((long)check.ExecuteScalar()! > 0)
                {
                    continue;
                }
            }

            using (var apply = connection.CreateCommand())
            {
                apply.Transaction = transaction;
                apply.CommandText = script.Sql;
                apply.ExecuteNonQuery();
            }

            using (var record = connection.CreateCommand())
            {
                record.Transaction = transaction;
                record.CommandText = "INSERT INTO schema_version (version, name, applied_at) VALUES ($version, $name, $at)";
                record.Parameters.AddWithValue("$version", script.Version);
                record.Parameters.AddWithValue("$name", script.Name);
                record.Parameters.AddWithValue("$at", time.GetUtcNow().ToString("O", CultureInfo.InvariantCulture));
                record.ExecuteNonQuery();
            }

            transaction.Commit();
            applied.Add(script.Version);
            _logger.LogInformation("Applied schema migration {Version} {Name} to {Path}", script.Version, script.Name, database.FilePath);
        }

        return applied;
    }

    /// <summary>The versions recorded in <c>schema_version</c>, ascending.</summary>
    public IReadOnlyList<int> AppliedVersions()
    {
        using var connection = database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'schema_version'";
        if (command.ExecuteScalar() is null)
        {
            return [];
        }

        command.CommandText = "SELECT version FROM schema_version ORDER BY version";
        using var reader = command.ExecuteReader();
        var versions = new List<int>();
        while (reader.Read())
        {
            versions.Add(reader.GetInt32(0));
        }

        return versions;
    }

    private static List<SchemaScript> LoadScripts()
    {
        var assembly = typeof(SchemaMigrator).Assembly;
        var scripts = new List<SchemaScript>();
        foreach (var resource in assembly.GetManifestResourceNames())
        {
            if (!resource.StartsWith(ResourcePrefix, StringComparison.Ordinal) || !resource.EndsWith(".sql", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var fileName = resource[ResourcePrefix.Length..^".sql".Length];
            var separator = fileName.IndexOf('_', StringComparison.Ordinal);
            if (separator <= 0 || !int.TryParse(fileName.AsSpan(0, separator), NumberStyles.None, CultureInfo.InvariantCulture, out var version))
            {
                throw new InvalidOperationException($"Schema script '{fileName}.sql' must be named NNN_name.sql.");
            }

            scripts.Add(new SchemaScript(version, fileName[(separator + 1)..], Read(assembly, resource)));
        }

        scripts.Sort((a, b) => a.Version.CompareTo(b.Version));
        for (var i = 1; i < scripts.Count; i++)
        {
            if (scripts[i].Version == scripts[i - 1].Version)
            {
                throw new InvalidOperationException($"Two schema scripts share version {scripts[i].Version}: {scripts[i - 1].Name} and {scripts[i].Name}.");
            }
        }

        return scripts;
    }

    private static string Read(Assembly assembly, string resource)
    {
        using var stream = assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"Embedded schema script {resource} is missing.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
