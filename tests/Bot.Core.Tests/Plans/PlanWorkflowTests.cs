using Bot.Core.Plans;

namespace Bot.Core.Tests.Plans;

public sealed class PlanWorkflowTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 22, 10, 0, 0, TimeSpan.Zero);
    private static readonly PlanActor Li = new("29:li", "Li Lei", "aad-li");
    private static readonly PlanActor Ana = new("29:ana", "Ana Ops", "aad-ana");
    private static readonly PlanActor Bo = new("29:bo", "Bo Manager", "aad-bo");
    private static readonly PlanConversation Team = new("msteams", "19:team");

    private static Plan Draft(params PlanItem[] items) =>
        PlanWorkflow.Create(new DateOnly(2026, 11, 23), null, items.Length == 0 ? [new PlanItem("Review live-stream ROI", DayOfWeek.Wednesday, "Ana", "roas")] : items, Li, T0, Team).After with { Id = 7 };

    private static Plan Submitted() => ((PlanChange)PlanWorkflow.Submit(Draft(), Li, T0.AddHours(1), Team, Team)).After;

    [Fact]
    public void Create_Monday_IsVersionOneDraftWithCreatedAudit()
    {
        var created = PlanWorkflow.Create(new DateOnly(2026, 11, 23), "tmall", [new PlanItem("x")], Li, T0, Team);

        Assert.Null(created.Before);
        Assert.Equal(PlanState.Draft, created.After.State);
        Assert.Equal(1, created.After.Version);
        Assert.Equal(0, created.After.Submission);
        Assert.Equal(PlanStep.Created, created.Audit.Step);
        Assert.Null(created.Audit.From);
        Assert.Equal(PlanState.Draft, created.Audit.To);
    }

    [Fact]
    public void Create_NotAMonday_Throws()
    {
        Assert.Throws<ArgumentException>(() => PlanWorkflow.Create(new DateOnly(2026, 11, 24), null, [], Li, T0, Team));
    }

    [Fact]
    public void Submit_Draft_BecomesSubmittedWithSubmissionOneAndAudit()
    {
        var change = Assert.IsType<PlanChange>(PlanWorkflow.Submit(Draft(), Li, T0.AddHours(1), Team, new PlanConversation("msteams", "19:managers")));

        Assert.Equal(PlanState.Submitted, change.After.State);
        Assert.Equal(2, change.After.Version);
        Assert.Equal(1, change.After.Submission);
        Assert.Equal(Li, change.After.SubmittedBy);
        Assert.Equal("19:managers", change.After.ApprovalConversation!.ConversationId);
        Assert.Equal((PlanStep.Submitted, PlanState.Draft, PlanState.Submitted), (change.Audit.Step, change.Audit.From, change.Audit.To));
    }

    [Fact]
    public void Submit_AlreadySubmitted_IsRefused()
    {
        var refusal = Assert.IsType<PlanRefusal>(PlanWorkflow.Submit(Submitted(), Li, T0.AddHours(2), Team, Team));

        Assert.Equal(PlanRefusalReason.AlreadySubmitted, refusal.Reason);
    }

    [Fact]
    public void Submit_NoItems_IsRefused()
    {
        var empty = Draft() with { Items = [] };

        var refusal = Assert.IsType<PlanRefusal>(PlanWorkflow.Submit(empty, Li, T0, Team, Team));

        Assert.Equal(PlanRefusalReason.Empty, refusal.Reason);
    }

    [Fact]
    public void Decide_ManagerApproves_RecordsWhoWhenAndTransition()
    {
        var plan = Submitted();

        var change = Assert.IsType<PlanChange>(PlanWorkflow.Decide(plan, PlanState.Approved, Ana, isManager: true, note: null, cardSubmission: 1, T0.AddHours(3)));

        Assert.Equal(PlanState.Approved, change.After.State);
        Assert.Equal(plan.Version + 1, change.After.Version);
        Assert.Equal(new PlanDecision(PlanState.Approved, Ana, T0.AddHours(3), null), change.After.Decision);
        Assert.Equal((PlanStep.Approved, PlanState.Submitted, PlanState.Approved, Ana), (change.Audit.Step, change.Audit.From, change.Audit.To, change.Audit.Actor));
    }

    [Theory]
    [InlineData(PlanState.Approved)]
    [InlineData(PlanState.Rejected)]
    [InlineData(PlanState.ChangesRequested)]
    public void Decide_NotAManager_IsRefusedAndOnlyTheAttemptIsRecorded(PlanState outcome)
    {
        var plan = Submitted();

        var refusal = Assert.IsType<PlanRefusal>(PlanWorkflow.Decide(plan, outcome, Li, isManager: false, note: "looks fine", cardSubmission: 1, T0.AddHours(3)));

        Assert.Equal(PlanRefusalReason.NotManager, refusal.Reason);
        Assert.Same(plan, refusal.Plan);
        var audit = Assert.IsType<PlanAuditEntry>(refusal.Audit);
        Assert.Equal(PlanStep.Refused, audit.Step);
        Assert.False(audit.IsTransition);
        Assert.Equal(plan.Version, audit.Version);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   \n ")]
    public void Decide_RejectWithoutReason_IsRefused(string? reason)
    {
        var refusal = Assert.IsType<PlanRefusal>(PlanWorkflow.Decide(Submitted(), PlanState.Rejected, Ana, true, reason, 1, T0.AddHours(3)));

        Assert.Equal(PlanRefusalReason.NoteRequired, refusal.Reason);
        Assert.Null(refusal.Audit);
    }

    [Fact]
    public void Decide_RequestChangesWithoutComment_IsRefused()
    {
        var refusal = Assert.IsType<PlanRefusal>(PlanWorkflow.Decide(Submitted(), PlanState.ChangesRequested, Ana, true, " ", 1, T0.AddHours(3)));

        Assert.Equal(PlanRefusalReason.NoteRequired, refusal.Reason);
    }

    [Fact]
    public void Decide_RejectWithReason_KeepsTheReasonTidied()
    {
        var change = Assert.IsType<PlanChange>(PlanWorkflow.Decide(Submitted(), PlanState.Rejected, Ana, true, "  no budget\n for live  ", 1, T0.AddHours(3)));

        Assert.Equal("no budget for live", change.After.Decision!.Note);
        Assert.Equal("no budget for live", change.Audit.Note);
    }

    [Fact]
    public void Decide_DoubleClickApprove_SecondIsAlreadyDecidedAndChangesNothing()
    {
        var approved = ((PlanChange)PlanWorkflow.Decide(Submitted(), PlanState.Approved, Ana, true, null, 1, T0.AddHours(3))).After;

        var second = Assert.IsType<PlanRefusal>(PlanWorkflow.Decide(approved, PlanState.Approved, Ana, true, null, 1, T0.AddHours(3).AddSeconds(1)));

        Assert.Equal(PlanRefusalReason.AlreadyDecided, second.Reason);
        Assert.Same(approved, second.Plan);
        Assert.Null(second.Audit);
    }

    [Fact]
    public void Decide_TwoManagersFromTheSameVersion_BothGetAChangeTheStoreMustPickOne()
    {
        var plan = Submitted();

        var a = Assert.IsType<PlanChange>(PlanWorkflow.Decide(plan, PlanState.Approved, Ana, true, null, 1, T0.AddHours(3)));
        var b = Assert.IsType<PlanChange>(PlanWorkflow.Decide(plan, PlanState.Rejected, Bo, true, "too vague", 1, T0.AddHours(3)));

        // Both start from the same version: the store's compare-and-swap lets exactly one through.
        Assert.Equal(a.Before!.Version, b.Before!.Version);
        var loserAsksAgain = Assert.IsType<PlanRefusal>(PlanWorkflow.Decide(a.After, PlanState.Rejected, Bo, true, "too vague", 1, T0.AddHours(3)));
        Assert.Equal(PlanRefusalReason.AlreadyDecided, loserAsksAgain.Reason);
        Assert.Equal(Ana, loserAsksAgain.Plan.Decision!.By);
    }

    [Fact]
    public void Decide_Draft_IsNotSubmitted()
    {
        var refusal = Assert.IsType<PlanRefusal>(PlanWorkflow.Decide(Draft(), PlanState.Approved, Ana, true, null, null, T0));

        Assert.Equal(PlanRefusalReason.NotSubmitted, refusal.Reason);
    }

    [Fact]
    public void Edit_Submitted_IsRefused()
    {
        var refusal = Assert.IsType<PlanRefusal>(PlanWorkflow.Edit(Submitted(), [], Li, T0, "removed #1"));

        Assert.Equal(PlanRefusalReason.NotEditable, refusal.Reason);
    }

    [Fact]
    public void Resubmission_AfterRejectAndEdit_IsSubmissionTwoAndOldCardIsStale()
    {
        var rejected = ((PlanChange)PlanWorkflow.Decide(Submitted(), PlanState.Rejected, Ana, true, "add an owner", 1, T0.AddHours(3))).After;
        var edited = Assert.IsType<PlanChange>(PlanWorkflow.Edit(rejected, [.. rejected.Items, new PlanItem("Coupon push", DayOfWeek.Tuesday, "Li")], Li, T0.AddHours(4), "added #2"));
        Assert.Equal(PlanState.Rejected, edited.After.State);
        Assert.Equal(PlanStep.Edited, edited.Audit.Step);

        var resubmitted = Assert.IsType<PlanChange>(PlanWorkflow.Submit(edited.After, Li, T0.AddHours(5), Team, Team));

        Assert.Equal(PlanState.Submitted, resubmitted.After.State);
        Assert.Equal(2, resubmitted.After.Submission);
        Assert.Null(resubmitted.After.Decision);
        Assert.Null(resubmitted.After.RemindedAt);
        Assert.Equal((PlanState.Rejected, PlanState.Submitted), (resubmitted.Audit.From, resubmitted.Audit.To));
        var stale = Assert.IsType<PlanRefusal>(PlanWorkflow.Decide(resubmitted.After, PlanState.Approved, Bo, true, null, cardSubmission: 1, T0.AddHours(6)));
        Assert.Equal(PlanRefusalReason.StaleCard, stale.Reason);
        Assert.IsType<PlanChange>(PlanWorkflow.Decide(resubmitted.After, PlanState.Approved, Bo, true, null, cardSubmission: 2, T0.AddHours(6)));
    }

    [Fact]
    public void Resubmission_AfterChangesRequested_IsAllowed()
    {
        var sentBack = ((PlanChange)PlanWorkflow.Decide(Submitted(), PlanState.ChangesRequested, Ana, true, "split item 1", 1, T0.AddHours(3))).After;

        var change = Assert.IsType<PlanChange>(PlanWorkflow.Submit(sentBack, Li, T0.AddHours(4), Team, Team));

        Assert.Equal((PlanState.ChangesRequested, PlanState.Submitted), (change.Audit.From, change.Audit.To));
    }

    [Fact]
    public void Approved_IsLocked()
    {
        var approved = ((PlanChange)PlanWorkflow.Decide(Submitted(), PlanState.Approved, Ana, true, null, 1, T0.AddHours(3))).After;

        Assert.Equal(PlanRefusalReason.NotEditable, Assert.IsType<PlanRefusal>(PlanWorkflow.Edit(approved, [], Li, T0, "x")).Reason);
        Assert.Equal(PlanRefusalReason.NotEditable, Assert.IsType<PlanRefusal>(PlanWorkflow.Submit(approved, Li, T0, Team, Team)).Reason);
    }

    [Fact]
    public void Decide_LongReason_IsCut()
    {
        var change = Assert.IsType<PlanChange>(PlanWorkflow.Decide(Submitted(), PlanState.Rejected, Ana, true, new string('x', 2000), 1, T0));

        Assert.Equal(PlanWorkflow.MaxNoteLength + 1, change.After.Decision!.Note!.Length);
    }

    [Theory]
    [InlineData("2026-11-23", "2026-11-23")]
    [InlineData("2026-11-25", "2026-11-23")]
    [InlineData("2026-11-29", "2026-11-23")]
    [InlineData("2026-11-30", "2026-11-30")]
    public void WeekOf_AnyDay_IsItsMonday(string day, string monday)
    {
        Assert.Equal(DateOnly.Parse(monday, System.Globalization.CultureInfo.InvariantCulture), Plan.WeekOf(DateOnly.Parse(day, System.Globalization.CultureInfo.InvariantCulture)));
    }
}
