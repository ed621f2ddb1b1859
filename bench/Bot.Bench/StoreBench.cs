using System.Diagnostics;
using System.Globalization;
using System.Text;
using Bot.Core.Metrics;
using Bot.Core.Periods;
using Bot.Storage.Metrics;
using Bot.Storage.Sqlite;
using Microsoft.Data.Sqlite;

namespace Bot.Bench;

/// <summary><c>store</c>: the 7-day funnel sum for one shop through <see cref="IMetricStore.SumCountersAsync"/>, random shop and week.</summary>
internal static class StoreBench
{
    private const double TargetP99Ms = 0.5;

    public static async Task<int> RunAsync(BenchOptions options)
    {
        var set = LargeSetInfo.Load(options.SetFile);
        await MachineLoad.WaitQuietAsync(options);
        var loadBefore = MachineLoad.Averages();
        var queries = options.Int("queries", 20_000);
        var warmup = options.Int("warmup", 2_000);
        var database = new SqliteDatabase(options.DatabasePath);
        IMetricStore store = new MetricStore(database);
        var first = set.Today.AddYears(-set.Years);
        var weeks = set.LastDay.AddDays(-6).DayNumber - first.DayNumber + 1;
        var random = new Random(42);
        (string Shop, int ShopIndex, DateRange Week)[] Draw(int n) => [.. Enumerable.Range(0, n).Select(_ =>
        {
            var shop = random.Next(set.ShopCodes.Count);
            var from = first.AddDays(random.Next(weeks));
            return (set.ShopCodes[shop], shop, new DateRange(from, from.AddDays(6)));
        })];

        Console.WriteLine($"Store queries on {options.DatabasePath}: {warmup:N0} warm-up + {queries:N0} measured per case, random shop of {set.ShopCodes.Count} and random week in {first:yyyy-MM-dd}..{set.LastDay:yyyy-MM-dd}");
        var results = new List<(string Name, Samples Samples, string Target, bool? Pass)>();

        var funnel = await TimeAsync(store, Draw(warmup), Draw(queries), CounterGrouping.None);
        results.Add(("7-day funnel sum, one shop — `SumCountersAsync(CounterQuery(week, shop))`", funnel, "p99 ≤ 0.5 ms", funnel.P99 <= TargetP99Ms));
        var byChannel = await TimeAsync(store, Draw(warmup), Draw(queries), CounterGrouping.Channel);
        results.Add(("7-day funnel sum by channel, one shop (`GroupBy = Channel`)", byChannel, "reference", null));
        var bare = Bare(options.DatabasePath, Draw(warmup), Draw(queries));
        results.Add(("the same 7-day sum as bare SQL: one open connection, prepared command, shop id bound (no alias lookup, no pool/pragma round)", bare, "reference", null));
        var allShops = await TimeAsync(store, Draw(50), Draw(Math.Min(queries, 500)), CounterGrouping.None, allShops: true);
        results.Add((string.Create(CultureInfo.InvariantCulture, $"7-day sum over all {set.ShopCodes.Count} shops (shop = null)"), allShops, "reference", null));

        var markdown = new StringBuilder()
            .AppendLine(CultureInfo.InvariantCulture, $"Store queries on the large set ({options.DatabasePath}), random shop and random 7-day window (any start day) over 5 years, after {warmup:N0} warm-up queries; one thread, pooled connection (as the bot runs them). Load average before {loadBefore}, after {MachineLoad.Averages()}.")
            .AppendLine()
            .Append(Report.Table(
                ["query", "n", "p50 ms", "p90 ms", "p99 ms", "max ms", "target", "verdict"],
                results.Select(r => (IReadOnlyList<string>)[r.Name, Report.N(r.Samples.Count), Report.F(r.Samples.P50), Report.F(r.Samples.P90), Report.F(r.Samples.P99), Report.F(r.Samples.Max), r.Target, r.Pass is { } p ? Report.Verdict(p) : "—"])))
            .ToString();
        Report.Publish(options, "store", markdown);
        return 0;
    }

    private static async Task<Samples> TimeAsync(IMetricStore store, (string Shop, int ShopIndex, DateRange Week)[] warmup, (string Shop, int ShopIndex, DateRange Week)[] measured, CounterGrouping grouping, bool allShops = false)
    {
        foreach (var (shop, _, week) in warmup)
        {
            await store.SumCountersAsync(new CounterQuery(week, allShops ? null : shop, null, grouping), CancellationToken.None);
        }

        var samples = new Samples(measured.Length);
        var wrong = 0;
        foreach (var (shop, _, week) in measured)
        {
            var query = new CounterQuery(week, allShops ? null : shop, null, grouping);
            var start = Stopwatch.GetTimestamp();
            var rows = await store.SumCountersAsync(query, CancellationToken.None);
            samples.Add(Stopwatch.GetTimestamp() - start);
            if (rows.Count == 0 || rows[0].Counters.DaysWithData != 7)
            {
                wrong++;
            }
        }

        if (wrong > 0)
        {
            throw new InvalidOperationException($"{wrong} queries did not see 7 days of data: is the large set loaded?");
        }

        return samples;
    }

    private static Samples Bare(string path, (string Shop, int ShopIndex, DateRange Week)[] warmup, (string Shop, int ShopIndex, DateRange Week)[] measured)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        connection.Open();
        connection.Exec("PRAGMA cache_size = -65536");
        var ids = new Dictionary<string, long>(StringComparer.Ordinal);
        using (var lookup = connection.CreateCommand())
        {
            lookup.CommandText = "SELECT code, id FROM shop";
            using var reader = lookup.ExecuteReader();
            while (reader.Read())
            {
                ids[reader.GetString(0)] = reader.GetInt64(1);
            }
        }

        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT COUNT(DISTINCT day), SUM(visitors), SUM(page_views), SUM(product_visitors), SUM(favorite_users), SUM(cart_users),
                   SUM(orders), SUM(order_buyers), SUM(paid_orders), SUM(paid_buyers), SUM(gmv_cents), SUM(refund_cents),
                   SUM(refund_orders), SUM(ad_cost_cents), SUM(new_visitors), SUM(bounced_visitors), SUM(stay_seconds), SUM(multi_item_orders)
            FROM channel_daily WHERE shop = $shop AND day BETWEEN $from AND $to
            """;
        var shop = command.Parameters.Add("$shop", SqliteType.Integer);
        var from = command.Parameters.Add("$from", SqliteType.Integer);
        var to = command.Parameters.Add("$to", SqliteType.Integer);
        command.Prepare();
        var sink = 0L;
        long Run((string Shop, int ShopIndex, DateRange Week) q)
        {
            shop.Value = ids[q.Shop];
            from.Value = Days.ToDay(q.Week.From);
            to.Value = Days.ToDay(q.Week.To);
            using var reader = command.ExecuteReader();
            reader.Read();
            long sum = 0;
            for (var i = 0; i < 18; i++)
            {
                sum += reader.GetInt64(i);
            }

            return sum;
        }

        foreach (var q in warmup)
        {
            sink += Run(q);
        }

        var samples = new Samples(measured.Length);
        foreach (var q in measured)
        {
            var start = Stopwatch.GetTimestamp();
            sink += Run(q);
            samples.Add(Stopwatch.GetTimestamp() - start);
        }

        GC.KeepAlive(sink);
        return samples;
    }
}
