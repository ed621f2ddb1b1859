namespace Bot.Core.Plans;

/// <summary>An in-process <see cref="IPlanStore"/> with the same compare-and-swap rules as the SQLite store.</summary>
/// <remarks>
/// Registered by default so Core works on its own (tests, tools); the host replaces it with the SQLite
/// <c>PlanStore</c> in <c>AddPlans</c>. Plans kept here are lost on restart.
/// </remarks>
public sealed class InMemoryPlanStore : IPlanStore
{
    private readonly Lock _lock = new();
    private readonly Dictionary<long, Plan> _plans = [];
    private readonly List<PlanAuditEntry> _audit = [];
    private long _nextId = 1;

    public Task<Plan?> GetAsync(long id, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return Task.FromResult(_plans.GetValueOrDefault(id));
        }
    }

    public Task<Plan?> FindByWeekAsync(DateOnly weekStart, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return Task.FromResult(_plans.Values.FirstOrDefault(p => p.WeekStart == weekStart));
        }
    }

    public Task<Plan> CreateAsync(PlanChange created, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(created);
        lock (_lock)
        {
            if (_plans.Values.FirstOrDefault(p => p.WeekStart == created.After.WeekStart) is { } existing)
            {
                return Task.FromResult(existing);
            }

            var plan = created.After with { Id = _nextId++ };
            _plans[plan.Id] = plan;
            _audit.Add(created.Audit with { PlanId = plan.Id });
            return Task.FromResult(plan);
        }
    }

    public Task<bool> TrySaveAsync(PlanChange change, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(change);
        var before = change.Before ?? throw new ArgumentException("Use CreateAsync for a new plan.", nameof(change));
        lock (_lock)
        {
            if (!_plans.TryGetValue(before.Id, out var stored) || stored.Version != before.Version || stored.State != before.State)
            {
                return Task.FromResult(false);
            }

            _plans[before.Id] = change.After;
            _audit.Add(change.Audit);
            return Task.FromResult(true);
        }
    }

    public Task AppendAuditAsync(PlanAuditEntry entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        lock (_lock)
        {
            _audit.Add(entry);
        }

        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<PlanAuditEntry>> GetHistoryAsync(long planId, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return Task.FromResult<IReadOnlyList<PlanAuditEntry>>([.. _audit.Where(a => a.PlanId == planId)]);
        }
    }

    public Task<Plan?> FindLastApprovedAsync(DateOnly day, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return Task.FromResult(_plans.Values
                .Where(p => p.State == PlanState.Approved && p.WeekStart <= day)
                .OrderByDescending(p => p.WeekStart)
                .FirstOrDefault());
        }
    }

    public Task<IReadOnlyList<Plan>> ListDueForReminderAsync(DateTimeOffset submittedBefore, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return Task.FromResult<IReadOnlyList<Plan>>([.. _plans.Values.Where(p => p.State == PlanState.Submitted && p.RemindedAt is null && p.SubmittedAt <= submittedBefore)]);
        }
    }

    public Task<IReadOnlyList<Plan>> ListApprovedUnpostedAsync(CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return Task.FromResult<IReadOnlyList<Plan>>([.. _plans.Values.Where(p => p.State == PlanState.Approved && p.PostedAt is null)]);
        }
    }

    public Task<bool> TryMarkRemindedAsync(Plan plan, DateTimeOffset at, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(plan);
        lock (_lock)
        {
            if (!_plans.TryGetValue(plan.Id, out var stored) || stored.State != PlanState.Submitted || stored.Submission != plan.Submission || stored.RemindedAt is not null)
            {
                return Task.FromResult(false);
            }

            _plans[plan.Id] = stored with { RemindedAt = at };
            _audit.Add(PlanWorkflow.Reminded(stored, at));
            return Task.FromResult(true);
        }
    }

    public Task<bool> TryMarkPostedAsync(Plan plan, PlanConversation conversation, DateTimeOffset at, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(plan);
        lock (_lock)
        {
            if (!_plans.TryGetValue(plan.Id, out var stored) || stored.State != PlanState.Approved || stored.PostedAt is not null)
            {
                return Task.FromResult(false);
            }

            _plans[plan.Id] = stored with { PostedAt = at };
            _audit.Add(PlanWorkflow.Posted(stored, at, conversation));
            return Task.FromResult(true);
        }
    }
}
