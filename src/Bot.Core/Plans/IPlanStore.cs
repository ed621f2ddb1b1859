namespace Bot.Core.Plans;

/// <summary>Port: durable weekly plans, their items and the audit trail (SQLite in Bot.Storage, <c>PlanStore</c>).</summary>
/// <remarks>
/// Every write that changes a plan is a compare-and-swap: <see cref="TrySaveAsync"/> saves only when the stored
/// plan still has the state and version the change started from, and writes the audit row in the same
/// transaction. Of two managers deciding at once, exactly one save succeeds.
/// </remarks>
public interface IPlanStore
{
    Task<Plan?> GetAsync(long id, CancellationToken cancellationToken);

    /// <summary>The plan of the week starting on <paramref name="weekStart"/> (a Monday), if one was created.</summary>
    Task<Plan?> FindByWeekAsync(DateOnly weekStart, CancellationToken cancellationToken);

    /// <summary>Inserts a new plan with its items and its Created audit row, and returns it with its id.</summary>
    /// <remarks>If the week already has a plan (two people typed <c>plan</c> at once) nothing is written and that plan is returned.</remarks>
    Task<Plan> CreateAsync(PlanChange created, CancellationToken cancellationToken);

    /// <summary>Saves <see cref="PlanChange.After"/> and its audit row if the stored plan still matches <see cref="PlanChange.Before"/>'s state and version.</summary>
    /// <returns>False when someone else changed the plan first; nothing was written.</returns>
    Task<bool> TrySaveAsync(PlanChange change, CancellationToken cancellationToken);

    /// <summary>Records an audit row that changes nothing (a refused click).</summary>
    Task AppendAuditAsync(PlanAuditEntry entry, CancellationToken cancellationToken);

    /// <summary>Every audit row of a plan, oldest first.</summary>
    Task<IReadOnlyList<PlanAuditEntry>> GetHistoryAsync(long planId, CancellationToken cancellationToken);

    /// <summary>The approved plan of the latest week that started on or before <paramref name="day"/>, or null.</summary>
    Task<Plan?> FindLastApprovedAsync(DateOnly day, CancellationToken cancellationToken);

    /// <summary>Submitted plans whose current submission is older than <paramref name="submittedBefore"/> and has not been reminded.</summary>
    Task<IReadOnlyList<Plan>> ListDueForReminderAsync(DateTimeOffset submittedBefore, CancellationToken cancellationToken);

    /// <summary>Approved plans not yet posted to the team conversation.</summary>
    Task<IReadOnlyList<Plan>> ListApprovedUnpostedAsync(CancellationToken cancellationToken);

    /// <summary>Marks the plan's current submission as reminded and records it; false if it was reminded, decided or resubmitted meanwhile.</summary>
    /// <remarks>Claim first, send second: a reminder is sent at most once per submission even with two hosts running the job.</remarks>
    Task<bool> TryMarkRemindedAsync(Plan plan, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>Marks the approved plan as posted and records where; false if it was already posted.</summary>
    Task<bool> TryMarkPostedAsync(Plan plan, PlanConversation conversation, DateTimeOffset at, CancellationToken cancellationToken);
}
