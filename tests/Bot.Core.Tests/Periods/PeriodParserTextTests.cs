using Bot.Core.Periods;
using Bot.Core.Time;
using static Bot.Core.Tests.Periods.PeriodParserTests;

namespace Bot.Core.Tests.Periods;

/// <summary>Finding the period in free text: what is left over, what is not a period, and what is a bad one.</summary>
public sealed class PeriodParserTextTests
{
    [Theory]
    [InlineData("show me the funnel for last week please", "show me the funnel for please")]
    [InlineData("漏斗上周", "漏斗")]
    [InlineData("上周漏斗", "漏斗")]
    [InlineData("funnel 上周 by channel", "funnel by channel")]
    [InlineData("top 10 products last 30 days", "top 10 products")]
    [InlineData("gmv 5000000 yesterday", "gmv 5000000")]
    [InlineData("kpi 2026-06", "kpi")]
    [InlineData("trend gmv 2026-06-01..2026-06-18 by day", "trend gmv by day")]
    [InlineData("漏斗 2026年6月1日至2026年6月18日 按渠道", "漏斗 按渠道")]
    [InlineData("漏斗2026年6月1日至2026年6月18日按渠道", "漏斗 按渠道")]
    [InlineData("why gmv down last week", "why gmv down")]
    [InlineData("last week", "")]
    [InlineData("traffic from 6/1 to 6/18 top 5", "traffic top 5")]
    public void Find_PhraseInText_RemainingHasThePeriodCutOut(string text, string remaining)
    {
        var match = PeriodParser.Find(text, Day("2026-06-19"))!.Value.Value!;

        Assert.Equal(remaining, match.Remaining);
        Assert.Equal(text.Length, match.Remaining.Length + match.Length + CountCutSpaces(text, match));
    }

    [Theory]
    [InlineData("")]
    [InlineData("funnel")]
    [InlineData("funnel by channel")]
    [InlineData("top 10")]
    [InlineData("top 10 products by units")]
    [InlineData("gmv 5000000")]
    [InlineData("goal plan 1200000")]
    [InlineData("sku 1234")]
    [InlineData("version 2.5")]
    [InlineData("13/45")]
    [InlineData("this weekend")]
    [InlineData("last 10 skus")]
    [InlineData("q10")]
    [InlineData("漏斗")]
    [InlineData("看一下渠道")]
    [InlineData("campaign roi 618")]
    [InlineData("lastly")]
    [InlineData("mayday")]
    public void Find_NoPeriod_ReturnsNull(string text)
    {
        Assert.Null(PeriodParser.Find(text, Day("2026-06-19")));
    }

    [Theory]
    [InlineData("2026-02-30", "February 2026 has 28 days")]
    [InlineData("2026-02-29", "February 2026 has 28 days")]
    [InlineData("2026年2月30日", "February 2026 has 28 days")]
    [InlineData("funnel 2026-02-30 by channel", "“2026-02-30” is not a date")]
    [InlineData("2026-13", "“2026-13” is not a month")]
    [InlineData("2026-00", "is not a month")]
    [InlineData("2026年13月", "is not a month")]
    [InlineData("13月", "is not a month")]
    [InlineData("2026-13-01", "months run 1–12")]
    [InlineData("4/31", "April has at most 30 days")]
    [InlineData("june 31", "June has at most 30 days")]
    [InlineData("2/30", "February has at most 29 days")]
    [InlineData("q5", "“q5” is not a quarter: use Q1–Q4")]
    [InlineData("q0", "use Q1–Q4")]
    [InlineData("2026-q5", "use Q1–Q4")]
    [InlineData("第五季度", "use Q1–Q4")]
    [InlineData("2026-06-18..2026-06-01", "ends before it starts")]
    [InlineData("6/18 to 6/1", "ends before it starts")]
    [InlineData("2026-06-18至2026-06-01", "ends before it starts")]
    [InlineData("last 0 days", "count at least 1")]
    [InlineData("近0天", "count at least 1")]
    [InlineData("last 5000 days", "longest period I can show is 3 years")]
    [InlineData("last 99999999999 days", "longest period I can show is 3 years")]
    [InlineData("last 40 months", "3 years")]
    [InlineData("last 200 weeks", "3 years")]
    [InlineData("last 4 years", "3 years")]
    [InlineData("2020-01-01..2026-06-18", "3 years")]
    [InlineData("2027", "is in the future")]
    [InlineData("2026-07", "is in the future")]
    [InlineData("2026-q3", "is in the future")]
    [InlineData("2026-06-20", "is in the future")]
    [InlineData("tomorrow", "is in the future")]
    [InlineData("next week", "is in the future")]
    [InlineData("明天", "is in the future")]
    [InlineData("下个月", "is in the future")]
    public void Find_InvalidPeriod_FailsWithHelpfulMessage(string text, string fragment)
    {
        var result = PeriodParser.Find(text, Day("2026-06-19"));

        Assert.NotNull(result);
        Assert.False(result.Value.Success);
        Assert.Contains(fragment, result.Value.Error, StringComparison.Ordinal);
        Assert.Matches("e\\.g\\.|Try|Write dates|Put the earlier", result.Value.Error!);
    }

