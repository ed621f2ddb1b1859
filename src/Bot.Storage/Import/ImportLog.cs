using System.Globalization;
using Bot.Core.DataFiles;
using Bot.Storage.Sqlite;
using Microsoft.Data.Sqlite;

namespace Bot.Storage.Import;

/// <summary>The import log (schema 050) and what data is in: each shop's newest day, read from the keys' ends.</summary>
public sealed class ImportLog(SqliteDatabase database)
{
    /// <summary>Records an import inside its own transaction, so the entry commits or rolls back with the data.</summary>
    internal static void Append(SqliteConnection connection, SqliteTransaction transaction, DateTimeOffset at, string kind, string source, long rows, long inserted, int? firstDay, int? lastDay)
    {
        using var command = connection.Command(
            "INSERT INTO import_log (at, kind, source, rows, inserted, replaced, first_day, last_day) VALUES ($at, $kind, $source, $rows, $inserted, $replaced, $first, $last)",
            transaction);
        command.Parameters.AddWithValue("$first", (object?)firstDay ?? DBNull.Value);
        command.Parameters.AddWithValue("$last", (object?)lastDay ?? DBNull.Value);
        command.Parameters.AddWithValue("$at", at.ToUniversalTime().ToString("yyyy-MM-ddTHH:mm:ss.fffzzz", CultureInfo.InvariantCulture));
        command.Parameters.AddWithValue("$kind", kind);
        command.Parameters.AddWithValue("$source", source);
        command.Parameters.AddWithValue("$rows", rows);
        command.Parameters.AddWithValue("$inserted", inserted);
        command.Parameters.AddWithValue("$replaced", rows - inserted);
        command.ExecuteNonQuery();
    }

    public async Task<DataStatus> GetStatusAsync(DateOnly windowStart, DateOnly windowEnd, int recentImports, string? shop, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var shops = new List<ShopFreshness>();
        await using (var command = connection.Command("""
            SELECT s.code, s.name,
                   (SELECT MAX(d.day) FROM channel_daily d WHERE d.shop = s.id),
                   (SELECT MAX(k.day) FROM sku_daily k WHERE k.shop = s.id),
                   (SELECT COUNT(DISTINCT d.day) FROM channel_daily d WHERE d.shop = s.id AND d.day BETWEEN $from AND $to)
            FROM shop s WHERE $shop IS NULL OR s.code = $shop ORDER BY s.id
            """))
        {
            command.Parameters.AddWithValue("$shop", (object?)shop ?? DBNull.Value);
            // Each MAX is a seek to the end of the shop's key range (shop, day, …); the count reads the window's rows only.
            command.Parameters.AddWithValue("$from", Days.ToDay(windowStart));
            command.Parameters.AddWithValue("$to", Days.ToDay(windowEnd));
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                shops.Add(new ShopFreshness(
                    reader.GetString(0),
                    reader.GetString(1),
                    reader.IsDBNull(2) ? null : Days.ToDate(reader.GetInt64(2)),
                    reader.IsDBNull(3) ? null : Days.ToDate(reader.GetInt64(3)),
                    reader.GetInt32(4)));
            }
        }

        // The latest imports, and the newest of each kind however long ago: when did goals or buyers last come in?
        var imports = new Dictionary<long, ImportLogEntry>();
        await ReadImportsAsync(connection, "ORDER BY id DESC LIMIT $limit", ("$limit", recentImports), imports, cancellationToken);
        foreach (var kind in ImportKinds.All)
        {
            await ReadImportsAsync(connection, "WHERE kind = $kind ORDER BY id DESC LIMIT 1", ("$kind", ImportKinds.Name(kind)), imports, cancellationToken);
        }

        return new DataStatus(windowStart, windowEnd, shops, [.. imports.OrderByDescending(i => i.Key).Select(i => i.Value)]);
    }

    private static async Task ReadImportsAsync(SqliteConnection connection, string tail, (string Name, object Value) parameter, Dictionary<long, ImportLogEntry> into, CancellationToken cancellationToken)
    {
        await using var command = connection.Command("SELECT id, at, kind, source, rows, inserted, replaced, first_day, last_day FROM import_log " + tail);
        command.Parameters.AddWithValue(parameter.Name, parameter.Value);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            into[reader.GetInt64(0)] = new ImportLogEntry(
                DateTimeOffset.Parse(reader.GetString(1), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal),
                reader.GetString(2),
                reader.GetString(3),
                reader.GetInt64(4),
                reader.GetInt64(5),
                reader.GetInt64(6))
            {
                FirstDay = reader.IsDBNull(7) ? null : Days.ToDate(reader.GetInt64(7)),
                LastDay = reader.IsDBNull(8) ? null : Days.ToDate(reader.GetInt64(8)),
            };
        }
    }
}
