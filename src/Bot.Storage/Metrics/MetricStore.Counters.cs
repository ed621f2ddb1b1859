using Bot.Core.Metrics;
using Bot.Core.Periods;
using Bot.Storage.Sqlite;
using Microsoft.Data.Sqlite;

namespace Bot.Storage.Metrics;

// Counter sums, from the rows or from the rollups (schema 040, kept equal to the rows by CounterRollups on every import):
//  - all shops, grouped by nothing, channel or day: all_shops_daily, one row per day and channel instead of every shop's rows;
//  - one shop, grouped by nothing or channel, over a range with whole calendar months: channel_monthly for the whole
//    months plus channel_daily for the days before and after them.
// Either way the rows are the same as summing channel_daily: sums are sums, and DaysWithData adds the distinct days of
// the daily part to the rollup's days (the months and the days around them do not overlap). What a rollup cannot say —
// the distinct days of several channels together within a month — is read from the rows.
public sealed partial class MetricStore
{
    private static readonly string[] SummedColumns = [.. CounterRollups.Columns];

    public async Task<IReadOnlyList<CounterRow>> SumCountersAsync(CounterQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        var split = RangeSplit.Of(query.Range);
        if (string.IsNullOrWhiteSpace(query.Shop) && query.GroupBy != CounterGrouping.Shop)
        {
            AllShopsSql(command, query);
        }
        else if (query.GroupBy is CounterGrouping.None or CounterGrouping.Channel && split.HasMonths
            && !(query.GroupBy == CounterGrouping.None && query.Channels is { Count: > 1 }))
        {
            MonthlySql(command, query, split);
        }
        else
        {
            RowsSql(command, query);
        }

        var rows = new List<CounterRow>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var key = query.GroupBy == CounterGrouping.Day ? Days.Format(reader.GetInt64(0)) : reader.GetString(0);
            rows.Add(new CounterRow(key, ReadCounters(reader, 1)));
        }

