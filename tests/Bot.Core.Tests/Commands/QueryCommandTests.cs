using Bot.Core.Commands.Why;
using Bot.Core.Formatting;
using Bot.Core.Metrics;
using Bot.Core.Periods;
using Bot.Core.Replies;
using Bot.Core.Tests.Fakes;

namespace Bot.Core.Tests.Commands;

/// <summary>
/// Every command against the hand-made dataset; expected numbers are summed here from the raw rows
/// (never copied from an output). Today is Friday 2026-06-19 in Asia/Shanghai.
/// </summary>
public sealed class QueryCommandTests : IDisposable
{
    private static readonly NumberFormat F = NumberFormat.English;
    private static readonly DateRange LastWeek = new(new DateOnly(2026, 6, 8), new DateOnly(2026, 6, 14));
    private readonly TestBot _bot = new(TestData.Build());

    public void Dispose() => _bot.Dispose();

    private List<DayRow> Rows(DateRange range, string? shop = null, string? channel = null) =>
        [.. _bot.Store.Days.Where(r => range.Contains(r.Day) && (shop is null || r.Shop == shop) && (channel is null || r.Channel == channel))];

    [Fact]
    public async Task Kpi_LastWeek_SumsThenDivides()
    {
        var rows = Rows(LastWeek);
        var previous = Rows(LastWeek.Previous());
        var gmv = rows.Sum(r => r.Counters.Gmv);
        var buyers = rows.Sum(r => r.Counters.PaidBuyers);
        var visitors = rows.Sum(r => r.Counters.Visitors);
        var prevGmv = previous.Sum(r => r.Counters.Gmv);

        var reply = await _bot.AskAsync("kpi last week");

        Assert.Equal(F.Money(gmv), reply.Metric("GMV").Value);
        Assert.Equal(F.Rate((double)buyers / visitors), reply.Metric("Conversion").Value);
        Assert.Equal(F.Money(gmv / buyers), reply.Metric("AOV").Value);
        Assert.Equal(F.Count(rows.Sum(r => r.Counters.PaidOrders)), reply.Metric("Paid orders").Value);
        Assert.Equal(F.Rate((double)(rows.Sum(r => r.Counters.RefundAmount) / gmv)), reply.Metric("Refund rate").Value);
        Assert.Equal(F.Change((double)gmv, (double)prevGmv, MetricKind.Money, true).Text, reply.Metric("GMV").Change("环比"));
        Assert.Contains("2026-06-08..2026-06-14", reply.Subtitle, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Kpi_SaysWhatStandsOut_TheGmvChangeAndItsLargestFactor()
    {
        var now = Rows(LastWeek);
        var before = Rows(LastWeek.Previous());
        double Visitors(List<DayRow> r) => r.Sum(x => x.Counters.Visitors);
        double Buyers(List<DayRow> r) => r.Sum(x => x.Counters.PaidBuyers);
        double Gmv(List<DayRow> r) => (double)r.Sum(x => x.Counters.Gmv);

        // Each factor's effect with the other two held (log-mean weights): the one that moved GMV most is named first.
        var weight = (Gmv(now) - Gmv(before)) / (Math.Log(Gmv(now)) - Math.Log(Gmv(before)));
        var effects = new (string Up, string Down, double Effect)[]
        {
            ("more visitors", "fewer visitors", weight * Math.Log(Visitors(now) / Visitors(before))),
            ("higher conversion", "lower conversion", weight * Math.Log((Buyers(now) / Visitors(now)) / (Buyers(before) / Visitors(before)))),
            ("higher AOV", "lower AOV", weight * Math.Log((Gmv(now) / Buyers(now)) / (Gmv(before) / Buyers(before)))),
        };
        var largest = effects.MaxBy(e => Math.Abs(e.Effect));

        var reply = await _bot.AskAsync("kpi last week");

        var text = reply.AllText();
        Assert.Contains($"What stands out: GMV {F.Change(Gmv(now), Gmv(before), MetricKind.Money, true).Text} vs {LastWeek.Previous()}: mostly {(largest.Effect >= 0 ? largest.Up : largest.Down)}", text, StringComparison.Ordinal);
        Assert.Contains($"`why gmv {LastWeek}`", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("why gmv {0} last week", "up", "down")]
    [InlineData("为什么上周GMV{0}", "上升", "下降")]
    public async Task Why_AClaimedDirectionThatIsWrong_IsPointedOut_InEnglishAndChinese(string template, string upWord, string downWord)
    {
        var rose = Rows(LastWeek).Sum(r => r.Counters.Gmv) > Rows(LastWeek.Previous()).Sum(r => r.Counters.Gmv);

        var wrong = await _bot.AskAsync(string.Format(System.Globalization.CultureInfo.InvariantCulture, template, rose ? downWord : upWord));
        var right = await _bot.AskAsync(string.Format(System.Globalization.CultureInfo.InvariantCulture, template, rose ? upWord : downWord));

        Assert.Contains($"Note: GMV actually {(rose ? "rose" : "fell")}", wrong.AllText(), StringComparison.Ordinal);
        Assert.DoesNotContain("actually", right.AllText(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("goal plan 5000000 next month", "2026-07-01..2026-07-31 (31 days)")]
    [InlineData("目标拆解 500万 下月", "2026-07-01..2026-07-31 (31 days)")]
    [InlineData("goal plan 5m next quarter", "2026-07-01..2026-09-30 (92 days)")]
    [InlineData("目标拆解 500万 下周", "2026-06-22..2026-06-28 (7 days)")]
    [InlineData("goal plan 5m 明年", "2027-01-01..2027-12-31 (365 days)")]
    [InlineData("goal plan 5000000", "2026-07-01..2026-07-31 (31 days)")]
    public async Task GoalPlan_APeriodAhead_IsPlannedNotRefusedAsFuture(string text, string period)
    {
        var reply = await _bot.AskAsync(text);

        Assert.Equal(ReplyKind.Answer, reply.Kind);
        Assert.EndsWith(period, reply.Blocks.OfType<FactBlock>().First().Facts.Single(f => f.Label == "Period").Value, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Kpi_ConversionIsRatioOfSums_NotAverageOfDailyRatios()
    {
        var rows = Rows(LastWeek, "tmall");
        var ratioOfSums = (double)rows.Sum(r => r.Counters.PaidBuyers) / rows.Sum(r => r.Counters.Visitors);
        var averageOfRatios = rows.Average(r => (double)r.Counters.PaidBuyers / r.Counters.Visitors);

        var reply = await _bot.AskAsync("kpi last week tmall");

        Assert.Equal(F.Rate(ratioOfSums), reply.Metric("Conversion").Value);
        Assert.NotEqual(ratioOfSums, averageOfRatios);
    }

    [Fact]
    public async Task Kpi_YearOnYear_IsSameWeekdaysLastYear()
    {
        var yoy = Rows(new DateRange(new DateOnly(2025, 6, 9), new DateOnly(2025, 6, 15)));
        var now = Rows(LastWeek);

        var reply = await _bot.AskAsync("kpi last week");

        Assert.Equal(F.Change((double)now.Sum(r => r.Counters.Gmv), (double)yoy.Sum(r => r.Counters.Gmv), MetricKind.Money, true).Text, reply.Metric("GMV").Change("同比"));
    }

    [Fact]
    public async Task Kpi_PeriodWithoutData_SaysSoInsteadOfZeros()
    {
        var reply = await _bot.AskAsync("kpi 2024-01");

        Assert.Equal(ReplyKind.Problem, reply.Kind);
        Assert.Contains("No data for 2024-01-01..2024-01-31", reply.AllText(), StringComparison.Ordinal);
        Assert.Contains("2026-06-18", reply.AllText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Kpi_PartialPeriod_SaysHowManyDaysHaveData()
    {
        var reply = await _bot.AskAsync("kpi this month");

        Assert.Contains("18 of 19 days have data", reply.AllText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Funnel_StepRates_ComputedFromSums_AndWeakestNamed()
    {
        var rows = Rows(LastWeek);
        long Sum(Func<Counters, long> f) => rows.Sum(r => f(r.Counters));
        var productToCart = (double)Sum(c => c.CartUsers) / Sum(c => c.ProductVisitors);
        var orderToPay = (double)Sum(c => c.PaidBuyers) / Sum(c => c.OrderBuyers);

        var reply = await _bot.AskAsync("funnel last week");

        var table = reply.Table();
        Assert.Equal(F.Rate(productToCart), table.Rows[1][2].Text);
        Assert.Equal(F.Rate(orderToPay), table.Rows[3][2].Text);
        Assert.Equal(F.Rate(1 - orderToPay), table.Rows[3][3].Text);

        // Order → payment is 90 % against a 95 % benchmark; product → cart ≈ 11 % against 12 %: the larger relative gap is named.
        var gapCart = (productToCart - 0.12) / 0.12;
        var gapPay = (orderToPay - 0.95) / 0.95;
        var expected = gapCart < gapPay ? "Product page → cart" : "Order → payment";
        Assert.Contains($"Weakest step: **{expected}", reply.AllText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Funnel_ByChannel_OneRowPerChannel()
    {
        var reply = await _bot.AskAsync("漏斗 上周 按渠道");

        var byChannel = reply.Table(1);
        Assert.Equal(3, byChannel.Rows.Count);
        var live = Rows(LastWeek, channel: "live");
        var row = byChannel.Rows.Single(r => r[0].Text == "Live streaming");
        Assert.Equal(F.Rate((double)live.Sum(r => r.Counters.PaidBuyers) / live.Sum(r => r.Counters.Visitors)), row[^1].Text);
    }

    [Fact]
    public async Task Channels_RoasAndRoi_BothShown_AndRanked()
    {
        var range = new DateRange(new DateOnly(2026, 5, 20), new DateOnly(2026, 6, 18));
        var live = Rows(range, channel: "live");
        var ads = Rows(range, channel: "search_ads");
        var liveRoas = (double)(live.Sum(r => r.Counters.Gmv) / live.Sum(r => r.Counters.AdCost));
        var adsRoas = (double)(ads.Sum(r => r.Counters.Gmv) / ads.Sum(r => r.Counters.AdCost));

        var reply = await _bot.AskAsync("channel roi");

        var table = reply.Table();
        var liveRow = table.Rows.Single(r => r[0].Text.EndsWith("Live streaming", StringComparison.Ordinal));
        Assert.Equal(F.Ratio(liveRoas), liveRow[4].Text);
        Assert.Equal(F.Rate(liveRoas - 1), liveRow[5].Text);
        var first = liveRoas > adsRoas ? "1. Live streaming" : "1. Search ads";
        Assert.Equal(first, table.Rows[0][0].Text);
        Assert.Equal("organic", table.Rows[2][3].Text);
    }

    [Fact]
    public async Task CampaignRoi_AddsFixedCosts_AndPicksLastYearWhenThisYearNotEnded()
    {
        var window = new DateRange(new DateOnly(2025, 6, 1), new DateOnly(2025, 6, 20));
        var rows = Rows(window, "tmall");
        var revenue = rows.Sum(r => r.Counters.Gmv);
        var cost = rows.Sum(r => r.Counters.AdCost) + 50_000m + 20_000m;

        var reply = await _bot.AskAsync("campaign roi 618");

        Assert.Contains("618 2025", reply.Title, StringComparison.Ordinal);
        Assert.Equal(F.Money(revenue), reply.Metric("Revenue").Value);
        Assert.Equal(F.Money(cost), reply.Metric("Total cost").Value);
        Assert.Equal(F.Ratio((double)(revenue / cost)), reply.Metric("ROAS").Value);
        Assert.Equal(F.Rate((double)((revenue - cost) / cost)), reply.Metric("ROI").Value);
        Assert.Contains("has not ended yet; showing 2025", reply.AllText(), StringComparison.Ordinal);
        Assert.Contains($"target {F.Money(3_000_000m)} — {F.Rate((double)(revenue / 3_000_000m))} attained", reply.AllText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Kpi_RunningCampaign_YearOnYearIsLastYearsCampaignDayForDay()
    {
        var now = Rows(new DateRange(new DateOnly(2026, 6, 1), new DateOnly(2026, 6, 19)));
        var then = Rows(new DateRange(new DateOnly(2025, 6, 1), new DateOnly(2025, 6, 19)));
        Assert.NotEmpty(then);

        var reply = await _bot.AskAsync("kpi 618 2026");

        var expected = F.Change((double)now.Sum(r => r.Counters.Gmv), (double)then.Sum(r => r.Counters.Gmv), MetricKind.Money, true).Text;
        Assert.Equal(expected, reply.Metric("GMV").Change("同比"));
        Assert.Contains("同比 = vs 2025-06-01..2025-06-19 (618 2025, the same days)", reply.AllText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task CampaignRoi_UnknownName_ListsKnownCampaigns()
    {
        var reply = await _bot.AskAsync("campaign roi blackfriday");

        Assert.Equal(ReplyKind.Problem, reply.Kind);
        Assert.Contains("618 2025", reply.AllText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Why_GmvEffects_AddUpToTheChange()
    {
        var now = Rows(LastWeek);
        var before = Rows(LastWeek.Previous());
        double V(List<DayRow> r) => r.Sum(x => x.Counters.Visitors);
        double B(List<DayRow> r) => r.Sum(x => x.Counters.PaidBuyers);
        double G(List<DayRow> r) => (double)r.Sum(x => x.Counters.Gmv);

        var effects = GmvDecomposition.Decompose(V(before), B(before), G(before), V(now), B(now), G(now))!;
        var reply = await _bot.AskAsync("why gmv down last week");

        Assert.Equal(G(now) - G(before), effects.Total, 6);
        var factors = reply.Table();
        Assert.Equal(3, factors.Rows.Count);
        Assert.Contains("driven by", reply.AllText(), StringComparison.Ordinal);
        var channels = reply.Table(1);
        Assert.Equal(3, channels.Rows.Count);
    }

    [Theory]
    [InlineData(1000, 30, 90_000, 1200, 30, 100_000)]
    [InlineData(1000, 30, 90_000, 800, 40, 70_000)]
    [InlineData(5000, 100, 20_000, 5000, 100, 20_000)]
    public void GmvDecomposition_EffectsSumExactly(double v0, double b0, double g0, double v1, double b1, double g1)
    {
        var e = GmvDecomposition.Decompose(v0, b0, g0, v1, b1, g1)!;

        Assert.Equal(g1 - g0, e.Total, 6);
    }

    [Fact]
    public void GmvDecomposition_OnlyVisitorsChange_AllEffectIsVisitors()
    {
        // Same conversion (3 %) and AOV (¥100): twice the visitors doubles GMV and explains all of it.
        var e = GmvDecomposition.Decompose(1000, 30, 3000, 2000, 60, 6000)!;

        Assert.Equal(3000, e.VisitorEffect, 6);
        Assert.Equal(0, e.ConversionEffect, 6);
        Assert.Equal(0, e.AovEffect, 6);
    }

    [Fact]
    public async Task Why_Conversion_ChannelContributionsSumToChange()
    {
        var reply = await _bot.AskAsync("why conversion last week");
        var now = Rows(LastWeek);
        var before = Rows(LastWeek.Previous());
        var delta = ((double)now.Sum(r => r.Counters.PaidBuyers) / now.Sum(r => r.Counters.Visitors)) - ((double)before.Sum(r => r.Counters.PaidBuyers) / before.Sum(r => r.Counters.Visitors));

        var caption = reply.Table().Caption!;

        Assert.Contains((delta >= 0 ? "+" : "−") + F.Ratio(Math.Abs(delta) * 100) + "pp", caption, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Trend_SparklineHasOneCharPerDay_AndMaxIsRight()
    {
        var range = new DateRange(new DateOnly(2026, 6, 1), new DateOnly(2026, 6, 14));
        var byDay = Rows(range).GroupBy(r => r.Day).Select(g => (g.Key, Gmv: g.Sum(r => r.Counters.Gmv))).ToList();
        var max = byDay.MaxBy(d => d.Gmv);

        var reply = await _bot.AskAsync("trend gmv 2026-06-01..2026-06-14");

        var chart = reply.Blocks.OfType<ChartBlock>().Single();
        Assert.Equal(14, chart.Sparkline.Length);
        Assert.Contains("█", chart.Sparkline, StringComparison.Ordinal);
        Assert.StartsWith(F.Money(max.Gmv) + " on " + max.Key.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), reply.Blocks.OfType<FactBlock>().Single().Facts[1].Value, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Brief_ComparesWithDayBeforeLastWeekAndTrailingAverage()
    {
        var day = new DateOnly(2026, 6, 18);
        var today = Rows(DateRange.Day(day));
        var before = Rows(DateRange.Day(day.AddDays(-1)));
        var trailing = Rows(new DateRange(day.AddDays(-30), day.AddDays(-1)));
        var gmv = (double)today.Sum(r => r.Counters.Gmv);

        var reply = await _bot.AskAsync("brief");

        var line = reply.Metric("GMV");
        Assert.Equal(F.Money((decimal)gmv), line.Value);
        Assert.Equal(F.Change(gmv, (double)before.Sum(r => r.Counters.Gmv), MetricKind.Money, true).Text, line.Change("vs day before"));
        Assert.Equal(F.Change(gmv, (double)trailing.Sum(r => r.Counters.Gmv) / 30, MetricKind.Money, true).Text, line.Change("vs 30-d avg"));
        Assert.Contains("2026-06-18", reply.Title, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Brief_DayWithoutData_SaysWhatIsMissing()
    {
        _bot.Clock.Now = new DateTimeOffset(2026, 6, 20, 2, 0, 0, TimeSpan.Zero);

        var reply = await _bot.AskAsync("brief");

        Assert.Equal(ReplyKind.Problem, reply.Kind);
        Assert.Contains("No data for 2026-06-19 yet; the latest data is for 2026-06-18", reply.AllText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Goals_AttainmentAndPace_FromFirstPrinciples()
    {
        var june = Rows(new DateRange(new DateOnly(2026, 6, 1), new DateOnly(2026, 6, 18)), "tmall");
        var actual = june.Sum(r => r.Counters.Gmv);
        var pace = (double)actual / (4_000_000 * 18.0 / 30);

        var reply = await _bot.AskAsync("goals");

        var row = reply.Table().Rows.Single(r => r[0].Text.EndsWith("2026-06", StringComparison.Ordinal));
        Assert.Equal(F.Money(actual), row[2].Text);
        Assert.Equal(F.Rate(pace), row[4].Text);
        Assert.Equal(F.Money((decimal)((double)actual / 18 * 30)), row[5].Text);
    }

    [Fact]
    public async Task Goals_ARateGoalWhosePeriodIsRunning_IsBelowSoFar_NotYetNotMet()
    {
        // Q2 2026 runs to 2026-06-30; the data ends 2026-06-18.
        var q2 = Rows(new DateRange(new DateOnly(2026, 4, 1), new DateOnly(2026, 6, 18)), "tmall");
        var conversion = (double)q2.Sum(r => r.Counters.PaidBuyers) / q2.Sum(r => r.Counters.Visitors);

        var reply = await _bot.AskAsync("goals");

        var row = reply.Table().Rows.Single(r => r[0].Text.EndsWith("2026-Q2", StringComparison.Ordinal));
        Assert.Equal(F.Rate(conversion), row[2].Text);
        Assert.Equal(conversion >= 0.05 ? "on target so far" : "below so far", row[3].Text);
    }

    [Theory]
    [InlineData("campaigns", new[] { "618 2026", "618 2025" })]
    [InlineData("campaigns 2025", new[] { "618 2025" })]
    [InlineData("活动列表 2026年", new[] { "618 2026" })]
    [InlineData("campaigns tmall", new[] { "618 2026", "618 2025" })]
    public async Task Campaigns_AYearOrShopNarrowsTheList(string text, string[] expected)
    {
        var reply = await _bot.AskAsync(text);

        Assert.Equal(expected, reply.Table().Rows.Select(r => r[0].Text));
    }

    [Fact]
    public async Task Campaigns_NoneInThatYear_SaysSo()
    {
        var reply = await _bot.AskAsync("campaigns 2024");

        Assert.Equal(ReplyKind.Problem, reply.Kind);
        Assert.Contains("No campaign in 2024", reply.AllText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task GoalPlan_ATargetBelowTheCurrentPace_SaysItIsCovered_NotWhatConversionItNeeds()
    {
        var basis = Rows(new DateRange(new DateOnly(2026, 5, 20), new DateOnly(2026, 6, 18)));
        var perDay = basis.Sum(r => r.Counters.Gmv) / 30;

        var reply = await _bot.AskAsync("goal plan 100000 next month");

        var text = reply.AllText();
        Assert.Contains($"the period would bring {F.Money(perDay * 31)}, {F.Ratio((double)(perDay * 31) / 100_000)}× the target: it is covered without growth", text, StringComparison.Ordinal);
        Assert.DoesNotContain("needs conversion", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("kpi shop nowhere last week", "nowhere")]
    [InlineData("funnel 店铺 无此店 上周", "无此店")]
    public async Task AShopAskedForThatDoesNotExist_IsSaid_NotAnsweredForEveryShop(string text, string name)
    {
        var reply = await _bot.AskAsync(text);

        Assert.Equal(ReplyKind.Problem, reply.Kind);
        Assert.Contains($"I don't know a shop called '{name}'. Known shops: `tmall`", reply.AllText(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("kpi shop tmall last week", "Tmall flagship")]
    [InlineData("kpi shop last week", "All shops")]
    public async Task AKnownShopOrNoName_IsAnswered(string text, string scope)
    {
        var reply = await _bot.AskAsync(text);

        Assert.Equal(ReplyKind.Answer, reply.Kind);
        Assert.StartsWith(scope, reply.Subtitle, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Kpi_ByShop_ComparesTheShops_BiggestFirst_WithTheirOwnChange()
    {
        var shops = Rows(LastWeek).GroupBy(r => r.Shop)
            .Select(g => (Shop: g.Key, Gmv: g.Sum(r => r.Counters.Gmv), Before: Rows(LastWeek.Previous(), g.Key).Sum(r => r.Counters.Gmv)))
            .OrderByDescending(x => x.Gmv).ToList();

        var reply = await _bot.AskAsync("kpi by shop last week");

        var table = reply.Blocks.OfType<TableBlock>().Single(t => t.Caption == "By shop 分店铺");
        Assert.Equal(shops.Select(x => F.Money(x.Gmv)), table.Rows.Select(r => r[1].Text));
        Assert.Equal(shops.Select(x => F.Change((double)x.Gmv, (double)x.Before, MetricKind.Money, true).Text), table.Rows.Select(r => r[2].Text));
    }

    [Fact]
    public async Task Funnel_ByShop_SaysItIsNotSplit_InsteadOfIgnoringIt()
    {
        var reply = await _bot.AskAsync("funnel by shop last week");

        Assert.Contains("This answer is not split by shop; `kpi by shop` compares the shops", reply.AllText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task GoalPlan_DecomposesTargetAtCurrentRates()
    {
        var basis = Rows(new DateRange(new DateOnly(2026, 5, 20), new DateOnly(2026, 6, 18)));
        var conversion = (double)basis.Sum(r => r.Counters.PaidBuyers) / basis.Sum(r => r.Counters.Visitors);
        var aov = (double)(basis.Sum(r => r.Counters.Gmv) / basis.Sum(r => r.Counters.PaidBuyers));
        var visitors = 5_000_000 / aov / conversion;

        var reply = await _bot.AskAsync("goal plan 500万");

        Assert.Equal(F.Count(visitors), reply.Table().Rows[0][1].Text);
        Assert.Equal(F.Money(5_000_000m), reply.Blocks.OfType<FactBlock>().Single().Facts[0].Value);
    }

    [Fact]
    public async Task Users_RepurchaseAndSegments()
    {
        _bot.Store.Buyers.AddRange([
            new BuyerRow("tmall", "b1", new DateOnly(2024, 1, 1), new DateOnly(2026, 6, 10), 5, 2000m, "gold"),
            new BuyerRow("tmall", "b2", new DateOnly(2026, 6, 1), new DateOnly(2026, 6, 1), 1, 100m),
            new BuyerRow("tmall", "b3", new DateOnly(2024, 1, 1), new DateOnly(2024, 6, 1), 2, 300m),
            new BuyerRow("tmall", "b4", new DateOnly(2025, 1, 1), new DateOnly(2026, 5, 1), 2, 200m),
        ]);

        var reply = await _bot.AskAsync("users");

        var facts = reply.Blocks.OfType<FactBlock>().First().Facts;
        Assert.StartsWith(F.Rate(3 / 4.0), facts.Single(f => f.Label.StartsWith("Repurchase", StringComparison.Ordinal)).Value, StringComparison.Ordinal);
        Assert.StartsWith(F.Rate(1 / 4.0), facts.Single(f => f.Label.StartsWith("Dormant", StringComparison.Ordinal)).Value, StringComparison.Ordinal);
        var segments = reply.Table().Rows.ToDictionary(r => r[0].Text.Split(' ')[0], r => r[1].Text);
        Assert.Equal("1", segments["Core"]);
        Assert.Equal("1", segments["New"]);
        Assert.Equal("1", segments["Dormant"]);
        Assert.Equal("1", segments["Potential"]);
    }

    [Fact]
    public async Task ChineseLocale_FormatsMoneyInWan()
    {
        var rows = Rows(LastWeek);

        var reply = await _bot.AskAsync("概览 上周", locale: "zh-CN");

        Assert.EndsWith("万", reply.Metric("GMV").Value, StringComparison.Ordinal);
        Assert.Equal(new NumberFormat(System.Globalization.CultureInfo.GetCultureInfo("zh-CN")).Money(rows.Sum(r => r.Counters.Gmv)), reply.Metric("GMV").Value);
    }
}
