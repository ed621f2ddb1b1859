using Bot.Core.Messaging;
using Bot.Core.Metrics;
using Bot.Core.Periods;

namespace Bot.Core.Plans;

/// <summary>Where a weekly plan is in its approval: draft → submitted → approved | rejected | changes requested.</summary>
/// <remarks>A rejected plan and one with changes requested can be edited and submitted again (<see cref="PlanWorkflow"/>).</remarks>
public enum PlanState
{
    Draft,
    Submitted,
    Approved,
    Rejected,
    ChangesRequested,
}

/// <summary>Where an item came from: the weekday rhythm, a finding in the data, or a person typing <c>plan add</c>.</summary>
public enum PlanItemSource
{
    Manual,
    Rhythm,
    Data,
}

/// <summary>One line of a weekly plan: what to do, on which day, who owns it and which metric it should move.</summary>
/// <param name="Metric">A <see cref="MetricCatalog"/> key ("conversion"), or null when the item names no metric.</param>
public sealed record PlanItem(string Text, DayOfWeek? Day = null, string? Owner = null, string? Metric = null, PlanItemSource Source = PlanItemSource.Manual)
{
    public MetricDefinition? MetricDefinition => Metric is null ? null : MetricCatalog.All.FirstOrDefault(m => m.Key == Metric);
}

/// <summary>Who did something to a plan. The bot itself is <see cref="Bot"/> (reminders, posts).</summary>
/// <remarks>Built from the server-side sender of an activity (<see cref="Caller"/>), never from card data.</remarks>
public sealed record PlanActor(string Id, string Name, string? AadObjectId = null)
{
    public static PlanActor Bot { get; } = new("opsbot", "OpsBot");

    public static PlanActor From(Caller caller)
    {
        ArgumentNullException.ThrowIfNull(caller);
        return new PlanActor(caller.Id, string.IsNullOrWhiteSpace(caller.Name) ? caller.Id : caller.Name.Trim(), caller.AadObjectId);
    }
}

/// <summary>A conversation a plan was typed in or sent to (channel id + conversation id, as stored for proactive sends).</summary>
public sealed record PlanConversation(string ChannelId, string ConversationId)
{
    public static PlanConversation From(ConversationKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return new PlanConversation(key.ChannelId, key.Id);
    }
}

/// <summary>A manager's decision on a submitted plan: approved, rejected (with a reason) or changes requested (with a comment).</summary>
public sealed record PlanDecision(PlanState Outcome, PlanActor By, DateTimeOffset At, string? Note);

/// <summary>The plan of one week (Monday to Sunday, team time zone) and its approval state.</summary>
/// <remarks>
/// <para>Immutable: <see cref="PlanWorkflow"/> returns a new value for every change, and the store saves it only if the
/// stored <see cref="Version"/> and <see cref="State"/> are still the ones the change started from (optimistic concurrency).</para>
/// <para><see cref="Submission"/> counts submissions; an approval card carries it, so a card from an earlier submission cannot
/// decide a resubmitted plan.</para>
/// </remarks>
public sealed record Plan(long Id, DateOnly WeekStart, PlanState State, int Version, IReadOnlyList<PlanItem> Items)
{
    /// <summary>The shop whose data the items were built from; null = all shops.</summary>
    public string? Shop { get; init; }

    public required PlanActor CreatedBy { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>The conversation the plan was created or last submitted in: refusals and decisions are told there.</summary>
    public PlanConversation? Origin { get; init; }

    public int Submission { get; init; }

    public PlanActor? SubmittedBy { get; init; }

    public DateTimeOffset? SubmittedAt { get; init; }

    /// <summary>Where the approval card of the current submission went.</summary>
    public PlanConversation? ApprovalConversation { get; init; }

    /// <summary>The latest decision; null while a draft or submitted.</summary>
    public PlanDecision? Decision { get; init; }

    /// <summary>When the managers were reminded of the current submission (at most once per submission).</summary>
    public DateTimeOffset? RemindedAt { get; init; }

    /// <summary>When the approved plan was posted to the team conversation.</summary>
    public DateTimeOffset? PostedAt { get; init; }

    public DateRange Week => new(WeekStart, WeekStart.AddDays(6));

    public bool IsEditable => State is PlanState.Draft or PlanState.Rejected or PlanState.ChangesRequested;

    /// <summary>The Monday starting the week that contains <paramref name="day"/>.</summary>
    public static DateOnly WeekOf(DateOnly day) => day.AddDays(-(((int)day.DayOfWeek + 6) % 7));
}

/// <summary>What happened to a plan, as recorded in the audit trail.</summary>
public enum PlanStep
{
    Created,
    Edited,
    Submitted,
    Approved,
    Rejected,
    ChangesRequested,

    /// <summary>Someone who may not decide clicked a decision button; nothing changed (from and to are the same state).</summary>
    Refused,

    /// <summary>The managers were reminded of an undecided submission.</summary>
    Reminded,

    /// <summary>The approved plan was posted to the team conversation.</summary>
    Posted,
}

/// <summary>One row of the audit trail: who did what to which plan and when, the states before and after, and why.</summary>
/// <param name="From">The state before; null for <see cref="PlanStep.Created"/>.</param>
/// <param name="Version">The plan's version after the step (unchanged for refusals, reminders and posts).</param>
public sealed record PlanAuditEntry(long PlanId, DateTimeOffset At, PlanActor Actor, PlanStep Step, PlanState? From, PlanState To, string? Note, int Version)
{
    /// <summary>True when the step moved the plan from one state to another.</summary>
    public bool IsTransition => From != To;
}