        return rows;
    }

    public async Task<IReadOnlyList<DayChannelRow>> SumCountersByDayAndChannelAsync(DateRange range, string? shop, IReadOnlyList<string>? channels, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        // One shop's rows and all_shops_daily's rows are one per day and channel already: nothing to add up.
        var (source, where) = string.IsNullOrWhiteSpace(shop)
            ? ("all_shops_daily d", channels is { Count: > 0 } ? ChannelFilter(command, channels) : "AND d.channel <> 0")
            : ("channel_daily d", $"AND {ShopFilter(command, "d.shop", shop)} {ChannelFilter(command, channels)}");
        command.CommandText = $"""
            SELECT d.day, c.code, 1, {Columns("d")}
            FROM {source} JOIN channel c ON c.id = d.channel
            WHERE d.day BETWEEN $from AND $to {where}
            ORDER BY d.day, c.sort_order, c.code
            """;
        AddRange(command, range);
        var rows = new List<DayChannelRow>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(new DayChannelRow(Days.ToDate(reader.GetInt64(0)), reader.GetString(1), ReadCounters(reader, 2)));
        }

        return rows;
    }

    /// <remarks>
    /// The items travel as one JSON parameter (<c>json_each</c>), so the statement text is the same for any number of shops;
    /// the item list is the outer loop, so each item is one primary-key range scan of its shop's days. Made for short ranges
    /// of many shops (campaign runs); it reads the rows, not the monthly rollup: mixing months in would add a sort of every
    /// row, which costs more here than it saves.
    /// </remarks>
    public async Task<IReadOnlyList<ShopRangeRow>> SumCountersPerShopAsync(IReadOnlyList<ShopRange> items, CounterGrouping groupBy, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(items);
        var byChannel = groupBy switch
        {
            CounterGrouping.None => false,
            CounterGrouping.Channel => true,
            _ => throw new ArgumentOutOfRangeException(nameof(groupBy), groupBy, "Only None and Channel are summed per shop."),
        };
        var rows = new List<ShopRangeRow>();
        if (items.Count == 0)
        {
            return rows;
        }

        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = $"""
            WITH item(i, shop_key, day_from, day_to) AS (SELECT key, value ->> 0, value ->> 1, value ->> 2 FROM json_each($items))
            SELECT item.i, {(byChannel ? "c.code" : "'all'")}, {(byChannel ? "COUNT(d.day)" : "COUNT(DISTINCT d.day)")}, {Sums("d")}
            FROM item JOIN shop_alias a ON a.alias_key = item.shop_key
            CROSS JOIN channel_daily d {(byChannel ? "JOIN channel c ON c.id = d.channel" : string.Empty)}
            WHERE d.shop = a.shop_id AND d.day BETWEEN item.day_from AND item.day_to
            GROUP BY item.i{(byChannel ? ", d.channel" : string.Empty)}
            ORDER BY item.i{(byChannel ? ", MIN(c.sort_order), c.code" : string.Empty)}
            """;
        command.Parameters.AddWithValue("$items", JsonItems(items, (json, item) =>
        {
            json.WriteStringValue(RegistryKey.Normalize(item.Shop));
            json.WriteNumberValue(Days.ToDay(item.Range.From));
            json.WriteNumberValue(Days.ToDay(item.Range.To));
        }));

        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                rows.Add(new ShopRangeRow(reader.GetInt32(0), reader.GetString(1), ReadCounters(reader, 2)));
            }
        }

        // SumCountersAsync always answers a None query, with zeros for no data; so does the batch, item by item.
        if (!byChannel && rows.Count < items.Count)
        {
            var found = rows.ToDictionary(r => r.Item);
            rows = [.. Enumerable.Range(0, items.Count).Select(i => found.GetValueOrDefault(i) ?? new ShopRangeRow(i, "all", Counters.Zero))];
        }

        return rows;
    }

    /// <summary>The key column, joins and grouping of a counter query over the alias <c>d</c>.</summary>
    private static (string Key, string Join, string GroupBy) Grouping(CounterGrouping groupBy) => groupBy switch
    {
        CounterGrouping.None => ("'all'", string.Empty, string.Empty),
        CounterGrouping.Channel => ("c.code", "JOIN channel c ON c.id = d.channel", "GROUP BY d.channel ORDER BY MIN(c.sort_order), c.code"),
        CounterGrouping.Day => ("d.day", string.Empty, "GROUP BY d.day ORDER BY d.day"),
        CounterGrouping.Shop => ("s.code", "JOIN shop s ON s.id = d.shop", "GROUP BY d.shop ORDER BY s.code"),
        _ => throw new ArgumentOutOfRangeException(nameof(groupBy), groupBy, "Unknown grouping."),
    };

    /// <summary>The rows themselves: any shop, grouping and channels.</summary>
    private static void RowsSql(SqliteCommand command, CounterQuery query)
    {
        var (key, join, groupBy) = Grouping(query.GroupBy);
        var channelFilter = ChannelFilter(command, query.Channels);
        command.CommandText = $"""
            SELECT {key}, COUNT(DISTINCT d.day), {Sums("d")}
            FROM channel_daily d {join}
            WHERE {ShopFilter(command, "d.shop", query.Shop)} AND d.day BETWEEN $from AND $to {channelFilter}
            {groupBy}
            """;
        AddRange(command, query.Range);
    }

    /// <summary>All shops from all_shops_daily: channel 0 holds the day's total, the other rows one channel each.</summary>
    private static void AllShopsSql(SqliteCommand command, CounterQuery query)
    {
        var (key, join, groupBy) = Grouping(query.GroupBy);
        var channels = query.Channels is { Count: > 0 }
            ? ChannelFilter(command, query.Channels)
            : query.GroupBy == CounterGrouping.Channel ? "AND d.channel <> 0" : "AND d.channel = 0";
        command.CommandText = $"""
            SELECT {key}, COUNT(DISTINCT d.day), {Sums("d")}
            FROM all_shops_daily d {join}
            WHERE d.day BETWEEN $from AND $to {channels}
            {groupBy}
            """;
        AddRange(command, query.Range);
    }

    /// <summary>One shop's whole months from channel_monthly, the days before and after them from channel_daily.</summary>
    private static void MonthlySql(SqliteCommand command, CounterQuery query, RangeSplit split)
    {
        var (key, join, groupBy) = Grouping(query.GroupBy);
        var filtered = query.Channels is { Count: > 0 };
        var dayChannels = ChannelFilter(command, query.Channels);
        var monthChannels = filtered
            ? ChannelFilter(command, query.Channels, "m.channel")
            : query.GroupBy == CounterGrouping.Channel ? "AND m.channel <> 0" : "AND m.channel = 0";
        var piece = $"d.day AS day, NULL AS days, d.channel AS channel, {Columns("d")}";
        command.CommandText = $"""
            SELECT {key}, {DaysWithData("d", query.GroupBy == CounterGrouping.Channel)}, {Sums("d")}
            FROM (
                SELECT {piece} FROM channel_daily d WHERE {ShopFilter(command, "d.shop", query.Shop)} AND d.day BETWEEN $head_from AND $head_to {dayChannels}
                UNION ALL
                SELECT {piece} FROM channel_daily d WHERE {ShopFilter(command, "d.shop", query.Shop)} AND d.day BETWEEN $tail_from AND $tail_to {dayChannels}
                UNION ALL
                SELECT NULL, m.days, m.channel, {Columns("m")} FROM channel_monthly m
                WHERE {ShopFilter(command, "m.shop", query.Shop)} AND m.month BETWEEN $month_from AND $month_to {monthChannels}
            ) d {join}
            {groupBy}
            """;
        command.Parameters.AddWithValue("$head_from", split.HeadFrom);
        command.Parameters.AddWithValue("$head_to", split.HeadTo);
        command.Parameters.AddWithValue("$month_from", split.MonthFrom);
        command.Parameters.AddWithValue("$month_to", split.MonthTo);
        command.Parameters.AddWithValue("$tail_from", split.TailFrom);
        command.Parameters.AddWithValue("$tail_to", split.TailTo);
    }

    /// <summary>Days with data of rows mixed from one shop's days (day set, days null) and months (day null, days set).</summary>
    /// <remarks>Per channel a shop has one row a day, so counting rows is counting days, without COUNT(DISTINCT)'s b-tree.</remarks>
    private static string DaysWithData(string alias, bool perChannel) =>
        perChannel ? $"COUNT({alias}.day) + COALESCE(SUM({alias}.days), 0)" : $"COUNT(DISTINCT {alias}.day) + COALESCE(SUM({alias}.days), 0)";

    private static string Columns(string alias) => string.Join(", ", SummedColumns.Select(c => $"{alias}.{c}"));

    private static string Sums(string alias) => string.Join(", ", SummedColumns.Select(c => $"COALESCE(SUM({alias}.{c}), 0)"));

    /// <summary>A range as the days before its first whole calendar month, its whole months and the days after them.</summary>
    /// <remarks>Day numbers as stored; an empty part is (1, 0), which no BETWEEN matches. Without a whole month, all is head.</remarks>
    private readonly record struct RangeSplit(int HeadFrom, int HeadTo, int MonthFrom, int MonthTo, int TailFrom, int TailTo)
    {
        public bool HasMonths => MonthFrom <= MonthTo;

        public static RangeSplit Of(DateRange range)
        {
            var from = Days.ToDay(range.From);
            var to = Days.ToDay(range.To);
            var firstMonth = range.From.Day == 1 ? from : CounterRollups.MonthEnd(CounterRollups.MonthStart(from)) + 1;
            var lastMonth = CounterRollups.MonthStart(to);
            var afterMonths = CounterRollups.MonthEnd(lastMonth) == to ? to + 1 : lastMonth;
            if (firstMonth >= afterMonths)
            {
                return new RangeSplit(from, to, 1, 0, 1, 0);
            }

            var lastWholeMonth = CounterRollups.MonthStart(afterMonths - 1);
            return new RangeSplit(from, firstMonth - 1, firstMonth, lastWholeMonth, afterMonths, to);
        }
    }
}
