using System.Globalization;
using Bot.Core.Metrics;

namespace Bot.Core.Commands.Campaigns;

/// <summary>Finds which campaign (and which year's run of it) the user means: "618", "双11 2025", "double 11".</summary>
public static class CampaignFinder
{
    /// <summary>The runs of the named campaign in the chosen year (one per shop), or why none was found.</summary>
    public static (IReadOnlyList<Campaign> Runs, string? Note, string? Error) Find(string text, IReadOnlyList<Campaign> campaigns, string? shop, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(campaigns);
        var candidates = shop is null ? campaigns : campaigns.Where(c => c.Shop == shop).ToList();
        var named = candidates
            .SelectMany(c => c.Aliases.Append(c.Name).Select(n => (Campaign: c, Name: TextNormalizer.Normalize(n))))
            .Where(x => x.Name.Length > 0 && CommandMatcher.FindPhrase(text, x.Name) >= 0)
            .OrderByDescending(x => x.Name.Length)
            .ToList();
        if (named.Count == 0)
        {
            var known = string.Join(", ", candidates.Select(c => c.Name).Distinct().Take(12));
            return ([], null, known.Length == 0 ? "No campaigns are in the store yet — import them with `import campaigns <file>`." : $"I don't know that campaign. Known campaigns: {known}.");
        }

        var name = named[0].Name;
        var runs = named.Where(x => x.Name == name).Select(x => x.Campaign).Distinct().ToList();
        var year = YearIn(text);
        if (year is { } y)
        {
            var inYear = runs.Where(r => r.Start.Year == y).ToList();
            return inYear.Count == 0
                ? ([], null, $"No {named[0].Name} campaign in {y}. Years on record: {string.Join(", ", runs.Select(r => r.Start.Year).Distinct().Order())}.")
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
        var note = chosenYear < today.Year ? $"{named[0].Name} {today.Year} has not ended yet; showing {chosenYear}." : null;
        return (ended.Where(r => r.Start.Year == chosenYear).ToList(), note, null);
    }

    /// <summary>The same campaign's runs one year earlier (matched by any shared name or alias).</summary>
    public static IReadOnlyList<Campaign> LastYear(IReadOnlyList<Campaign> runs, IReadOnlyList<Campaign> campaigns)
    {
        ArgumentNullException.ThrowIfNull(runs);
        ArgumentNullException.ThrowIfNull(campaigns);
        var names = runs.SelectMany(r => r.Aliases.Append(r.Name)).Select(TextNormalizer.Normalize).ToHashSet();
        var shops = runs.Select(r => r.Shop).ToHashSet();
        var year = runs[0].Start.Year - 1;
        return campaigns.Where(c => c.Start.Year == year && shops.Contains(c.Shop) && c.Aliases.Append(c.Name).Select(TextNormalizer.Normalize).Any(names.Contains)).ToList();
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
