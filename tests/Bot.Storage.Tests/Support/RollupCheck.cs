using Bot.Storage.Metrics;

namespace Bot.Storage.Tests.Support;

/// <summary>The counter rollups recomputed from channel_daily with plain GROUP BY, compared row by row with the stored ones.</summary>
public static class RollupCheck
{
    /// <summary>Rows that differ between the stored rollups and the ones recomputed from the rows (0 = equal), per table.</summary>
    public static (long Monthly, long AllShops) Differences(TempDatabase db)
    {
        ArgumentNullException.ThrowIfNull(db);
        var sums = string.Join(", ", CounterRollups.Columns.Select(c => $"SUM({c})"));
        var columns = string.Join(", ", CounterRollups.Columns);
        var month = "unixepoch(day * 86400, 'unixepoch', 'start of month') / 86400";
        var monthly = $"""
            SELECT shop, {month} AS m, channel, COUNT(*), {sums} FROM channel_daily GROUP BY shop, m, channel
            UNION ALL
            SELECT shop, {month} AS m, 0, COUNT(DISTINCT day), {sums} FROM channel_daily GROUP BY shop, m
            """;
        var allShops = $"""
            SELECT day, channel, {sums} FROM channel_daily GROUP BY day, channel
            UNION ALL
            SELECT day, 0, {sums} FROM channel_daily GROUP BY day
            """;
        var storedMonthly = $"SELECT shop, month, channel, days, {columns} FROM channel_monthly";
        var storedAllShops = $"SELECT day, channel, {columns} FROM all_shops_daily";
        return (
            Count(db, $"SELECT COUNT(*) FROM (SELECT * FROM ({monthly}) EXCEPT {storedMonthly})") + Count(db, $"SELECT COUNT(*) FROM ({storedMonthly} EXCEPT SELECT * FROM ({monthly}))"),
            Count(db, $"SELECT COUNT(*) FROM (SELECT * FROM ({allShops}) EXCEPT {storedAllShops})") + Count(db, $"SELECT COUNT(*) FROM ({storedAllShops} EXCEPT SELECT * FROM ({allShops}))"));
    }

    private static long Count(TempDatabase db, string sql)
    {
        using var connection = db.Database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (long)command.ExecuteScalar()!;
    }
}
