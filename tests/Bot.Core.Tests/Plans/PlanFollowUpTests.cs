using Bot.Core.Formatting;
using Bot.Core.Metrics;
using Bot.Core.Periods;
using Bot.Core.Plans;
using Bot.Core.Replies;
using Bot.Core.Tests.Fakes;

namespace Bot.Core.Tests.Plans;

public sealed class PlanFollowUpTests
{
    private static readonly DateOnly Week = new(2026, 6, 8);
    private static readonly PlanActor Li = new("29:li", "Li Lei");
    private static readonly PlanActor Ana = new("29:ana", "Ana Ops");

    private static Plan Approved(DateOnly week, params PlanItem[] items)
    {
        var draft = PlanWorkflow.Create(week, null, items, Li, DateTimeOffset.UnixEpoch, null).After;
        var submitted = ((PlanChange)PlanWorkflow.Submit(draft, Li, DateTimeOffset.UnixEpoch, null, null)).After;
        return ((PlanChange)PlanWorkflow.Decide(submitted, PlanState.Approved, Ana, true, null, 1, DateTimeOffset.UnixEpoch)).After;
    }

    private static Counters C(long visitors, long paidBuyers, long bounced, decimal adCost, decimal gmv) => new()
    {
        DaysWithData = 7,
        Visitors = visitors,
        PaidBuyers = paidBuyers,
        BouncedVisitors = bounced,
        AdCost = adCost,
        Gmv = gmv,
    };

    [Fact]
    public void Evaluate_EachItemWithAMetric_GetsBeforeAfterAndWhetherItMovedTheIntendedWay()
    {
        var plan = Approved(
            Week,
            new PlanItem("Fix product pages", DayOfWeek.Wednesday, Metric: "conversion"),
            new PlanItem("No metric here"),
            new PlanItem("Cut bounce", Metric: "bounce rate"),
            new PlanItem("Cut ad cost", Metric: "ad cost"),
            new PlanItem("Grow GMV", Metric: "gmv"));
        var before = C(10_000, 200, 4_000, 5_000m, 100_000m);
        var after = C(10_000, 260, 4_500, 4_000m, 100_200m);

        var result = PlanFollowUp.Evaluate(plan, new DateRange(Week.AddDays(-7), Week.AddDays(-1)), plan.Week, before, after);

        Assert.Equal([1, 3, 4, 5], result.Lines.Select(l => l.Number));
        Assert.Equal(
            [FollowUpVerdict.AsIntended, FollowUpVerdict.Opposite, FollowUpVerdict.AsIntended, FollowUpVerdict.Flat],
            result.Lines.Select(l => l.Verdict));
        Assert.Equal((0.02, 0.026), (result.Lines[0].Before!.Value, Math.Round(result.Lines[0].After!.Value, 3)));
        Assert.False(result.Lines[1].IntendedUp);
        Assert.True(result.WeekComplete);
    }

    [Fact]
    public void Describe_SaysTheNumbersAndTheVerdict()
    {
        var plan = Approved(Week, new PlanItem("Fix product pages", Metric: "conversion"), new PlanItem("Cut bounce", Metric: "bounce rate"));
        var result = PlanFollowUp.Evaluate(plan, plan.Week, plan.Week, C(10_000, 200, 4_000, 0, 0), C(10_000, 260, 4_500, 0, 0));

        var lines = result.Lines.Select(l => PlanFollowUp.Describe(l, NumberFormat.English)).ToList();

        Assert.Equal("#1 Fix product pages — Conversion 支付转化率 2.00% → 2.60% (▲ 0.60pp): ✅ moved the intended way (up)", lines[0]);
        Assert.Equal("#2 Cut bounce — Bounce rate 跳失率 40.0% → 45.0% (▲ 5.00pp): ⚠️ moved the wrong way (the aim was down)", lines[1]);
    }

    [Fact]
    public void Evaluate_NoDataBefore_SaysSo()
    {
        var plan = Approved(Week, new PlanItem("x", Metric: "gmv"));

        var line = Assert.Single(PlanFollowUp.Evaluate(plan, plan.Week, plan.Week, Counters.Zero, C(1, 1, 0, 0, 10m)).Lines);

        Assert.Equal(FollowUpVerdict.NoData, line.Verdict);
        Assert.Equal("no data to compare", PlanFollowUp.VerdictText(line));
    }

    [Fact]
    public void Blocks_HeadingCountsTheMetricsThatMoved()
    {
        var plan = Approved(Week, new PlanItem("a", Metric: "conversion"), new PlanItem("b", Metric: "bounce rate"));
        var result = PlanFollowUp.Evaluate(plan, new DateRange(Week.AddDays(-7), Week.AddDays(-1)), plan.Week, C(10_000, 200, 4_000, 0, 0), C(10_000, 260, 4_500, 0, 0));

        var blocks = PlanFollowUp.Blocks(result, NumberFormat.English);

        var heading = Assert.IsType<TextBlock>(blocks[0]);
        Assert.True(heading.Heading);
        Assert.Equal("Follow-up of the approved plan for 2026-06-08..2026-06-14: 1 of 2 metrics moved the intended way (its week vs 2026-06-01..2026-06-07)", heading.Text);
        Assert.Equal([Tone.Good, Tone.Bad], blocks.Skip(1).Cast<TextBlock>().Select(b => b.Tone));
    }

