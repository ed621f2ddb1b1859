using System.Diagnostics;
using System.Globalization;
using Bot.Core.Alerts;
using Bot.Core.Commands;
using Bot.Core.Commands.Query;
using Bot.Core.Metrics;
using Bot.Core.Periods;
using Bot.Core.Time;
using Bot.Storage.Alerts;
using Bot.Storage.Demo;
using Bot.Storage.Import;
using Bot.Storage.Metrics;
using Bot.Storage.Registry;
using Bot.Storage.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;

// Alert evaluation on the large set (issue 6 item 6): N rules over the shops, evaluated as the hourly job and the
// import hook do. Usage (Release):
//   dotnet run -c Release --project bench/Bot.Bench.Alerts -- [--db /tmp/opsbot-bench-alerts/large.db]
//       [--shops 200] [--channels 12] [--years 5] [--rules 1000] [--runs 3] [--kinds 0,1,2,3,4]
// The database is generated (demo generator, large profile) when the file does not exist; alert tables are reset each run.
var options = Options.Parse(args);
var culture = CultureInfo.InvariantCulture;
TeamClock.TryFindZone("Asia/Shanghai", out var zone);
var clock = new TeamClock(TimeProvider.System, zone);
var database = new SqliteDatabase(options.Db);
var fresh = !File.Exists(options.Db);
new SchemaMigrator(database, TimeProvider.System).Migrate();
if (fresh)
{
    var started = Stopwatch.StartNew();
    var demo = DemoDataOptions.Large(clock.Today(), options.Shops, options.Channels, options.Years);
    var importer = new CsvImporter(database);
    await new DemoSeeder(database, importer, new RegistryStore(database)).SeedAsync(demo, CancellationToken.None);
    Console.WriteLine(string.Create(culture, $"Generated the large set ({options.Shops} shops × {options.Channels} channels × {options.Years} years) in {started.Elapsed.TotalSeconds:0} s: {options.Db}"));
}

Sql(database, "DELETE FROM alert_notice; DELETE FROM alert_card; DELETE FROM alert_action; DELETE FROM alert_scope_state; DELETE FROM alert_incident; DELETE FROM alert_rule;");
var metrics = new MetricStore(database);
var store = new SqliteAlertStore(database);
var shops = await metrics.ListShopsAsync(CancellationToken.None);
var channels = await metrics.ListChannelsAsync(CancellationToken.None);
var refs = new ReferenceData.Snapshot(shops, channels, [], DateTimeOffset.UnixEpoch);
string[] kinds =
[
    "conversion below baseline for 3 days shop {0}",
    "uv value drops 20% vs baseline channel live shop {0}",
    "refund rate above 8% shop {0}",
    "visitors spike above 3x baseline shop {0}",
    "stock cover below 7 days shop {0}",
];
if (options.Kinds is { } only)
{
    kinds = [.. only.Split(',').Select(k => kinds[int.Parse(k, culture)])];
}

var owner = new AlertPerson("Bench", "29:bench", null);
for (var i = 0; i < options.Rules; i++)
{
    var text = string.Format(culture, kinds[i % kinds.Length], shops[i / kinds.Length % shops.Count].Code);
    var parsed = AlertRuleParser.Parse(TextNormalizer.Normalize(text), text, refs, 0.15);
    if (!parsed.Success)
    {
        throw new InvalidOperationException($"'{text}': {parsed.Error}");
    }

    await store.AddRuleAsync(AlertRule.FromDraft(parsed.Value!, text, owner, owner, clock.Time.GetUtcNow(), null), CancellationToken.None);
}

var alertOptions = new AlertOptions();
using var engine = new AlertEngine(store, metrics, new AlertEvaluator(new Benchmarks(), alertOptions), alertOptions, clock, NullLogger<AlertEngine>.Instance);
var results = new List<(string What, double Ms, AlertRunSummary Summary)>();
async Task MeasureAsync(string what)
{
    var watch = Stopwatch.StartNew();
    var summary = await engine.EvaluateAsync(null, CancellationToken.None);
    results.Add((what, watch.Elapsed.TotalMilliseconds, summary));
}

await MeasureAsync("first evaluation (every scope new: state written)");
for (var run = 1; run <= options.Runs; run++)
{
    await MeasureAsync(string.Create(culture, $"hourly re-evaluation, no new data (run {run})"));
}

