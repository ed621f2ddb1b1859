using Bot.Core.Plans;
using Bot.Storage.Plans;
using Bot.Storage.Sqlite;
using Bot.Storage.Tests.Support;
using Microsoft.Data.Sqlite;

namespace Bot.Storage.Tests.Plans;

/// <summary>The plan store on a real SQLite file: round trips, compare-and-swap, races between two connections, the audit trail.</summary>
public sealed class PlanStoreTests : IDisposable
{
    private static readonly DateOnly Week = new(2026, 11, 23);
    private static readonly DateTimeOffset T0 = new(2026, 11, 22, 10, 0, 0, TimeSpan.Zero);
    private static readonly PlanActor Li = new("29:li", "Li Lei", "aad-li");
    private static readonly PlanActor Ana = new("29:ana", "Ana Ops", "aad-ana");
    private static readonly PlanActor Bo = new("29:bo", "Bo Manager", null);
    private static readonly PlanConversation Team = new("msteams", "19:team@thread.tacv2");

    private readonly TempDatabase _db = new();
    private readonly PlanStore _store;

    public PlanStoreTests() => _store = new PlanStore(_db.Database);

    public void Dispose() => _db.Dispose();

    [Fact]
    public void Migration_030_IsApplied()
    {
        Assert.Contains(30, _db.Migrator.AppliedVersions());
    }

    [Fact]
    public async Task Create_ThenLoad_RoundTripsEveryField()
    {
        var plan = await CreateAsync(new PlanItem("Review live ROI", DayOfWeek.Wednesday, "Ana", "roas", PlanItemSource.Data), new PlanItem("Weekly summary 总结", DayOfWeek.Sunday, Source: PlanItemSource.Rhythm), new PlanItem("Call the KOL"));

        var loaded = await _store.GetAsync(plan.Id, default);

        Assert.NotNull(loaded);
        Assert.Equal(plan with { Items = [] }, loaded with { Items = [] });
        Assert.Equal(plan.Items, loaded.Items);
        Assert.Equal(loaded, await _store.FindByWeekAsync(Week, default) is { } w ? w with { Items = loaded.Items } : null);
    }

    [Fact]
    public async Task Create_TwiceForOneWeek_KeepsTheFirst()
    {
        var first = await CreateAsync(new PlanItem("first"));

        var second = await _store.CreateAsync(PlanWorkflow.Create(Week, null, [new PlanItem("second")], Ana, T0, Team), default);

        Assert.Equal(first.Id, second.Id);
        Assert.Equal("first", second.Items[0].Text);
        Assert.Equal(1, _db.Count("plans"));
        Assert.Equal(1, _db.Count("plan_audit"));
    }

    [Fact]
    public async Task Decisions_AllFieldsSurviveTheDatabase()
    {
        var submitted = await SubmitAsync(await CreateAsync(new PlanItem("x", Metric: "gmv")));
        var reject = (PlanChange)PlanWorkflow.Decide(submitted, PlanState.Rejected, Ana, true, "no owner", 1, T0.AddHours(2));

        Assert.True(await _store.TrySaveAsync(reject, default));

        var loaded = (await _store.GetAsync(submitted.Id, default))!;
        Assert.Equal(reject.After with { Items = [] }, loaded with { Items = [] });
        Assert.Equal(new PlanDecision(PlanState.Rejected, Ana, T0.AddHours(2), "no owner"), loaded.Decision);
    }

    [Fact]
    public async Task TrySave_StaleVersion_WritesNothing()
    {
        var plan = await CreateAsync(new PlanItem("x"));
        var edit = (PlanChange)PlanWorkflow.Edit(plan, [new PlanItem("y")], Li, T0, "edit 1");
        Assert.True(await _store.TrySaveAsync(edit, default));

        var stale = (PlanChange)PlanWorkflow.Edit(plan, [new PlanItem("z")], Ana, T0, "edit from an old copy");

        Assert.False(await _store.TrySaveAsync(stale, default));
        var loaded = (await _store.GetAsync(plan.Id, default))!;
        Assert.Equal("y", Assert.Single(loaded.Items).Text);
        Assert.DoesNotContain(await _store.GetHistoryAsync(plan.Id, default), e => e.Note == "edit from an old copy");
    }

