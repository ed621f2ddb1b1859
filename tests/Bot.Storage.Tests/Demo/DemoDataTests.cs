using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Bot.Core.Periods;
using Bot.Storage.Demo;
using Bot.Storage.Import;
using Bot.Storage.Sqlite;
using Bot.Storage.Tests.Support;
using Xunit.Abstractions;

namespace Bot.Storage.Tests.Demo;

/// <summary>The demo data: deterministic, realistic magnitudes, funnel rules, and the stories the bot should find.</summary>
public sealed class DemoDataTests(DemoDataFixture fixture, ITestOutputHelper output) : IClassFixture<DemoDataFixture>
{
    private static readonly DateOnly Today = DemoDataFixture.Today;
    private readonly TempDatabase _db = fixture.Db;
    private readonly CancellationToken _ct = CancellationToken.None;

    private static string Checksum(DemoDataOptions options)
    {
        var generator = new DemoDataGenerator(options);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var kind in ImportKinds.All)
        {
            using var writer = new StringWriter();
            generator.Write(kind, writer);
            hash.AppendData(Encoding.UTF8.GetBytes(writer.ToString()));
        }

        return Convert.ToHexString(hash.GetHashAndReset());
    }

    private List<double[]> Rows(string sql)
    {
        using var connection = _db.Database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Parameters.AddWithValue("$today", Days.ToDay(Today));
        using var reader = command.ExecuteReader();
        var rows = new List<double[]>();
        while (reader.Read())
        {
            rows.Add(Enumerable.Range(0, reader.FieldCount).Select(i => reader.IsDBNull(i) ? double.NaN : reader.GetDouble(i)).ToArray());
        }

        return rows;
    }

    private double Value(string sql) => Rows(sql)[0][0];

    [Fact]
    public void Generator_SameSeed_SameChecksum_OtherSeed_Different()
    {
        var options = DemoDataOptions.Demo(Today) with { BuyersPerShop = 2_000 };

        Assert.Equal(Checksum(options), Checksum(options));
        Assert.NotEqual(Checksum(options), Checksum(options with { Seed = 7 }));
    }

    [Fact]
    public void Seed_IsFastAndCoversTwoYearsUpToYesterday()
    {
        output.WriteLine($"seeded in {fixture.SeedTime.TotalSeconds:0.00} s");

        Assert.Equal(2, _db.Count("shop"));
        Assert.Equal(8, Value("SELECT COUNT(DISTINCT channel) FROM channel_daily"));
        Assert.Equal(Days.ToDay(Today.AddDays(-1)), Value("SELECT MAX(day) FROM channel_daily"));
        Assert.Equal(Days.ToDay(Today.AddYears(-2)), Value("SELECT MIN(day) FROM channel_daily"));
        Assert.Equal(2 * 8 * (Today.AddDays(-1).DayNumber - Today.AddYears(-2).DayNumber + 1), _db.Count("channel_daily"));
        Assert.InRange(_db.Count("sku"), 180, 220);
        Assert.Equal(40_000, _db.Count("buyer"));
        Assert.True(fixture.SeedTime < TimeSpan.FromSeconds(30), $"seeding took {fixture.SeedTime}");
    }

    [Fact]
    public void Magnitudes_PerShopDay_AreRealistic()
    {
        var days = Rows("""
            SELECT SUM(visitors), SUM(paid_buyers) * 1.0 / SUM(visitors), SUM(gmv_cents) / 100.0 / SUM(paid_buyers), SUM(refund_cents) * 1.0 / SUM(gmv_cents)
            FROM channel_daily GROUP BY shop, day
            """);

        Assert.InRange(days.Min(d => d[0]), 5_000, 60_000);
        Assert.InRange(days.Max(d => d[0]), 5_000, 60_000);
        Assert.InRange(days.Min(d => d[1]), 0.015, 0.04);
        Assert.InRange(days.Max(d => d[1]), 0.015, 0.04);
        Assert.InRange(days.Min(d => d[2]), 80, 300);
        Assert.InRange(days.Max(d => d[2]), 80, 300);
        Assert.InRange(days.Min(d => d[3]), 0.03, 0.12);
        Assert.InRange(days.Max(d => d[3]), 0.03, 0.12);
    }

    [Fact]
    public void FunnelRules_HoldOnEveryRow()
    {
        Assert.Equal(0, Value("""
            SELECT COUNT(*) FROM channel_daily
            WHERE paid_buyers > order_buyers OR order_buyers > visitors OR cart_users > visitors
               OR new_visitors > visitors OR bounced_visitors > visitors OR refund_cents > gmv_cents OR paid_orders > orders
            """));
    }

    [Fact]
    public void WeeklySeasonality_WeekendsBusierThanMondays()
    {
        // strftime('%w'): 0 = Sunday … 6 = Saturday; days since 1970-01-01 → unix seconds.
        var saturday = Value("SELECT AVG(v) FROM (SELECT SUM(visitors) v, day FROM channel_daily WHERE strftime('%w', day * 86400, 'unixepoch') = '6' GROUP BY shop, day)");
        var monday = Value("SELECT AVG(v) FROM (SELECT SUM(visitors) v, day FROM channel_daily WHERE strftime('%w', day * 86400, 'unixepoch') = '1' GROUP BY shop, day)");

        Assert.True(saturday > monday * 1.08, $"Saturday {saturday:0} vs Monday {monday:0}");
    }

    [Theory]
    [InlineData("2025-06-18", "2025-05-07")]
    [InlineData("2025-11-11", "2025-10-05")]
    public void CampaignPeaks_StandOut(string peak, string ordinary)
    {
        var peakVisitors = Value($"SELECT SUM(visitors) FROM channel_daily WHERE day = {Days.ToDay(DateOnly.Parse(peak, CultureInfo.InvariantCulture))}");
        var ordinaryVisitors = Value($"SELECT SUM(visitors) FROM channel_daily WHERE day = {Days.ToDay(DateOnly.Parse(ordinary, CultureInfo.InvariantCulture))}");

        Assert.True(peakVisitors > ordinaryVisitors * 1.5, $"{peak}: {peakVisitors:0} vs {ordinary}: {ordinaryVisitors:0}");
    }

    [Fact]
    public void ConversionDip_LastFiveDays_About40PercentBelowNormal_InTmallOnly()
    {
        var shops = Rows("""
            SELECT SUM(CASE WHEN day BETWEEN $today - 5 AND $today - 1 THEN paid_buyers END) * 1.0
                     / SUM(CASE WHEN day BETWEEN $today - 5 AND $today - 1 THEN visitors END),
                   SUM(CASE WHEN day BETWEEN $today - 33 AND $today - 6 THEN paid_buyers END) * 1.0
                     / SUM(CASE WHEN day BETWEEN $today - 33 AND $today - 6 THEN visitors END)
            FROM channel_daily GROUP BY shop ORDER BY shop
            """);

        Assert.Equal(2, shops.Count);
        Assert.InRange(shops[0][0] / shops[0][1], 0.5, 0.7);
        Assert.InRange(shops[1][0] / shops[1][1], 0.9, 1.1);
    }

    [Fact]
    public void RecoveredDip_SameKeysAndVisitorsAsTheDip_ConversionBackToNormal_AndImports()
    {
        var generator = new DemoDataGenerator(DemoDataOptions.Demo(Today));
        using var all = new StringWriter(CultureInfo.InvariantCulture);
        using var recovered = new StringWriter(CultureInfo.InvariantCulture);
        generator.Write(ImportKind.ChannelDaily, all);
        generator.WriteRecoveredDip(recovered);
        static string[][] Lines(StringWriter w) => [.. w.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Skip(1).Select(l => l.Split(','))];
        var fixedRows = Lines(recovered);
        var dipStart = Today.AddDays(-5).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var dipRows = Lines(all).Where(r => r[1] == "tmall-flagship" && string.CompareOrdinal(r[0], dipStart) >= 0).ToArray();

        // Columns: date, shop, channel, visitors, …, paid_buyers (index 11).
        Assert.Equal(dipRows.Select(r => (r[0], r[1], r[2], r[3])), fixedRows.Select(r => (r[0], r[1], r[2], r[3])));
        var ratio = fixedRows.Sum(r => double.Parse(r[11], CultureInfo.InvariantCulture)) / dipRows.Sum(r => double.Parse(r[11], CultureInfo.InvariantCulture));
        Assert.InRange(ratio, 1.5, 1.85);
        using var fresh = new TempDatabase();
        var result = fresh.Import(ImportKind.ChannelDaily, recovered.ToString());
        Assert.True(result.Succeeded, result.Summary);
        Assert.Equal(5 * 8, result.Rows);
    }

    [Fact]
    public void RefundSpike_InTmallOnDaysMinus24ToMinus22()
    {
        var spike = Value("SELECT SUM(refund_cents) * 1.0 / SUM(gmv_cents) FROM channel_daily WHERE shop = 1 AND day BETWEEN $today - 24 AND $today - 22");
        var before = Value("SELECT SUM(refund_cents) * 1.0 / SUM(gmv_cents) FROM channel_daily WHERE shop = 1 AND day BETWEEN $today - 60 AND $today - 25");

        Assert.True(spike > before * 1.4, $"spike {spike:P1} vs {before:P1}");
    }

    [Fact]
    public async Task Campaigns_618AndDouble11_ForBothYears_WithAliasesAndFixedCosts()
    {
        var campaigns = await _db.Store.ListCampaignsAsync("tmall", _ct);

        // Campaigns of the current year are listed even when still ahead (planned, without costs yet).
        Assert.Equal(["双11 2024", "618 2025", "双11 2025", "618 2026", "双11 2026"], campaigns.Select(c => c.Name));
        var c618 = campaigns.Single(c => c.Name == "618 2026");
        Assert.Equal((new DateOnly(2026, 6, 1), new DateOnly(2026, 6, 20), new DateOnly(2026, 5, 20)), (c618.Start, c618.End, c618.WarmupStart));
        Assert.Equal(["618", "年中大促"], c618.Aliases);
        Assert.Equal(["1111", "Double 11", "双11", "双十一"], campaigns[0].Aliases);
        Assert.All(campaigns, c => Assert.True(c.TargetGmv > 1_000_000m));
        Assert.NotEmpty(await _db.Store.GetCampaignCostsAsync("tmall", "618", _ct));
        Assert.NotEmpty(await _db.Store.GetCampaignCostsAsync("douyin-store", "双11 2024", _ct));
        Assert.Empty(await _db.Store.GetCampaignCostsAsync("tmall", "双11 2026", _ct));
        Assert.Equal(2 * 5, (await _db.Store.ListCampaignsAsync(null, _ct)).Count);
    }

    [Fact]
    public async Task Skus_HaveNewTrialsAndSlowMovers()
    {
        var month = new DateRange(Today.AddDays(-30), Today.AddDays(-1));

        foreach (var shop in new[] { "tmall-flagship", "douyin-store" })
        {
            var skus = await _db.Store.GetSkuStatsAsync(month, shop, _ct);
            var fresh = skus.Where(s => s.LaunchDate >= Today.AddDays(-15)).ToList();
            var slow = skus.Where(s => s.StockEnd > 100 && s.UnitsSold <= 3).ToList();

            Assert.InRange(skus.Count, 90, 110);
            Assert.True(fresh.Count >= 3, $"{shop}: {fresh.Count} new SKUs");
            Assert.Contains(fresh, s => s.Conversion > 0.10);
            Assert.True(slow.Count >= 4, $"{shop}: {slow.Count} slow movers");
            Assert.All(skus, s => Assert.True(s.StockEnd >= 0));
        }
    }

    [Fact]
    public async Task Goals_ForTheCurrentYear_AnnualQuarterlyMonthlyAndConversion()
    {
        var goals = await _db.Store.GetGoalsAsync("tmall-flagship", _ct);
        var gmv = goals.Where(g => g.Metric == "gmv" && g.Channel is null).Select(g => g.Period).ToHashSet();

        Assert.Contains("2026", gmv);
        Assert.All(new[] { "2026-Q1", "2026-Q2", "2026-Q3", "2026-Q4", "2026-01", "2026-06", "2026-12" }, p => Assert.Contains(p, gmv));
        var conversion = Assert.Single(goals, g => g.Metric == "conversion");
        Assert.InRange(conversion.Target, 0.015m, 0.04m);
        var annual = goals.Single(g => g.Metric == "gmv" && g.Period == "2026" && g.Channel is null).Target;
        var quarters = goals.Where(g => g.Metric == "gmv" && g.Period.Contains('Q', StringComparison.Ordinal)).Sum(g => g.Target);
        Assert.InRange(quarters / annual, 0.98m, 1.02m);
    }

    [Fact]
    public async Task Buyers_SnapshotHasEverySegment()
    {
        var summary = await _db.Store.GetBuyerSummaryAsync("tmall", Today, new DateRange(Today.AddDays(-30), Today.AddDays(-1)), 180, _ct);

        Assert.Equal(20_000, summary.Buyers);
        Assert.All(summary.Segments, s => Assert.True(s.Value > 100, $"{s.Key}: {s.Value}"));
        Assert.InRange((double)summary.RepeatBuyers / summary.Buyers, 0.2, 0.6);
        Assert.Equal(["black", "gold", "silver"], summary.Tiers.Keys.Order());
        Assert.InRange((double)(summary.TotalSpent / summary.Orders), 80, 300);
    }

    [Fact]
    public async Task Seed_Again_ReplacesEverythingAndChangesNothing()
    {
        var before = _db.Fingerprint();

        var results = await _db.Seeder.SeedAsync(DemoDataOptions.Demo(Today), _ct);

        Assert.All(results, r => Assert.Equal((0L, r.Rows), (r.Inserted, r.Replaced)));
        Assert.Equal(before, _db.Fingerprint());
    }
}
