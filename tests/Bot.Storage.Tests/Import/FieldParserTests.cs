using System.Text;
using Bot.Storage.Import;

namespace Bot.Storage.Tests.Import;

public sealed class FieldParserTests
{
    [Theory]
    [InlineData("0", 0)]
    [InlineData("12345", 12_345)]
    [InlineData("12,345", 12_345)]
    [InlineData(" 1,234,567 ", 1_234_567)]
    [InlineData("12.00", 12)]
    [InlineData("+7", 7)]
    [InlineData("-0", 0)]
    public void TryParseCount_Accepted(string text, long expected)
    {
        Assert.True(FieldParser.TryParseCount(Encoding.UTF8.GetBytes(text), out var value, out var error), error);
        Assert.Equal(expected, value);
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("abc", "not a number")]
    [InlineData("1,", "not a number")]
    [InlineData(",1", "not a number")]
    [InlineData("1..2", "not a number")]
    [InlineData("-5", "negative")]
    [InlineData("1.5", "whole number")]
    [InlineData("50%", "percentage")]
    [InlineData("99999999999999999999999", "too large")]
    public void TryParseCount_Refused(string text, string reason)
    {
        Assert.False(FieldParser.TryParseCount(Encoding.UTF8.GetBytes(text), out _, out var error));
        Assert.Contains(reason, error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0", 0)]
    [InlineData("12", 1_200)]
    [InlineData("12.3", 1_230)]
    [InlineData("12.34", 1_234)]
    [InlineData("12.345", 1_235)]
    [InlineData("12.344", 1_234)]
    [InlineData("0.995", 100)]
    [InlineData("¥1,234.50", 123_450)]
    [InlineData("￥ 1234.5", 123_450)]
    [InlineData("$99", 9_900)]
    [InlineData("88元", 8_800)]
    [InlineData("1,000,000.00", 100_000_000)]
    public void TryParseCents_RoundsToCentsHalfAwayFromZero(string text, long expected)
    {
        Assert.True(FieldParser.TryParseCents(Encoding.UTF8.GetBytes(text), out var cents, out var error), error);
        Assert.Equal(expected, cents);
    }

    [Theory]
    [InlineData("-1.00", "negative")]
    [InlineData("¥-1", "negative")]
    [InlineData("12%", "percentage")]
    [InlineData("1.2.3", "not a number")]
    [InlineData("¥", "not a number")]
    public void TryParseCents_Refused(string text, string reason)
    {
        Assert.False(FieldParser.TryParseCents(Encoding.UTF8.GetBytes(text), out _, out var error));
        Assert.Contains(reason, error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("3.5%", "0.035", true)]
    [InlineData("3.5％", "0.035", true)]
    [InlineData("0.035", "0.035", false)]
    [InlineData("4.8", "4.8", false)]
    [InlineData("120,000,000", "120000000", false)]
    public void TryParseDecimal_PercentIsAFraction(string text, string expected, bool percent)
    {
        Assert.True(FieldParser.TryParseDecimal(Encoding.UTF8.GetBytes(text), out var value, out var isPercent, out var error), error);
        Assert.Equal(decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), value);
        Assert.Equal(percent, isPercent);
    }

    [Theory]
    [InlineData("2026-06-18", "2026-06-18")]
    [InlineData("2026/06/18", "2026-06-18")]
    [InlineData("2026/6/1", "2026-06-01")]
    [InlineData(" 2024-02-29 ", "2024-02-29")]
    public void TryParseDate_Accepted(string text, string expected)
    {
        Assert.True(FieldParser.TryParseDate(Encoding.UTF8.GetBytes(text), out var day, out var error), error);
        Assert.Equal(expected, Bot.Storage.Sqlite.Days.Format(day));
    }

    [Theory]
    [InlineData("2026-02-30", "not a calendar date")]
    [InlineData("2025-02-29", "not a calendar date")]
    [InlineData("2026-13-01", "not a calendar date")]
    [InlineData("2026-06/01", "expected YYYY-MM-DD")]
    [InlineData("18/06/2026", "expected YYYY-MM-DD")]
    [InlineData("20260618", "expected YYYY-MM-DD")]
    [InlineData("2026-06-18 10:00", "expected YYYY-MM-DD")]
    [InlineData("1969-12-31", "outside the years")]
    [InlineData("", "empty")]
    public void TryParseDate_Refused(string text, string reason)
    {
        Assert.False(FieldParser.TryParseDate(Encoding.UTF8.GetBytes(text), out _, out var error));
        Assert.Contains(reason, error, StringComparison.Ordinal);
    }
}
