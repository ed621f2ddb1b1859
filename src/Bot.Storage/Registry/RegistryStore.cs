using Bot.Core.DataFiles;
using Bot.Storage.Sqlite;
using Microsoft.Data.Sqlite;

namespace Bot.Storage.Registry;

/// <summary>Adds or updates shops and channels with their aliases (imports register unknown shops by themselves).</summary>
public sealed class RegistryStore(SqliteDatabase database) : IShopRegistry
{
    /// <summary>Renames a known shop and adds aliases, in one transaction; an alias that names another shop is left out and reported.</summary>
    public async Task<IReadOnlyList<(string Alias, string OtherShop)>> NameShopAsync(string code, string name, IReadOnlyList<string> aliases, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(aliases);
        await using var connection = await database.OpenAsync(cancellationToken);
        using var transaction = connection.BeginTransaction();
        long id;
        using (var find = connection.Command("SELECT id FROM shop WHERE code = $code", transaction))
        {
            find.Parameters.AddWithValue("$code", code);
            id = find.ExecuteScalar() is long found ? found : throw new ArgumentException($"No shop with code '{code}'.", nameof(code));
        }

        var taken = new List<(string, string)>();
        var free = new List<string>();
        using (var owner = connection.Command("SELECT s.code FROM shop_alias a JOIN shop s ON s.id = a.shop_id WHERE a.alias_key = $key AND a.shop_id <> $id", transaction))
        {
            var key = owner.Parameter("$key");
            owner.Parameters.AddWithValue("$id", id);
            foreach (var alias in aliases.Prepend(name))
            {
                key.Value = RegistryKey.Normalize(alias);
                if (owner.ExecuteScalar() is string other)
                {
                    taken.Add((alias, other));
                }
                else
                {
                    free.Add(alias);
                }
            }
        }

        if (taken.Any(t => t.Item1 == name))
        {
            transaction.Rollback();
            return taken;
        }

        using (var rename = connection.Command("UPDATE shop SET name = $name WHERE id = $id", transaction))
        {
            rename.Parameters.AddWithValue("$name", name);
            rename.Parameters.AddWithValue("$id", id);
            rename.ExecuteNonQuery();
        }

        AddAliases(connection, transaction, "shop_alias", "shop_id", id, free);
        transaction.Commit();
        return taken;
    }

    /// <summary>Registers a shop, or renames it and adds aliases when the code exists.</summary>
    public async Task UpsertShopAsync(string code, string name, IReadOnlyList<string> aliases, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        using var transaction = connection.BeginTransaction();
        var id = UpsertOne(connection, transaction, "INSERT INTO shop (code, name) VALUES ($code, $name) ON CONFLICT (code) DO UPDATE SET name = excluded.name RETURNING id", code, name, null);
        AddAliases(connection, transaction, "shop_alias", "shop_id", id, [code, name, .. aliases]);
        transaction.Commit();
    }

    /// <summary>Registers a channel, or renames it and adds aliases when the code exists.</summary>
    public async Task UpsertChannelAsync(string code, string name, string chineseName, IReadOnlyList<string> aliases, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        using var transaction = connection.BeginTransaction();
        var id = UpsertOne(
            connection,
            transaction,
            """
            INSERT INTO channel (code, name, chinese_name, sort_order)
            VALUES ($code, $name, $chinese, (SELECT COALESCE(MAX(sort_order), 0) + 10 FROM channel))
            ON CONFLICT (code) DO UPDATE SET name = excluded.name, chinese_name = excluded.chinese_name
            RETURNING id
            """,
            code,
            name,
            chineseName);
        AddAliases(connection, transaction, "channel_alias", "channel_id", id, [code, name, chineseName, .. aliases]);
        transaction.Commit();
    }

    private static long UpsertOne(SqliteConnection connection, SqliteTransaction transaction, string sql, string code, string name, string? chinese)
    {
        using var command = connection.Command(sql, transaction);
        command.Parameters.AddWithValue("$code", code);
        command.Parameters.AddWithValue("$name", name);
        if (chinese is not null)
        {
            command.Parameters.AddWithValue("$chinese", chinese);
        }

        return (long)command.ExecuteScalar()!;
    }

    private static void AddAliases(SqliteConnection connection, SqliteTransaction transaction, string table, string idColumn, long id, IEnumerable<string> aliases)
    {
        using var command = connection.Command($"INSERT OR IGNORE INTO {table} (alias_key, {idColumn}, alias) VALUES ($key, $id, $alias)", transaction);
        var key = command.Parameter("$key");
        command.Parameters.AddWithValue("$id", id);
        var alias = command.Parameter("$alias");
        foreach (var text in aliases)
        {
            var normalized = RegistryKey.Normalize(text);
            if (normalized.Length == 0)
            {
                continue;
            }

            key.Value = normalized;
            alias.Value = text.Trim();
            command.ExecuteNonQuery();
        }
    }
}
