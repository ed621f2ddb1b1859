using Bot.Channel.Tests.Fakes;
using Bot.Core.Conversations;
using Bot.Core.Push;
using Bot.Host.Jobs;
using Bot.Host.Push;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Moq;

namespace Bot.Host.Tests.Push;

/// <summary>
/// Proactive delivery end to end: a Teams message subscribes (recording the conversation reference), the job's
/// dispatcher fires at the time Quartz computes, and the outbox worker sends to the real HTTP fake connector.
/// </summary>
public sealed class PushDeliveryTests : IAsyncLifetime
{
    private static readonly DateOnly DataToday = new(2026, 11, 23);
    private readonly List<PushHost> _hosts = [];
    private readonly string _path = PushHost.NewStoragePath();

    public Task InitializeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Brief_Shanghai_FiresAtNineLocalAndIsDeliveredOnceWithYesterdaysBrief()
    {
        var host = await StartAsync(At("2026-11-19T12:00:00Z"));
        var (conversation, reply) = await host.SayAsync("subscribe brief at 09:00");
        var subscription = await host.SubscriptionAsync(conversation);

        var fireAt = QuartzSubscriptionScheduler.Build(subscription, host.Clock!.Now)!.GetFireTimeAfter(host.Clock.Now)!.Value;
        host.Clock.Now = fireAt;
        var fired = await host.Dispatcher.FireAsync(subscription.Id, fireAt, null, CancellationToken.None);
        await host.Deliverer.DeliverDueAsync(CancellationToken.None);

        Assert.Contains("Asia/Shanghai", reply, StringComparison.Ordinal);
        Assert.Equal(At("2026-11-20T01:00:00Z"), fireAt);
        Assert.Equal(FireOutcome.Queued, fired.Outcome);
        var sent = Assert.Single(host.Proactive(conversation));
        Assert.Contains("Daily brief 日报 — 2026-11-19", PushHost.CardText(sent.Json!), StringComparison.Ordinal);
        Assert.Equal(conversation, (string?)sent.Json!["conversation"]!["id"]);
        Assert.Null(sent.Json["replyToId"]);
    }

