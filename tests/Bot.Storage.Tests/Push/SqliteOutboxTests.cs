using System.Collections.Concurrent;
using Bot.Core.Push;
using Bot.Storage.Push;
using Bot.Storage.Sqlite;
using Bot.Storage.Tests.Support;

namespace Bot.Storage.Tests.Push;

/// <summary>The outbox on a real SQLite file: unique keys, atomic claims across workers, leases after a crash.</summary>
public sealed class SqliteOutboxTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 11, 20, 1, 0, 0, TimeSpan.Zero);
    private readonly TempDatabase _db = new();

    private SqliteOutbox Outbox => new(_db.Database);

    [Fact]
    public async Task Enqueue_SameKeyTwice_KeepsOneRow()
    {
        var first = await Outbox.EnqueueAsync(Message("brief:c1:2026-11-20"), Now, CancellationToken.None);
        var second = await Outbox.EnqueueAsync(Message("brief:c1:2026-11-20") with { Payload = "{\"other\":true}" }, Now.AddMinutes(5), CancellationToken.None);

        Assert.True(first);
        Assert.False(second);
        Assert.Equal(1, _db.Count("outbox"));
        Assert.Equal("{}", (await Outbox.GetAsync("brief:c1:2026-11-20", CancellationToken.None))!.Payload);
    }

    [Fact]
    public async Task Enqueue_ForASubscription_RecordsTheFiringInTheSameTransaction()
    {
        var subscriptions = new SqliteSubscriptionStore(_db.Database);
        var subscription = await subscriptions.UpsertAsync(new SubscriptionRequest("msteams", "c1", SubscriptionKind.Brief, null, "Ana"), Now.AddDays(-3), CancellationToken.None);

        await Outbox.EnqueueAsync(Message("brief:c1:2026-11-20") with { SubscriptionId = subscription.Id, Occurrence = Now }, Now, CancellationToken.None);
        await Outbox.EnqueueAsync(Message("brief:c1:2026-11-19") with { SubscriptionId = subscription.Id, Occurrence = Now.AddDays(-1) }, Now, CancellationToken.None);

        Assert.Equal(Now, (await subscriptions.GetAsync(subscription.Id, CancellationToken.None))!.LastOccurrence);
    }

    [Fact]
    public async Task Claim_TwoWorkersOnTheSameFile_TakeEachRowExactlyOnce()
    {
        for (var i = 0; i < 40; i++)
        {
            await Outbox.EnqueueAsync(Message($"brief:c{i}:2026-11-20"), Now, CancellationToken.None);
        }

        var claimed = new ConcurrentBag<long>();
        async Task WorkAsync(string worker)
        {
            // Each worker has its own connection pool entry point, as two processes would.
            var outbox = new SqliteOutbox(new SqliteDatabase(_db.Path));
            while (await outbox.ClaimNextAsync(worker, Now, Now.AddMinutes(1), false, CancellationToken.None) is { } entry)
            {
                claimed.Add(entry.Id);
                await outbox.MarkSentAsync(entry.Id, "1:" + entry.Id, Now, CancellationToken.None);
            }
        }

        await Task.WhenAll(Task.Run(() => WorkAsync("a")), Task.Run(() => WorkAsync("b")));

        Assert.Equal(40, claimed.Count);
        Assert.Equal(40, claimed.Distinct().Count());
    }

    [Fact]
    public async Task Claim_ConsoleRowsGoOnlyToTheConsoleWorker_TeamsRowsOnlyToTheServer()
    {
        await Outbox.EnqueueAsync(Message("brief:console:2026-11-20") with { ChannelId = "console" }, Now, CancellationToken.None);
        await Outbox.EnqueueAsync(Message("brief:c1:2026-11-20"), Now, CancellationToken.None);

        var server = await Outbox.ClaimNextAsync("server", Now, Now.AddSeconds(60), false, CancellationToken.None);
        var serverAgain = await Outbox.ClaimNextAsync("server", Now, Now.AddSeconds(60), false, CancellationToken.None);
        var console = await Outbox.ClaimNextAsync("console", Now, Now.AddSeconds(60), true, CancellationToken.None);

        Assert.Equal("msteams", server!.ChannelId);
        Assert.Null(serverAgain);
        Assert.Equal("console", console!.ChannelId);
    }

    [Fact]
    public async Task Claim_RowOfALiveWorker_IsNotTakenUntilItsLeaseExpires()
    {
        await Outbox.EnqueueAsync(Message("brief:c1:2026-11-20"), Now, CancellationToken.None);
        var first = await Outbox.ClaimNextAsync("worker-a", Now, Now.AddSeconds(60), false, CancellationToken.None);

        var whileLeased = await Outbox.ClaimNextAsync("worker-b", Now.AddSeconds(59), Now.AddSeconds(120), false, CancellationToken.None);
        var afterExpiry = await Outbox.ClaimNextAsync("worker-b", Now.AddSeconds(61), Now.AddSeconds(121), false, CancellationToken.None);

        Assert.Equal(1, first!.Attempts);
        Assert.Null(whileLeased);
        Assert.Equal(first.Id, afterExpiry!.Id);
        Assert.Equal(2, afterExpiry.Attempts);
        Assert.Equal(OutboxState.Sending, afterExpiry.State);
    }

    [Fact]
    public async Task RenewLease_KeepsTheRowFromOtherWorkers()
    {
        await Outbox.EnqueueAsync(Message("brief:c1:2026-11-20"), Now, CancellationToken.None);
        var claim = await Outbox.ClaimNextAsync("worker-a", Now, Now.AddSeconds(60), false, CancellationToken.None);

        Assert.True(await Outbox.RenewLeaseAsync(claim!.Id, "worker-a", Now.AddSeconds(180), CancellationToken.None));
        Assert.False(await Outbox.RenewLeaseAsync(claim.Id, "worker-b", Now.AddSeconds(500), CancellationToken.None));
        Assert.Null(await Outbox.ClaimNextAsync("worker-b", Now.AddSeconds(120), Now.AddSeconds(200), false, CancellationToken.None));
    }

    [Fact]
    public async Task Claim_FailedRow_WaitsForItsRetryTime()
    {
        await Outbox.EnqueueAsync(Message("brief:c1:2026-11-20"), Now, CancellationToken.None);
        var claim = await Outbox.ClaimNextAsync("w", Now, Now.AddSeconds(60), false, CancellationToken.None);
        await Outbox.MarkFailedAsync(claim!.Id, "connector 503", Now.AddMinutes(1), Now, CancellationToken.None);

        var early = await Outbox.ClaimNextAsync("w", Now.AddSeconds(59), Now.AddSeconds(120), false, CancellationToken.None);
        var due = await Outbox.ClaimNextAsync("w", Now.AddMinutes(1), Now.AddMinutes(2), false, CancellationToken.None);

        Assert.Null(early);
        Assert.Equal(2, due!.Attempts);
        Assert.Equal("connector 503", due.LastError);
    }

    [Fact]
    public async Task DeadLetterConversation_StopsOnlyThatConversationsUnsentRows()
    {
        await Outbox.EnqueueAsync(Message("brief:gone:2026-11-20", "gone"), Now, CancellationToken.None);
        await Outbox.EnqueueAsync(Message("todo:gone:2026-11-16", "gone"), Now, CancellationToken.None);
        await Outbox.EnqueueAsync(Message("brief:other:2026-11-20", "other"), Now, CancellationToken.None);

        var dead = await Outbox.DeadLetterConversationAsync("msteams", "gone", "connector 403 BotNotInConversationRoster", Now, CancellationToken.None);

        Assert.Equal(2, dead);
        var overview = await Outbox.GetOverviewAsync(10, CancellationToken.None);
        Assert.Equal(["brief:other:2026-11-20"], overview.Waiting.Select(e => e.Key));
        Assert.All(overview.Dead, e => Assert.Equal("connector 403 BotNotInConversationRoster", e.LastError));
    }

    [Fact]
    public async Task Overview_ListsRecentSentNewestFirst()
    {
        for (var i = 0; i < 3; i++)
        {
            await Outbox.EnqueueAsync(Message($"brief:c{i}:2026-11-20"), Now, CancellationToken.None);
            var claim = await Outbox.ClaimNextAsync("w", Now, Now.AddMinutes(1), false, CancellationToken.None);
            await Outbox.MarkSentAsync(claim!.Id, $"1:{i}", Now.AddMinutes(i), CancellationToken.None);
        }

        var overview = await Outbox.GetOverviewAsync(2, CancellationToken.None);

        Assert.Equal(["1:2", "1:1"], overview.RecentSent.Select(e => e.ActivityId));
        Assert.Equal(Now.AddMinutes(2), overview.RecentSent[0].SentAt);
    }

    public void Dispose() => _db.Dispose();

    private static OutboxMessage Message(string key, string conversation = "c1") =>
        new(key, SubscriptionKind.Brief, "msteams", conversation, "Daily brief", "{}", "Daily brief text");
}
