using Bot.Core.Commands.Metric;
using Bot.Core.Formatting;
using Bot.Core.Metrics;
using Bot.Core.Periods;
using Bot.Core.Replies;
using Bot.Core.Tests.Fakes;

namespace Bot.Core.Tests.Commands;

/// <summary>
/// Questions without a verb: a metric ("gmv yesterday", "昨天 转化率") or a campaign's name ("618"); numbers summed here from the raw rows.
/// Today is Friday 2026-06-19 in Asia/Shanghai, so yesterday is 2026-06-18.
/// </summary>
public sealed class ImplicitQuestionTests : IDisposable
{
    private static readonly NumberFormat F = NumberFormat.English;
    private static readonly DateOnly Yesterday = new(2026, 6, 18);
    private readonly TestBot _bot = new(TestData.Build());

    public void Dispose() => _bot.Dispose();

    private List<DayRow> Rows(DateRange range, string? shop = null, string? channel = null) =>
        [.. _bot.Store.Days.Where(r => range.Contains(r.Day) && (shop is null || r.Shop == shop) && (channel is null || r.Channel == channel))];

    [Theory]
    [InlineData("gmv yesterday")]
    [InlineData("昨天 GMV")]
    [InlineData("what was gmv yesterday")]
    [InlineData("gmv")]
    [InlineData("metric gmv yesterday")]
    public async Task A_metric_without_a_verb_answers_that_metric_for_yesterday_by_default(string text)
    {
        var day = DateRange.Day(Yesterday);
        var gmv = Rows(day).Sum(r => r.Counters.Gmv);
        var before = Rows(day.Previous()).Sum(r => r.Counters.Gmv);

        var reply = await _bot.AskAsync(text);

        Assert.Equal(ReplyKind.Answer, reply.Kind);
        Assert.StartsWith("GMV 成交金额 — yesterday", reply.Title, StringComparison.Ordinal);
        var line = Assert.Single(reply.Blocks.OfType<MetricBlock>().Single().Lines);
        Assert.Equal(F.Money(gmv), line.Value);
        Assert.Equal(F.Change((double)gmv, (double)before, MetricKind.Money, true).Text, line.Change("环比"));
    }

    [Fact]
    public async Task Conversion_last_week_for_one_shop_is_a_ratio_of_sums_with_the_benchmark_and_its_channels()
    {
        var week = new DateRange(new DateOnly(2026, 6, 8), new DateOnly(2026, 6, 14));
        var rows = Rows(week, "tmall");
        var conversion = (double)rows.Sum(r => r.Counters.PaidBuyers) / rows.Sum(r => r.Counters.Visitors);
        var live = Rows(week, "tmall", "live");
        var liveConversion = (double)live.Sum(r => r.Counters.PaidBuyers) / live.Sum(r => r.Counters.Visitors);

        var reply = await _bot.AskAsync("上周 转化率 tmall");

        var line = reply.Blocks.OfType<MetricBlock>().Single().Lines[0];
        Assert.Equal(F.Rate(conversion), line.Value);
        Assert.Contains("benchmark 2.00%–4.00%", line.Note, StringComparison.Ordinal);
        var table = reply.Table();
        Assert.Equal(3, table.Rows.Count);
        Assert.Equal(F.Rate(liveConversion), table.Rows.Single(r => r[0].Text.Contains("live", StringComparison.OrdinalIgnoreCase))[1].Text);
    }

    [Fact]
    public async Task A_single_day_is_drawn_with_the_fortnight_ending_on_it()
    {
        var reply = await _bot.AskAsync("visitors yesterday");

        var chart = reply.Blocks.OfType<ChartBlock>().Single();
        Assert.Equal(MetricCommand.ContextDays, chart.Points.Count);
        Assert.Equal("06-18", chart.Points[^1].X);
        Assert.Equal(Rows(DateRange.Day(Yesterday)).Sum(r => r.Counters.Visitors), chart.Points[^1].Y);
    }

    [Theory]
    [InlineData("traffic last 30 days", "Traffic")]
    [InlineData("why gmv down last week", "Why GMV")]
    [InlineData("trend conversion last 30 days", "Trend")]
    [InlineData("how are we doing this week", "KPI overview")]
    [InlineData("上周 整体表现", "KPI overview")]
    public async Task A_verb_or_phrase_goes_to_its_command_even_when_a_metric_is_named(string text, string title)
    {
        var reply = await _bot.AskAsync(text);

        Assert.StartsWith(title, reply.Title, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("618")]
    [InlineData("618 2025")]
    public async Task A_campaign_name_alone_asks_how_the_campaign_did(string text)
    {
        var reply = await _bot.AskAsync(text);

        Assert.Equal(ReplyKind.Answer, reply.Kind);
        Assert.StartsWith("Campaign ROI", reply.Title, StringComparison.Ordinal);
        Assert.Contains(text, reply.Title, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_metric_and_a_campaign_is_the_metric_over_the_campaign()
    {
        var reply = await _bot.AskAsync("gmv 618");

        Assert.StartsWith("GMV 成交金额", reply.Title, StringComparison.Ordinal);
        Assert.Contains("618", reply.Title, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Words_that_name_no_metric_and_no_command_are_still_not_understood()
    {
        var reply = await _bot.AskAsync("hello there");

        Assert.Equal(ReplyKind.Problem, reply.Kind);
        Assert.Equal("I didn't understand that", reply.Title);
    }
}
