using Bot.Storage.Sqlite;
using Bot.Storage.Tests.Support;

namespace Bot.Storage.Tests.Sqlite;

public sealed class SchemaMigratorTests : IDisposable
{
    private readonly TempDatabase _db = new(migrate: false);

    public void Dispose() => _db.Dispose();

    [Fact]
    public void Scripts_AreEmbeddedAndOrderedByNumber()
    {
        var versions = SchemaMigrator.Scripts.Select(s => s.Version).ToList();

        Assert.Equal([1, 2], versions.Take(2));
        Assert.Equal(versions.Order(), versions);
        Assert.Equal("metric_store", SchemaMigrator.Scripts[0].Name);
        Assert.Equal("conversations", SchemaMigrator.Scripts[1].Name);
    }

    [Fact]
    public void Migrate_EmptyFile_CreatesFolderAndAppliesEveryScript()
    {
        Assert.False(File.Exists(_db.Path));

        var applied = _db.Migrator.Migrate();

        Assert.True(File.Exists(_db.Path));
        Assert.Equal(SchemaMigrator.Scripts.Select(s => s.Version), applied);
        Assert.Equal(applied, _db.Migrator.AppliedVersions());
        Assert.Equal(9, _db.Count("channel"));
        Assert.Equal(0, _db.Count("channel_daily"));
        Assert.Equal(0, _db.Count("conversation_refs"));
    }

    [Fact]
    public void Migrate_Twice_SecondRunDoesNothing()
    {
        _db.Migrator.Migrate();
        var before = _db.Fingerprint();

        var applied = _db.Migrator.Migrate();

        Assert.Empty(applied);
        Assert.Equal(before, _db.Fingerprint());
        Assert.Equal(SchemaMigrator.Scripts.Count, _db.Count("schema_version"));
    }

    // Rows written as version 1 held them (today's importer also writes the rollups of schema 040, which version 1 lacks).
    [Fact]
    public void Migrate_FromVersion1_AppliesTheRestAndKeepsData()
    {
        Assert.Equal([1], _db.Migrator.Migrate(upToVersion: 1));
        _db.Execute("""
            INSERT INTO shop (id, code, name) VALUES (1, 'tmall-flagship', 'tmall-flagship'), (2, 'jd', 'jd');
            INSERT INTO channel_daily VALUES
                (1, 20605, 1, 100, 300, 70, 5, 8, 4, 4, 3, 3, 54000, 3200, 1, 1000, 30, 38, 9000, 1),
                (1, 20605, 6, 200, 600, 140, 10, 16, 8, 8, 6, 6, 108000, 0, 0, 2000, 60, 76, 18000, 2),
                (1, 20636, 6, 50, 150, 35, 2, 4, 2, 2, 1, 1, 9900, 0, 0, 500, 15, 19, 4500, 0),
                (2, 20605, 1, 10, 30, 7, 1, 1, 1, 1, 1, 1, 5000, 0, 0, 0, 3, 4, 900, 0);
            """);
        Assert.Throws<Microsoft.Data.Sqlite.SqliteException>(() => _db.Count("conversation_refs"));

        var applied = _db.Migrator.Migrate();

        Assert.Equal(SchemaMigrator.Scripts.Select(s => s.Version).Where(v => v > 1), applied);
        Assert.Equal(4, _db.Count("channel_daily"));
        Assert.Equal(0, _db.Count("conversation_refs"));
        Assert.Equal((7L, 5L), (_db.Count("channel_monthly"), _db.Count("all_shops_daily")));
        Assert.Equal((0L, 0L), RollupCheck.Differences(_db));
    }

    [Fact]
    public void Open_AppliesThePragmasOfStorageNotes()
    {
        _db.Migrator.Migrate();
        using var connection = _db.Database.Open();

        string Pragma(string name)
        {
            using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA " + name;
            return Convert.ToString(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture)!;
        }

        Assert.Equal("wal", Pragma("journal_mode"));
        Assert.Equal("1", Pragma("foreign_keys"));
        Assert.Equal("1", Pragma("synchronous"));
        Assert.Equal("-65536", Pragma("cache_size"));
    }

    [Fact]
    public void RelativePath_IsResolvedAgainstTheWorkingDirectory()
    {
        var database = new SqliteDatabase("data/opsbot.db");

        Assert.Equal(Path.Combine(Directory.GetCurrentDirectory(), "data", "opsbot.db"), database.FilePath);
    }

    [Fact]
    public void SeededChannelAliases_AreStoredUnderTheirNormalizedKey()
    {
        _db.Migrator.Migrate();
        using var connection = _db.Database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT alias_key, alias FROM channel_alias";
        using var reader = command.ExecuteReader();
        var count = 0;
        while (reader.Read())
        {
            Assert.Equal(RegistryKey.Normalize(reader.GetString(1)), reader.GetString(0));
            count++;
        }

        Assert.True(count > 40);
    }

    [Theory]
    [InlineData("natural_search", "natural_search")]
    [InlineData("Natural Search", "natural_search")]
    [InlineData("自然搜索", "natural_search")]
    [InlineData("平台推荐", "recommendation")]
    [InlineData("付费推广", "search_ads")]
    [InlineData("paid ads", "search_ads")]
    [InlineData("display-ads", "display_ads")]
    [InlineData("短视频", "short_video")]
    [InlineData("直播", "live")]
    [InlineData("社交/种草", "social")]
    [InlineData("小红书", "social")]
    [InlineData("私域", "private_domain")]
    [InlineData("其他", "other")]
    public void SeededChannels_ResolveByCodeNameOrAlias(string alias, string code)
    {
        _db.Migrator.Migrate();
        using var connection = _db.Database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT c.code FROM channel_alias a JOIN channel c ON c.id = a.channel_id WHERE a.alias_key = $key";
        command.Parameters.AddWithValue("$key", RegistryKey.Normalize(alias));

        Assert.Equal(code, command.ExecuteScalar());
    }
}