    [Fact]
    public void Blocks_ItemsSharingAMetric_ShareALine()
    {
        var plan = Approved(Week, new PlanItem("Fix product pages", Metric: "conversion"), new PlanItem("Weekend warm-up ads", Metric: "conversion"));
        var result = PlanFollowUp.Evaluate(plan, plan.Week, plan.Week, C(10_000, 200, 0, 0, 0), C(10_000, 260, 0, 0, 0));

        var blocks = PlanFollowUp.Blocks(result, NumberFormat.English);

        Assert.Equal(2, blocks.Count);
        Assert.Equal("Conversion 支付转化率 2.00% → 2.60% (▲ 0.60pp): ✅ moved the intended way (up) — #1 Fix product pages; #2 Weekend warm-up ads", ((TextBlock)blocks[1]).Text);
    }

    [Fact]
    public async Task Brief_InTheWeekAfterAnApprovedPlan_EndsWithTheFollowUp()
    {
        using var bot = new PlanBot();
        var approved = Approved(Week, new PlanItem("Grow visitors", Metric: "visitors"), new PlanItem("Cut refunds", Metric: "refund rate"));
        await bot.Store.CreateAsync(new PlanChange(null, approved, PlanWorkflow.Create(Week, null, [], Li, DateTimeOffset.UnixEpoch, null).Audit), default);

        var brief = await bot.SayAsync("brief");
        var earlier = await bot.SayAsync("brief 2026-06-13");

        Assert.StartsWith("Daily brief 日报 — 2026-06-14", brief.Title, StringComparison.Ordinal);
        var text = brief.AllText();
        Assert.Contains("Follow-up of the approved plan for 2026-06-08..2026-06-14", text, StringComparison.Ordinal);
        Assert.Contains("Visitors 访客数", text[text.IndexOf("Follow-up", StringComparison.Ordinal)..], StringComparison.Ordinal);
        Assert.Contains("#2 Cut refunds", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Follow-up", earlier.AllText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Plan_NextWeeksPlan_ShowsHowLastWeeksApprovedPlanMoved()
    {
        using var bot = new PlanBot();
        var approved = Approved(Week, new PlanItem("Grow visitors", Metric: "visitors"));
        await bot.Store.CreateAsync(new PlanChange(null, approved, PlanWorkflow.Create(Week, null, [], Li, DateTimeOffset.UnixEpoch, null).Audit), default);

        var plan = await bot.SayAsync("plan");

        Assert.Contains("2026-06-15..2026-06-21", plan.Title, StringComparison.Ordinal);
        var last = plan.Blocks.OfType<TextBlock>().Last();
        Assert.StartsWith("Visitors 访客数", last.Text, StringComparison.Ordinal);
        Assert.EndsWith("— #1 Grow visitors", last.Text, StringComparison.Ordinal);
        Assert.Contains(plan.Headings(), h => h.StartsWith("Follow-up of the approved plan for 2026-06-08..2026-06-14", StringComparison.Ordinal));
    }

    [Fact]
    public void Blocks_NoItemWithAMetric_Nothing()
    {
        var plan = Approved(Week, new PlanItem("no metric"));

        Assert.Empty(PlanFollowUp.Blocks(PlanFollowUp.Evaluate(plan, plan.Week, plan.Week, Counters.Zero, Counters.Zero), NumberFormat.English));
    }

    [Theory]
    [InlineData("2026-06-07", null, null)]
    [InlineData("2026-06-10", "2026-06-01..2026-06-03", "2026-06-08..2026-06-10")]
    [InlineData("2026-06-14", "2026-06-01..2026-06-07", "2026-06-08..2026-06-14")]
    [InlineData("2026-06-20", "2026-06-01..2026-06-07", "2026-06-08..2026-06-14")]
    public void Ranges_WeekSoFarAgainstTheSameWeekdaysAWeekEarlier(string asOf, string? before, string? during)
    {
        var plan = Approved(Week, new PlanItem("x", Metric: "gmv"));

        var ranges = PlanFollowUp.Ranges(plan, DateOnly.Parse(asOf, System.Globalization.CultureInfo.InvariantCulture));

        Assert.Equal(before, ranges?.Before.ToString());
        Assert.Equal(during, ranges?.During.ToString());
    }

    [Fact]
    public async Task Service_LastApprovedPlan_ComparedOnTheStoredCounters()
    {
        var plans = new InMemoryPlanStore();
        var metrics = TestData.Build();
        var approved = Approved(Week, new PlanItem("Grow visitors", Metric: "visitors"));
        await plans.CreateAsync(new PlanChange(null, approved, PlanWorkflow.Create(Week, null, [], Li, DateTimeOffset.UnixEpoch, null).Audit), default);
        var service = new PlanFollowUpService(plans, metrics);

        var result = await service.LoadAsync(new DateOnly(2026, 6, 15), finishedWeeksOnly: true, default);

        var line = Assert.Single(result!.Lines);
        var before = (await metrics.SumCountersAsync(new CounterQuery(new DateRange(new DateOnly(2026, 6, 1), new DateOnly(2026, 6, 7))), default))[0].Counters.Visitors;
        var during = (await metrics.SumCountersAsync(new CounterQuery(new DateRange(Week, new DateOnly(2026, 6, 14))), default))[0].Counters.Visitors;
        Assert.Equal(((double)before, (double)during), (line.Before!.Value, line.After!.Value));
        Assert.Null(await service.LoadAsync(new DateOnly(2026, 6, 12), finishedWeeksOnly: true, default));
        Assert.NotNull(await service.LoadAsync(new DateOnly(2026, 6, 12), finishedWeeksOnly: false, default));
        Assert.Null(await service.LoadAsync(new DateOnly(2026, 6, 22), finishedWeeksOnly: true, default));
    }
}
