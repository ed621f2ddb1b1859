using Bot.Core.Metrics;
using Bot.Core.Periods;
using static Bot.Core.Tests.Periods.PeriodParserTests;

namespace Bot.Core.Tests.Periods;

/// <summary>Campaign names and aliases as periods; windows are hand-written below.</summary>
public sealed class PeriodParserCampaignTests
{
    private static readonly IReadOnlyList<Campaign> Campaigns =
    [
        Campaign("618", ["年中大促"], "2025-06-01", "2025-06-20"),
        Campaign("618", ["年中大促"], "2026-06-01", "2026-06-20"),
        Campaign("双11", ["Double 11", "1111", "双十一"], "2024-10-20", "2024-11-11"),
        Campaign("双11", ["Double 11", "1111", "双十一"], "2025-10-20", "2025-11-11"),
        Campaign("双11", ["Double 11", "1111", "双十一"], "2026-10-20", "2026-11-11"),
    ];

    [Theory]
    // this year's once it has ended, else last year's
    [InlineData("618", "2026-06-21", "2026-06-01", "2026-06-20")]
    [InlineData("618", "2026-12-31", "2026-06-01", "2026-06-20")]
    [InlineData("618", "2026-06-20", "2025-06-01", "2025-06-20")]
    [InlineData("618", "2026-06-19", "2025-06-01", "2025-06-20")]
    [InlineData("618", "2026-05-01", "2025-06-01", "2025-06-20")]
    [InlineData("年中大促", "2026-06-19", "2025-06-01", "2025-06-20")]
    [InlineData("双11", "2026-06-19", "2025-10-20", "2025-11-11")]
    [InlineData("double 11", "2026-11-12", "2026-10-20", "2026-11-11")]
    [InlineData("Double 11", "2026-11-12", "2026-10-20", "2026-11-11")]
    [InlineData("1111", "2026-11-11", "2025-10-20", "2025-11-11")]
    [InlineData("双十一", "2026-01-01", "2025-10-20", "2025-11-11")]
    // an explicit year picks that year's
    [InlineData("618 2025", "2026-06-19", "2025-06-01", "2025-06-20")]
    [InlineData("2025 618", "2026-06-19", "2025-06-01", "2025-06-20")]
    [InlineData("2025年618", "2026-06-19", "2025-06-01", "2025-06-20")]
    [InlineData("618 last year", "2026-06-19", "2025-06-01", "2025-06-20")]
    [InlineData("去年618", "2026-06-19", "2025-06-01", "2025-06-20")]
    [InlineData("去年双11", "2026-06-19", "2025-10-20", "2025-11-11")]
    [InlineData("2024双11", "2026-06-19", "2024-10-20", "2024-11-11")]
    [InlineData("kpi 2025双十一", "2026-06-19", "2025-10-20", "2025-11-11")]
    [InlineData("2025年中大促", "2026-06-19", "2025-06-01", "2025-06-20")]
    [InlineData("双11 2024", "2026-06-19", "2024-10-20", "2024-11-11")]
    [InlineData("double 11 2024", "2026-06-19", "2024-10-20", "2024-11-11")]
    [InlineData("618 2026", "2026-06-19", "2026-06-01", "2026-06-19")]
    [InlineData("今年618", "2026-07-01", "2026-06-01", "2026-06-20")]
    // in commands; a day count stays a day count
    [InlineData("campaign roi 618", "2026-07-01", "2026-06-01", "2026-06-20")]
    [InlineData("活动roi 双11 2025", "2026-06-19", "2025-10-20", "2025-11-11")]
    [InlineData("last 618 days", "2026-06-19", "2024-10-09", "2026-06-18")]
    [InlineData("6/18", "2026-06-19", "2026-06-18", "2026-06-18")]
    public void Find_Campaign_ReturnsWindow(string text, string today, string from, string to)
    {
        var result = PeriodParser.Find(text, Day(today), Campaigns);

        Assert.NotNull(result);
        Assert.True(result.Value.Success, result.Value.Error);
        Assert.Equal(new DateRange(Day(from), Day(to)), result.Value.Value!.Range);
    }

    [Fact]
    public void Find_CampaignEndedThisYear_NotesEnded()
    {
        var match = PeriodParser.Find("618", Day("2026-06-21"), Campaigns)!.Value.Value!;

        Assert.Equal("618 2026 (ended) — 2026-06-01..2026-06-20", match.Note);
        Assert.Equal("618 2026 (2026-06-01..2026-06-20)", match.Label);
        Assert.Equal(PeriodKind.Campaign, match.Kind);
        Assert.Equal(Day("2026-06-01"), match.Campaign!.Start);
    }

