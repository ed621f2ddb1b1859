using Bot.Core.Alerts;

namespace Bot.Core.Tests.Alerts;

/// <summary>A hand-written <see cref="IAlertStore"/> over lists, with the SQLite store's semantics (versions, one open incident per scope).</summary>
public sealed class InMemoryAlertStore : IAlertStore
{
    private readonly Lock _lock = new();
    private readonly List<(AlertRule Rule, bool Removed)> _rules = [];
    private readonly Dictionary<(long, string), StoredScopeState> _states = [];
    private readonly List<AlertIncident> _incidents = [];
    private readonly List<AlertNotice> _notices = [];
    private readonly HashSet<long> _done = [];
    private readonly List<AlertCardPost> _cards = [];

    public List<AlertAction> Actions { get; } = [];

    public IReadOnlyList<AlertIncident> Incidents => _incidents;

    public IReadOnlyList<AlertNotice> Notices => _notices;

    public Task<AlertRule> AddRuleAsync(AlertRule rule, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            var saved = rule with { Id = _rules.Count + 1 };
            _rules.Add((saved, false));
            return Task.FromResult(saved);
        }
    }

    public Task<IReadOnlyList<AlertRule>> ListRulesAsync(CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return Task.FromResult<IReadOnlyList<AlertRule>>([.. _rules.Where(r => !r.Removed).Select(r => r.Rule)]);
        }
    }

    public Task<AlertRule?> GetRuleAsync(long id, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return Task.FromResult(_rules.Select(r => r.Rule).FirstOrDefault(r => r.Id == id));
        }
    }

    public Task<bool> RemoveRuleAsync(long id, AlertPerson actor, DateTimeOffset at, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            var index = _rules.FindIndex(r => r.Rule.Id == id && !r.Removed);
            if (index < 0)
            {
                return Task.FromResult(false);
            }

            _rules[index] = (_rules[index].Rule, true);
            Actions.Add(new AlertAction(Actions.Count + 1, id, null, AlertActionKind.RemoveRule, actor, at));
            foreach (var incident in _incidents.Where(i => i.RuleId == id && i.IsOpen).ToList())
            {
                Put(IncidentRules.Close(incident, at));
                Notice(incident.Id, AlertNoticeKind.Closed, at);
            }

            foreach (var key in _states.Keys.Where(k => k.Item1 == id).ToList())
            {
                _states.Remove(key);
            }

            return Task.FromResult(true);
        }
    }

    public Task<IReadOnlyList<StoredScopeState>> ListStatesAsync(long? ruleId, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return Task.FromResult<IReadOnlyList<StoredScopeState>>([.. _states.Values.Where(s => ruleId is null || s.RuleId == ruleId).OrderBy(s => s.RuleId).ThenBy(s => s.TargetKey, StringComparer.Ordinal)]);
        }
    }

    public Task<StoredScopeState?> SaveStepsAsync(AlertStepBatch batch, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            _states.TryGetValue((batch.RuleId, batch.TargetKey), out var stored);
            if ((stored?.Version ?? 0) != batch.ExpectedVersion)
            {
                return Task.FromResult<StoredScopeState?>(null);
            }

            var current = stored?.State.IncidentId is { } id ? _incidents.First(i => i.Id == id) : null;
            var changes = IncidentRules.Apply(current, batch);
            var ids = new long[changes.Incidents.Count];
            for (var i = 0; i < changes.Incidents.Count; i++)
            {
                var incident = changes.Incidents[i];
                if (incident.Id == 0)
                {
                    if (_incidents.Any(x => x.RuleId == incident.RuleId && x.TargetKey == incident.TargetKey && x.IsOpen))
                    {
                        throw new InvalidOperationException("Two open incidents for one scope.");
                    }

                    incident = incident with { Id = _incidents.Count + 1 };
                    _incidents.Add(incident);
                }
                else
                {
                    Put(incident);
                }

                ids[i] = incident.Id;
            }

            foreach (var (index, kind) in changes.Notices)
            {
                Notice(ids[index], kind, batch.At);
            }

            var final = batch.Steps[^1].State with { IncidentId = changes.Current is { } c ? ids[c] : null };
            var saved = new StoredScopeState(batch.RuleId, batch.TargetKey, batch.TargetLabel, final, batch.ExpectedVersion + 1);
            _states[(batch.RuleId, batch.TargetKey)] = saved;
            return Task.FromResult<StoredScopeState?>(saved);
        }
    }

    public Task CloseScopeAsync(long ruleId, string targetKey, DateTimeOffset at, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            foreach (var incident in _incidents.Where(i => i.RuleId == ruleId && i.TargetKey == targetKey && i.IsOpen).ToList())
            {
                Put(IncidentRules.Close(incident, at));
                Notice(incident.Id, AlertNoticeKind.Closed, at);
            }

            _states.Remove((ruleId, targetKey));
            return Task.CompletedTask;
        }
    }

    public Task<AlertIncident?> GetIncidentAsync(long id, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return Task.FromResult(_incidents.FirstOrDefault(i => i.Id == id));
        }
    }

    public Task<IReadOnlyList<AlertIncident>> ListIncidentsAsync(long? ruleId, bool openOnly, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return Task.FromResult<IReadOnlyList<AlertIncident>>([.. _incidents.Where(i => (ruleId is null || i.RuleId == ruleId) && (!openOnly || i.IsOpen)).OrderByDescending(i => i.Id)]);
        }
    }

    public Task<AlertIncident?> ApplyActionAsync(AlertAction action, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            if (_incidents.FirstOrDefault(i => i.Id == action.IncidentId) is not { } incident)
            {
                return Task.FromResult<AlertIncident?>(null);
            }

            var updated = IncidentRules.Apply(incident, action);
            Put(updated);
            Actions.Add(action with { Id = Actions.Count + 1 });
            Notice(incident.Id, AlertNoticeKind.Updated, action.At);
            return Task.FromResult<AlertIncident?>(updated);
        }
    }

    public Task<IReadOnlyList<AlertAction>> ListActionsAsync(long ruleId, long? incidentId, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return Task.FromResult<IReadOnlyList<AlertAction>>([.. Actions.Where(a => a.RuleId == ruleId && (incidentId is null || a.IncidentId == incidentId))]);
        }
    }

    public Task<IReadOnlyList<long>> EndImportMutesAsync(DateTimeOffset at, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            var muted = _incidents.Where(i => i.MutedUntilImport).ToList();
            foreach (var incident in muted)
            {
                Put(IncidentRules.EndImportMute(incident));
                if (incident.IsOpen)
                {
                    Notice(incident.Id, AlertNoticeKind.Updated, at);
                }
            }

            return Task.FromResult<IReadOnlyList<long>>([.. muted.Select(i => i.Id)]);
        }
    }

    public Task<bool> AddReminderAsync(long incidentId, DateTimeOffset at, DateTimeOffset notifiedBefore, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            if (_incidents.FirstOrDefault(i => i.Id == incidentId) is not { IsOpen: true } incident || incident.LastNotifiedAt > notifiedBefore)
            {
                return Task.FromResult(false);
            }

            Put(IncidentRules.Remind(incident, at));
            Notice(incidentId, AlertNoticeKind.Reminder, at);
            return Task.FromResult(true);
        }
    }

    public Task<IReadOnlyList<AlertNotice>> ListPendingNoticesAsync(int max, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return Task.FromResult<IReadOnlyList<AlertNotice>>([.. _notices.Where(n => !_done.Contains(n.Id)).Take(max)]);
        }
    }

    public Task MarkNoticeDoneAsync(long noticeId, DateTimeOffset at, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            _done.Add(noticeId);
            return Task.CompletedTask;
        }
    }

    public Task SaveCardAsync(AlertCardPost card, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            _cards.RemoveAll(c => c.IncidentId == card.IncidentId && c.ChannelId == card.ChannelId && c.ConversationId == card.ConversationId);
            _cards.Add(card);
            return Task.CompletedTask;
        }
    }

    public Task<IReadOnlyList<AlertCardPost>> ListCardsAsync(long incidentId, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return Task.FromResult<IReadOnlyList<AlertCardPost>>([.. _cards.Where(c => c.IncidentId == incidentId)]);
        }
    }

    private void Put(AlertIncident incident) => _incidents[_incidents.FindIndex(i => i.Id == incident.Id)] = incident;

    private void Notice(long incidentId, AlertNoticeKind kind, DateTimeOffset at) => _notices.Add(new AlertNotice(_notices.Count + 1, incidentId, kind, at));
}
