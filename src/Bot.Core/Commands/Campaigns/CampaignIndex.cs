using Bot.Core.Metrics;

namespace Bot.Core.Commands.Campaigns;

/// <summary>Campaign names and aliases normalized once, each distinct name with the campaigns that carry it (for <see cref="CampaignFinder"/>).</summary>
/// <remarks>Per message, looking for a campaign is then one phrase search per distinct name (a handful), not one per name of every campaign.</remarks>
public sealed class CampaignIndex
{
    private readonly Dictionary<string, List<Use>> _names = new(StringComparer.Ordinal);

    public CampaignIndex(IReadOnlyList<Campaign> campaigns)
    {
        ArgumentNullException.ThrowIfNull(campaigns);
        Campaigns = campaigns;
        var order = 0;
        for (var index = 0; index < campaigns.Count; index++)
        {
            var campaign = campaigns[index];
            foreach (var alias in campaign.Aliases.Append(campaign.Name))
            {
                var name = TextNormalizer.Normalize(alias);
                if (name.Length > 0)
                {
                    if (!_names.TryGetValue(name, out var uses))
                    {
                        _names[name] = uses = [];
                    }

                    uses.Add(new Use(order, index, campaign));
                }

                order++;
            }
        }
    }

    public IReadOnlyList<Campaign> Campaigns { get; }

    /// <summary>Whether normalized text names any campaign (a whole phrase, as the period parser reads it).</summary>
    public bool IsNamedIn(string normalizedText) => _names.Keys.Any(name => CommandMatcher.FindPhrase(normalizedText, name) >= 0);

    /// <summary>Every distinct normalized name with its uses in campaign order (and, within a campaign, aliases then name).</summary>
    internal IReadOnlyDictionary<string, List<Use>> Names => _names;

    /// <summary>One campaign carrying a name: <see cref="Order"/> counts every (campaign, name) pair in turn, <see cref="Index"/> is the campaign's.</summary>
    internal sealed record Use(int Order, int Index, Campaign Campaign);
}
