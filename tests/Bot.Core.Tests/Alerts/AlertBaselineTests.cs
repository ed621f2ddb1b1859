using Bot.Core.Alerts;
using Bot.Core.Metrics;
using Bot.Core.Periods;

namespace Bot.Core.Tests.Alerts;

public sealed class AlertBaselineTests
{
    // 2026-03-16 is a Monday; its baseline Mondays are 03-09, 03-02, 02-23 and 02-16.
    private static readonly DateOnly Monday = A.Day("2026-03-16");

    private static Counters? Series(DateOnly day) =>
        A.Row(visitors: day.DayOfWeek == DayOfWeek.Monday ? 20_000 : 10_000, conversion: day.DayOfWeek == DayOfWeek.Monday ? 0.02 : 0.04);

    [Fact]
    public void Compute_Monday_AveragesTheFourPreviousMondaysOnly()
    {
        var baseline = AlertBaseline.Compute(Monday, MetricCatalog.Visitors, Series, _ => false, 28);

        Assert.NotNull(baseline);
        Assert.Equal(20_000, baseline.Value);
        Assert.Equal([A.Day("2026-03-09"), A.Day("2026-03-02"), A.Day("2026-02-23"), A.Day("2026-02-16")], baseline.Days);
    }

    [Fact]
    public void Compute_Rate_IsTheRatioOfSummedCounters()
    {
        Counters? Mixed(DateOnly day) => day == A.Day("2026-03-09") ? A.Row(visitors: 30_000, conversion: 0.01) : A.Row(visitors: 10_000, conversion: 0.03);

        var baseline = AlertBaseline.Compute(Monday, MetricCatalog.Conversion, Mixed, _ => false, 28);

        // (300 + 3 × 300) buyers / 60,000 visitors = 2 %, not the 2.5 % average of the daily rates.
        Assert.Equal(0.02, baseline!.Value, 6);
    }

    [Fact]
    public void Compute_CampaignDaysExcluded_AreLeftOutAndEarlierWeeksStandIn()
    {
        var campaign = new DateRange(A.Day("2026-02-20"), A.Day("2026-03-10"));

        var baseline = AlertBaseline.Compute(Monday, MetricCatalog.Visitors, Series, campaign.Contains, 28);

        // 03-09, 03-02 and 02-23 are campaign days: only 02-16 is left, so 02-09 (five weeks back) stands in.
        Assert.Equal([A.Day("2026-02-16"), A.Day("2026-02-09")], baseline!.Days);
    }

    [Fact]
    public void Compute_NoSameWeekdayData_ReturnsNull()
    {
        var baseline = AlertBaseline.Compute(Monday, MetricCatalog.Visitors, day => day.DayOfWeek == DayOfWeek.Monday ? null : A.Row(), _ => false, 28);

        Assert.Null(baseline);
    }

    [Fact]
    public void CampaignDays_IncludeTheWarmUp()
    {
        var campaigns = new[] { new Campaign("618", [], "tmall", A.Day("2026-06-01"), A.Day("2026-06-20"), A.Day("2026-05-25"), null) };

        var excluded = AlertBaseline.CampaignDays(campaigns, "tmall");

        Assert.True(excluded(A.Day("2026-05-25")));
        Assert.True(excluded(A.Day("2026-06-20")));
        Assert.False(excluded(A.Day("2026-05-24")));
        Assert.False(AlertBaseline.CampaignDays(campaigns, "jd")(A.Day("2026-06-10")));
    }
}
