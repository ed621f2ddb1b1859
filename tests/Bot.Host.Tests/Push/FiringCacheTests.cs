using Bot.Channel.Tests.Fakes;
using Bot.Host.Push;

namespace Bot.Host.Tests.Push;

/// <summary>The slot cache the daily brief shares its loaded data through (one load per scope per send slot).</summary>
public sealed class FiringCacheTests
{
    private static readonly DateTimeOffset Slot = new(2026, 3, 9, 1, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task SameKeyWithinTheLifetime_LoadsOnce()
    {
        var clock = new TestClock(Slot);
        var cache = new FiringCache<(DateOnly, string?), string>(clock, TimeSpan.FromMinutes(1));
        var loads = 0;
        Task<string?> Load(CancellationToken _) => Task.FromResult<string?>("brief " + ++loads);

        var first = await cache.GetOrLoadAsync((new DateOnly(2026, 3, 8), "tmall"), Load, CancellationToken.None);
        clock.Now = Slot.AddSeconds(59);
        var second = await cache.GetOrLoadAsync((new DateOnly(2026, 3, 8), "tmall"), Load, CancellationToken.None);

        Assert.Equal("brief 1", first);
        Assert.Same(first, second);
        Assert.Equal(1, loads);
    }

    [Fact]
    public async Task OtherShopOrDay_LoadsItsOwn()
    {
        var cache = new FiringCache<(DateOnly, string?), string>(new TestClock(Slot), TimeSpan.FromMinutes(1));
        var loads = 0;
        Task<string?> Load(CancellationToken _) => Task.FromResult<string?>("brief " + ++loads);

        await cache.GetOrLoadAsync((new DateOnly(2026, 3, 8), "tmall"), Load, CancellationToken.None);
        await cache.GetOrLoadAsync((new DateOnly(2026, 3, 8), "jd"), Load, CancellationToken.None);
        await cache.GetOrLoadAsync((new DateOnly(2026, 3, 8), null), Load, CancellationToken.None);
        var otherDay = await cache.GetOrLoadAsync((new DateOnly(2026, 3, 9), "tmall"), Load, CancellationToken.None);

        Assert.Equal("brief 4", otherDay);
        Assert.Equal(4, cache.Count);
    }

    [Fact]
    public async Task AfterTheLifetime_LoadsAgainAndDropsExpiredEntries()
    {
        var clock = new TestClock(Slot);
        var cache = new FiringCache<(DateOnly, string?), string>(clock, TimeSpan.FromMinutes(1));
        var loads = 0;
        Task<string?> Load(CancellationToken _) => Task.FromResult<string?>("brief " + ++loads);
        await cache.GetOrLoadAsync((new DateOnly(2026, 3, 8), "tmall"), Load, CancellationToken.None);
        await cache.GetOrLoadAsync((new DateOnly(2026, 3, 8), "jd"), Load, CancellationToken.None);

        clock.Now = Slot.AddMinutes(1);
        var fresh = await cache.GetOrLoadAsync((new DateOnly(2026, 3, 8), "tmall"), Load, CancellationToken.None);

        Assert.Equal("brief 3", fresh);
        Assert.Equal(1, cache.Count);
    }

    [Fact]
    public async Task NoDataYet_IsNotKept_SoARecheckLooksAgain()
    {
        var cache = new FiringCache<(DateOnly, string?), string>(new TestClock(Slot), TimeSpan.FromMinutes(1));
        var arrived = false;
        Task<string?> Load(CancellationToken _) => Task.FromResult(arrived ? "brief" : null);

        Assert.Null(await cache.GetOrLoadAsync((new DateOnly(2026, 3, 8), "tmall"), Load, CancellationToken.None));
        arrived = true;

        Assert.Equal("brief", await cache.GetOrLoadAsync((new DateOnly(2026, 3, 8), "tmall"), Load, CancellationToken.None));
    }

    [Fact]
    public async Task AFailedLoad_IsNotKept()
    {
        var cache = new FiringCache<(DateOnly, string?), string>(new TestClock(Slot), TimeSpan.FromMinutes(1));
        var calls = 0;
        Task<string?> Load(CancellationToken _) => ++calls == 1 ? throw new InvalidOperationException("database busy") : Task.FromResult<string?>("brief");

        await Assert.ThrowsAsync<InvalidOperationException>(() => cache.GetOrLoadAsync((new DateOnly(2026, 3, 8), "tmall"), Load, CancellationToken.None));

        Assert.Equal("brief", await cache.GetOrLoadAsync((new DateOnly(2026, 3, 8), "tmall"), Load, CancellationToken.None));
    }

    [Fact]
    public async Task ConcurrentFiringsForOneScope_ShareOneLoad()
    {
        var cache = new FiringCache<(DateOnly, string?), string>(new TestClock(Slot), TimeSpan.FromMinutes(1));
        var gate = new TaskCompletionSource<string?>(TaskCreationOptions.RunContinuationsAsynchronously);
        var loads = 0;
        Task<string?> Load(CancellationToken _)
        {
            Interlocked.Increment(ref loads);
            return gate.Task;
        }

        var firings = Enumerable.Range(0, 10).Select(_ => cache.GetOrLoadAsync((new DateOnly(2026, 3, 8), "tmall"), Load, CancellationToken.None)).ToList();
        gate.SetResult("brief");
        var briefs = await Task.WhenAll(firings);

        Assert.Equal(1, loads);
        Assert.All(briefs, b => Assert.Equal("brief", b));
    }
}
