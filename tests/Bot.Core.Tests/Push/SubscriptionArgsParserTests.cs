using Bot.Core.Commands.Subscriptions;
using Bot.Core.Push;

namespace Bot.Core.Tests.Push;

public sealed class SubscriptionArgsParserTests
{
    [Theory]
    [InlineData("brief", SubscriptionKind.Brief, null, null, null)]
    [InlineData("brief at 09:00", SubscriptionKind.Brief, "09:00", null, null)]
    [InlineData("brief at 7:45 weekdays", SubscriptionKind.Brief, "07:45", WeekDays.Weekdays, null)]
    [InlineData("daily brief at 08:30 tz America/New_York", SubscriptionKind.Brief, "08:30", WeekDays.Daily, "America/New_York")]
    [InlineData("brief tz america/new_york daily", SubscriptionKind.Brief, null, WeekDays.Daily, "America/New_York")]
    [InlineData("日报 09:00", SubscriptionKind.Brief, "09:00", null, null)]
    [InlineData("日报 9点半 工作日", SubscriptionKind.Brief, "09:30", WeekDays.Weekdays, null)]
    [InlineData("日报 早上9点半", SubscriptionKind.Brief, "09:30", null, null)]
    [InlineData("日报 下午3点", SubscriptionKind.Brief, "15:00", null, null)]
    [InlineData("日报 晚上8点 工作日", SubscriptionKind.Brief, "20:00", WeekDays.Weekdays, null)]
    [InlineData("日报 中午12点", SubscriptionKind.Brief, "12:00", null, null)]
    [InlineData("todo mon 09:30", SubscriptionKind.Todo, "09:30", WeekDays.Monday, null)]
    [InlineData("周计划 周一 9点", SubscriptionKind.Todo, "09:00", WeekDays.Monday, null)]
    [InlineData("to-do at 6pm fri", SubscriptionKind.Todo, "18:00", WeekDays.Friday, null)]
    [InlineData("alerts", SubscriptionKind.Alerts, null, null, null)]
    [InlineData("预警", SubscriptionKind.Alerts, null, null, null)]
    public void Parse_KnownPhrases_ReadsEveryPart(string text, SubscriptionKind kind, string? time, WeekDays? days, string? zone)
    {
        var parsed = SubscriptionArgsParser.Parse(text);

        Assert.True(parsed.Success, parsed.Error);
        Assert.Equal(kind, parsed.Value!.Kind);
        Assert.Equal(time, parsed.Value.Time?.ToString("HH\\:mm", System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(days, parsed.Value.Days);
        Assert.Equal(zone, parsed.Value.Zone?.Id);
    }

    [Theory]
    [InlineData("brief at 25:00", "'25:00' is not a time of day")]
    [InlineData("brief at 9:75", "'9:75' is not a time of day")]
    [InlineData("brief tz Mars/Olympus", "I don't know the time zone 'mars/olympus'")]
    [InlineData("brief at 09:00 funday", "'funday' is not a day I know")]
    [InlineData("brief at 09:00 sometimes", "I didn't understand 'sometimes'")]
    [InlineData("brief todo", "One subscription at a time")]
    [InlineData("brief at 09:00 at 10:00", "Give one time")]
    public void Parse_Mistakes_SayExactlyWhatIsWrong(string text, string error)
    {
        var parsed = SubscriptionArgsParser.Parse(text);

        Assert.False(parsed.Success);
        Assert.Contains(error, parsed.Error, StringComparison.Ordinal);
    }
}
