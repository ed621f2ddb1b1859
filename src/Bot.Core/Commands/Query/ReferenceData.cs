using Bot.Core.Commands.Campaigns;
using Bot.Core.Metrics;
using Bot.Core.Periods;

namespace Bot.Core.Commands.Query;

/// <summary>Shops, channels and campaigns, cached briefly: every query needs them to read the user's words.</summary>
/// <remarks>They change only on import; a one-minute cache keeps per-message cost at the queries that matter.</remarks>
public sealed class ReferenceData(IMetricStore store, TimeProvider time)
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(1);
    private Snapshot? _snapshot;

    public async Task<Snapshot> GetAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (_snapshot is { } s && now - s.LoadedAt < Lifetime)
        {
            return s;
        }

        var shops = await store.ListShopsAsync(cancellationToken);
        var channels = await store.ListChannelsAsync(cancellationToken);
        var campaigns = await store.ListCampaignsAsync(null, cancellationToken);
        _snapshot = new Snapshot(shops, channels, campaigns, now);
        return _snapshot;
    }

    /// <summary>Forget the cache (after an import registered new shops or campaigns).</summary>
    public void Invalidate() => _snapshot = null;

    /// <summary>One load of the reference data, with what reading a message needs built once from it.</summary>
    /// <remarks>
    /// Every message looks for shop and channel names longest first and for campaign names at every position; building
    /// those lists per message (normalize every name, sort by length) cost more than the SQL of the small commands.
    /// </remarks>
    public sealed class Snapshot(IReadOnlyList<ShopInfo> shops, IReadOnlyList<ChannelInfo> channels, IReadOnlyList<Campaign> campaigns, DateTimeOffset loadedAt)
    {
        private readonly Dictionary<string, string> _channelNames = channels.GroupBy(c => c.Code).ToDictionary(g => g.Key, g => g.First().Name);
        private readonly Dictionary<string, string> _shopNames = shops.GroupBy(s => s.Code).ToDictionary(g => g.Key, g => g.First().Name);
        private readonly (string Name, string Code)[] _channelNamesList = [.. AllChannelNames(channels)];
        private readonly (string Name, string Code)[] _shopNamesList = [.. AllShopNames(shops)];

        public IReadOnlyList<ShopInfo> Shops { get; } = shops;

        public IReadOnlyList<ChannelInfo> Channels { get; } = channels;

        public IReadOnlyList<Campaign> Campaigns { get; } = campaigns;

        public DateTimeOffset LoadedAt { get; } = loadedAt;

        /// <summary>The campaigns indexed for <see cref="PeriodParser"/>.</summary>
        public CampaignNames CampaignNames { get; } = new(campaigns);

        /// <summary>The campaigns' normalized names for <see cref="Campaigns.CampaignFinder"/>.</summary>
        public CampaignIndex CampaignIndex { get; } = new(campaigns);

        /// <summary><see cref="ShopNames"/> longest first (ties in their original order): the order the parsers try them in.</summary>
        public IReadOnlyList<(string Name, string Code)> ShopNamesLongestFirst { get; } = [.. AllShopNames(shops).OrderByDescending(n => n.Name.Length)];

        /// <summary><see cref="ChannelNames"/> longest first (ties in their original order).</summary>
        public IReadOnlyList<(string Name, string Code)> ChannelNamesLongestFirst { get; } = [.. AllChannelNames(channels).OrderByDescending(n => n.Name.Length)];

        public string ChannelName(string code) => _channelNames.GetValueOrDefault(code) ?? code;

        public string ShopName(string code) => _shopNames.GetValueOrDefault(code) ?? code;

        /// <summary>Every way a user may write a channel, normalized, mapped to its code.</summary>
        public IEnumerable<(string Name, string Code)> ChannelNames() => _channelNamesList;

        public IEnumerable<(string Name, string Code)> ShopNames() => _shopNamesList;

        private static IEnumerable<(string Name, string Code)> AllChannelNames(IReadOnlyList<ChannelInfo> channels) => channels.SelectMany(c =>
            c.Aliases.Append(c.Name).Append(c.ChineseName).Append(c.Code).Append(c.Code.Replace('_', ' '))
                .Select(n => (TextNormalizer.Normalize(n), c.Code)))
            .Where(n => n.Item1.Length > 0);

        private static IEnumerable<(string Name, string Code)> AllShopNames(IReadOnlyList<ShopInfo> shops) => shops.SelectMany(s =>
            s.Aliases.Append(s.Name).Append(s.Code).Select(n => (TextNormalizer.Normalize(n), s.Code)))
            .Where(n => n.Item1.Length > 0);
    }
}
