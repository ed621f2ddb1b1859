using System.Globalization;

using Bot.Core.Metrics;
using Bot.Core.Replies;

namespace Bot.Core.Formatting;

/// <summary>Formats money, counts, rates and changes for the reader's culture: ¥1.23M in English, ¥123.4万 in Chinese.</summary>
public sealed class NumberFormat(CultureInfo culture)
{
    public static NumberFormat English { get; } = new(CultureInfo.GetCultureInfo("en-US"));

    public CultureInfo Culture { get; } = culture;

    private bool Chinese => Culture.TwoLetterISOLanguageName == "zh";

    public string Money(decimal? value) => value is { } v ? (v < 0 ? "-¥" : "¥") + Compact(Math.Abs(v), moneyDecimals: true) : "—";

    public string Count(long? value) => value is { } v ? (v < 0 ? "-" : string.Empty) + Compact(Math.Abs(v), moneyDecimals: false) : "—";

    public string Count(double? value) => value is { } v ? Count((long)Math.Round(v)) : "—";

    /// <summary>A rate as a percentage: two decimals under 10 % (conversion 2.34 %), one above (bounce 45.6 %).</summary>
    public string Rate(double? value) => value is { } v
        ? (Math.Abs(v) < 0.1 ? (v * 100).ToString("0.00", Culture) : (v * 100).ToString("0.0", Culture)) + "%"
        : "—";

    public string Ratio(double? value) => value is { } v ? v.ToString("0.00", Culture) : "—";

    public string Seconds(double? value) => value is { } v
        ? (v >= 60 ? $"{Math.Floor(v / 60).ToString("0", Culture)}m {(v % 60).ToString("00", Culture)}s" : $"{v.ToString("0", Culture)}s")
        : "—";

    public string Days(double? value) => value is { } v ? (v >= 999 ? "999+ d" : v.ToString("0", Culture) + " d") : "—";

    public string Format(double? value, MetricKind kind) => kind switch
    {
        MetricKind.Money => Money(value is { } v ? (decimal)v : null),
        MetricKind.Count => Count(value),
        MetricKind.Rate => Rate(value),
        MetricKind.Ratio => Ratio(value),
        MetricKind.Seconds => Seconds(value),
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    /// <summary>Relative change for amounts (▲ 12.3%), percentage-point change for rates (▼ 0.42pp).</summary>
    /// <summary>What <see cref="Change"/> shows for a change that rounds to nothing (under 0.05 % or 0.05 pp).</summary>
    public const string Flat = "± 0";

    public (string Text, Tone Tone) Change(double? current, double? previous, MetricKind kind, bool higherIsBetter)
    {
        if (current is not { } now || previous is not { } before)
        {
            return ("—", Tone.Subtle);
        }

        double delta;
        string text;
        if (kind == MetricKind.Rate)
        {
            delta = (now - before) * 100;
            text = Math.Abs(delta).ToString("0.00", Culture) + "pp";
        }
        else
        {
            if (before == 0)
            {
                return now == 0 ? ("0%", Tone.Neutral) : ("new", Tone.Neutral);
            }

            delta = (now - before) / Math.Abs(before) * 100;
            text = Math.Abs(delta).ToString(Math.Abs(delta) >= 100 ? "0" : "0.0", Culture) + "%";
        }

        if (Math.Abs(delta) < 0.05)
        {
            return (Flat, Tone.Neutral);
        }

        var up = delta > 0;
        var tone = up == higherIsBetter ? Tone.Good : Tone.Bad;
        return ((up ? "▲ " : "▼ ") + text, tone);
    }

    private string Compact(decimal value, bool moneyDecimals)
    {
        if (Chinese)
        {
            if (value >= 100_000_000m)
            {
                return (value / 100_000_000m).ToString("0.##", Culture) + "亿";
            }

            if (value >= 10_000m)
            {
                return (value / 10_000m).ToString("0.#", Culture) + "万";
            }
        }
        else
        {
            if (value >= 1_000_000_000m)
            {
                return (value / 1_000_000_000m).ToString("0.##", Culture) + "B";
            }

            if (value >= 1_000_000m)
            {
                return (value / 1_000_000m).ToString("0.##", Culture) + "M";
            }

            if (value >= 100_000m)
            {
                return (value / 1_000m).ToString("0.#", Culture) + "K";
            }
        }

        return value.ToString(moneyDecimals && value < 1000m && value != Math.Round(value) ? "#,##0.00" : "#,##0", Culture);
    }
}
