using Bot.Core.Metrics;

namespace Bot.Core.Periods;

/// <summary>What kind of phrase a <see cref="PeriodMatch"/> came from.</summary>
public enum PeriodKind
{
    /// <summary>One day: today, yesterday, 2026-06-18, 6月18日, 3 days ago.</summary>
    Day,

    /// <summary>A calendar week, Monday to Sunday: this week, last week, 上周.</summary>
    Week,

    /// <summary>A calendar month: this month, 2026-06, june, 6月.</summary>
    Month,

    /// <summary>A calendar quarter: this quarter, Q3 2026, 第三季度.</summary>
    Quarter,

    /// <summary>A calendar half-year: H1 2026, 上半年.</summary>
    HalfYear,

    /// <summary>A calendar year: 2025, this year, 去年.</summary>
    Year,

    /// <summary>A rolling window ending yesterday: last 7 days, 近3个月.</summary>
    Rolling,

    /// <summary>An explicit range between two dates or calendar periods: 2026-06-01..2026-06-18, since 6/1.</summary>
    Range,

    /// <summary>A campaign's window, from the campaigns list: 618, 双11 2025.</summary>
    Campaign,
}

/// <summary>A period phrase found in user text, resolved to a date range.</summary>
/// <param name="Range">The resolved days, never after the <c>today</c> passed to the parser.</param>
/// <param name="Label">For the reader: "last week (2026-11-09..2026-11-15)", "2026-06-18". Always English.</param>
/// <param name="Remaining">The text with the period phrase cut out, trimmed; empty when the text was only the period.</param>
/// <param name="Note">Something the reader should know about the choice, e.g. "双11 hasn't started this year; showing 2025".</param>
public sealed record PeriodMatch(DateRange Range, string Label, string Remaining, string? Note = null)
{
    /// <summary>The whole calendar period or campaign window when <see cref="Range"/> was cut at today (this month → the
    /// whole month, for pace and forecasts); otherwise the same as <see cref="Range"/>.</summary>
    public DateRange Whole { get; init; }

    public PeriodKind Kind { get; init; }

    /// <summary>The campaign whose window this is, for <see cref="PeriodKind.Campaign"/>.</summary>
    public Campaign? Campaign { get; init; }

    /// <summary>Where the period phrase starts in the searched text.</summary>
    public int Index { get; init; }

    /// <summary>How many characters of the searched text the period phrase covers.</summary>
    public int Length { get; init; }
}