    [Fact]
    public async Task Brief_NewYorkAcrossDstChange_FiresAtNineLocalOnBothSidesAndOncePerDay()
    {
        var host = await StartAsync(At("2026-10-30T00:00:00Z"));
        var (conversation, _) = await host.SayAsync("subscribe brief at 09:00 tz America/New_York");
        var subscription = await host.SubscriptionAsync(conversation);
        var trigger = QuartzSubscriptionScheduler.Build(subscription, host.Clock!.Now)!;

        var fireTimes = new List<DateTimeOffset>();
        for (DateTimeOffset? t = host.Clock.Now; fireTimes.Count < 4;)
        {
            t = trigger.GetFireTimeAfter(t);
            fireTimes.Add(t!.Value);
        }

        // Quartz, evaluating the cron in New York: 09:00 EDT = 13:00Z, then 09:00 EST = 14:00Z after 2026-11-01.
        Assert.Equal([At("2026-10-30T13:00:00Z"), At("2026-10-31T13:00:00Z"), At("2026-11-01T14:00:00Z"), At("2026-11-02T14:00:00Z")], fireTimes);
        Assert.Equal(fireTimes, Enumerable.Range(0, 4).Select(i => subscription.Schedule!.NextAfter(i == 0 ? host.Clock.Now : fireTimes[i - 1])!.Value));

        // A scheduler keeping UTC would fire at 13:00Z on 11-01 — an hour early. That is still the 10-31 slot: nothing new is sent.
        foreach (var at in new[] { fireTimes[1], At("2026-11-01T13:00:00Z"), fireTimes[2] })
        {
            host.Clock.Now = at;
            await host.Dispatcher.FireAsync(subscription.Id, at, null, CancellationToken.None);
            await host.Deliverer.DeliverDueAsync(CancellationToken.None);
        }

        var sent = host.Proactive(conversation);
        Assert.Equal(2, sent.Count);
        Assert.Contains("Daily brief 日报 — 2026-10-30", PushHost.CardText(sent[0].Json!), StringComparison.Ordinal);
        Assert.Contains("Daily brief 日报 — 2026-10-31", PushHost.CardText(sent[1].Json!), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SameTriggerFiringTwice_DeliversOnce()
    {
        var host = await StartAsync(At("2026-11-19T12:00:00Z"));
        var (conversation, _) = await host.SayAsync("订阅 日报 09:00");
        var subscription = await host.SubscriptionAsync(conversation);
        host.Clock!.Now = At("2026-11-20T01:00:00Z");

        var first = await host.Dispatcher.FireAsync(subscription.Id, host.Clock.Now, null, CancellationToken.None);
        var second = await host.Dispatcher.FireAsync(subscription.Id, host.Clock.Now, null, CancellationToken.None);
        await host.Deliverer.DeliverDueAsync(CancellationToken.None);
        var third = await host.Dispatcher.FireAsync(subscription.Id, host.Clock.Now.AddSeconds(3), null, CancellationToken.None);
        await host.Deliverer.DeliverDueAsync(CancellationToken.None);

        Assert.Equal(FireOutcome.Queued, first.Outcome);
        Assert.Equal(FireOutcome.AlreadyQueued, second.Outcome);
        Assert.Equal(FireOutcome.AlreadyQueued, third.Outcome);
        Assert.Single(host.Proactive(conversation));
    }

    [Fact]
    public async Task Restart_MessageQueuedByAHostThatDied_IsDeliveredOnceByTheNextHost()
    {
        var clock = At("2026-11-19T12:00:00Z");
        var first = await StartAsync(clock);
        var (conversation, _) = await first.SayAsync("subscribe brief at 09:00");
        var subscription = await first.SubscriptionAsync(conversation);
        first.Clock!.Now = At("2026-11-20T01:00:00Z");
        await first.Dispatcher.FireAsync(subscription.Id, first.Clock.Now, null, CancellationToken.None);
        await StopAsync(first);

        var second = await StartAsync(At("2026-11-20T01:00:30Z"), seed: false);
        var refire = await second.Dispatcher.FireAsync(subscription.Id, At("2026-11-20T01:00:00Z"), null, CancellationToken.None);
        var delivered = await second.Deliverer.DeliverDueAsync(CancellationToken.None);
        var again = await second.Deliverer.DeliverDueAsync(CancellationToken.None);

        Assert.Equal(FireOutcome.AlreadyQueued, refire.Outcome);
        Assert.Equal(1, delivered);
        Assert.Equal(0, again);
        Assert.Single(first.Proactive(conversation));
    }

    [Fact]
    public async Task Restart_RowLeftSendingByADeadWorker_IsRetriedOnceItsLeaseExpires()
    {
        var first = await StartAsync(At("2026-11-19T12:00:00Z"));
        var (conversation, _) = await first.SayAsync("subscribe brief at 09:00");
        var subscription = await first.SubscriptionAsync(conversation);
        first.Clock!.Now = At("2026-11-20T01:00:00Z");
        await first.Dispatcher.FireAsync(subscription.Id, first.Clock.Now, null, CancellationToken.None);

        // The first worker claims the row and dies before it can send or record anything.
        var claimed = await first.Outbox.ClaimNextAsync("dead-worker", first.Clock.Now, first.Clock.Now.AddSeconds(60), false, CancellationToken.None);
        await StopAsync(first);

        var second = await StartAsync(At("2026-11-20T01:00:30Z"), seed: false);
        var whileLeased = await second.Deliverer.DeliverDueAsync(CancellationToken.None);
        second.Clock!.Now = At("2026-11-20T01:01:01Z");
        var afterExpiry = await second.Deliverer.DeliverDueAsync(CancellationToken.None);

        Assert.NotNull(claimed);
        Assert.Equal(0, whileLeased);
        Assert.Equal(1, afterExpiry);
        Assert.Single(first.Proactive(conversation));
        var row = await second.Outbox.GetAsync(claimed.Key, CancellationToken.None);
        Assert.Equal(OutboxState.Sent, row!.State);
        Assert.Equal(2, row.Attempts);
    }

    [Fact]
    public async Task Connector429WithRetryAfterThen201_DeliversOnceAfterTheWait()
    {
        var host = await StartAsync(At("2026-11-19T12:00:00Z"));
        var (conversation, _) = await host.SayAsync("subscribe brief at 09:00");
        var subscription = await host.SubscriptionAsync(conversation);
        host.Clock!.Now = At("2026-11-20T01:00:00Z");
        var fired = await host.Dispatcher.FireAsync(subscription.Id, host.Clock.Now, null, CancellationToken.None);
        host.Connector.Script(new ScriptedResponse(429, RetryAfter: "1", Body: """{"error":{"code":"Throttled","message":"slow down"}}"""));

        await host.Deliverer.DeliverDueAsync(CancellationToken.None);

        var attempts = host.Proactive(conversation);
        Assert.Equal(2, attempts.Count);
        Assert.True(attempts[1].After(attempts[0]) >= TimeSpan.FromSeconds(0.9), "the retry must wait for Retry-After");
        var row = await host.Outbox.GetAsync(fired.Key!, CancellationToken.None);
        Assert.Equal(OutboxState.Sent, row!.State);
        Assert.StartsWith("1:fake-", row.ActivityId, StringComparison.Ordinal);
        Assert.Equal(1, row.Attempts);
    }

    [Fact]
    public async Task Connector403_MarksReferenceInactivePausesSubscriptionsAndNeverRetries()
    {
        var host = await StartAsync(At("2026-11-16T12:00:00Z"));
        var (conversation, _) = await host.SayAsync("subscribe brief at 09:00");
        await host.SayAsync("subscribe todo tue 09:30", conversation);
        var brief = await host.SubscriptionAsync(conversation);
        var todo = await host.SubscriptionAsync(conversation, SubscriptionKind.Todo);
        host.Clock!.Now = At("2026-11-17T01:30:00Z");
        await host.Dispatcher.FireAsync(brief.Id, At("2026-11-17T01:00:00Z"), null, CancellationToken.None);
        await host.Dispatcher.FireAsync(todo.Id, At("2026-11-17T01:30:00Z"), null, CancellationToken.None);
        host.Connector.Script(new ScriptedResponse(403, Body: """{"error":{"code":"BotNotInConversationRoster","message":"The bot is not part of the conversation roster."}}"""));

        await host.Deliverer.DeliverDueAsync(CancellationToken.None);
        host.Clock.Now = At("2026-11-18T01:00:00Z");
        var nextDay = await host.Dispatcher.FireAsync(brief.Id, host.Clock.Now, null, CancellationToken.None);
        host.Clock.Now = At("2026-11-18T05:00:00Z");
        await host.Deliverer.DeliverDueAsync(CancellationToken.None);

        Assert.Single(host.Proactive(conversation));
        Assert.Null(await host.Services.GetRequiredService<IConversationDirectory>().FindAsync("msteams", conversation, CancellationToken.None));
        Assert.All(await host.Subscriptions.ListForConversationAsync("msteams", conversation, CancellationToken.None), s => Assert.False(s.Active));
        Assert.Equal(FireOutcome.NotDue, nextDay.Outcome);
        var overview = await host.Outbox.GetOverviewAsync(10, CancellationToken.None);
        Assert.Empty(overview.Waiting);
        Assert.Equal(2, overview.Dead.Count(e => e.ConversationId == conversation));
        Assert.Single(host.Logs.Entries, e => e.Level == LogLevel.Warning && e.Message.StartsWith("Conversation is gone (403 BotNotInConversationRoster)", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Connector403_ConversationSeenAgain_ResumesOnTheNextFiring()
    {
        var host = await StartAsync(At("2026-11-19T12:00:00Z"));
        var (conversation, _) = await host.SayAsync("subscribe brief at 09:00");
        var subscription = await host.SubscriptionAsync(conversation);
        host.Clock!.Now = At("2026-11-20T01:00:00Z");
        await host.Dispatcher.FireAsync(subscription.Id, host.Clock.Now, null, CancellationToken.None);
        host.Connector.Script(new ScriptedResponse(404, Body: """{"error":{"code":"ConversationNotFound"}}"""));
        await host.Deliverer.DeliverDueAsync(CancellationToken.None);

        host.Clock.Now = At("2026-11-20T12:00:00Z");
        await host.SayAsync("help", conversation);
        host.Clock.Now = At("2026-11-21T01:00:00Z");
        var fired = await host.Dispatcher.FireAsync(subscription.Id, host.Clock.Now, null, CancellationToken.None);
        await host.Deliverer.DeliverDueAsync(CancellationToken.None);

        Assert.Equal(FireOutcome.Queued, fired.Outcome);
        Assert.Equal(2, host.Proactive(conversation).Count);
        Assert.DoesNotContain("Skipped while I was offline", PushHost.CardText(host.Proactive(conversation)[1].Json!), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Misfire_WithinGrace_SendsOnceWhenTheBotIsBack()
    {
        var host = await StartAsync(At("2026-11-19T12:00:00Z"));
        var (conversation, _) = await host.SayAsync("subscribe brief at 09:00");
        var subscription = await host.SubscriptionAsync(conversation);

        // Down from 08:30 to 13:00 Shanghai: Quartz fires the missed 09:00 once on return.
        host.Clock!.Now = At("2026-11-20T05:00:00Z");
        var fired = await host.Dispatcher.FireAsync(subscription.Id, At("2026-11-20T01:00:00Z"), null, CancellationToken.None);
        await host.Deliverer.DeliverDueAsync(CancellationToken.None);

        Assert.Equal(FireOutcome.Queued, fired.Outcome);
        Assert.Equal(At("2026-11-20T01:00:00Z"), fired.Occurrence);
        Assert.Contains("Daily brief 日报 — 2026-11-19", PushHost.CardText(Assert.Single(host.Proactive(conversation)).Json!), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Misfire_BeyondGrace_IsSkippedAndMentionedInTheNextBrief()
    {
        var host = await StartAsync(At("2026-11-19T12:00:00Z"));
        var (conversation, _) = await host.SayAsync("subscribe brief at 09:00");
        var subscription = await host.SubscriptionAsync(conversation);

        // Back at 16:00 Shanghai, 7 hours after the 09:00 slot (grace 6 h).
        host.Clock!.Now = At("2026-11-20T08:00:00Z");
        var late = await host.Dispatcher.FireAsync(subscription.Id, At("2026-11-20T01:00:00Z"), null, CancellationToken.None);
        await host.Deliverer.DeliverDueAsync(CancellationToken.None);
        host.Clock.Now = At("2026-11-21T01:00:00Z");
        var next = await host.Dispatcher.FireAsync(subscription.Id, host.Clock.Now, null, CancellationToken.None);
        await host.Deliverer.DeliverDueAsync(CancellationToken.None);

        Assert.Equal(FireOutcome.SkippedTooLate, late.Outcome);
        Assert.Equal(FireOutcome.Queued, next.Outcome);
        var text = PushHost.CardText(Assert.Single(host.Proactive(conversation)).Json!);
        Assert.Contains("Daily brief 日报 — 2026-11-20", text, StringComparison.Ordinal);
        Assert.Contains("Skipped while I was offline: the brief due Fri 11-20 09:00 Asia/Shanghai", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DataMissing_WaitsAndRechecksUntilTheDeadlineThenSaysWhatIsMissing()
    {
        var scheduler = new Mock<ISubscriptionScheduler>();
        var host = await StartAsync(At("2026-11-19T12:00:00Z"), seedToday: new DateOnly(2026, 11, 19), services: s => s.AddSingleton(scheduler.Object));
        var (conversation, _) = await host.SayAsync("subscribe brief at 09:00");
        var subscription = await host.SubscriptionAsync(conversation);
        var slot = At("2026-11-20T01:00:00Z");

        host.Clock!.Now = slot;
        var atNine = await host.Dispatcher.FireAsync(subscription.Id, slot, null, CancellationToken.None);
        host.Clock.Now = At("2026-11-20T02:50:00Z");
        var atTenFifty = await host.Dispatcher.FireAsync(subscription.Id, host.Clock.Now, slot, CancellationToken.None);
        host.Clock.Now = At("2026-11-20T03:00:00Z");
        var atDeadline = await host.Dispatcher.FireAsync(subscription.Id, host.Clock.Now, slot, CancellationToken.None);
        await host.Deliverer.DeliverDueAsync(CancellationToken.None);

        Assert.Equal(FireOutcome.WaitingForData, atNine.Outcome);
        Assert.Equal(FireOutcome.WaitingForData, atTenFifty.Outcome);
        Assert.Equal(FireOutcome.Queued, atDeadline.Outcome);
        scheduler.Verify(s => s.ScheduleRecheckAsync(It.Is<Subscription>(x => x.Id == subscription.Id), slot, At("2026-11-20T01:15:00Z"), It.IsAny<CancellationToken>()), Times.Once);
        scheduler.Verify(s => s.ScheduleRecheckAsync(It.IsAny<Subscription>(), slot, At("2026-11-20T03:00:00Z"), It.IsAny<CancellationToken>()), Times.Once);
        var text = PushHost.CardText(Assert.Single(host.Proactive(conversation)).Json!);
        Assert.Contains("No data for 2026-11-19 yet; the latest data is for 2026-11-18.", text, StringComparison.Ordinal);
        Assert.Contains("I waited for the data until Fri 11-20 11:00 Asia/Shanghai", text, StringComparison.Ordinal);
    }

    public async Task DisposeAsync()
    {
        foreach (var host in _hosts)
        {
            await ((IAsyncLifetime)host).DisposeAsync();
        }

        PushHost.DeleteStorage(_path);
    }

    private async Task<PushHost> StartAsync(DateTimeOffset now, bool seed = true, DateOnly? seedToday = null, Action<IServiceCollection>? services = null)
    {
        var host = new PushHost(_path, new TestClock(now), services: services);
        _hosts.Add(host);
        await host.InitializeAsync();
        if (seed)
        {
            await host.SeedAsync(seedToday ?? DataToday);
        }

        return host;
    }

    /// <summary>Stops a host as a dead process would be gone: its connector (the "Teams" side) keeps running.</summary>
    private static async Task StopAsync(PushHost host) => await host.DisposeAsync();

    private static DateTimeOffset At(string text) => DateTimeOffset.Parse(text, System.Globalization.CultureInfo.InvariantCulture);
}
