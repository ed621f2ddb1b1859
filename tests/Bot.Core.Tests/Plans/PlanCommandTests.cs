using Bot.Core.Plans;
using Bot.Core.Replies;
using Bot.Core.Tests.Fakes;

namespace Bot.Core.Tests.Plans;

public sealed class PlanCommandTests : IDisposable
{
    private readonly PlanBot _bot = new();

    public void Dispose() => _bot.Dispose();

    [Fact]
    public async Task Plan_FirstLook_CreatesADraftFromTheWeeklyRhythmAndTheData()
    {
        var reply = await _bot.SayAsync("plan");

        Assert.Equal(ReplyKind.Answer, reply.Kind);
        Assert.StartsWith("Weekly plan 周计划 — 2026-06-15..2026-06-21", reply.Title, StringComparison.Ordinal);
        Assert.StartsWith("Draft", reply.Subtitle, StringComparison.Ordinal);
        var rows = reply.Items().Rows;
        Assert.Equal("1. ", rows[0][0].Text[..3]);
        Assert.Contains(rows, r => r[0].Text.Contains(". Last week's data report", StringComparison.Ordinal) && r[1].Text == "Mon 周一" && r[3].Text.StartsWith("Visitors", StringComparison.Ordinal));
        Assert.Contains(rows, r => r[0].Text.Contains(". Weekly summary", StringComparison.Ordinal) && r[1].Text == "Sun 周日");
        // A data-driven item (the test data has goals behind pace): its metric with the value of the last 7 days.
        Assert.Contains(rows, r => r[0].Text.Contains(". Goal behind pace", StringComparison.Ordinal) && r[3].Text.StartsWith("GMV", StringComparison.Ordinal) && r[4].Text.StartsWith('¥'));
        var plan = await _bot.CurrentPlanAsync();
        Assert.Equal(PlanState.Draft, plan.State);
        Assert.Equal(rows.Count, plan.Items.Count);
    }

    [Fact]
    public async Task Plan_AskedTwice_IsTheSamePlan()
    {
        await _bot.SayAsync("plan");
        await _bot.SayAsync("周计划");

        var history = await _bot.Store.GetHistoryAsync((await _bot.CurrentPlanAsync()).Id, CancellationToken.None);
        Assert.Single(history);
    }

