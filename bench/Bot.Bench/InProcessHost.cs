using System.Diagnostics;
using Bot.Core.Conversations;
using Bot.Core.DataFiles;
using Bot.Core.Messaging;
using Bot.Core.Metrics;
using Bot.Core.Periods;
using Bot.Storage.Conversations;
using Bot.Storage.Import;
using Bot.Storage.Metrics;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Bot.Bench;

/// <summary>The real host (Program.cs composition) in-process, on the large-set file, with a fixed start time and timed stores.</summary>
/// <remarks>
/// Only four services differ from production: <see cref="TimeProvider"/> (starts at the set's today, 10:00 Shanghai, and
/// then advances with real time, so the one-minute reference-data cache expires as it would in production), and
/// <see cref="IMetricStore"/> / <see cref="IConversationSettingsStore"/> / <see cref="IDataImport"/> wrapped in timing decorators. Demo seeding,
/// schedules and the outbox worker are off; nothing is served over HTTP (the router is called directly).
/// </remarks>
internal sealed class InProcessHost(string databasePath, TimeProvider clock) : WebApplicationFactory<Program>
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.UseEnvironment("Production");
        builder.UseSetting("Storage:Path", databasePath);
        builder.UseSetting("Demo:Seed", "false");
        builder.UseSetting("Schedule:Enabled", "false");
        builder.UseSetting("Schedule:Outbox:WorkerEnabled", "false");
        builder.UseSetting("MicrosoftAppId", string.Empty);
        builder.UseSetting("MicrosoftAppPassword", string.Empty);
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton(clock);
            services.AddSingleton(sp => new TimingMetricStore(sp.GetRequiredService<MetricStore>()));
            services.AddSingleton<IMetricStore>(sp => sp.GetRequiredService<TimingMetricStore>());
            services.AddSingleton(sp => new TimingSettingsStore(sp.GetRequiredService<SqliteConversationStore>()));
            services.AddSingleton<IConversationSettingsStore>(sp => sp.GetRequiredService<TimingSettingsStore>());
            services.AddSingleton(sp => new TimingDataImport(ActivatorUtilities.CreateInstance<DataImportService>(sp)));
            services.AddSingleton<IDataImport>(sp => sp.GetRequiredService<TimingDataImport>());
        });
    }
}

/// <summary>Starts at a fixed instant and advances with the monotonic clock.</summary>
internal sealed class TickingClock(DateTimeOffset start) : TimeProvider
{
    private readonly long _origin = Stopwatch.GetTimestamp();

    /// <summary>10:00 in Shanghai (02:00 UTC) on <paramref name="today"/>.</summary>
    public static TickingClock At(DateOnly today) => new(new DateTimeOffset(today.ToDateTime(new TimeOnly(2, 0)), TimeSpan.Zero));

    public override DateTimeOffset GetUtcNow() => start + Stopwatch.GetElapsedTime(_origin);
}

/// <summary>Time spent inside store calls since the last <see cref="Reset"/> (the bench calls the router on one thread at a time).</summary>
internal abstract class TimingStore
{
    public long Ticks { get; private set; }

    public int Calls { get; private set; }

    /// <summary>When set, every call of the iteration is appended as (what, ticks): the per-call breakdown.</summary>
    public List<(string Label, long Ticks)>? Log { get; set; }

    public void Reset()
    {
        Ticks = 0;
        Calls = 0;
        Log?.Clear();
    }

    protected async Task<T> TimeAsync<T>(string label, Func<Task<T>> call)
    {
        var start = Stopwatch.GetTimestamp();
        try
        {
            return await call();
        }
        finally
        {
            var ticks = Stopwatch.GetTimestamp() - start;
            Ticks += ticks;
            Calls++;
            Log?.Add((label, ticks));
        }
    }

    protected async Task TimeAsync(string label, Func<Task> call)
    {
        var start = Stopwatch.GetTimestamp();
        try
        {
            await call();
        }
        finally
        {
            var ticks = Stopwatch.GetTimestamp() - start;
            Ticks += ticks;
            Calls++;
            Log?.Add((label, ticks));
        }
    }
}

/// <summary>Times every <see cref="IMetricStore"/> call: the SQL a command issues, as the store runs it (pooled open, query, read).</summary>
internal sealed class TimingMetricStore(IMetricStore inner) : TimingStore, IMetricStore
{
    // The clock starts before the call so that the synchronous part (Microsoft.Data.Sqlite runs the query inside the call) is counted.
    public Task<IReadOnlyList<CounterRow>> SumCountersAsync(CounterQuery query, CancellationToken cancellationToken) =>
        TimeAsync(Label(query), () => inner.SumCountersAsync(query, cancellationToken));

    private static string Label(CounterQuery query) =>
        $"SumCounters {query.Range.Days} d{(query.GroupBy == CounterGrouping.None ? string.Empty : " by " + query.GroupBy.ToString().ToLowerInvariant())}{(query.Channels is { Count: > 0 } ? " (channel filter)" : string.Empty)}";

