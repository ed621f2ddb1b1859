using Bot.Core.Metrics;

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

    public sealed record Snapshot(IReadOnlyList<ShopInfo> Shops, IReadOnlyList<ChannelInfo> Channels, IReadOnlyList<Campaign> Campaigns, DateTimeOffset LoadedAt)
    {
        public string ChannelName(string code) => Channels.FirstOrDefault(c => c.Code == code)?.Name ?? code;

        public string ShopName(string code) => Shops.FirstOrDefault(s => s.Code == code)?.Name ?? code;

        /// <summary>Every way a user may write a channel, normalized, mapped to its code.</summary>
        public IEnumerable<(string Name, string Code)> ChannelNames() => Channels.SelectMany(c =>
            c.Aliases.Append(c.Name).Append(c.ChineseName).Append(c.Code).Append(c.Code.Replace('_', ' '))
                .Select(n => (TextNormalizer.Normalize(n), c.Code)))
            .Where(n => n.Item1.Length > 0);

        public IEnumerable<(string Name, string Code)> ShopNames() => Shops.SelectMany(s =>
            s.Aliases.Append(s.Name).Append(s.Code).Select(n => (TextNormalizer.Normalize(n), s.Code)))
            .Where(n => n.Item1.Length > 0);
    }
}
