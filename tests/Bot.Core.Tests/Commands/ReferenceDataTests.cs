using Bot.Core.Commands.Query;
using Bot.Core.Metrics;
using Bot.Core.Tests.Fakes;

namespace Bot.Core.Tests.Commands;

/// <summary>When the shops, channels and campaigns are reloaded: after an import at once, otherwise in the background.</summary>
public sealed class ReferenceDataTests
{
    private static readonly DateTimeOffset Start = new(2026, 6, 19, 2, 0, 0, TimeSpan.Zero);
    private static readonly Campaign Double11 = new("双11 2025", ["双11"], "tmall", new DateOnly(2025, 10, 20), new DateOnly(2025, 11, 11), null, null);
    private readonly InMemoryMetricStore _store = TestData.Build();
    private readonly CountingMetricStore _counting;
    private readonly TestClock _clock = new(Start);
    private readonly ReferenceData _reference;

    public ReferenceDataTests()
    {
        _counting = new CountingMetricStore(_store);
        _reference = new ReferenceData(_counting, _clock);
    }

    [Fact]
    public async Task GetAsync_WithinAMinute_SameSnapshotNoStoreCalls()
    {
        var first = await _reference.GetAsync(CancellationToken.None);
        _counting.Reset();
        _clock.Now = Start.AddSeconds(59);

        var second = await _reference.GetAsync(CancellationToken.None);

        Assert.Same(first, second);
        Assert.Empty(_counting.Calls);
    }

    [Fact]
    public async Task GetAsync_AfterAMinute_AnswersWithoutWaitingAndReloadsInTheBackground()
    {
        var first = await _reference.GetAsync(CancellationToken.None);
        _store.Campaigns.Add(Double11);
        var reload = new TaskCompletionSource();
        _counting.Before = _ => reload.Task;
        _clock.Now = Start.AddSeconds(61);

        var during = await _reference.GetAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(30));
        reload.SetResult();
        await _reference.Refreshing;
        var after = await _reference.GetAsync(CancellationToken.None);

        Assert.Same(first, during);
        Assert.DoesNotContain(Double11, during.Campaigns);
        Assert.Contains(Double11, after.Campaigns);
    }

    [Fact]
    public async Task GetAsync_IdleTenMinutes_ReloadsBeforeAnswering()
    {
        await _reference.GetAsync(CancellationToken.None);
        _store.Campaigns.Add(Double11);
        _clock.Now = Start.AddMinutes(10);

        var snapshot = await _reference.GetAsync(CancellationToken.None);

        Assert.Contains(Double11, snapshot.Campaigns);
    }

    [Fact]
    public async Task RefreshAsync_AfterAnImport_NextMessageKnowsTheNewCampaign()
    {
        using var bot = new TestBot(_store);
        var reference = (ReferenceData)bot.Services.GetService(typeof(ReferenceData))!;
        Assert.Contains("don't know that campaign", (await bot.AskAsync("campaign roi 双11")).AllText(), StringComparison.Ordinal);
        _store.Campaigns.Add(Double11);
        Assert.Contains("don't know that campaign", (await bot.AskAsync("campaign roi 双11")).AllText(), StringComparison.Ordinal);

        await reference.RefreshAsync(CancellationToken.None);
        var reply = await bot.AskAsync("campaign roi 双11");

        Assert.Contains("双11 2025", reply.Title, StringComparison.Ordinal);
    }
}
