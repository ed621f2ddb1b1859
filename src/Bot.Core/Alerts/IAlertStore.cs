namespace Bot.Core.Alerts;

public enum IncidentStatus
{
    Firing,
    Resolved,

    /// <summary>The rule was removed while the incident was open, or its scope no longer exists.</summary>
    Closed,
}

/// <summary>One occurrence of a rule firing in one scope; one card per subscribed conversation, updated in place.</summary>
/// <param name="TargetKey">The scope within the rule, e.g. <c>shop:tmall-flagship|channel:live</c>.</param>
/// <param name="Latest">The latest evaluated day while the incident lived (value, limit, reference).</param>
/// <param name="DataMissing">The latest evaluation had no data for this scope.</param>
public sealed record AlertIncident(
    long Id,
    long RuleId,
    string TargetKey,
    string TargetLabel,
    IncidentStatus Status,
    DateOnly OpenedDay,
    DateTimeOffset OpenedAt,
    DayOutcome First,
    DayOutcome Latest,
    DateOnly? ResolvedDay,
    DateTimeOffset? ResolvedAt,
    int Reopens,
    bool DataMissing,
    DateTimeOffset LastNotifiedAt,
    int Reminders)
{
    public AlertPerson? AcknowledgedBy { get; init; }

    public DateTimeOffset? AcknowledgedAt { get; init; }

    public AlertPerson? Assignee { get; init; }

    public DateTimeOffset? MutedUntil { get; init; }

    public bool MutedUntilImport { get; init; }

    public AlertPerson? MutedBy { get; init; }

    public bool IsOpen => Status == IncidentStatus.Firing;

    public bool IsMuted(DateTimeOffset now) => MutedUntilImport || MutedUntil > now;
}

/// <summary>What someone did to an incident or rule; every one is kept (who, when, what).</summary>
public enum AlertActionKind
{
    Acknowledge,
    MuteDay,
    MuteUntilImport,
    AssignToSelf,
    RemoveRule,
}

/// <param name="IncidentId">Null for rule-level actions (remove).</param>
public sealed record AlertAction(long Id, long RuleId, long? IncidentId, AlertActionKind Kind, AlertPerson Actor, DateTimeOffset At, string? Detail = null);

/// <summary>Something the dispatcher must tell the subscribed conversations about an incident.</summary>
public enum AlertNoticeKind
{
    /// <summary>Post the card.</summary>
    Opened,

    /// <summary>Refresh the card and say it fired again.</summary>
    Reopened,

    /// <summary>Refresh the card only (new numbers, an action, data missing).</summary>
    Updated,

    /// <summary>Refresh the card and post a short resolved notice.</summary>
    Resolved,

    /// <summary>Post a short reminder (still firing, unacknowledged, cool-down passed).</summary>
    Reminder,

    /// <summary>Refresh the card: the rule was removed.</summary>
    Closed,
}

public sealed record AlertNotice(long Id, long IncidentId, AlertNoticeKind Kind, DateTimeOffset CreatedAt);

/// <summary>Where an incident's card was posted: needed to update it in place.</summary>
/// <param name="ActivityId">The id the connector returned for the posted card.</param>
public sealed record AlertCardPost(long IncidentId, string ChannelId, string ConversationId, string ActivityId, DateTimeOffset PostedAt);

/// <summary>A rule × scope state as stored, with the optimistic-concurrency version.</summary>
public sealed record StoredScopeState(long RuleId, string TargetKey, string TargetLabel, ScopeState State, long Version);

/// <summary>One evaluation of a rule × scope to persist atomically: the steps in order and the state they end in.</summary>
/// <param name="ExpectedVersion">The version read before evaluating (0 = no state yet); a different stored version means someone else evaluated meanwhile.</param>
public sealed record AlertStepBatch(long RuleId, string TargetKey, string TargetLabel, long ExpectedVersion, IReadOnlyList<(ScopeState State, AlertTransition Transition)> Steps, DateTimeOffset At);

/// <summary>Port: rules, per-scope state, incidents, the action log, pending notices and posted cards. SQLite in Bot.Storage.</summary>
/// <remarks>
/// Writes that belong together (a state change with its incident and notices; an action with its log entry)
/// are one transaction, so a restart between evaluations neither loses nor duplicates an incident.
/// </remarks>
public interface IAlertStore
{
    /// <summary>Saves a new rule and returns it with its id.</summary>
    Task<AlertRule> AddRuleAsync(AlertRule rule, CancellationToken cancellationToken);

    /// <summary>Active (not removed) rules, by id.</summary>
    Task<IReadOnlyList<AlertRule>> ListRulesAsync(CancellationToken cancellationToken);

    Task<AlertRule?> GetRuleAsync(long id, CancellationToken cancellationToken);

    /// <summary>Removes a rule: logs the action, closes its open incidents (with a Closed notice each) and forgets its states.</summary>
    /// <returns>False when no active rule has that id.</returns>
    Task<bool> RemoveRuleAsync(long id, AlertPerson actor, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>States of one rule, or of all active rules when <paramref name="ruleId"/> is null.</summary>
    Task<IReadOnlyList<StoredScopeState>> ListStatesAsync(long? ruleId, CancellationToken cancellationToken);

    /// <summary>Applies an evaluation atomically; null when the stored version is not the expected one (evaluate again).</summary>
    Task<StoredScopeState?> SaveStepsAsync(AlertStepBatch batch, CancellationToken cancellationToken);

    /// <summary>Closes the open incident of a scope the rule no longer covers (shop gone, goal period over) and forgets the scope.</summary>
    Task CloseScopeAsync(long ruleId, string targetKey, DateTimeOffset at, CancellationToken cancellationToken);

    Task<AlertIncident?> GetIncidentAsync(long id, CancellationToken cancellationToken);

    /// <summary>Incidents, newest first: open ones only, or all of one rule.</summary>
    Task<IReadOnlyList<AlertIncident>> ListIncidentsAsync(long? ruleId, bool openOnly, CancellationToken cancellationToken);

    /// <summary>Records an action and applies it to the incident (with an Updated notice) in one transaction; returns the incident after it.</summary>
    Task<AlertIncident?> ApplyActionAsync(AlertAction action, CancellationToken cancellationToken);

    /// <summary>The action log of an incident (or of a rule when <paramref name="incidentId"/> is null), oldest first.</summary>
    Task<IReadOnlyList<AlertAction>> ListActionsAsync(long ruleId, long? incidentId, CancellationToken cancellationToken);

    /// <summary>New data arrived: ends every "mute until next import"; returns the incidents unmuted.</summary>
    Task<IReadOnlyList<long>> EndImportMutesAsync(DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>Queues a reminder if the incident was last notified at or before <paramref name="notifiedBefore"/>; false when another evaluation did already.</summary>
    Task<bool> AddReminderAsync(long incidentId, DateTimeOffset at, DateTimeOffset notifiedBefore, CancellationToken cancellationToken);

    /// <summary>Notices not yet handed to the outbox, oldest first.</summary>
    Task<IReadOnlyList<AlertNotice>> ListPendingNoticesAsync(int max, CancellationToken cancellationToken);

    Task MarkNoticeDoneAsync(long noticeId, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>Remembers a posted card (idempotent per incident × conversation: the newest activity id wins).</summary>
    Task SaveCardAsync(AlertCardPost card, CancellationToken cancellationToken);

    Task<IReadOnlyList<AlertCardPost>> ListCardsAsync(long incidentId, CancellationToken cancellationToken);
}
