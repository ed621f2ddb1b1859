using Bot.Core.Metrics;

using Bot.Core.Periods;

namespace Bot.Core.Commands.Query;

/// <summary>INTERIM stand-in until the full parser lands: yesterday, last week, last N days only.</summary>
internal static class InterimPeriodParser
{
    public static Parsed<PeriodMatch>? Find(string text, DateOnly today, IReadOnlyList<Campaign>? campaigns = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        _ = campaigns;
        if (text.Contains("yesterday", StringComparison.Ordinal) || text.Contains("昨天", StringComparison.Ordinal))
        {
            var y = today.AddDays(-1);
            return Parsed<PeriodMatch>.Ok(new PeriodMatch(DateRange.Day(y), "yesterday", text.Replace("yesterday", string.Empty, StringComparison.Ordinal).Replace("昨天", string.Empty, StringComparison.Ordinal).Trim(), null));
        }

        if (text.Contains("last week", StringComparison.Ordinal) || text.Contains("上周", StringComparison.Ordinal))
        {
            var monday = today.AddDays(-(((int)today.DayOfWeek + 6) % 7) - 7);
            return Parsed<PeriodMatch>.Ok(new PeriodMatch(new DateRange(monday, monday.AddDays(6)), "last week", text.Replace("last week", string.Empty, StringComparison.Ordinal).Replace("上周", string.Empty, StringComparison.Ordinal).Trim(), null));
        }

        return null;
    }
}

/// <summary>A period found in text, with the words around it.</summary>
internal sealed record PeriodMatch(DateRange Range, string Label, string Remaining, string? Note);
