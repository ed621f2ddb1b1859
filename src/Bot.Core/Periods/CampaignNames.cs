using Bot.Core.Metrics;

namespace Bot.Core.Periods;

/// <summary>The campaigns whose names and aliases count as periods, with those names indexed for <see cref="PeriodParser"/>.</summary>
/// <remarks>
/// The parser tries every position of a message; without an index each position compared every name of every campaign
/// (2,000 campaigns of 200 shops are ~6,000 names, mostly the same few). Built once per set of campaigns (they change only
/// on import): each distinct name once, bucketed by its first letter with the parser's case folding, longest first.
/// </remarks>
public sealed class CampaignNames
{
    private readonly Dictionary<int, Entry[]> _byFirstLetter;
    private readonly Dictionary<string, List<Campaign>> _families = new(StringComparer.OrdinalIgnoreCase);

    public CampaignNames(IReadOnlyList<Campaign> campaigns)
    {
        ArgumentNullException.ThrowIfNull(campaigns);
        Campaigns = campaigns;
        var first = new Dictionary<string, Entry>(StringComparer.Ordinal);
        var order = 0;
        foreach (var campaign in campaigns)
        {
            foreach (var name in campaign.Aliases.Prepend(campaign.Name))
            {
                if (!string.IsNullOrWhiteSpace(name))
                {
                    first.TryAdd(name, new Entry(name, campaign, order));
                    if (!_families.TryGetValue(name, out var family))
                    {
                        _families[name] = family = [];
                    }

                    if (!family.Contains(campaign))
                    {
                        family.Add(campaign);
                    }
                }

                order++;
            }
        }

        _byFirstLetter = first.Values
            .GroupBy(e => e.Name[0] | 0x20)
            .ToDictionary(g => g.Key, g => g.OrderByDescending(e => e.Name.Length).ThenBy(e => e.Order).ToArray());
    }

    public static CampaignNames Empty { get; } = new([]);

    public IReadOnlyList<Campaign> Campaigns { get; }

    /// <summary>Every campaign that has <paramref name="name"/> as its name or an alias, in list order: one recurring event.</summary>
    internal IReadOnlyList<Campaign> Family(string name) => _families.TryGetValue(name, out var family) ? family : [];

    /// <summary>
    /// The campaign of the longest name that <paramref name="matches"/> at <paramref name="i"/> (the end it returns, or -1);
    /// between names of the same length, the one met first going through the campaigns in order, each name before its aliases.
    /// </summary>
    /// <returns>The campaign, the end of the match, and the name or alias that matched (the key of its recurring family).</returns>
    internal (Campaign? Campaign, int End, string? Name) Longest(string s, int i, Func<string, int, string, int> matches)
    {
        if (i < s.Length && _byFirstLetter.TryGetValue(s[i] | 0x20, out var entries))
        {
            foreach (var entry in entries)
            {
                if (matches(s, i, entry.Name) is var end and >= 0)
                {
                    return (entry.Campaign, end, entry.Name);
                }
            }
        }

        return (null, -1, null);
    }

    private sealed record Entry(string Name, Campaign Campaign, int Order);
}
