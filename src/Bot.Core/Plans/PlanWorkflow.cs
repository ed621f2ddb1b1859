namespace Bot.Core.Plans;

/// <summary>The result of asking <see cref="PlanWorkflow"/> for a change: the change to save, or why it is refused.</summary>
public abstract record PlanOutcome;

/// <summary>A change to save: the plan before (null when created), after, and the audit row that records it.</summary>
/// <remarks>The store saves it only if the stored plan still has <see cref="Before"/>'s state and version.</remarks>
public sealed record PlanChange(Plan? Before, Plan After, PlanAuditEntry Audit) : PlanOutcome;

/// <summary>Why a request was refused; nothing changed.</summary>
public enum PlanRefusalReason
{
    /// <summary>Only configured managers (Roles:Managers) decide.</summary>
    NotManager,

    /// <summary>Reject needs a reason, request changes a comment.</summary>
    NoteRequired,

    /// <summary>The plan was already approved, rejected or sent back (a double click, or another manager was first).</summary>
    AlreadyDecided,

    /// <summary>A decision on a plan that was never submitted.</summary>
    NotSubmitted,

    /// <summary>The card belongs to an earlier submission of a plan that has since been resubmitted.</summary>
    StaleCard,

    /// <summary>An edit or submission while the plan is submitted or approved.</summary>
    NotEditable,

    /// <summary>Submitting a plan that is already waiting for a decision.</summary>
    AlreadySubmitted,

    /// <summary>Submitting a plan without items.</summary>
    Empty,
}

/// <summary>A refused request. <see cref="Audit"/> is set when the attempt itself is worth recording (a non-manager's click).</summary>
/// <param name="Attempted">The decision that was asked for, if the request was a decision.</param>
public sealed record PlanRefusal(PlanRefusalReason Reason, Plan Plan, PlanState? Attempted = null) : PlanOutcome
{
    public PlanAuditEntry? Audit { get; init; }
}

/// <summary>The weekly plan's state machine. Pure: every method returns a value and touches nothing.</summary>
/// <remarks>
/// <code>
/// draft ──submit──▶ submitted ──approve──────────▶ approved   (locked)
///   ▲  edit            │   ├────reject (reason)──▶ rejected ──────────┐
///   └──────────────────┘   └────request changes──▶ changes requested ─┤ edit, submit again
///                          ◀──────────────────────────────────────────┘
/// </code>
/// Only managers decide; a reason (reject) or comment (request changes) is required; a decision on a plan that is
/// no longer submitted is refused as <see cref="PlanRefusalReason.AlreadyDecided"/>, which makes double clicks
/// idempotent. Two managers deciding at once both get a <see cref="PlanChange"/> from the same version; the store
/// saves the first and reports a conflict for the second, whose caller reloads and asks again — and is told who won.
/// </remarks>
public static class PlanWorkflow
{
    /// <summary>Longest reason or comment kept; a card input can hold far more.</summary>
    public const int MaxNoteLength = 500;

    /// <summary>Most items a plan may have: a week's list, not a backlog.</summary>
    public const int MaxItems = 30;

    public static PlanChange Create(DateOnly weekStart, string? shop, IReadOnlyList<PlanItem> items, PlanActor by, DateTimeOffset at, PlanConversation? origin)
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(by);
        if (weekStart.DayOfWeek != DayOfWeek.Monday)
        {
            throw new ArgumentException($"A plan week starts on a Monday; {weekStart:yyyy-MM-dd} is a {weekStart.DayOfWeek}.", nameof(weekStart));
        }

