using Bot.Core.Commands.Query;
using Bot.Core.Formatting;
using Bot.Core.Metrics;
using Bot.Core.Push;
using Bot.Core.Replies;
using Bot.Core.Tests.Fakes;
using Bot.Core.Time;

namespace Bot.Core.Tests.Push;

public sealed class WeeklyTodoTests
{
    private static readonly DateOnly Monday = new(2026, 6, 15);

    [Fact]
    public async Task Compose_WeekWithProblemsInTheData_ListsEachDataDrivenToDo()
    {
        var store = TestData.Build();
        for (var day = new DateOnly(2026, 6, 8); day <= new DateOnly(2026, 6, 14); day = day.AddDays(1))
        {
            store.Days.Add(new DayRow(day, "tmall", "search_ads", new Counters { DaysWithData = 1, AdCost = 500_000m }));
        }

        for (var day = new DateOnly(2026, 5, 16); day <= new DateOnly(2026, 6, 14); day = day.AddDays(1))
        {
            store.Skus.Add(new SkuDayRow(day, "tmall", "SKU-OLD", "Winter coat", "apparel", 0, 0m, 40, 0, 800));
            store.Skus.Add(new SkuDayRow(day, "tmall", "SKU-BASE", "Basic tee", "apparel", 20, 1000m, 1000, 20, 300));
            if (day >= new DateOnly(2026, 6, 10))
            {
                store.Skus.Add(new SkuDayRow(day, "tmall", "SKU-NEW", "Linen shirt", "apparel", 15, 1500m, 100, 12, 200, new DateOnly(2026, 6, 10)));
            }
        }

        store.Buyers.Add(new BuyerRow("tmall", "b1", new DateOnly(2024, 1, 1), new DateOnly(2024, 3, 1), 3, 600m));
        store.Buyers.Add(new BuyerRow("tmall", "b2", new DateOnly(2026, 5, 1), new DateOnly(2026, 6, 1), 2, 300m));
        store.Campaigns.Add(new Campaign("Summer sale", ["夏季大促"], "tmall", new DateOnly(2026, 6, 23), new DateOnly(2026, 6, 25), new DateOnly(2026, 6, 20), null));

        var reply = await ComposeAsync(store, Monday);

        var text = reply.AllText();
        Assert.Contains("Weekly to-do list 周计划 — week of 2026-06-15", reply.Title, StringComparison.Ordinal);
        Assert.Contains("**Budget review**: ROAS below 1 last week on Search ads", text, StringComparison.Ordinal);
        Assert.Contains("**Fix the weakest funnel step**", text, StringComparison.Ordinal);
        Assert.Contains("**Goal behind pace**: Tmall flagship · GMV · 2026-06", text, StringComparison.Ordinal);
        Assert.Contains("**Clear slow movers**: Winter coat (SKU-OLD", text, StringComparison.Ordinal);
        Assert.Contains("**Scale trial products**: Linen shirt (SKU-NEW)", text, StringComparison.Ordinal);
        Assert.Contains("**Win back dormant buyers**: 1 buyers", text, StringComparison.Ordinal);
        Assert.Contains("**Campaign next week**: Summer sale (Tmall flagship) starts Tue 06-23, warm-up from 06-20", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Compose_AnyWeek_HasTheWeekdayRhythmWithDates()
    {
        var reply = await ComposeAsync(TestData.Build(), Monday);

        var rhythm = reply.Blocks.OfType<TableBlock>().Single(t => t.Caption == "Weekly rhythm 每周节奏");
        Assert.Equal(7, rhythm.Rows.Count);
        Assert.Equal("Mon 06-15", rhythm.Rows[0][0].Text);
        Assert.StartsWith("Last week's data report", rhythm.Rows[0][1].Text, StringComparison.Ordinal);
        Assert.Equal("Sun 06-21", rhythm.Rows[6][0].Text);
        Assert.Contains("Quarter theme: Q2 conversion and retention", reply.AllText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Compose_NoDataForLastWeek_SaysWhatIsMissingInsteadOfInventingToDos()
    {
        var reply = await ComposeAsync(new InMemoryMetricStore(), Monday);

        var text = reply.AllText();
        Assert.Contains("No data for 2026-06-08..2026-06-14 yet; the latest data is for never.", text, StringComparison.Ordinal);
        Assert.DoesNotContain("**Budget review**", text, StringComparison.Ordinal);
        Assert.DoesNotContain("**Fix the weakest funnel step**", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Compose_SentOnFriday_PlansNextWeekFromTheLastFullWeek()
    {
        var reply = await ComposeAsync(TestData.Build(), new DateOnly(2026, 6, 12));

        Assert.Contains("week of 2026-06-15", reply.Title, StringComparison.Ordinal);
        Assert.Contains("based on last week (2026-06-01..2026-06-07)", reply.Subtitle, StringComparison.Ordinal);
    }

    private static async Task<Reply> ComposeAsync(InMemoryMetricStore store, DateOnly sendDay)
    {
        var clock = new TeamClock(new TestClock(new DateTimeOffset(sendDay.ToDateTime(new TimeOnly(1, 30)), TimeSpan.Zero)), TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai"));
        var query = new QueryServices(store, new ReferenceData(store, clock.Time), clock, NumberFormat.English);
        var data = await new WeeklyTodoLoader(query, new Benchmarks()).LoadAsync(sendDay, null, CancellationToken.None);
        return WeeklyTodoComposer.Compose(data, await query.Reference.GetAsync(CancellationToken.None), NumberFormat.English);
    }
}
