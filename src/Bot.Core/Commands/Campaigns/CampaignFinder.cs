using System.Globalization;
using Bot.Core.Metrics;

namespace Bot.Core.Commands.Campaigns;

/// <summary>Finds which campaign (and which year's run of it) the user means: "618", "双11 2025", "double 11".</summary>
public static class CampaignFinder
{
    /// <summary>The runs of the named campaign in the chosen year (one per shop), or why none was found.</summary>
    public static (IReadOnlyList<Campaign> Runs, string? Note, string? Error) Find(string text, IReadOnlyList<Campaign> campaigns, string? shop, DateOnly today) =>
        Find(text, new CampaignIndex(campaigns), shop, today);

    /// <summary>The same over campaigns indexed once (per reference-data snapshot).</summary>
    /// <remarks>The longest name in the text wins; between names of the same length, the one met first going through the campaigns.</remarks>
    public static (IReadOnlyList<Campaign> Runs, string? Note, string? Error) Find(string text, CampaignIndex campaigns, string? shop, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(campaigns);
        string? name = null;
        var first = int.MaxValue;
        foreach (var (candidate, uses) in campaigns.Names)
        {
            if (name is not null && candidate.Length < name.Length)
            {
                continue;
            }

            var use = uses.Find(u => shop is null || u.Campaign.Shop == shop);
            if (use is null || (name is not null && candidate.Length == name.Length && use.Order > first) || CommandMatcher.FindPhrase(text, candidate) < 0)
            {
                continue;
            }

            (name, first) = (candidate, use.Order);
        }

        if (name is null)
        {
            var known = string.Join(", ", campaigns.Campaigns.Where(c => shop is null || c.Shop == shop).Select(c => c.Name).Distinct().Take(12));
            return ([], null, known.Length == 0 ? "No campaigns are in the store yet — import them with `import campaigns <file>`." : $"I don't know that campaign. Known campaigns: {known}.");
        }

        var runs = campaigns.Names[name].Where(u => shop is null || u.Campaign.Shop == shop).Select(u => u.Campaign).Distinct().ToList();
        var year = YearIn(text);
        if (year is { } y)
        {
            var inYear = runs.Where(r => r.Start.Year == y).ToList();
            return inYear.Count == 0
                ? ([], null, $"No {name} campaign in {y}. Years on record: {string.Join(", ", runs.Select(r => r.Start.Year).Distinct().Order())}.")
                : (inYear, null, null);
        }

        // Without a year: this year's run if it has ended, else the latest finished one (and say so).
        var ended = runs.Where(r => r.End < today).ToList();
        if (ended.Count == 0)
        {
            var latest = runs.Max(r => r.Start.Year);
            return (runs.Where(r => r.Start.Year == latest).ToList(), $"This campaign has not finished yet; showing {latest} so far.", null);
        }

        var chosenYear = ended.Max(r => r.Start.Year);
        var note = chosenYear < today.Year ? $"{name} {today.Year} has not ended yet; showing {chosenYear}." : null;
        return (ended.Where(r => r.Start.Year == chosenYear).ToList(), note, null);
    }

    /// <summary>The same campaign's runs one year earlier (matched by any shared name or alias).</summary>
    public static IReadOnlyList<Campaign> LastYear(IReadOnlyList<Campaign> runs, IReadOnlyList<Campaign> campaigns) =>
        LastYear(runs, new CampaignIndex(campaigns));

    /// <summary>The same over campaigns indexed once; in the order of the campaigns.</summary>
    public static IReadOnlyList<Campaign> LastYear(IReadOnlyList<Campaign> runs, CampaignIndex campaigns)
    {
        ArgumentNullException.ThrowIfNull(runs);
        ArgumentNullException.ThrowIfNull(campaigns);
        var shops = runs.Select(r => r.Shop).ToHashSet();
        var year = runs[0].Start.Year - 1;
        var found = new SortedSet<int>();
        foreach (var name in runs.SelectMany(r => r.Aliases.Append(r.Name)).Select(TextNormalizer.Normalize).Distinct())
        {
            foreach (var use in campaigns.Names.GetValueOrDefault(name) ?? [])
            {
                if (use.Campaign.Start.Year == year && shops.Contains(use.Campaign.Shop))
                {
                    found.Add(use.Index);
                }
            }
        }

        return [.. found.Select(i => campaigns.Campaigns[i])];
    }

    private static int? YearIn(string text)
    {
        foreach (var token in TextNormalizer.Tokens(text))
        {
            var t = token.TrimEnd('年');
            if (t.Length == 4 && int.TryParse(t, NumberStyles.None, CultureInfo.InvariantCulture, out var y) && y is >= 2000 and <= 2100)
            {
                return y;
            }
        }

        return null;
    }
}