    [Theory]
    [InlineData("plan next week", "2026-06-22")]
    [InlineData("下周计划", "2026-06-22")]
    [InlineData("周计划 下周", "2026-06-22")]
    [InlineData("plan this week", "2026-06-15")]
    [InlineData("本周计划", "2026-06-15")]
    public async Task Plan_WithWeek_ShowsThatWeek(string text, string monday)
    {
        var reply = await _bot.SayAsync(text);

        Assert.Contains(monday, reply.Title, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("plan gmv 5000000", "Goal plan")]
    [InlineData("goal plan 5000000", "Goal plan")]
    [InlineData("目标拆解 500万", "Goal plan")]
    [InlineData("plan", "Weekly plan")]
    [InlineData("计划", "Weekly plan")]
    [InlineData("plan history", "No plan yet")]
    [InlineData("计划 历史", "No plan yet")]
    public async Task Routing_PlanAndGoalPlan_DoNotClash(string text, string titleStart)
    {
        var reply = await _bot.SayAsync(text);

        Assert.StartsWith(titleStart, reply.Title, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PlanAdd_DayOwnerMetric_AreReadAndTheTextKeepsItsCase()
    {
        await _bot.SayAsync("plan");

        var reply = await _bot.SayAsync("plan add Review Live-stream ROI wed owner @Ana Ops metric roas");

        var plan = await _bot.CurrentPlanAsync();
        Assert.Equal(new PlanItem("Review Live-stream ROI", DayOfWeek.Wednesday, "Ana Ops", "roas"), plan.Items[^1]);
        Assert.StartsWith($"Added #{plan.Items.Count}: Review Live-stream ROI", reply.Headings()[0], StringComparison.Ordinal);
        var row = reply.Items().Rows[^1];
        Assert.Equal([$"{plan.Items.Count}. Review Live-stream ROI", "Wed 周三", "Ana Ops", "ROAS 投产比"], row.Take(4).Select(c => c.Text));
    }

    [Fact]
    public async Task PlanAdd_Chinese_IsReadToo()
    {
        await _bot.SayAsync("计划 添加 复盘直播数据 周三 负责人 小王 指标 转化率");

        var item = (await _bot.CurrentPlanAsync()).Items[^1];
        Assert.Equal(new PlanItem("复盘直播数据", DayOfWeek.Wednesday, "小王", "conversion"), item);
    }

    [Theory]
    [InlineData("计划 添加 周三 复盘直播ROI 负责人 @小王", "复盘直播ROI", DayOfWeek.Wednesday, "小王")]
    [InlineData("计划 添加 周五复盘直播ROI", "复盘直播ROI", DayOfWeek.Friday, null)]
    [InlineData("plan add wed: review ads owner @Ana", "review ads", DayOfWeek.Wednesday, "Ana")]
    [InlineData("plan add Review ads", "Review ads", null, null)]
    public async Task PlanAdd_TheDayMayOpenTheItem(string text, string itemText, DayOfWeek? day, string? owner)
    {
        await _bot.SayAsync(text);

        var item = (await _bot.CurrentPlanAsync()).Items[^1];
        Assert.Equal((itemText, day, owner), (item.Text, item.Day, item.Owner));
    }

    [Fact]
    public async Task PlanAdd_UnknownMetric_SaysWhichMetricsExist()
    {
        var reply = await _bot.SayAsync("plan add Check ads metric happiness");

        Assert.Equal(ReplyKind.Problem, reply.Kind);
        Assert.Contains("I don't know the metric 'happiness'", reply.AllText(), StringComparison.Ordinal);
        Assert.Contains("conversion", reply.AllText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PlanRemoveAndAssign_ChangeTheNumberedItem()
    {
        await _bot.SayAsync("plan");
        var before = await _bot.CurrentPlanAsync();

        await _bot.SayAsync("plan remove 1");
        var reply = await _bot.SayAsync("plan assign 2 @Bo Manager");

        var after = await _bot.CurrentPlanAsync();
        Assert.Equal(before.Items.Count - 1, after.Items.Count);
        Assert.Equal(before.Items[1].Text, after.Items[0].Text);
        Assert.Equal("Bo Manager", after.Items[1].Owner);
        Assert.StartsWith("#2 assigned to Bo Manager", reply.Headings()[0], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("plan remove 99")]
    [InlineData("plan assign 0 @Ana")]
    public async Task PlanRemoveOrAssign_NoSuchItem_IsAProblem(string text)
    {
        var reply = await _bot.SayAsync(text);

        Assert.Equal(ReplyKind.Problem, reply.Kind);
        Assert.Equal("No such item", reply.Title);
    }

    [Fact]
    public async Task PlanSubmit_NoManagersChannel_AnswersWithTheApprovalCardHere()
    {
        await _bot.SayAsync("plan");

        var card = await _bot.SayAsync("plan submit");

        var plan = await _bot.CurrentPlanAsync();
        Assert.Equal(PlanState.Submitted, plan.State);
        Assert.Equal(["Approve", "Reject", "Request changes"], card.Buttons.Select(b => b.Title));
        Assert.All(card.Buttons, b => Assert.Equal(plan.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), b.Data[PlanReport.PlanIdKey]));
        Assert.All(card.Buttons, b => Assert.Equal("1", b.Data[PlanReport.SubmissionKey]));
        Assert.Equal(PlanReport.NoteInput, card.Buttons.Single(b => b.Title == "Reject").Input!.Id);
        Assert.Contains("Submitted by Li Lei at 2026-06-15 10:00 (Asia/Shanghai)", card.Subtitle, StringComparison.Ordinal);
        Assert.Empty(_bot.Notifier.Sent);
    }

    [Fact]
    public async Task ApprovalFlow_NonManagerRefused_RejectWithoutReasonRefused_RejectWithReasonShowsWhoAndWhen()
    {
        var card = await _bot.SayAsync("plan submit");
        var submitted = await _bot.CurrentPlanAsync();

        var byLi = await _bot.ClickAsync(card, "Approve", PlanBot.Li);
        Assert.Equal(ReplyKind.Problem, byLi.Kind);
        Assert.Contains("only the team's managers", byLi.AllText(), StringComparison.Ordinal);
        Assert.Equal(submitted, await _bot.CurrentPlanAsync());

        var noReason = await _bot.ClickAsync(card, "Reject", PlanBot.Ana, reason: "  ");
        Assert.Equal(ReplyKind.Problem, noReason.Kind);
        Assert.Equal("Please give a reason to reject", noReason.Title);
        Assert.Equal(submitted, await _bot.CurrentPlanAsync());

        _bot.Clock.Now = _bot.Clock.Now.AddMinutes(4);
        var rejected = await _bot.ClickAsync(card, "Reject", PlanBot.Ana, reason: "Too vague: add owners");

        Assert.Equal(ReplyKind.Answer, rejected.Kind);
        Assert.Empty(rejected.Buttons);
        Assert.Contains("Rejected by Ana Ops at 2026-06-15 10:04 (Asia/Shanghai): Too vague: add owners", rejected.Headings());
        var plan = await _bot.CurrentPlanAsync();
        Assert.Equal(PlanState.Rejected, plan.State);
        Assert.Equal(submitted.Version + 1, plan.Version);
    }

    [Fact]
    public async Task Approve_DoubleClick_SecondSaysAlreadyApprovedBy()
    {
        var card = await _bot.SayAsync("plan submit");
        await _bot.ClickAsync(card, "Approve", PlanBot.Ana);
        var approved = await _bot.CurrentPlanAsync();

        var again = await _bot.ClickAsync(card, "Approve", PlanBot.Ana);

        Assert.Equal(ReplyKind.Problem, again.Kind);
        Assert.Equal("Already approved by Ana Ops", again.Title);
        Assert.Equal(approved, await _bot.CurrentPlanAsync());
        Assert.Single(await _bot.Store.GetHistoryAsync(approved.Id, CancellationToken.None), e => e.Step == PlanStep.Approved);
    }

    [Fact]
    public async Task Reject_AfterAnotherManagerApproved_IsToldWhoWon()
    {
        var card = await _bot.SayAsync("plan submit");
        await _bot.ClickAsync(card, "Approve", PlanBot.Ana);

        var late = await _bot.ClickAsync(card, "Reject", PlanBot.Bo, reason: "no");

        Assert.Equal(ReplyKind.Problem, late.Kind);
        Assert.Contains("Ana Ops already approved this plan at 2026-06-15 10:00 (Asia/Shanghai). Your rejection was not recorded.", late.AllText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Decide_LosingARace_ReloadsAndIsToldWhoWon()
    {
        // The store lets Bo's rejection in between Ana's load and Ana's save.
        using var bot = new PlanBot(decorateStore: inner => new RacingStore(inner));
        var card = await bot.SayAsync("plan submit");

        var reply = await bot.ClickAsync(card, "Approve", PlanBot.Ana);

        Assert.Equal(ReplyKind.Problem, reply.Kind);
        Assert.Contains("Bo Manager already rejected this plan", reply.AllText(), StringComparison.Ordinal);
        Assert.Contains("Your approval was not recorded", reply.AllText(), StringComparison.Ordinal);
        var plan = await bot.CurrentPlanAsync();
        Assert.Equal(PlanState.Rejected, plan.State);
        var history = await bot.Store.GetHistoryAsync(plan.Id, CancellationToken.None);
        Assert.DoesNotContain(history, e => e.Step == PlanStep.Approved);
    }

    [Fact]
    public async Task Resubmission_EditAfterRejection_NewCardDecides_OldCardIsOutOfDate()
    {
        var first = await _bot.SayAsync("plan submit");
        await _bot.ClickAsync(first, "Reject", PlanBot.Ana, "add a coupon push");

        await _bot.SayAsync("plan add Coupon push tue owner @Li metric gmv");
        var second = await _bot.SayAsync("plan submit");
        Assert.Equal("2", second.Buttons[0].Data[PlanReport.SubmissionKey]);

        var stale = await _bot.ClickAsync(first, "Approve", PlanBot.Bo);
        Assert.Equal("This card is out of date", stale.Title);

        var approved = await _bot.ClickAsync(second, "Approve", PlanBot.Bo);
        Assert.Contains("Approved by Bo Manager at 2026-06-15 10:00 (Asia/Shanghai)", approved.Headings());
    }

    [Fact]
    public async Task PlanHistory_ListsEveryStepInOrder()
    {
        await _bot.SayAsync("plan");
        await _bot.SayAsync("plan add Coupon push tue");
        var card = await _bot.SayAsync("plan submit");
        await _bot.ClickAsync(card, "Approve", PlanBot.Li);
        await _bot.ClickAsync(card, "Request changes", PlanBot.Ana, "split item 1");
        await _bot.SayAsync("plan remove 1");
        var again = await _bot.SayAsync("plan submit");
        await _bot.ClickAsync(again, "Approve", PlanBot.Bo);

        var history = await _bot.SayAsync("plan history");

        var steps = history.Items().Rows.Select(r => (Who: r[1].Text, Step: r[2].Text)).ToList();
        Assert.Equal(
            [
                ("Li Lei", "created → draft"),
                ("Li Lei", "edited (draft)"),
                ("Li Lei", "draft → submitted"),
                ("Li Lei", "refused (submitted unchanged)"),
                ("Ana Ops", "submitted → changes requested"),
                ("Li Lei", "edited (changes requested)"),
                ("Li Lei", "changes requested → submitted"),
                ("Bo Manager", "submitted → approved"),
                ("OpsBot", "posted to the team"),
            ],
            steps);
        Assert.Contains(history.Items().Rows, r => r[3].Text == "split item 1");
    }

    [Fact]
    public async Task TypedDecisions_WorkForManagersOnly()
    {
        await _bot.SayAsync("plan submit");

        var byLi = await _bot.SayAsync("plan approve", PlanBot.Li);
        var byAna = await _bot.SayAsync("plan reject no budget this week", PlanBot.Ana);

        Assert.Equal(ReplyKind.Problem, byLi.Kind);
        Assert.Contains("Rejected by Ana Ops at 2026-06-15 10:00 (Asia/Shanghai): no budget this week", byAna.Headings());
    }

    [Fact]
    public async Task EditWhileSubmitted_IsRefusedPolitely()
    {
        await _bot.SayAsync("plan submit");

        var reply = await _bot.SayAsync("plan add One more thing");

        Assert.Equal("The plan is waiting for approval", reply.Title);
    }

    [Fact]
    public async Task ManagersChannelConfigured_CardGoesThere_DecisionIsToldBackWhereItWasSubmitted()
    {
        using var bot = new PlanBot(new PlanOptions { ManagersConversation = "19:managers@thread.tacv2" });

        var reply = await bot.SayAsync("plan submit");

        Assert.Contains("the approval card went to the managers' channel", reply.Headings()[0], StringComparison.Ordinal);
        Assert.Empty(reply.Buttons);
        var (to, card, key) = Assert.Single(bot.Notifier.Sent);
        Assert.Equal(new PlanConversation("msteams", "19:managers@thread.tacv2"), to);
        Assert.Equal(3, card.Buttons.Count);
        Assert.EndsWith(":1:approval", key, StringComparison.Ordinal);

        await bot.ClickAsync(card, "Reject", PlanBot.Ana, "add owners");

        var told = bot.Notifier.Sent[^1];
        Assert.Equal(new PlanConversation("msteams", PlanBot.Team.Id), told.To);
        Assert.Contains("Rejected by Ana Ops", told.Reply.Subtitle, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Approved_IsPostedToTheTeamOnce()
    {
        using var bot = new PlanBot(new PlanOptions { TeamConversation = "19:all-hands" });
        var card = await bot.SayAsync("plan submit");

        await bot.ClickAsync(card, "Approve", PlanBot.Ana);
        var (_, posted) = await bot.Plans.RunDueAsync(CancellationToken.None);

        var post = Assert.Single(bot.Notifier.Sent);
        Assert.Equal(new PlanConversation("msteams", "19:all-hands"), post.To);
        Assert.Contains("Approved by Ana Ops", post.Reply.Headings()[0], StringComparison.Ordinal);
        Assert.Equal(0, posted);
    }

    [Fact]
    public async Task Reminder_AfterTheConfiguredHours_GoesOutOncePerSubmission()
    {
        using var bot = new PlanBot(new PlanOptions { ReminderAfterHours = 4 });
        var card = await bot.SayAsync("plan submit");

        bot.Clock.Now = bot.Clock.Now.AddHours(3);
        Assert.Equal((0, 0), await bot.Plans.RunDueAsync(CancellationToken.None));
        bot.Clock.Now = bot.Clock.Now.AddHours(2);
        Assert.Equal((1, 0), await bot.Plans.RunDueAsync(CancellationToken.None));
        Assert.Equal((0, 0), await bot.Plans.RunDueAsync(CancellationToken.None));

        var reminder = Assert.Single(bot.Notifier.Sent);
        Assert.StartsWith("Reminder: this plan was submitted by Li Lei", reminder.Reply.Headings()[0], StringComparison.Ordinal);
        Assert.Equal(3, reminder.Reply.Buttons.Count);

        await bot.ClickAsync(card, "Request changes", PlanBot.Ana, "more detail");
        await bot.SayAsync("plan submit");
        bot.Clock.Now = bot.Clock.Now.AddHours(5);
        Assert.Equal((1, 0), await bot.Plans.RunDueAsync(CancellationToken.None));
        Assert.EndsWith(":2:reminder", bot.Notifier.Sent[^1].Key, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownWordsAfterPlan_GetTheListOfPlanCommands()
    {
        var reply = await _bot.SayAsync("plan frobnicate");

        Assert.Equal(ReplyKind.Problem, reply.Kind);
        Assert.Contains("plan add", reply.AllText(), StringComparison.Ordinal);
    }

    /// <summary>Lets Bo's rejection in just before the first save: the save then finds a newer version.</summary>
    private sealed class RacingStore(IPlanStore inner) : IPlanStore
    {
        private int _raced;

        public async Task<bool> TrySaveAsync(PlanChange change, CancellationToken cancellationToken)
        {
            if (change.Audit.Step == PlanStep.Approved && Interlocked.Exchange(ref _raced, 1) == 0)
            {
                var bo = (PlanChange)PlanWorkflow.Decide(change.Before!, PlanState.Rejected, PlanActor.From(PlanBot.Bo), true, "no budget", null, change.Audit.At);
                Assert.True(await inner.TrySaveAsync(bo, cancellationToken));
            }

            return await inner.TrySaveAsync(change, cancellationToken);
        }

        public Task<Plan?> GetAsync(long id, CancellationToken cancellationToken) => inner.GetAsync(id, cancellationToken);

        public Task<Plan?> FindByWeekAsync(DateOnly weekStart, CancellationToken cancellationToken) => inner.FindByWeekAsync(weekStart, cancellationToken);

        public Task<Plan> CreateAsync(PlanChange created, CancellationToken cancellationToken) => inner.CreateAsync(created, cancellationToken);

        public Task AppendAuditAsync(PlanAuditEntry entry, CancellationToken cancellationToken) => inner.AppendAuditAsync(entry, cancellationToken);

        public Task<IReadOnlyList<PlanAuditEntry>> GetHistoryAsync(long planId, CancellationToken cancellationToken) => inner.GetHistoryAsync(planId, cancellationToken);

        public Task<Plan?> FindLastApprovedAsync(DateOnly day, CancellationToken cancellationToken) => inner.FindLastApprovedAsync(day, cancellationToken);

        public Task<IReadOnlyList<Plan>> ListDueForReminderAsync(DateTimeOffset submittedBefore, CancellationToken cancellationToken) => inner.ListDueForReminderAsync(submittedBefore, cancellationToken);

        public Task<IReadOnlyList<Plan>> ListApprovedUnpostedAsync(CancellationToken cancellationToken) => inner.ListApprovedUnpostedAsync(cancellationToken);

        public Task<bool> TryMarkRemindedAsync(Plan plan, DateTimeOffset at, CancellationToken cancellationToken) => inner.TryMarkRemindedAsync(plan, at, cancellationToken);

        public Task<bool> TryMarkPostedAsync(Plan plan, PlanConversation conversation, DateTimeOffset at, CancellationToken cancellationToken) => inner.TryMarkPostedAsync(plan, conversation, at, cancellationToken);
    }
}