    [Fact]
    public async Task ConcurrentDecisions_TwoConnectionsRacing_ExactlyOneWinsEveryTime()
    {
        // Two stores on separate SqliteDatabase instances: separate connections to the same file, as two requests would have.
        var other = new PlanStore(new SqliteDatabase(_db.Path));
        for (var round = 0; round < 20; round++)
        {
            var week = Week.AddDays(7 * round);
            var plan = await SubmitAsync(await _store.CreateAsync(PlanWorkflow.Create(week, null, [new PlanItem("x")], Li, T0, Team), default));
            using var barrier = new Barrier(2);

            async Task<(PlanActor Who, bool Won, PlanOutcome Told)> DecideAsync(IPlanStore store, PlanActor who, PlanState outcome, string? note)
            {
                await Task.Yield();
                var loaded = (await store.GetAsync(plan.Id, default))!;
                var change = (PlanChange)PlanWorkflow.Decide(loaded, outcome, who, true, note, 1, T0.AddHours(1));
                barrier.SignalAndWait(TimeSpan.FromSeconds(10));
                if (await store.TrySaveAsync(change, default))
                {
                    return (who, true, change);
                }

                // The loser reloads and asks again: it is told who won.
                var reloaded = (await store.GetAsync(plan.Id, default))!;
                return (who, false, PlanWorkflow.Decide(reloaded, outcome, who, true, note, 1, T0.AddHours(1)));
            }

            var results = await Task.WhenAll(
                Task.Run(() => DecideAsync(_store, Ana, PlanState.Approved, null)),
                Task.Run(() => DecideAsync(other, Bo, PlanState.Rejected, "too vague")));

            var winner = Assert.Single(results, r => r.Won);
            var loser = Assert.Single(results, r => !r.Won);
            var told = Assert.IsType<PlanRefusal>(loser.Told);
            Assert.Equal(PlanRefusalReason.AlreadyDecided, told.Reason);
            Assert.Equal(winner.Who, told.Plan.Decision!.By);
            var final = (await _store.GetAsync(plan.Id, default))!;
            Assert.Equal(winner.Who, final.Decision!.By);
            Assert.Equal(plan.Version + 1, final.Version);
            var decisions = (await _store.GetHistoryAsync(plan.Id, default)).Where(e => e.From == PlanState.Submitted && e.IsTransition).ToList();
            Assert.Equal(winner.Who, Assert.Single(decisions).Actor);
        }
    }

    [Fact]
    public async Task ConcurrentCreate_TwoConnections_OnePlanForTheWeek()
    {
        var other = new PlanStore(new SqliteDatabase(_db.Path));

        var plans = await Task.WhenAll(
            Task.Run(() => _store.CreateAsync(PlanWorkflow.Create(Week, null, [new PlanItem("a")], Li, T0, Team), default)),
            Task.Run(() => other.CreateAsync(PlanWorkflow.Create(Week, null, [new PlanItem("b")], Ana, T0, Team), default)));

        Assert.Equal(plans[0].Id, plans[1].Id);
        Assert.Equal(1, _db.Count("plans"));
    }

