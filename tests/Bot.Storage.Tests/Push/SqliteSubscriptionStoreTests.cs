using Bot.Core.Push;
using Bot.Storage.Push;
using Bot.Storage.Tests.Support;

namespace Bot.Storage.Tests.Push;

public sealed class SqliteSubscriptionStoreTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 11, 19, 12, 0, 0, TimeSpan.Zero);
    private static readonly TimeZoneInfo NewYork = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");
    private readonly TempDatabase _db = new();

    private SqliteSubscriptionStore Store => new(_db.Database);

    [Fact]
    public async Task Upsert_ThenGet_RoundTripsTheScheduleAndZone()
    {
        var schedule = new PushSchedule(new TimeOnly(9, 30), WeekDays.Monday | WeekDays.Thursday, NewYork);

        var saved = await Store.UpsertAsync(new SubscriptionRequest("msteams", "19:abc@thread.tacv2", SubscriptionKind.Todo, schedule, "Ana"), Now, CancellationToken.None);
        var loaded = await Store.GetAsync(saved.Id, CancellationToken.None);

        Assert.Equal(schedule, loaded!.Schedule);
        Assert.Equal(SubscriptionKind.Todo, loaded.Kind);
        Assert.Equal(Now, loaded.Since);
        Assert.True(loaded.Active);
    }

    [Fact]
    public async Task Upsert_SameConversationAndKind_ReplacesAndStartsAfresh()
    {
        var first = await Store.UpsertAsync(Request(new TimeOnly(9, 0)), Now, CancellationToken.None);
        _db.Execute("UPDATE subscriptions SET last_occurrence_at = '2026-11-19T01:00:00.0000000Z'");

        var second = await Store.UpsertAsync(Request(new TimeOnly(10, 0)), Now.AddHours(1), CancellationToken.None);

        Assert.Equal(first.Id, second.Id);
        Assert.Equal(1, _db.Count("subscriptions"));
        Assert.Equal(new TimeOnly(10, 0), second.Schedule!.Time);
        Assert.Equal(Now.AddHours(1), second.Since);
        Assert.Equal(new DateTimeOffset(2026, 11, 19, 1, 0, 0, TimeSpan.Zero), second.LastOccurrence);
    }

    [Fact]
    public async Task PauseThenResume_ChangesOnlyThatConversation()
    {
        var mine = await Store.UpsertAsync(Request(new TimeOnly(9, 0)), Now, CancellationToken.None);
        var other = await Store.UpsertAsync(Request(new TimeOnly(9, 0)) with { ConversationId = "other" }, Now, CancellationToken.None);

        var paused = await Store.PauseConversationAsync("msteams", "a:1", "bot removed", Now, CancellationToken.None);
        var whilePaused = await Store.GetAsync(mine.Id, CancellationToken.None);
        var resumed = await Store.ResumeConversationAsync("msteams", "a:1", Now.AddDays(2), CancellationToken.None);
        var afterResume = await Store.GetAsync(mine.Id, CancellationToken.None);

        Assert.Equal(1, paused);
        Assert.Equal("bot removed", whilePaused!.PausedReason);
        Assert.True((await Store.GetAsync(other.Id, CancellationToken.None))!.Active);
        Assert.Equal(1, resumed);
        Assert.True(afterResume!.Active);
        Assert.Equal(Now.AddDays(2), afterResume.Since);
    }

    [Fact]
    public async Task Remove_Existing_ReturnsItAndDeletes()
    {
        await Store.UpsertAsync(Request(new TimeOnly(9, 0)), Now, CancellationToken.None);

        var removed = await Store.RemoveAsync("msteams", "a:1", SubscriptionKind.Brief, CancellationToken.None);
        var again = await Store.RemoveAsync("msteams", "a:1", SubscriptionKind.Brief, CancellationToken.None);

        Assert.NotNull(removed);
        Assert.Null(again);
        Assert.Empty(await Store.ListAllAsync(CancellationToken.None));
    }

    [Fact]
    public async Task Upsert_Alerts_HasNoSchedule()
    {
        var saved = await Store.UpsertAsync(new SubscriptionRequest("msteams", "a:1", SubscriptionKind.Alerts, null, "Ana"), Now, CancellationToken.None);

        Assert.Null((await Store.GetAsync(saved.Id, CancellationToken.None))!.Schedule);
    }

    public void Dispose() => _db.Dispose();

    private static SubscriptionRequest Request(TimeOnly time) =>
        new("msteams", "a:1", SubscriptionKind.Brief, new PushSchedule(time, WeekDays.Daily, NewYork), "Ana");
}
