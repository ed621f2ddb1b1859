using System.Globalization;
using Bot.Core.Push;

namespace Bot.Core.Tests.Push;

public sealed class PushScheduleTests
{
    private static readonly TimeZoneInfo NewYork = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");
    private static readonly TimeZoneInfo Shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    [Theory]
    [InlineData("2026-10-30T00:00:00Z", "2026-10-30T13:00:00Z")]
    [InlineData("2026-10-31T13:00:00Z", "2026-11-01T14:00:00Z")]
    [InlineData("2026-11-01T14:00:00Z", "2026-11-02T14:00:00Z")]
    [InlineData("2026-03-07T14:00:00Z", "2026-03-08T13:00:00Z")]
    public void NextAfter_NineInNewYork_FollowsDaylightSaving(string after, string expected)
    {
        var schedule = new PushSchedule(new TimeOnly(9, 0), WeekDays.Daily, NewYork);

        var next = schedule.NextAfter(Instant(after));

        Assert.Equal(Instant(expected), next);
    }

    [Fact]
    public void NextAfter_NineInShanghai_IsOneOClockUtc()
    {
        var schedule = new PushSchedule(new TimeOnly(9, 0), WeekDays.Daily, Shanghai);

        Assert.Equal(Instant("2026-11-20T01:00:00Z"), schedule.NextAfter(Instant("2026-11-19T12:00:00Z")));
    }

    [Fact]
    public void NextAfter_WeekdaysOnFridayEvening_SkipsTheWeekend()
    {
        var schedule = new PushSchedule(new TimeOnly(9, 0), WeekDays.Weekdays, Shanghai);

        // Friday 2026-11-20 18:00 Shanghai → Monday 2026-11-23 09:00 Shanghai.
        Assert.Equal(Instant("2026-11-23T01:00:00Z"), schedule.NextAfter(Instant("2026-11-20T10:00:00Z")));
    }

    [Fact]
    public void NextAfter_TimeInTheSpringForwardGap_FiresAfterTheGap()
    {
        var schedule = new PushSchedule(new TimeOnly(2, 30), WeekDays.Daily, NewYork);

        // 2026-03-08 02:30 does not exist in New York: it fires when the gap ends, 03:00 EDT = 07:00Z (as Quartz does).
        Assert.Equal(Instant("2026-03-08T07:00:00Z"), schedule.NextAfter(Instant("2026-03-08T00:00:00Z")));
    }

    [Fact]
    public void NextAfter_TimeThatHappensTwiceOnFallBack_FiresOnce()
    {
        var schedule = new PushSchedule(new TimeOnly(1, 30), WeekDays.Daily, NewYork);

        var first = schedule.NextAfter(Instant("2026-11-01T00:00:00Z"));
        var second = schedule.NextAfter(first!.Value);

        Assert.Equal(Instant("2026-11-01T05:30:00Z"), first);
        Assert.Equal(Instant("2026-11-02T06:30:00Z"), second);
    }

    [Theory]
    [InlineData("2026-11-20T01:00:00Z", "2026-11-20T01:00:00Z")]
    [InlineData("2026-11-20T05:30:00Z", "2026-11-20T01:00:00Z")]
    [InlineData("2026-11-20T00:59:59Z", "2026-11-19T01:00:00Z")]
    public void LatestAtOrBefore_LateFiring_BelongsToTheSlotItMissed(string at, string expected)
    {
        var schedule = new PushSchedule(new TimeOnly(9, 0), WeekDays.Daily, Shanghai);

        Assert.Equal(Instant(expected), schedule.LatestAtOrBefore(Instant(at)));
    }

    [Fact]
    public void Between_ThreeDaysDown_ListsTheSlotsInBetween()
    {
        var schedule = new PushSchedule(new TimeOnly(9, 0), WeekDays.Daily, Shanghai);

        var missed = schedule.Between(Instant("2026-11-17T01:00:00Z"), Instant("2026-11-20T01:00:00Z"));

        Assert.Equal([Instant("2026-11-18T01:00:00Z"), Instant("2026-11-19T01:00:00Z")], missed);
    }

    [Theory]
    [InlineData(9, 0, WeekDays.Daily, "0 0 9 ? * *")]
    [InlineData(9, 30, WeekDays.Weekdays, "0 30 9 ? * MON-FRI")]
    [InlineData(18, 5, WeekDays.Monday | WeekDays.Thursday, "0 5 18 ? * MON,THU")]
    public void ToCron_Schedule_IsQuartzCron(int hour, int minute, WeekDays days, string cron)
    {
        Assert.Equal(cron, new PushSchedule(new TimeOnly(hour, minute), days, Shanghai).ToCron());
    }

    [Theory]
    [InlineData("2026-11-23", "2026-11-23")]
    [InlineData("2026-11-26", "2026-11-23")]
    [InlineData("2026-11-27", "2026-11-30")]
    [InlineData("2026-11-29", "2026-11-30")]
    public void TodoWeek_SendDay_PlansThisWeekUntilThursdayThenNext(string sendDay, string monday)
    {
        Assert.Equal(Day(monday), PushKinds.TodoWeek(Day(sendDay)));
    }

    [Fact]
    public void Keys_BriefAndTodo_AreStablePerPeriod()
    {
        Assert.Equal("brief:a:1:2026-11-20", PushKinds.BriefKey("a:1", Day("2026-11-20")));
        Assert.Equal("todo:a:1:2026-11-23", PushKinds.TodoKey("a:1", Day("2026-11-23")));
    }

    internal static DateTimeOffset Instant(string text) => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);

    internal static DateOnly Day(string text) => DateOnly.ParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture);
}