for (var run = 1; run <= options.Runs; run++)
{
    // A new day for every shop: the last day's rows copied one day on, as a daily import would add them.
    Sql(database, """
        INSERT INTO channel_daily SELECT shop, day + 1, channel, visitors, page_views, product_visitors, favorite_users, cart_users, orders,
            order_buyers, paid_orders, paid_buyers, gmv_cents, refund_cents, refund_orders, ad_cost_cents, new_visitors, bounced_visitors,
            stay_seconds, multi_item_orders
        FROM channel_daily WHERE day = (SELECT MAX(day) FROM channel_daily);
        INSERT INTO sku_daily SELECT shop, day + 1, sku, units_sold, gmv_cents, product_visitors, paid_buyers, stock_units, rating
        FROM sku_daily WHERE day = (SELECT MAX(day) FROM sku_daily);
        """);

    // Written past the importer, so the counter rollups are brought up to date here, as an import does.
    var newDay = (await metrics.GetLastDataDayAsync(null, CancellationToken.None))!.Value;
    CounterRollups.Refresh(database, ShopIds(database).Select(shop => (shop, Days.ToDay(newDay))));
    await MeasureAsync(string.Create(culture, $"after a new day was imported (every scope steps; run {run})"));
}

var last = await metrics.GetLastDataDayAsync(null, CancellationToken.None) ?? clock.Today();
var dryRun = Stopwatch.StartNew();
var rule = (await store.ListRulesAsync(CancellationToken.None))[0] with { Scope = AlertScope.All };
var evaluator = new AlertEvaluator(new Benchmarks(), alertOptions);
var days = new DateRange(last.AddDays(1 - alertOptions.TestDays), last);
var data = new AlertData(metrics, new DateRange(days.From.AddDays(-evaluator.HistoryDays(rule)), last));
var fired = 0;
foreach (var target in await AlertEvaluator.TargetsAsync(rule, data, last, CancellationToken.None))
{
    var outcomes = await evaluator.OutcomesAsync(rule, target, new DateRange(days.From.AddDays(-rule.ForDays), last), data, CancellationToken.None);
    fired += AlertSimulation.Run(outcomes, days.From, rule.ForDays, alertOptions.FlapDampingEvaluations, AlertSimulation.WorseFor(rule.Condition)).Incidents.Count;
}

var dryRunMs = dryRun.Elapsed.TotalMilliseconds;
Console.WriteLine();
Console.WriteLine(string.Create(culture, $"{options.Rules} rules ({string.Join(", ", kinds.Select(k => k.Replace(" shop {0}", string.Empty, StringComparison.Ordinal)))}) over {Math.Min(shops.Count, (options.Rules + kinds.Length - 1) / kinds.Length)} shops; data up to {last:yyyy-MM-dd}"));
Console.WriteLine();
Console.WriteLine("| run | ms | scopes | opened | resolved |");
Console.WriteLine("|---|---:|---:|---:|---:|");
foreach (var (what, ms, summary) in results)
{
    Console.WriteLine(string.Create(culture, $"| {what} | {ms:0} | {summary.Scopes} | {summary.Opened} | {summary.Resolved} |"));
}

Console.WriteLine(string.Create(culture, $"| `alert test {rule.Describe().ToLowerInvariant()}` over {alertOptions.TestDays} days, every shop | {dryRunMs:0} | {shops.Count} | {fired} would have fired | |"));
return 0;

static List<int> ShopIds(SqliteDatabase database)
{
    using var connection = database.Open();
    using var command = connection.CreateCommand();
    command.CommandText = "SELECT id FROM shop";
    using var reader = command.ExecuteReader();
    var ids = new List<int>();
    while (reader.Read())
    {
        ids.Add(reader.GetInt32(0));
    }

    return ids;
}

static void Sql(SqliteDatabase database, string sql)
{
    using var connection = database.Open();
    using var command = connection.CreateCommand();
    command.CommandText = sql;
    command.ExecuteNonQuery();
}

/// <summary>Command-line options (<c>--name value</c>).</summary>
internal sealed record Options(string Db, int Shops, int Channels, int Years, int Rules, int Runs, string? Kinds)
{
    public static Options Parse(string[] args)
    {
        var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            values[args[i].TrimStart('-')] = args[i + 1];
        }

        int Int(string name, int fallback) => values.TryGetValue(name, out var v) ? int.Parse(v, CultureInfo.InvariantCulture) : fallback;
        return new Options(
            values.GetValueOrDefault("db") ?? "/tmp/opsbot-bench-alerts/large.db",
            Int("shops", 200),
            Int("channels", 12),
            Int("years", 5),
            Int("rules", 1000),
            Int("runs", 3),
            values.GetValueOrDefault("kinds"));
    }
}
