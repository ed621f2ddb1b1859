using System.Globalization;
using System.Text;

namespace Bot.Storage.Import;

/// <summary>Parses CSV field bytes: counts, money in cents, decimals, percentages and dates, with a reason on failure.</summary>
/// <remarks>
/// Tolerated (issue 3 item 3): thousands separators (1,234), currency signs (¥ ￥ $) and a trailing 元,
/// a trailing % where a ratio makes sense, dates as YYYY-MM-DD or YYYY/MM/DD (month and day may have one digit).
/// </remarks>
internal static class FieldParser
{
    public const int MinYear = 1970;
    public const int MaxYear = 2199;

    private static readonly int EpochDayNumber = new DateOnly(1970, 1, 1).DayNumber;

    private ref struct Number
    {
        public bool Negative;
        public bool Percent;
        public ulong Integer;
        public ulong Fraction;
        public int FractionDigits;
        public bool FractionNonZero;
    }

    /// <summary>A whole, non-negative number (visitors, orders …).</summary>
    public static bool TryParseCount(ReadOnlySpan<byte> text, out long value, out string? error)
    {
        value = 0;
        if (!TryParseNumber(text, out var number, out error))
        {
            return false;
        }

        if (number.Negative)
        {
            error = $"{Show(text)} is negative; counts cannot be";
            return false;
        }

        if (number.Percent)
        {
            error = $"{Show(text)} is a percentage; a count is expected";
            return false;
        }

        if (number.FractionNonZero)
        {
            error = $"{Show(text)} is not a whole number";
            return false;
        }

        if (number.Integer > long.MaxValue)
        {
            error = $"{Show(text)} is too large";
            return false;
        }

        value = (long)number.Integer;
        return true;
    }

    /// <summary>A non-negative amount of money, rounded to cents.</summary>
    public static bool TryParseCents(ReadOnlySpan<byte> text, out long cents, out string? error)
    {
        cents = 0;
        if (!TryParseNumber(text, out var number, out error))
        {
            return false;
        }

        if (number.Negative)
        {
            error = $"{Show(text)} is negative; amounts cannot be";
            return false;
        }

        if (number.Percent)
        {
            error = $"{Show(text)} is a percentage; an amount is expected";
            return false;
        }

        if (number.Integer > (ulong)(long.MaxValue / 100) - 1)
        {
            error = $"{Show(text)} is too large";
            return false;
        }

        // Round the fraction to two digits, half away from zero.
        var fraction = number.Fraction;
        var digits = number.FractionDigits;
        while (digits > 3)
        {
            fraction /= 10;
            digits--;
        }

        var hundredths = digits switch
        {
            0 => 0L,
            1 => (long)fraction * 10,
            2 => (long)fraction,
            _ => (long)((fraction + 5) / 10),
        };

        cents = ((long)number.Integer * 100) + hundredths;
        return true;
    }

    /// <summary>A non-negative decimal; <paramref name="percent"/> tells whether it was written with %, and the value is then divided by 100.</summary>
    public static bool TryParseDecimal(ReadOnlySpan<byte> text, out decimal value, out bool percent, out string? error)
    {
        value = 0;
        percent = false;
        if (!TryParseNumber(text, out var number, out error))
        {
            return false;
        }

        if (number.Negative)
        {
            error = $"{Show(text)} is negative";
            return false;
        }

        if (number.Integer > 1_000_000_000_000_000UL)
        {
            error = $"{Show(text)} is too large";
            return false;
        }

        value = number.Integer;
        if (number.FractionDigits > 0)
        {
            value += number.Fraction / Pow10(number.FractionDigits);
        }

        percent = number.Percent;
        if (percent)
        {
            value /= 100m;
        }

        return true;
    }

    /// <summary>A date as YYYY-MM-DD or YYYY/MM/DD, returned as days since 1970-01-01.</summary>
    public static bool TryParseDate(ReadOnlySpan<byte> text, out int day, out string? error)
    {
        day = 0;
        error = null;
        text = text.Trim((byte)' ');
        if (text.IsEmpty)
        {
            error = "the date is empty";
            return false;
        }

        var pos = 0;
        if (!Digits(text, ref pos, 4, 4, out var year) || pos >= text.Length || text[pos] is not ((byte)'-' or (byte)'/'))
        {
            error = $"{Show(text)} is not a date (expected YYYY-MM-DD or YYYY/MM/DD)";
            return false;
        }

        var separator = text[pos++];
        if (!Digits(text, ref pos, 1, 2, out var month) || pos >= text.Length || text[pos] != separator)
        {
            error = $"{Show(text)} is not a date (expected YYYY-MM-DD or YYYY/MM/DD)";
            return false;
        }

        pos++;
        if (!Digits(text, ref pos, 1, 2, out var dayOfMonth) || pos != text.Length)
        {
            error = $"{Show(text)} is not a date (expected YYYY-MM-DD or YYYY/MM/DD)";
            return false;
        }

        if (year is < MinYear or > MaxYear)
        {
            error = $"{Show(text)} is outside the years {MinYear}–{MaxYear}";
            return false;
        }

        if (month is < 1 or > 12 || dayOfMonth < 1 || dayOfMonth > DateTime.DaysInMonth(year, month))
        {
            error = $"{Show(text)} is not a calendar date";
            return false;
        }

        day = new DateOnly(year, month, dayOfMonth).DayNumber - EpochDayNumber;
        return true;
    }

