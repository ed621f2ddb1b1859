using Bot.Core.Replies;
using Bot.Core.Tests.Alerts;
using Bot.Core.Tests.Fakes;

namespace Bot.Core.Tests.Commands;

/// <summary>
/// 环比 and 同比 only against periods with about as much data as the one asked about: a comparison period whose data
/// starts midway is shown as "—" and said, not compared (sums over 4 days against 10 read as a collapse).
/// Data: natural search from 2026-05-01, live streaming from 2026-06-05 (a channel that started mid-week); today 2026-06-19.
/// </summary>
public sealed class ComparisonCoverageTests : IDisposable
{
    private readonly TestBot _bot = new(A.Store()
        .Fill("tmall", "2026-05-01", "2026-06-18", _ => A.Row(visitors: 10_000))
        .Fill("tmall", "2026-06-05", "2026-06-18", _ => A.Row(visitors: 2_000), channel: "live"));

    public void Dispose() => _bot.Dispose();

    [Fact]
    public async Task Kpi_PreviousPeriodWithFewDaysOfData_IsNotComparedAndSaysWhy()
    {
        var reply = await _bot.AskAsync("kpi 2026-05-05..2026-05-14");

        Assert.Equal("—", reply.Metric("GMV").Change("环比"));
        Assert.Contains("环比 not shown: 2026-04-25..2026-05-04 has data for only 4 of 10 days.", reply.AllText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Kpi_PreviousPeriodFullyCovered_IsCompared()
    {
        var reply = await _bot.AskAsync("kpi 2026-05-15..2026-05-24");

        Assert.NotEqual("—", reply.Metric("GMV").Change("环比"));
        Assert.DoesNotContain("not shown", reply.AllText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task MetricByChannel_AChannelThatStartedInThePreviousPeriod_HasNoChange_TheOthersDo()
    {
        // Last week is 06-08..06-14; live streaming has 3 of the previous week's 7 days (06-05..06-07).
        var reply = await _bot.AskAsync("visitors last week");

        var byChannel = reply.Blocks.OfType<TableBlock>().Single(t => t.Headers.Contains("环比")).Rows.ToDictionary(r => r[0].Text, r => r[2].Text);
        Assert.Equal("—", byChannel["Live streaming"]);
        Assert.NotEqual("—", byChannel["Natural search"]);
    }

    [Fact]
    public async Task Why_AgainstAPeriodWithFewDaysOfData_ExplainsInsteadOfBlamingTheMissingDays()
    {
        var reply = await _bot.AskAsync("why gmv 2026-05-05..2026-05-14");

        Assert.Equal(ReplyKind.Problem, reply.Kind);
        Assert.Contains("has data for only 4 of 10 days", reply.AllText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Why_AChangeThatRoundsToNothing_HeldSteady_NotRose()
    {
        // Conversion is 3% on every row, in both weeks.
        var reply = await _bot.AskAsync("why conversion down last week");

        var text = reply.AllText();
        Assert.StartsWith("Why Conversion held steady", reply.Title, StringComparison.Ordinal);
        Assert.Contains("Conversion held steady (± 0)", text, StringComparison.Ordinal);
        Assert.Contains("Note: Conversion actually held steady", text, StringComparison.Ordinal);
        Assert.DoesNotContain("rose", text, StringComparison.Ordinal);
    }
}
