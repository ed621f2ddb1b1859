using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Bot.Core.Metrics;
using Bot.Core.Periods;
using Bot.Storage.Sqlite;
using Microsoft.Data.Sqlite;

namespace Bot.Storage.Metrics;

/// <summary>SQLite implementation of <see cref="IMetricStore"/>: every aggregate is a SUM/COUNT/AVG … GROUP BY in SQL.</summary>
/// <remarks>
/// Shop arguments accept the shop's code, name or any alias, compared like the registry does
/// (case, spaces, underscores and hyphens ignored); null means all shops. Channel filters accept
/// codes, names or aliases the same way. Results always carry shop and channel codes.
/// Queries over shops are written as <c>shop IN (…) AND day BETWEEN …</c>, which SQLite runs as one
/// primary-key range scan per shop (storage-notes.md). Counter sums read the rollups where they give the same
/// answer faster (MetricStore.Counters.cs).
/// </remarks>
public sealed partial class MetricStore(SqliteDatabase database) : IMetricStore
{
    private const char ListSeparator = '\u001F';

    public async Task<DateOnly?> GetLastDataDayAsync(string? shop, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();

        // A correlated MAX per shop is a seek to the end of that shop's key range.
        command.CommandText = $"""
            SELECT MAX((SELECT MAX(d.day) FROM channel_daily d WHERE d.shop = s.id))
            FROM shop s WHERE {ShopFilter(command, "s.id", shop)}
            """;
        return await command.ExecuteScalarAsync(cancellationToken) is long day ? Days.ToDate(day) : null;
    }