    /// <summary>The field as the user wrote it, quoted and shortened, for messages.</summary>
    public static string Show(ReadOnlySpan<byte> text)
    {
        var value = Encoding.UTF8.GetString(text);
        if (value.Length > 40)
        {
            value = string.Concat(value.AsSpan(0, 40), "…");
        }

        return "'" + value + "'";
    }

    private static decimal Pow10(int digits)
    {
        var result = 1m;
        for (var i = 0; i < digits; i++)
        {
            result *= 10m;
        }

        return result;
    }

    private static bool Digits(ReadOnlySpan<byte> text, ref int pos, int min, int max, out int value)
    {
        value = 0;
        var count = 0;
        while (pos < text.Length && count < max && text[pos] is >= (byte)'0' and <= (byte)'9')
        {
            value = (value * 10) + (text[pos] - '0');
            pos++;
            count++;
        }

        return count >= min && (pos >= text.Length || text[pos] is < (byte)'0' or > (byte)'9');
    }

    private static bool TryParseNumber(ReadOnlySpan<byte> text, out Number number, out string? error)
    {
        number = default;
        error = null;
        var original = text;
        text = text.Trim((byte)' ');
        if (text.IsEmpty)
        {
            error = "the value is empty";
            return false;
        }

        var pos = 0;
        SkipSignAndCurrency(text, ref pos, ref number.Negative);
        var digits = 0;
        var overflow = false;
        var lastWasSeparator = false;
        while (pos < text.Length)
        {
            var b = text[pos];
            if (b is >= (byte)'0' and <= (byte)'9')
            {
                if (number.Integer > (ulong.MaxValue / 10) - 10)
                {
                    overflow = true;
                }
                else
                {
                    number.Integer = (number.Integer * 10) + (ulong)(b - '0');
                }

                digits++;
                lastWasSeparator = false;
            }
            else if (b == (byte)',' && digits > 0 && !lastWasSeparator)
            {
                lastWasSeparator = true;
            }
            else
            {
                break;
            }

            pos++;
        }

        if (lastWasSeparator)
        {
            error = $"{Show(original)} is not a number";
            return false;
        }

        if (pos < text.Length && text[pos] == (byte)'.')
        {
            pos++;
            while (pos < text.Length && text[pos] is >= (byte)'0' and <= (byte)'9')
            {
                if (number.FractionDigits < 18)
                {
                    number.Fraction = (number.Fraction * 10) + (ulong)(text[pos] - '0');
                    number.FractionDigits++;
                }

                number.FractionNonZero |= text[pos] != (byte)'0';
                digits++;
                pos++;
            }
        }

        while (pos < text.Length && text[pos] == (byte)' ')
        {
            pos++;
        }

        var rest = text[pos..];
        if (rest.SequenceEqual("%"u8) || rest.SequenceEqual("％"u8))
        {
            number.Percent = true;
            pos = text.Length;
        }
        else if (rest.SequenceEqual("元"u8))
        {
            pos = text.Length;
        }

        if (digits == 0 || pos != text.Length)
        {
            error = $"{Show(original)} is not a number";
            return false;
        }

        if (overflow)
        {
            error = $"{Show(original)} is too large";
            return false;
        }

        // "-0" is not negative.
        number.Negative &= number.Integer != 0 || number.FractionNonZero;
        return true;
    }

    private static void SkipSignAndCurrency(ReadOnlySpan<byte> text, ref int pos, ref bool negative)
    {
        for (var round = 0; round < 3 && pos < text.Length; round++)
        {
            var rest = text[pos..];
            if (rest[0] == (byte)'-')
            {
                negative = true;
                pos++;
            }
            else if (rest[0] == (byte)'+')
            {
                pos++;
            }
            else if (rest[0] == (byte)'$')
            {
                pos++;
            }
            else if (rest.StartsWith("¥"u8))
            {
                pos += "¥"u8.Length;
            }
            else if (rest.StartsWith("￥"u8))
            {
                pos += "￥"u8.Length;
            }
            else
            {
                return;
            }

            while (pos < text.Length && text[pos] == (byte)' ')
            {
                pos++;
            }
        }
    }

    /// <summary>Formats cents as an invariant decimal with two places ("1234.50").</summary>
    public static string FormatCents(long cents) =>
        (cents / 100m).ToString("0.00", CultureInfo.InvariantCulture);
}
