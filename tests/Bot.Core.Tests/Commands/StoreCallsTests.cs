using Bot.Core.Formatting;
using Bot.Core.Metrics;
using Bot.Core.Periods;
using Bot.Core.Tests.Fakes;

namespace Bot.Core.Tests.Commands;

/// <summary>
/// How many store calls (SQL round trips in the real store) the morning commands make, and that the numbers they cut from
/// the merged calls are still the sums of the raw rows. Today is Friday 2026-06-19 in Asia/Shanghai.
/// </summary>
public sealed class StoreCallsTests : IDisposable
{
    private static readonly NumberFormat F = NumberFormat.English;
    private static readonly DateOnly Day = new(2026, 6, 18);
    private readonly CountingMetricStore _counting;
    private readonly TestBot _bot;

    public StoreCallsTests()
    {
        var store = TestData.Build();
        store.Goals.Add(new Goal("tmall", "conversion", "2026", 0.05m, null));
        store.Goals.Add(new Goal("tmall", "gmv", "2026", 9_000_000m, "live"));
        CountingMetricStore? counting = null;
        _bot = new TestBot(store, wrap: s => counting = new CountingMetricStore(s));
        _counting = counting!;
    }

    public void Dispose() => _bot.Dispose();

    private List<DayRow> Rows(DateRange range, string? shop = null, string? channel = null) =>
        [.. _bot.Store.Days.Where(r => range.Contains(r.Day) && (shop is null || r.Shop == shop) && (channel is null || r.Channel == channel))];

    private async Task<Replies.Reply> AskCountingAsync(string text, string conversation = "c1")
    {
        await _bot.AskAsync("campaigns", conversation);
        _counting.Reset();
        return await _bot.AskAsync(text, conversation);
    }

    [Fact]
    public async Task Brief_CountersInTwoCalls_SameWeekdayAndChannelMovesFromTheRows()
    {
        var today = Rows(DateRange.Day(Day));
        var lastWeek = Rows(DateRange.Day(Day.AddDays(-7)));
        var conversion = (double)today.Sum(r => r.Counters.PaidBuyers) / today.Sum(r => r.Counters.Visitors);
        var lastWeekConversion = (double)lastWeek.Sum(r => r.Counters.PaidBuyers) / lastWeek.Sum(r => r.Counters.Visitors);
        var live = Rows(DateRange.Day(Day), channel: "live").Sum(r => r.Counters.Gmv);
        var liveBefore = Rows(DateRange.Day(Day.AddDays(-1)), channel: "live").Sum(r => r.Counters.Gmv);

        var reply = await AskCountingAsync("brief");

        Assert.Equal(["SumCountersAsync", "SumCountersByDayAndChannelAsync", "GetSkuStatsAsync"], _counting.Calls);
        Assert.Equal(F.Change(conversion, lastWeekConversion, MetricKind.Rate, true).Text, reply.Metric("Conversion").Change("vs last Thu"));
        Assert.Contains($"({F.Money(liveBefore)} → {F.Money(live)})", reply.AllText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Brief_OneChannel_TrailingAverageOverTheDaysWithData()
    {
        var today = Rows(DateRange.Day(Day), channel: "live").Sum(r => r.Counters.Visitors);
        var trailing = Rows(new DateRange(Day.AddDays(-30), Day.AddDays(-1)), channel: "live").Sum(r => r.Counters.Visitors);

        var reply = await AskCountingAsync("brief live");

        Assert.Equal(F.Count(today), reply.Metric("Visitors").Value);
        Assert.Equal(F.Change(today, trailing / 30.0, MetricKind.Count, true).Text, reply.Metric("Visitors").Change("vs 30-d avg"));
    }

    [Fact]
    public async Task Goals_TwoGoalsOverTheSameDays_OneSumForBoth()
    {
        var year = Rows(new DateRange(new DateOnly(2026, 1, 1), Day), "tmall");
        var conversion = (double)year.Sum(r => r.Counters.PaidBuyers) / year.Sum(r => r.Counters.Visitors);
        var live = year.Where(r => r.Channel == "live").Sum(r => r.Counters.Gmv);

        var reply = await AskCountingAsync("goals");

        // Running now: gmv 2026, conversion 2026 (the same sum), gmv 2026 live, gmv 2026-06, conversion 2026-Q2.
        Assert.Equal(["GetGoalsAsync", .. Enumerable.Repeat("SumCountersAsync", 4)], _counting.Calls);
        var rows = reply.Table().Rows;
        Assert.Equal(F.Rate(conversion), rows.Single(r => r[0].Text.EndsWith("Conversion · 2026", StringComparison.Ordinal))[2].Text);
        Assert.Equal(F.Money(live), rows.Single(r => r[0].Text.Contains("Live", StringComparison.Ordinal))[2].Text);
        Assert.Equal(F.Money(year.Sum(r => r.Counters.Gmv)), rows.Single(r => r[0].Text.EndsWith("GMV · 2026", StringComparison.Ordinal))[2].Text);
    }
}