        var plan = new Plan(0, weekStart, PlanState.Draft, 1, [.. items.Take(MaxItems)])
        {
            Shop = shop,
            CreatedBy = by,
            CreatedAt = at,
            Origin = origin,
        };
        return new PlanChange(null, plan, new PlanAuditEntry(0, at, by, PlanStep.Created, null, PlanState.Draft, $"{plan.Items.Count} items from the weekly to-do list", 1));
    }

    /// <summary>Replaces the items of an editable plan (draft, rejected, changes requested); the state stays.</summary>
    public static PlanOutcome Edit(Plan plan, IReadOnlyList<PlanItem> items, PlanActor by, DateTimeOffset at, string description)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(items);
        if (!plan.IsEditable)
        {
            return new PlanRefusal(PlanRefusalReason.NotEditable, plan);
        }

        var after = plan with { Items = [.. items], Version = plan.Version + 1 };
        return new PlanChange(plan, after, new PlanAuditEntry(plan.Id, at, by, PlanStep.Edited, plan.State, plan.State, description, after.Version));
    }

    /// <summary>Submits a draft, or resubmits a rejected plan or one with changes requested.</summary>
    /// <param name="approvalConversation">Where the approval card goes (the managers' channel, or where it was typed).</param>
    public static PlanOutcome Submit(Plan plan, PlanActor by, DateTimeOffset at, PlanConversation? origin, PlanConversation? approvalConversation)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(by);
        if (plan.State == PlanState.Submitted)
        {
            return new PlanRefusal(PlanRefusalReason.AlreadySubmitted, plan);
        }

        if (!plan.IsEditable)
        {
            return new PlanRefusal(PlanRefusalReason.NotEditable, plan);
        }

        if (plan.Items.Count == 0)
        {
            return new PlanRefusal(PlanRefusalReason.Empty, plan);
        }

        var after = plan with
        {
            State = PlanState.Submitted,
            Version = plan.Version + 1,
            Submission = plan.Submission + 1,
            SubmittedBy = by,
            SubmittedAt = at,
            Origin = origin ?? plan.Origin,
            ApprovalConversation = approvalConversation ?? origin ?? plan.Origin,
            Decision = null,
            RemindedAt = null,
        };
        var note = plan.Submission == 0 ? $"{plan.Items.Count} items" : $"resubmission {after.Submission}, {plan.Items.Count} items";
        return new PlanChange(plan, after, new PlanAuditEntry(plan.Id, at, by, PlanStep.Submitted, plan.State, PlanState.Submitted, note, after.Version));
    }

    /// <summary>A manager's click on Approve, Reject or Request changes.</summary>
    /// <param name="outcome">Approved, Rejected or ChangesRequested.</param>
    /// <param name="isManager">Decided by the caller of this method from configuration and the activity's sender, never from card data.</param>
    /// <param name="cardSubmission">The submission number the card was built for, when the card carried one.</param>
    public static PlanOutcome Decide(Plan plan, PlanState outcome, PlanActor by, bool isManager, string? note, int? cardSubmission, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(by);
        if (outcome is not (PlanState.Approved or PlanState.Rejected or PlanState.ChangesRequested))
        {
            throw new ArgumentOutOfRangeException(nameof(outcome), outcome, "A decision approves, rejects or requests changes.");
        }

        if (!isManager)
        {
            return new PlanRefusal(PlanRefusalReason.NotManager, plan, outcome)
            {
                Audit = new PlanAuditEntry(plan.Id, at, by, PlanStep.Refused, plan.State, plan.State, $"not a manager; tried to {Verb(outcome)}", plan.Version),
            };
        }

        if (cardSubmission is { } submission && submission != plan.Submission && plan.State == PlanState.Submitted)
        {
            return new PlanRefusal(PlanRefusalReason.StaleCard, plan, outcome);
        }

        if (plan.State != PlanState.Submitted)
        {
            return new PlanRefusal(plan.Decision is null ? PlanRefusalReason.NotSubmitted : PlanRefusalReason.AlreadyDecided, plan, outcome);
        }

        var text = Clean(note);
        if (outcome != PlanState.Approved && text is null)
        {
            return new PlanRefusal(PlanRefusalReason.NoteRequired, plan, outcome);
        }

        var after = plan with
        {
            State = outcome,
            Version = plan.Version + 1,
            Decision = new PlanDecision(outcome, by, at, text),
        };
        return new PlanChange(plan, after, new PlanAuditEntry(plan.Id, at, by, Step(outcome), PlanState.Submitted, outcome, text, after.Version));
    }

    /// <summary>The audit row for a reminder sent to the managers (no state change).</summary>
    public static PlanAuditEntry Reminded(Plan plan, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(plan);
        return new PlanAuditEntry(plan.Id, at, PlanActor.Bot, PlanStep.Reminded, plan.State, plan.State, $"submission {plan.Submission} still undecided", plan.Version);
    }

    /// <summary>The audit row for posting the approved plan to the team conversation (no state change).</summary>
    public static PlanAuditEntry Posted(Plan plan, DateTimeOffset at, PlanConversation to)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(to);
        return new PlanAuditEntry(plan.Id, at, PlanActor.Bot, PlanStep.Posted, plan.State, plan.State, $"posted to {to.ChannelId}:{to.ConversationId}", plan.Version);
    }

    /// <summary>"approve", "reject", "request changes to".</summary>
    public static string Verb(PlanState outcome) => outcome switch
    {
        PlanState.Approved => "approve",
        PlanState.Rejected => "reject",
        PlanState.ChangesRequested => "request changes to",
        _ => "decide",
    };

    private static PlanStep Step(PlanState outcome) => outcome switch
    {
        PlanState.Approved => PlanStep.Approved,
        PlanState.Rejected => PlanStep.Rejected,
        _ => PlanStep.ChangesRequested,
    };

    private static string? Clean(string? note)
    {
        if (string.IsNullOrWhiteSpace(note))
        {
            return null;
        }

        var text = string.Join(' ', note.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        return text.Length <= MaxNoteLength ? text : text[..MaxNoteLength] + "…";
    }
}
