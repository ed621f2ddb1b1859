using System.Globalization;
using Bot.Core.Metrics;

namespace Bot.Core.Periods;

/// <summary>A campaign's earlier occurrences: what "vs last year" means for 618 or 双11.</summary>
public static class CampaignHistory
{
    /// <summary>
    /// The same campaign a year earlier — the same name, or a shared alias ("618" of "618 2025" and "618 2026") — over as
    /// many days from its start as <paramref name="range"/> covers of this one (a running campaign is compared day for day);
    /// null when there was none.
    /// </summary>
    public static (DateRange Range, string Label)? YearAgo(Campaign campaign, DateRange range, IReadOnlyList<Campaign> all)
    {
        ArgumentNullException.ThrowIfNull(campaign);
        ArgumentNullException.ThrowIfNull(all);
        var previous = all
            .Where(c => c.Start.Year == campaign.Start.Year - 1 && SameEvent(c, campaign))
            .OrderBy(c => c.Shop == campaign.Shop ? 0 : 1)
            .FirstOrDefault();
        if (previous is null)
        {
            return null;
        }

        var offset = range.From.DayNumber - campaign.Start.DayNumber;
        var from = previous.Start.AddDays(Math.Max(0, offset));
        var to = range.To >= campaign.End ? previous.End : Min(previous.End, from.AddDays(range.Days - 1));
        var year = previous.Start.Year.ToString(CultureInfo.InvariantCulture);
        var name = previous.Name.Contains(year, StringComparison.Ordinal) ? previous.Name : $"{previous.Name} {year}";
        return (new DateRange(from, to), to == previous.End && from == previous.Start ? name : $"{name}, the same days");
    }

    private static bool SameEvent(Campaign a, Campaign b) =>
        a.Aliases.Prepend(a.Name).Intersect(b.Aliases.Prepend(b.Name), StringComparer.OrdinalIgnoreCase).Any();

    private static DateOnly Min(DateOnly a, DateOnly b) => a < b ? a : b;
}