    public Task<IReadOnlyList<DayChannelRow>> SumCountersByDayAndChannelAsync(DateRange range, string? shop, IReadOnlyList<string>? channels, CancellationToken cancellationToken) =>
        TimeAsync($"SumCountersByDayAndChannel {range.Days} d", () => inner.SumCountersByDayAndChannelAsync(range, shop, channels, cancellationToken));

    public Task<IReadOnlyList<ShopRangeRow>> SumCountersPerShopAsync(IReadOnlyList<ShopRange> items, CounterGrouping groupBy, CancellationToken cancellationToken) =>
        TimeAsync($"SumCountersPerShop {items.Count} items{(groupBy == CounterGrouping.None ? string.Empty : " by " + groupBy.ToString().ToLowerInvariant())}", () => inner.SumCountersPerShopAsync(items, groupBy, cancellationToken));

    public Task<DateOnly?> GetLastDataDayAsync(string? shop, CancellationToken cancellationToken) =>
        TimeAsync("GetLastDataDay", () => inner.GetLastDataDayAsync(shop, cancellationToken));

    public Task<IReadOnlyList<ShopInfo>> ListShopsAsync(CancellationToken cancellationToken) =>
        TimeAsync("ListShops", () => inner.ListShopsAsync(cancellationToken));

    public Task<IReadOnlyList<ChannelInfo>> ListChannelsAsync(CancellationToken cancellationToken) =>
        TimeAsync("ListChannels", () => inner.ListChannelsAsync(cancellationToken));

    public Task<IReadOnlyList<SkuStats>> GetSkuStatsAsync(DateRange range, string? shop, CancellationToken cancellationToken) =>
        TimeAsync($"GetSkuStats {range.Days} d", () => inner.GetSkuStatsAsync(range, shop, cancellationToken));

    public Task<IReadOnlyList<Campaign>> ListCampaignsAsync(string? shop, CancellationToken cancellationToken) =>
        TimeAsync("ListCampaigns", () => inner.ListCampaignsAsync(shop, cancellationToken));

    public Task<IReadOnlyList<CampaignCost>> GetCampaignCostsAsync(string shop, string campaign, CancellationToken cancellationToken) =>
        TimeAsync("GetCampaignCosts", () => inner.GetCampaignCostsAsync(shop, campaign, cancellationToken));

    public Task<IReadOnlyList<IReadOnlyList<CampaignCost>>> GetCampaignCostsAsync(IReadOnlyList<Campaign> runs, CancellationToken cancellationToken) =>
        TimeAsync($"GetCampaignCosts {runs.Count} runs", () => inner.GetCampaignCostsAsync(runs, cancellationToken));

    public Task<IReadOnlyList<Goal>> GetGoalsAsync(string? shop, CancellationToken cancellationToken) =>
        TimeAsync("GetGoals", () => inner.GetGoalsAsync(shop, cancellationToken));

    public Task<BuyerSummary> GetBuyerSummaryAsync(string? shop, DateOnly asOf, DateRange period, int dormantDays, CancellationToken cancellationToken) =>
        TimeAsync("GetBuyerSummary", () => inner.GetBuyerSummaryAsync(shop, asOf, period, dormantDays, cancellationToken));
}

/// <summary>Times the per-message conversation-settings read (the router's one SQL query before the command runs).</summary>
internal sealed class TimingSettingsStore(IConversationSettingsStore inner) : TimingStore, IConversationSettingsStore
{
    public Task<ConversationSettings> GetAsync(ConversationKey conversation, CancellationToken cancellationToken) =>
        TimeAsync("settings read", () => inner.GetAsync(conversation, cancellationToken));

    public Task SaveAsync(ConversationKey conversation, ConversationSettings settings, CancellationToken cancellationToken) =>
        TimeAsync("settings write", () => inner.SaveAsync(conversation, settings, cancellationToken));
}

/// <summary>Times <see cref="IDataImport.GetStatusAsync"/>: the SQL of <c>data</c> (each shop's newest days, the import log).</summary>
internal sealed class TimingDataImport(IDataImport inner) : TimingStore, IDataImport
{
    public IReadOnlyList<DataKind> Kinds => inner.Kinds;

    public Task<DataImportReport> ImportAsync(string? kind, Stream csv, string source, CancellationToken cancellationToken) =>
        TimeAsync("Import", () => inner.ImportAsync(kind, csv, source, cancellationToken));

    public Task<DataStatus> GetStatusAsync(DateOnly windowStart, DateOnly windowEnd, int recentImports, string? shop, CancellationToken cancellationToken) =>
        TimeAsync($"GetStatus {windowEnd.DayNumber - windowStart.DayNumber + 1} d, {recentImports} imports{(shop is null ? string.Empty : ", one shop")}", () => inner.GetStatusAsync(windowStart, windowEnd, recentImports, shop, cancellationToken));
}