    [Fact]
    public async Task Audit_FullLifecycle_EveryStepInOrderWithStatesWhoAndWhy()
    {
        var plan = await CreateAsync(new PlanItem("x"));
        plan = await SaveAsync(PlanWorkflow.Edit(plan, [new PlanItem("x"), new PlanItem("y")], Li, T0.AddMinutes(1), "added #2: y"));
        plan = await SaveAsync(PlanWorkflow.Submit(plan, Li, T0.AddMinutes(2), Team, Team));
        var refused = Assert.IsType<PlanRefusal>(PlanWorkflow.Decide(plan, PlanState.Approved, Li, false, null, 1, T0.AddMinutes(3)));
        await _store.AppendAuditAsync(refused.Audit!, default);
        plan = await SaveAsync(PlanWorkflow.Decide(plan, PlanState.Rejected, Ana, true, "needs owners", 1, T0.AddMinutes(4)));
        plan = await SaveAsync(PlanWorkflow.Edit(plan, [new PlanItem("x", Owner: "Li"), new PlanItem("y", Owner: "Ana")], Li, T0.AddMinutes(5), "owners"));
        plan = await SaveAsync(PlanWorkflow.Submit(plan, Li, T0.AddMinutes(6), Team, Team));
        Assert.True(await _store.TryMarkRemindedAsync(plan, T0.AddHours(30), default));
        plan = await SaveAsync(PlanWorkflow.Decide((await _store.GetAsync(plan.Id, default))!, PlanState.Approved, Bo, true, null, 2, T0.AddHours(31)));
        Assert.True(await _store.TryMarkPostedAsync(plan, Team, T0.AddHours(31), default));

        var history = await _store.GetHistoryAsync(plan.Id, default);

        Assert.Equal(
            [
                (PlanStep.Created, (PlanState?)null, PlanState.Draft, "Li Lei"),
                (PlanStep.Edited, PlanState.Draft, PlanState.Draft, "Li Lei"),
                (PlanStep.Submitted, PlanState.Draft, PlanState.Submitted, "Li Lei"),
                (PlanStep.Refused, PlanState.Submitted, PlanState.Submitted, "Li Lei"),
                (PlanStep.Rejected, PlanState.Submitted, PlanState.Rejected, "Ana Ops"),
                (PlanStep.Edited, PlanState.Rejected, PlanState.Rejected, "Li Lei"),
                (PlanStep.Submitted, PlanState.Rejected, PlanState.Submitted, "Li Lei"),
                (PlanStep.Reminded, PlanState.Submitted, PlanState.Submitted, "OpsBot"),
                (PlanStep.Approved, PlanState.Submitted, PlanState.Approved, "Bo Manager"),
                (PlanStep.Posted, PlanState.Approved, PlanState.Approved, "OpsBot"),
            ],
            history.Select(e => (e.Step, e.From, e.To, e.Actor.Name)));
        Assert.Equal("needs owners", history[4].Note);
        Assert.Equal(T0.AddMinutes(4), history[4].At);
        Assert.Equal("aad-ana", history[4].Actor.AadObjectId);
        // Every transition is recorded: the from-state of each is the to-state of the one before.
        var transitions = history.Where(e => e.IsTransition).ToList();
        for (var i = 1; i < transitions.Count; i++)
        {
            Assert.Equal(transitions[i - 1].To, transitions[i].From);
        }
    }

    [Fact]
    public async Task Reminded_OncePerSubmission_AndAgainAfterResubmission()
    {
        var plan = await SubmitAsync(await CreateAsync(new PlanItem("x")));
        Assert.Equal([plan.Id], (await _store.ListDueForReminderAsync(T0.AddDays(2), default)).Select(p => p.Id));
        Assert.Empty(await _store.ListDueForReminderAsync(T0.AddMinutes(-1), default));

        Assert.True(await _store.TryMarkRemindedAsync(plan, T0.AddDays(1), default));
        Assert.False(await _store.TryMarkRemindedAsync(plan, T0.AddDays(1), default));
        Assert.Empty(await _store.ListDueForReminderAsync(T0.AddDays(2), default));

        var current = (await _store.GetAsync(plan.Id, default))!;
        Assert.Equal(T0.AddDays(1), current.RemindedAt);
        var sentBack = await SaveAsync(PlanWorkflow.Decide(current, PlanState.ChangesRequested, Ana, true, "more", 1, T0.AddDays(1)));
        var again = await SaveAsync(PlanWorkflow.Submit(sentBack, Li, T0.AddDays(2), Team, Team));

        Assert.Null((await _store.GetAsync(plan.Id, default))!.RemindedAt);
        Assert.False(await _store.TryMarkRemindedAsync(plan, T0.AddDays(3), default));
        Assert.True(await _store.TryMarkRemindedAsync(again, T0.AddDays(3), default));
    }