    [Fact]
    public void Find_TimeZoneAtMidnight_IsTheCallersJob()
    {
        // 16:30 UTC on 20 November is 00:30 on 21 November in Shanghai (UTC+8, no DST): the team's day has turned.
        var instant = new DateTimeOffset(2026, 11, 20, 16, 30, 0, TimeSpan.Zero);
        var shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, shanghai).DateTime);

        var yesterday = PeriodParser.Find("yesterday", today)!.Value.Value!.Range;
        var utcYesterday = PeriodParser.Find("yesterday", DateOnly.FromDateTime(instant.UtcDateTime))!.Value.Value!.Range;

        Assert.Equal(Day("2026-11-21"), today);
        Assert.Equal(DateRange.Day(Day("2026-11-20")), yesterday);
        Assert.Equal(DateRange.Day(Day("2026-11-19")), utcYesterday);
    }

    [Fact]
    public void Find_TodayFromTeamClockInShanghai_TurnsAtLocalMidnight()
    {
        var clock = new TeamClock(new FixedTime(new DateTimeOffset(2026, 11, 20, 16, 30, 0, TimeSpan.Zero)),
            TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai"));

        var lastWeek = PeriodParser.Find("上周", clock.Today())!.Value.Value!.Range;

        // Saturday 21 November in Shanghai: last week is 9–15 November.
        Assert.Equal(new DateRange(Day("2026-11-09"), Day("2026-11-15")), lastWeek);
    }

    [Fact]
    public void Find_VeryLongTextWithoutPeriod_ReturnsNull()
    {
        var text = string.Concat(Enumerable.Repeat("top 10 gmv 5000000 漏斗 ", 5000));

        Assert.Null(PeriodParser.Find(text, Day("2026-06-19")));
    }

    [Fact]
    public void Find_FirstPeriodWins()
    {
        var match = PeriodParser.Find("last week vs this week", Day("2026-06-19"))!.Value.Value!;

        Assert.Equal(new DateRange(Day("2026-06-08"), Day("2026-06-14")), match.Range);
        Assert.Equal("vs this week", match.Remaining);
        Assert.Equal(0, match.Index);
        Assert.Equal("last week".Length, match.Length);
    }

    // Spaces around the cut phrase that were trimmed away, so lengths add up.
    private static int CountCutSpaces(string text, PeriodMatch match)
    {
        var before = text[..match.Index];
        var after = text[(match.Index + match.Length)..];
        var joined = before.TrimEnd().Length > 0 && after.TrimStart().Length > 0 ? 1 : 0;
        return before.Length - before.TrimEnd().Length + (after.Length - after.TrimStart().Length) - joined;
    }

    private sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
