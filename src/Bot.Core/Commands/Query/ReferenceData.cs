using Bot.Core.Commands.Campaigns;
using Bot.Core.Metrics;
using Bot.Core.Periods;
using Microsoft.Extensions.Logging;

namespace Bot.Core.Commands.Query;

/// <summary>Shops, channels and campaigns, held in memory: every query needs them to read the user's words.</summary>
/// <remarks>
/// They change only on import. An import in this process (HTTP ingest) calls <see cref="RefreshAsync"/> before it answers,
/// so the next message sees the new names. Imports by another process (the CLI next to the running bot) cannot say so:
/// for them a snapshot older than a minute is reloaded in the background while messages keep using the one they have,
/// so no message waits for the reload; only a snapshot nobody asked for in ten minutes is reloaded before answering.
/// </remarks>
public sealed class ReferenceData(IMetricStore store, TimeProvider time, ILogger<ReferenceData>? logger = null)
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan MaxServedAge = TimeSpan.FromMinutes(10);
    private readonly Lock _gate = new();
    private Snapshot? _snapshot;
    private Task<Snapshot>? _loading;
    private Task _refreshing = Task.CompletedTask;
    private int _refreshStarted;

    /// <summary>The background reload in flight, if any (completed otherwise).</summary>
    public Task Refreshing => Volatile.Read(ref _refreshing);

    public async Task<Snapshot> GetAsync(CancellationToken cancellationToken)
    {
        var current = Volatile.Read(ref _snapshot);
        var age = current is null ? TimeSpan.MaxValue : time.GetUtcNow() - current.LoadedAt;
        if (current is null || age >= MaxServedAge)
        {
            return await LoadAsync(current, afterImport: false).WaitAsync(cancellationToken);
        }

        if (age >= Lifetime && Interlocked.Exchange(ref _refreshStarted, 1) == 0)
        {
            Volatile.Write(ref _refreshing, RefreshInBackgroundAsync(current));
        }

        return current;
    }

    /// <summary>Reloads now: called after an import, so what it registered (shops, channels, campaigns) is known to the next message.</summary>
    public Task RefreshAsync(CancellationToken cancellationToken) => LoadAsync(seen: null, afterImport: true).WaitAsync(cancellationToken);

    /// <summary>Forget the snapshot: the next message loads a new one.</summary>
    public void Invalidate() => Volatile.Write(ref _snapshot, null);

    /// <summary>One load at a time, shared by whoever needs it; the loaded snapshot replaces the current one.</summary>
    /// <param name="seen">The snapshot the caller found too old (null: none); if another load replaced it meanwhile, that one is used.</param>
    /// <param name="afterImport">A load already in flight may have read before the import committed: load again after it.</param>
    private Task<Snapshot> LoadAsync(Snapshot? seen, bool afterImport)
    {
        lock (_gate)
        {
            if (seen is not null && Volatile.Read(ref _snapshot) is { } newer && newer != seen)
            {
                return Task.FromResult(newer);
            }

            if (_loading is { IsCompleted: false } inFlight)
            {
                return afterImport ? _loading = LoadAfterAsync(inFlight) : inFlight;
            }

            return _loading = LoadFromStoreAsync();
        }
    }

    private async Task<Snapshot> LoadAfterAsync(Task previous)
    {
        await previous.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        return await LoadFromStoreAsync();
    }

    private async Task<Snapshot> LoadFromStoreAsync()
    {
        // Shared by several callers, so not cancelled by any one of them (each stops waiting on its own token).
        var shops = await store.ListShopsAsync(CancellationToken.None);
        var channels = await store.ListChannelsAsync(CancellationToken.None);
        var campaigns = await store.ListCampaignsAsync(null, CancellationToken.None);
        var snapshot = new Snapshot(shops, channels, campaigns, time.GetUtcNow());
        Volatile.Write(ref _snapshot, snapshot);
        return snapshot;
    }

    private async Task RefreshInBackgroundAsync(Snapshot seen)
    {
        try
        {
            // Off the message's path: the caller has its answer before the store is asked.
            await Task.Yield();
            await LoadAsync(seen, afterImport: false);
        }
        catch (Exception ex)
        {
            // The old snapshot stays in use; the next message after the lifetime tries again.
            logger?.LogWarning(ex, "Reloading the reference data failed; still using the snapshot of {LoadedAt}", seen.LoadedAt);
        }
        finally
        {
            Volatile.Write(ref _refreshStarted, 0);
        }
    }

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

        /// <summary>"`tmall-flagship` (天猫旗舰店), …": the shops to name when one asked for is unknown; past <paramref name="max"/>, points to `shops`.</summary>
        public string KnownShops(int max = int.MaxValue) =>
            string.Join(", ", Shops.Take(max).Select(s => $"`{s.Code}` ({s.Name})")) + (Shops.Count > max ? ", … (`shops` lists them all)" : string.Empty);

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