    [Fact]
    public void Find_CampaignNotStartedThisYear_NotesWhichYear()
    {
        var match = PeriodParser.Find("双11", Day("2026-06-19"), Campaigns)!.Value.Value!;

        Assert.StartsWith("双11 hasn't started this year; showing 2025", match.Note, StringComparison.Ordinal);
        Assert.Equal(2025, match.Campaign!.Start.Year);
    }

    [Fact]
    public void Find_CampaignRunningThisYear_ShowsLastYearAndSaysSo()
    {
        var match = PeriodParser.Find("618", Day("2026-06-19"), Campaigns)!.Value.Value!;

        Assert.StartsWith("618 2026 is still running", match.Note, StringComparison.Ordinal);
        Assert.Contains("showing 2025", match.Note, StringComparison.Ordinal);
    }

    [Fact]
    public void Find_CampaignExplicitYearRunning_CutsAtTodayWithWholeWindow()
    {
        var match = PeriodParser.Find("618 2026", Day("2026-06-19"), Campaigns)!.Value.Value!;

        Assert.Equal(new DateRange(Day("2026-06-01"), Day("2026-06-20")), match.Whole);
        Assert.Contains("still running", match.Note, StringComparison.Ordinal);
    }

    [Fact]
    public void Find_CampaignInCommand_LeavesTheRest()
    {
        var match = PeriodParser.Find("campaign roi 618 2025 by channel", Day("2026-06-19"), Campaigns)!.Value.Value!;

        Assert.Equal("campaign roi by channel", match.Remaining);
    }

    [Theory]
    [InlineData("618 2023", "2026-06-19", "I have no 618 in 2023; I know 618 2025, 2026.")]
    [InlineData("双11 2026", "2026-06-19", "双11 2026 hasn't started yet (starts 2026-10-20). Try 双11 2025.")]
    public void Find_CampaignYearUnknownOrFuture_Fails(string text, string today, string error)
    {
        var result = PeriodParser.Find(text, Day(today), Campaigns);

        Assert.NotNull(result);
        Assert.Equal(error, result.Value.Error);
    }

    [Fact]
    public void Find_CampaignWithOnlyAFutureInstance_FailsClearly()
    {
        IReadOnlyList<Campaign> once = [Campaign("年货节", [], "2027-01-05", "2027-01-25")];

        var result = PeriodParser.Find("年货节", Day("2026-06-19"), once);

        Assert.NotNull(result);
        Assert.Contains("hasn't started yet (starts 2027-01-05)", result.Value.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Find_618WithoutCampaigns_IsJustANumber()
    {
        Assert.Null(PeriodParser.Find("campaign roi 618", Day("2026-06-19")));
    }

    // Campaigns named with their year and a shared alias (how the demo data and many shops name them).
    private static readonly IReadOnlyList<Campaign> YearNamed =
    [
        Campaign("618 2025", ["618", "年中大促"], "2025-06-01", "2025-06-20"),
        Campaign("618 2026", ["618", "年中大促"], "2026-06-01", "2026-06-20"),
        Campaign("双11 2025", ["双11", "1111"], "2025-10-20", "2025-11-11"),
        Campaign("双11 2026", ["双11", "1111"], "2026-10-20", "2026-11-11"),
    ];

    [Theory]
    [InlineData("kpi 618", "2026-11-22", "2026-06-01", "2026-06-20", "618 2026 (2026-06-01..2026-06-20)")]
    [InlineData("618", "2026-06-19", "2025-06-01", "2025-06-20", "618 2025 (2025-06-01..2025-06-20)")]
    [InlineData("年中大促", "2026-11-22", "2026-06-01", "2026-06-20", "618 2026 (2026-06-01..2026-06-20)")]
    [InlineData("双11", "2026-11-22", "2026-10-20", "2026-11-11", "双11 2026 (2026-10-20..2026-11-11)")]
    [InlineData("双11", "2026-11-05", "2025-10-20", "2025-11-11", "双11 2025 (2025-10-20..2025-11-11)")]
    [InlineData("618 2025", "2026-11-22", "2025-06-01", "2025-06-20", "618 2025 (2025-06-01..2025-06-20)")]
    [InlineData("去年618", "2026-11-22", "2025-06-01", "2025-06-20", "618 2025 (2025-06-01..2025-06-20)")]
    public void Find_CampaignsNamedWithTheirYear_TheAliasIsTheRecurringEvent(string text, string today, string from, string to, string label)
    {
        var match = PeriodParser.Find(text, Day(today), YearNamed)!.Value;

        Assert.True(match.Success, match.Error);
        Assert.Equal(new DateRange(Day(from), Day(to)), match.Value!.Range);
        Assert.Equal(label, match.Value.Label);
        Assert.DoesNotContain("on record", match.Value.Note, StringComparison.Ordinal);
    }

    private static Campaign Campaign(string name, string[] aliases, string start, string end) =>
        new(name, aliases, "main", Day(start), Day(end), null, null);
}