    public async Task<IReadOnlyList<ShopInfo>> ListShopsAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT s.code, s.name,
                   (SELECT GROUP_CONCAT(a.alias, char(31) ORDER BY a.alias) FROM shop_alias a
                    WHERE a.shop_id = s.id AND a.alias <> s.code AND a.alias <> s.name)
            FROM shop s ORDER BY s.id
            """;
        var shops = new List<ShopInfo>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            shops.Add(new ShopInfo(reader.GetString(0), reader.GetString(1), SplitList(reader, 2)));
        }

        return shops;
    }

    public async Task<IReadOnlyList<ChannelInfo>> ListChannelsAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT c.code, c.name, c.chinese_name,
                   (SELECT GROUP_CONCAT(a.alias, char(31) ORDER BY a.alias) FROM channel_alias a
                    WHERE a.channel_id = c.id AND a.alias NOT IN (c.code, c.name, c.chinese_name))
            FROM channel c ORDER BY c.sort_order, c.id
            """;
        var channels = new List<ChannelInfo>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            channels.Add(new ChannelInfo(reader.GetString(0), reader.GetString(1), reader.GetString(2), SplitList(reader, 3)));
        }

        return channels;
    }

    /// <remarks>
    /// With all shops, rows of the same SKU code are added up per day first: StockEnd is the summed stock
    /// on the SKU's last day with data in the range, AvgStock the average of the daily sums, Rating the
    /// (average) rating on that last day.
    /// </remarks>
    public async Task<IReadOnlyList<SkuStats>> GetSkuStatsAsync(DateRange range, string? shop, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = $"""
            WITH daily AS (
                SELECT d.sku, d.day, SUM(d.units_sold) AS units, SUM(d.gmv_cents) AS gmv, SUM(d.product_visitors) AS visitors,
                       SUM(d.paid_buyers) AS buyers, SUM(d.stock_units) AS stock, AVG(d.rating) AS rating
                FROM sku_daily d
                WHERE {ShopFilter(command, "d.shop", shop)} AND d.day BETWEEN $from AND $to
                GROUP BY d.sku, d.day
            ),
            ranked AS (
                SELECT daily.*, ROW_NUMBER() OVER (PARTITION BY sku ORDER BY day DESC) AS rn FROM daily
            ),
            info AS (
                SELECT k.code, MIN(k.name) AS name, MIN(k.category) AS category, MIN(k.launch_day) AS launch_day
                FROM sku k WHERE {ShopFilter(command, "k.shop", shop)}
                GROUP BY k.code
            )
            SELECT r.sku, COALESCE(i.name, ''), COALESCE(i.category, ''), SUM(r.units), SUM(r.gmv), SUM(r.visitors), SUM(r.buyers),
                   MAX(CASE WHEN r.rn = 1 THEN r.stock END), AVG(r.stock), i.launch_day,
                   MAX(CASE WHEN r.rn = 1 THEN r.rating END), COUNT(*)
            FROM ranked r LEFT JOIN info i ON i.code = r.sku
            GROUP BY r.sku
            ORDER BY SUM(r.gmv) DESC, r.sku
            """;
        AddRange(command, range);
        var skus = new List<SkuStats>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            skus.Add(new SkuStats(
                reader.GetString(0),
                reader.GetString(1),
                reader.GetString(2),
                reader.GetInt64(3),
                Days.ToMoney(reader.GetInt64(4)),
                reader.GetInt64(5),
                reader.GetInt64(6),
                reader.IsDBNull(7) ? null : reader.GetInt64(7),
                reader.IsDBNull(8) ? null : reader.GetDouble(8),
                reader.IsDBNull(9) ? null : Days.ToDate(reader.GetInt64(9)),
                reader.IsDBNull(10) ? null : reader.GetDouble(10),
                reader.GetInt32(11)));
        }

        return skus;
    }

    public async Task<IReadOnlyList<Campaign>> ListCampaignsAsync(string? shop, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = $"""
            SELECT c.name, (SELECT GROUP_CONCAT(a.alias, char(31) ORDER BY a.alias) FROM campaign_alias a WHERE a.campaign_id = c.id),
                   s.code, c.start_day, c.end_day, c.warmup_start_day, c.target_gmv_cents
            FROM campaign c JOIN shop s ON s.id = c.shop
            WHERE {ShopFilter(command, "c.shop", shop)}
            ORDER BY c.start_day, s.code, c.name
            """;
        var campaigns = new List<Campaign>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            campaigns.Add(new Campaign(
                reader.GetString(0),
                SplitList(reader, 1),
                reader.GetString(2),
                Days.ToDate(reader.GetInt64(3)),
                Days.ToDate(reader.GetInt64(4)),
                reader.IsDBNull(5) ? null : Days.ToDate(reader.GetInt64(5)),
                reader.IsDBNull(6) ? null : Days.ToMoney(reader.GetInt64(6))));
        }

        return campaigns;
    }

    /// <remarks>
    /// <paramref name="campaign"/> is a campaign name (or alias) of the shop; when the name recurs (618 every
    /// year) the latest one is meant, unless it is written <c>name@yyyy-MM-dd</c> with the start date.
    /// </remarks>
    public async Task<IReadOnlyList<CampaignCost>> GetCampaignCostsAsync(string shop, string campaign, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(campaign);
        var name = campaign.Trim();
        long? start = null;
        var at = name.LastIndexOf('@');
        if (at > 0 && DateOnly.TryParseExact(name[(at + 1)..], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            start = Days.ToDay(date);
            name = name[..at].Trim();
        }

        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = $"""
            WITH target AS (
                SELECT c.id FROM campaign c
                WHERE {ShopFilter(command, "c.shop", shop)}
                  AND (c.name = $name OR c.id IN (SELECT a.campaign_id FROM campaign_alias a WHERE a.alias = $name))
                  AND ($start IS NULL OR c.start_day = $start)
                ORDER BY c.name = $name DESC, c.start_day DESC
                LIMIT 1
            )
            SELECT ch.code, cc.cost_cents, cc.note
            FROM campaign_cost cc JOIN channel ch ON ch.id = cc.channel
            WHERE cc.campaign_id = (SELECT id FROM target)
            ORDER BY cc.cost_cents DESC, ch.sort_order, cc.note
            """;
        command.Parameters.AddWithValue("$name", name);
        command.Parameters.AddWithValue("$start", start is { } s ? s : DBNull.Value);
        var costs = new List<CampaignCost>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var note = reader.GetString(2);
            costs.Add(new CampaignCost(reader.GetString(0), Days.ToMoney(reader.GetInt64(1)), note.Length == 0 ? null : note));
        }

        return costs;
    }

    /// <remarks>A run is the campaign of that shop with that name and start day (the key of the campaign table).</remarks>
    public async Task<IReadOnlyList<IReadOnlyList<CampaignCost>>> GetCampaignCostsAsync(IReadOnlyList<Campaign> runs, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(runs);
        var costs = runs.Select(_ => new List<CampaignCost>()).ToList();
        if (runs.Count == 0)
        {
            return costs;
        }

        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            WITH run(i, shop_key, name, start_day) AS (SELECT key, value ->> 0, value ->> 1, value ->> 2 FROM json_each($runs))
            SELECT run.i, ch.code, cc.cost_cents, cc.note
            FROM run
            JOIN shop_alias a ON a.alias_key = run.shop_key
            JOIN campaign c ON c.shop = a.shop_id AND c.name = run.name AND c.start_day = run.start_day
            JOIN campaign_cost cc ON cc.shop = c.shop AND cc.campaign_id = c.id
            JOIN channel ch ON ch.id = cc.channel
            ORDER BY run.i, cc.cost_cents DESC, ch.sort_order, cc.note
            """;
        command.Parameters.AddWithValue("$runs", JsonItems(runs, (json, run) =>
        {
            json.WriteStringValue(RegistryKey.Normalize(run.Shop));
            json.WriteStringValue(run.Name);
            json.WriteNumberValue(Days.ToDay(run.Start));
        }));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var note = reader.GetString(3);
            costs[reader.GetInt32(0)].Add(new CampaignCost(reader.GetString(1), Days.ToMoney(reader.GetInt64(2)), note.Length == 0 ? null : note));
        }

        return costs;
    }

    /// <remarks>Ratio targets (conversion, refund rate …) are fractions: 0.035 means 3.5 %.</remarks>
    public async Task<IReadOnlyList<Goal>> GetGoalsAsync(string? shop, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = $"""
            SELECT s.code, g.metric, g.period, g.target, ch.code
            FROM goal g JOIN shop s ON s.id = g.shop LEFT JOIN channel ch ON ch.id = g.channel
            WHERE {ShopFilter(command, "g.shop", shop)}
            ORDER BY s.code, g.metric, g.period, g.channel
            """;
        var goals = new List<Goal>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            goals.Add(new Goal(
                reader.GetString(0),
                reader.GetString(1),
                reader.GetString(2),
                (decimal)reader.GetDouble(3),
                reader.IsDBNull(4) ? null : reader.GetString(4)));
        }

        return goals;
    }

    /// <remarks>
    /// Segments (keys exactly): <c>dormant</c> last order before asOf − dormantDays; <c>new</c> first order in
    /// the period; <c>core</c> ordered in the last 90 days, 3+ orders and spent at least the average;
    /// <c>potential</c> 2+ orders below the average, or 1 order at or above it; <c>other</c> the rest.
    /// Each buyer is in the first segment that applies, in that order. Tiers leave out buyers without a tier.
    /// </remarks>
    public async Task<BuyerSummary> GetBuyerSummaryAsync(string? shop, DateOnly asOf, DateRange period, int dormantDays, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        var shopFilter = ShopFilter(command, "b.shop", shop);
        command.CommandText = $"""
            WITH b AS (SELECT * FROM buyer b WHERE {shopFilter}),
            average AS (SELECT AVG(total_spent_cents) AS spent FROM b),
            segmented AS (
                SELECT b.*, CASE
                    WHEN b.last_order_day < $asOf - $dormant THEN 'dormant'
                    WHEN b.first_order_day BETWEEN $from AND $to THEN 'new'
                    WHEN b.last_order_day >= $asOf - 90 AND b.orders >= 3 AND b.total_spent_cents >= a.spent THEN 'core'
                    WHEN (b.orders >= 2 AND b.total_spent_cents < a.spent) OR (b.orders = 1 AND b.total_spent_cents >= a.spent) THEN 'potential'
                    ELSE 'other' END AS segment
                FROM b CROSS JOIN average a
            )
            SELECT COUNT(*), COALESCE(SUM(orders >= 2), 0), COALESCE(SUM(segment = 'dormant'), 0), COALESCE(SUM(segment = 'new'), 0),
                   COALESCE(SUM(orders), 0), COALESCE(SUM(total_spent_cents), 0), COALESCE(AVG(last_order_day - first_order_day), 0),
                   COALESCE(SUM(segment = 'core'), 0), COALESCE(SUM(segment = 'potential'), 0), COALESCE(SUM(segment = 'other'), 0)
            FROM segmented;
            SELECT b.tier, COUNT(*) FROM buyer b WHERE {shopFilter} AND b.tier IS NOT NULL AND b.tier <> '' GROUP BY b.tier ORDER BY b.tier;
            """;
        command.Parameters.AddWithValue("$asOf", Days.ToDay(asOf));
        command.Parameters.AddWithValue("$dormant", dormantDays);
        AddRange(command, period);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        var segments = new Dictionary<string, long>(StringComparer.Ordinal)
        {
            ["core"] = reader.GetInt64(7),
            ["potential"] = reader.GetInt64(8),
            ["new"] = reader.GetInt64(3),
            ["dormant"] = reader.GetInt64(2),
            ["other"] = reader.GetInt64(9),
        };
        var buyers = reader.GetInt64(0);
        var repeat = reader.GetInt64(1);
        var orders = reader.GetInt64(4);
        var spent = Days.ToMoney(reader.GetInt64(5));
        var lifetime = reader.GetDouble(6);

        await reader.NextResultAsync(cancellationToken);
        var tiers = new Dictionary<string, long>(StringComparer.Ordinal);
        while (await reader.ReadAsync(cancellationToken))
        {
            tiers[reader.GetString(0)] = reader.GetInt64(1);
        }

        return new BuyerSummary(buyers, repeat, segments["dormant"], segments["new"], orders, spent, lifetime, segments, tiers);
    }

    private static string ShopFilter(SqliteCommand command, string column, string? shop)
    {
        if (string.IsNullOrWhiteSpace(shop))
        {
            return $"{column} IN (SELECT id FROM shop)";
        }

        if (!command.Parameters.Contains("$shop"))
        {
            command.Parameters.AddWithValue("$shop", RegistryKey.Normalize(shop));
        }

        return $"{column} IN (SELECT shop_id FROM shop_alias WHERE alias_key = $shop)";
    }

    private static string ChannelFilter(SqliteCommand command, IReadOnlyList<string>? channels, string column = "d.channel")
    {
        if (channels is not { Count: > 0 })
        {
            return string.Empty;
        }

        var names = new List<string>(channels.Count);
        for (var i = 0; i < channels.Count; i++)
        {
            var name = string.Create(CultureInfo.InvariantCulture, $"$channel{i}");
            if (!command.Parameters.Contains(name))
            {
                command.Parameters.AddWithValue(name, RegistryKey.Normalize(channels[i]));
            }

            names.Add(name);
        }

        return $"AND {column} IN (SELECT channel_id FROM channel_alias WHERE alias_key IN ({string.Join(", ", names)}))";
    }

    /// <summary>A batch as one JSON parameter: an array with one array of values per item, read back with <c>json_each</c>.</summary>
    private static string JsonItems<T>(IReadOnlyList<T> items, Action<Utf8JsonWriter, T> writeValues)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartArray();
            foreach (var item in items)
            {
                json.WriteStartArray();
                writeValues(json, item);
                json.WriteEndArray();
            }

            json.WriteEndArray();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static void AddRange(SqliteCommand command, DateRange range)
    {
        command.Parameters.AddWithValue("$from", Days.ToDay(range.From));
        command.Parameters.AddWithValue("$to", Days.ToDay(range.To));
    }

    private static Counters ReadCounters(SqliteDataReader r, int first) => new()
    {
        DaysWithData = r.GetInt32(first),
        Visitors = r.GetInt64(first + 1),
        PageViews = r.GetInt64(first + 2),
        ProductVisitors = r.GetInt64(first + 3),
        FavoriteUsers = r.GetInt64(first + 4),
        CartUsers = r.GetInt64(first + 5),
        Orders = r.GetInt64(first + 6),
        OrderBuyers = r.GetInt64(first + 7),
        PaidOrders = r.GetInt64(first + 8),
        PaidBuyers = r.GetInt64(first + 9),
        Gmv = Days.ToMoney(r.GetInt64(first + 10)),
        RefundAmount = Days.ToMoney(r.GetInt64(first + 11)),
        RefundOrders = r.GetInt64(first + 12),
        AdCost = Days.ToMoney(r.GetInt64(first + 13)),
        NewVisitors = r.GetInt64(first + 14),
        BouncedVisitors = r.GetInt64(first + 15),
        StaySeconds = r.GetInt64(first + 16),
        MultiItemOrders = r.GetInt64(first + 17),
    };

    private static string[] SplitList(SqliteDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? [] : reader.GetString(ordinal).Split(ListSeparator);
}
