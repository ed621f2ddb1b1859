using System.Text;
using Bot.Channel.Protocol;

namespace Bot.Channel.Tests.Protocol;

/// <summary>bot-protocol.md §1.1 / botbuilder-dotnet#1237: odd timestamps never make an activity unreadable.</summary>
public sealed class TimestampTests
{
    [Theory]
    [InlineData("2026-06-18T02:14:05.5384093Z", "2026-06-18T02:14:05.5384093+00:00")]
    [InlineData("2026-06-18T10:14:05.5384093+08:00", "2026-06-18T10:14:05.5384093+08:00")]
    [InlineData("2026-06-18T02:14:05", "2026-06-18T02:14:05.0000000+00:00")]
    [InlineData("2026-06-18T02:14:05.1234567", "2026-06-18T02:14:05.1234567+00:00")]
    [InlineData("0001-01-01T00:00:00", "0001-01-01T00:00:00.0000000+00:00")]
    [InlineData("2026-06-18T02:14:05.123456789Z", "2026-06-18T02:14:05.1234567+00:00")]
    [InlineData("2026-06-18T02:14:05.1Z", "2026-06-18T02:14:05.1000000+00:00")]
    public void Read_TimestampShapes_ParseWithOffsetDefaultingToUtc(string raw, string expected)
    {
        var activity = Read($$"""{"type":"message","timestamp":"{{raw}}","localTimestamp":"{{raw}}"}""");

        Assert.Equal(expected, activity.Timestamp!.Value.ToString("O", System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(expected, activity.LocalTimestamp!.Value.ToString("O", System.Globalization.CultureInfo.InvariantCulture));
    }

    [Theory]
    [InlineData("\"yesterday\"")]
    [InlineData("\"\"")]
    [InlineData("12345")]
    [InlineData("{\"when\":\"now\"}")]
    [InlineData("null")]
    public void Read_UnreadableTimestamp_BecomesNullInsteadOfFailing(string raw)
    {
        var activity = Read($$"""{"type":"message","timestamp":{{raw}},"text":"help"}""");

        Assert.Null(activity.Timestamp);
        Assert.Equal("help", activity.Text);
    }

    [Fact]
    public void Write_Timestamps_UtcAsZAndLocalWithOffset()
    {
        var activity = new Activity
        {
            Type = ActivityTypes.Message,
            Timestamp = new DateTimeOffset(2026, 6, 18, 2, 0, 0, TimeSpan.Zero),
            LocalTimestamp = new DateTimeOffset(2026, 6, 18, 10, 0, 0, TimeSpan.FromHours(8)).AddTicks(1234500),
        };

        Assert.Equal("""{"type":"message","timestamp":"2026-06-18T02:00:00Z","localTimestamp":"2026-06-18T10:00:00.12345+08:00"}""", ProtocolJson.Write(activity));
    }

    private static Activity Read(string json) =>
        ProtocolJson.ReadActivity(Encoding.UTF8.GetBytes(json)) ?? throw new InvalidOperationException("activity did not parse");
}
