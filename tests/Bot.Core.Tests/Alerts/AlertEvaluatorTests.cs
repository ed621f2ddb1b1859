using Bot.Core.Alerts;
using Bot.Core.Metrics;
using Bot.Core.Tests.Fakes;

namespace Bot.Core.Tests.Alerts;

/// <summary>Each rule type against a hand-made series: fires on exactly the right day, not before.</summary>
public sealed class AlertEvaluatorTests
{
    private const string First = "2026-01-01";
    private const string Last = "2026-03-31";

    private static bool In(DateOnly day, string from, string to) => day >= A.Day(from) && day <= A.Day(to);

    [Fact]
    public async Task Baseline_ThreeDaysTwentyPercentBelow_FiresOnTheThirdDayAndResolvesWhenItClears()
    {
        var store = A.Store().Fill("tmall", First, Last, d => A.Row(conversion: In(d, "2026-03-10", "2026-03-14") ? 0.02 : 0.03));
        var rule = A.Rule("conversion 20% below baseline for 3 days shop tmall", store);

        var result = (await A.SimulateAsync(rule, store, "2026-03-01", Last))["shop:tmall"];

        var incident = Assert.Single(result.Incidents);
        Assert.Equal(A.Day("2026-03-12"), incident.Opened);
        Assert.Equal(A.Day("2026-03-15"), incident.Resolved);
        Assert.Equal(AlertState.Pending, result.StateOn("2026-03-10"));
        Assert.Equal(AlertState.Pending, result.StateOn("2026-03-11"));
        Assert.Equal(0.03, incident.First.Reference!.Value, 6);
        Assert.Equal(0.024, incident.First.Limit!.Value, 6);
    }

    [Fact]
    public async Task Baseline_NoAmount_UsesTheDefaultMarginOfFifteenPercent()
    {
        var store = A.Store().Fill("tmall", First, Last, d => A.Row(conversion: In(d, "2026-03-10", "2026-03-12") ? 0.027 : In(d, "2026-03-20", "2026-03-20") ? 0.024 : 0.03));
        var rule = A.Rule("conversion below baseline shop tmall", store);

        var result = (await A.SimulateAsync(rule, store, "2026-03-01", Last))["shop:tmall"];

        // 10 % below (03-10..12) is within the margin; 20 % below (03-20) is not.
        Assert.Equal(A.Day("2026-03-20"), Assert.Single(result.Incidents).Opened);
    }

    [Fact]
    public async Task Baseline_ChineseRule_FiresLikeTheEnglishOne()
    {
        var store = A.Store().Fill("tmall", First, Last, d => A.Row(conversion: In(d, "2026-03-10", "2026-03-14") ? 0.02 : 0.03));
        var rule = A.Rule("转化率 连续3天 低于 基线 店铺 天猫", store);

        var result = (await A.SimulateAsync(rule, store, "2026-03-01", Last))["shop:tmall"];

        Assert.Equal(A.Day("2026-03-12"), Assert.Single(result.Incidents).Opened);
    }

    [Fact]
    public async Task Baseline_PerChannel_FiresOnlyForThatChannelAndMissingDataIsNoData()
    {
        var store = A.Store()
            .Fill("tmall", First, Last, _ => A.Row())
            .Fill("tmall", First, Last, d => A.Row(aov: d == A.Day("2026-03-20") ? 100m : 150m), channel: "live")
            .Fill("jd", First, Last, _ => A.Row());
        var rule = A.Rule("uv value drops 20% vs baseline channel live", store);

        var results = await A.SimulateAsync(rule, store, "2026-03-01", Last);

        var tmall = results["shop:tmall|channel:live"];
        Assert.Equal(A.Day("2026-03-20"), Assert.Single(tmall.Incidents).Opened);
        Assert.Equal(A.Day("2026-03-21"), tmall.Incidents[0].Resolved);
        var jd = results["shop:jd|channel:live"];
        Assert.Empty(jd.Incidents);
        Assert.All(jd.Steps, s => Assert.Equal(AlertState.NoData, s.State));
    }