    [Fact]
    public async Task Decision_AfterTheReminder_KeepsTheReminderTime()
    {
        var plan = await SubmitAsync(await CreateAsync(new PlanItem("x")));
        Assert.True(await _store.TryMarkRemindedAsync(plan, T0.AddDays(1), default));

        // The decision started from a copy loaded before the reminder: the reminder does not change the version.
        await SaveAsync(PlanWorkflow.Decide(plan, PlanState.Approved, Ana, true, null, 1, T0.AddDays(1).AddMinutes(5)));

        Assert.Equal(T0.AddDays(1), (await _store.GetAsync(plan.Id, default))!.RemindedAt);
    }

    [Fact]
    public async Task Posted_Once_AndOnlyWhenApproved()
    {
        var plan = await SubmitAsync(await CreateAsync(new PlanItem("x")));
        Assert.False(await _store.TryMarkPostedAsync(plan, Team, T0, default));
        var approved = await SaveAsync(PlanWorkflow.Decide(plan, PlanState.Approved, Ana, true, null, 1, T0.AddHours(1)));
        Assert.Equal([approved.Id], (await _store.ListApprovedUnpostedAsync(default)).Select(p => p.Id));

        Assert.True(await _store.TryMarkPostedAsync(approved, Team, T0.AddHours(1), default));
        Assert.False(await _store.TryMarkPostedAsync(approved, Team, T0.AddHours(2), default));
        Assert.Empty(await _store.ListApprovedUnpostedAsync(default));
    }

    [Fact]
    public async Task FindLastApproved_LatestStartedWeekOnly()
    {
        foreach (var (week, approve) in new[] { (Week, true), (Week.AddDays(7), true), (Week.AddDays(14), false), (Week.AddDays(21), true) })
        {
            var plan = await SubmitAsync(await _store.CreateAsync(PlanWorkflow.Create(week, null, [new PlanItem("x")], Li, T0, Team), default));
            if (approve)
            {
                await SaveAsync(PlanWorkflow.Decide(plan, PlanState.Approved, Ana, true, null, 1, T0));
            }
        }

        Assert.Equal(Week.AddDays(7), (await _store.FindLastApprovedAsync(Week.AddDays(20), default))!.WeekStart);
        Assert.Equal(Week.AddDays(21), (await _store.FindLastApprovedAsync(Week.AddDays(21), default))!.WeekStart);
        Assert.Null(await _store.FindLastApprovedAsync(Week.AddDays(-1), default));
    }

    [Fact]
    public async Task Audit_IsAppendOnly()
    {
        await CreateAsync(new PlanItem("x"));

        var update = Assert.Throws<SqliteException>(() => _db.Execute("UPDATE plan_audit SET note = 'rewritten'"));
        var delete = Assert.Throws<SqliteException>(() => _db.Execute("DELETE FROM plan_audit"));

        Assert.Contains("append-only", update.Message, StringComparison.Ordinal);
        Assert.Contains("append-only", delete.Message, StringComparison.Ordinal);
    }

    private async Task<Plan> CreateAsync(params PlanItem[] items) =>
        await _store.CreateAsync(PlanWorkflow.Create(Week, "tmall", items, Li, T0, Team), default);

    private Task<Plan> SubmitAsync(Plan plan) => SaveAsync(PlanWorkflow.Submit(plan, Li, T0.AddHours(1), Team, new PlanConversation("msteams", "19:managers")));

    private async Task<Plan> SaveAsync(PlanOutcome outcome)
    {
        var change = Assert.IsType<PlanChange>(outcome);
        Assert.True(await _store.TrySaveAsync(change, default));
        return change.After;
    }
}