    [Fact]
    public async Task Benchmark_HalfOfTheIndustryConversion_FiresWhenConversionFallsUnderItOnly()
    {
        // Benchmark = middle of 2–4 % = 3 %; half of it = 1.5 %. 2 % is low but above; 1.4 % is under.
        var store = A.Store().Fill("tmall", First, Last, d => A.Row(conversion: d == A.Day("2026-03-18") ? 0.014 : 0.02));
        var rule = A.Rule("conversion below 50% of benchmark shop tmall", store);

        var result = (await A.SimulateAsync(rule, store, "2026-03-01", Last))["shop:tmall"];

        var incident = Assert.Single(result.Incidents);
        Assert.Equal(A.Day("2026-03-18"), incident.Opened);
        Assert.Equal(0.015, incident.First.Limit!.Value, 6);
    }

    [Fact]
    public async Task Threshold_RefundRateAboveEightPercent_FiresOnTheFirstDayAbove()
    {
        var store = A.Store().Fill("tmall", First, Last, d => A.Row(refundRate: In(d, "2026-03-05", "2026-03-07") ? 0.09 : d == A.Day("2026-03-04") ? 0.08 : 0.05));
        var rule = A.Rule("refund rate above 8% shop tmall", store);

        var result = (await A.SimulateAsync(rule, store, "2026-03-01", Last))["shop:tmall"];

        // Exactly 8 % on 03-04 is not above 8 %.
        var incident = Assert.Single(result.Incidents);
        Assert.Equal(A.Day("2026-03-05"), incident.Opened);
        Assert.Equal(A.Day("2026-03-08"), incident.Resolved);
    }

    [Fact]
    public async Task Spike_ThreeTimesBaseline_FiresOnTheBurstNotOnASmallerJump()
    {
        var store = A.Store().Fill("tmall", First, Last, d => A.Row(visitors: d == A.Day("2026-03-12") ? 25_000 : d == A.Day("2026-03-20") ? 35_000 : 10_000));
        var rule = A.Rule("visitors spike above 3x baseline shop tmall", store);

        var result = (await A.SimulateAsync(rule, store, "2026-03-01", Last))["shop:tmall"];

        Assert.Equal(A.Day("2026-03-20"), Assert.Single(result.Incidents).Opened);
    }

    [Fact]
    public async Task StockCover_BelowSevenDays_FiresTheDayCoverDropsUnderSeven()
    {
        var store = A.Store().Fill("tmall", First, Last, _ => A.Row());
        for (var day = A.Day("2026-02-01"); day <= A.Day(Last); day = day.AddDays(1))
        {
            // Sells 10 a day; stock 300 on 03-01 falling by 10 a day: cover 7.0 on 03-24, 6.0 on 03-25.
            var stock = 300 - (10 * (day.DayNumber - A.Day("2026-03-01").DayNumber));
            store.Skus.Add(new SkuDayRow(day, "tmall", "SKU-1", "Tote bag", "bags", 10, 1_000m, 200, 10, stock));
            store.Skus.Add(new SkuDayRow(day, "tmall", "SKU-2", "Slow scarf", "scarves", 1, 100m, 20, 1, 1_000));
        }

        var rule = A.Rule("stock cover below 7 days shop tmall", store);
        var inScarves = A.Rule("stock cover below 7 days shop tmall category scarves", store);

        var result = (await A.SimulateAsync(rule, store, "2026-03-01", Last))["shop:tmall"];
        var scarves = (await A.SimulateAsync(inScarves, store, "2026-03-01", Last))["shop:tmall|category:scarves"];

        var incident = Assert.Single(result.Incidents);
        Assert.Equal(A.Day("2026-03-25"), incident.Opened);
        Assert.Contains("SKU-1 Tote bag (6 d)", incident.First.Detail, StringComparison.Ordinal);
        Assert.Empty(scarves.Incidents);
    }

    [Fact]
    public async Task GoalPace_GmvFallsBehind_FiresTheFirstDayPaceIsUnderOne()
    {
        // 45,000 a day hits a 31-day target of 1,395,000 exactly on pace; from 03-11 sales halve.
        var store = A.Store().Fill("tmall", First, Last, d => A.Row(aov: d >= A.Day("2026-03-11") ? 75m : 150m));
        store.Goals.Add(new Goal("tmall", "gmv", "2026-03", 1_395_000m, null));
        var rule = A.Rule("gmv goal behind pace", store);

        var results = await A.SimulateAsync(rule, store, "2026-03-01", Last);

        var result = Assert.Single(results).Value;
        Assert.Equal(A.Day("2026-03-11"), Assert.Single(result.Incidents).Opened);
        Assert.Equal(AlertState.Ok, result.StateOn("2026-03-10"));
    }

    [Fact]
    public async Task Baseline_CampaignDaysLeftOut_NoFalseAlertAfterTheCampaignNorDuringIt()
    {
        // A campaign week with five times the traffic: GMV then looks "low" against a baseline that includes it.
        var store = A.Store().Fill("tmall", First, Last, d => A.Row(visitors: In(d, "2026-03-01", "2026-03-07") ? 50_000 : 10_000));
        store.Campaigns.Add(new Campaign("spring sale", [], "tmall", A.Day("2026-03-01"), A.Day("2026-03-07"), null, null));
        var lowGmv = A.Rule("gmv 20% below baseline shop tmall", store);
        var spike = A.Rule("visitors spike above 3x baseline shop tmall", store);

        var excluded = (await A.SimulateAsync(lowGmv, store, "2026-02-20", Last))["shop:tmall"];
        var spikes = (await A.SimulateAsync(spike, store, "2026-02-20", Last))["shop:tmall"];
        var included = (await A.SimulateAsync(lowGmv, store, "2026-02-20", Last, new AlertOptions { ExcludeCampaignDays = false }))["shop:tmall"];
        var spikesIncluded = (await A.SimulateAsync(spike, store, "2026-02-20", Last, new AlertOptions { ExcludeCampaignDays = false }))["shop:tmall"];

        Assert.Empty(excluded.Incidents);
        Assert.Empty(spikes.Incidents);
        Assert.DoesNotContain(excluded.Steps, s => s.Outcome.Day == A.Day("2026-03-03"));
        Assert.Equal(A.Day("2026-03-08"), included.Incidents[0].Opened);
        Assert.Equal(A.Day("2026-03-01"), spikesIncluded.Incidents[0].Opened);
    }

    [Fact]
    public async Task Baseline_CampaignDaysInsideAStreak_DoNotBreakIt()
    {
        var store = A.Store().Fill("tmall", First, Last, d => A.Row(conversion: In(d, "2026-03-09", "2026-03-13") ? 0.02 : 0.03));
        store.Campaigns.Add(new Campaign("flash sale", [], "tmall", A.Day("2026-03-10"), A.Day("2026-03-11"), null, null));
        var rule = A.Rule("conversion below baseline for 3 days shop tmall", store);

        var result = (await A.SimulateAsync(rule, store, "2026-03-01", Last))["shop:tmall"];

        // Judged days 03-09, 03-12, 03-13 are three in a row once the campaign days are skipped.
        Assert.Equal(A.Day("2026-03-13"), Assert.Single(result.Incidents).Opened);
    }

    [Fact]
    public async Task Targets_NoShopGiven_EvaluatesEachShopOnItsOwn()
    {
        var store = A.Store()
            .Fill("tmall", First, Last, d => A.Row(conversion: In(d, "2026-03-10", "2026-03-14") ? 0.02 : 0.03))
            .Fill("jd", First, Last, _ => A.Row());
        var rule = A.Rule("conversion below baseline for 3 days", store);

        var results = await A.SimulateAsync(rule, store, "2026-03-01", Last);

        Assert.Equal(["shop:jd", "shop:tmall"], results.Keys.Order(StringComparer.Ordinal));
        Assert.Single(results["shop:tmall"].Incidents);
        Assert.Empty(results["shop:jd"].Incidents);
    }
}
