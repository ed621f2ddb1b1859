namespace Bot.Core.Alerts;

/// <summary>What an evaluation does to incidents: the incidents touched (id 0 = new, to insert) and the notices to queue.</summary>
/// <param name="Current">Index in <see cref="Incidents"/> of the incident the scope's state points at afterwards, or null.</param>
public sealed record IncidentChanges(IReadOnlyList<AlertIncident> Incidents, IReadOnlyList<(int Incident, AlertNoticeKind Kind)> Notices, int? Current);

/// <summary>How incidents change: by evaluation steps, by a button, by a reminder. Pure; both stores persist what it returns.</summary>
public static class IncidentRules
{
    /// <param name="current">The incident the scope's stored state points at (open, or the last resolved one), or null.</param>
    public static IncidentChanges Apply(AlertIncident? current, AlertStepBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var incidents = new List<AlertIncident>();
        var notices = new List<(int, AlertNoticeKind)>();
        int? at = null;
        if (current is not null)
        {
            incidents.Add(current);
            at = 0;
        }

        foreach (var (state, transition) in batch.Steps)
        {
            var outcome = state.Last ?? throw new ArgumentException("Every step carries its day's outcome.", nameof(batch));
            switch (transition)
            {
                case AlertTransition.Open:
                    incidents.Add(new AlertIncident(0, batch.RuleId, batch.TargetKey, batch.TargetLabel, IncidentStatus.Firing, outcome.Day, batch.At, outcome, outcome, null, null, 0, false, batch.At, 0));
                    at = incidents.Count - 1;
                    notices.Add((at.Value, AlertNoticeKind.Opened));
                    break;
                case AlertTransition.Reopen when at is { } i:
                    // A new occurrence: the acknowledgement of the old one no longer holds; assignee and mutes do.
                    incidents[i] = incidents[i] with
                    {
                        Status = IncidentStatus.Firing, ResolvedDay = null, ResolvedAt = null, Reopens = incidents[i].Reopens + 1, Latest = outcome,
                        DataMissing = false, LastNotifiedAt = batch.At, AcknowledgedBy = null, AcknowledgedAt = null, TargetLabel = batch.TargetLabel,
                    };
                    notices.Add((i, AlertNoticeKind.Reopened));
                    break;
                case AlertTransition.Resolve when at is { } i:
                    incidents[i] = incidents[i] with { Status = IncidentStatus.Resolved, ResolvedDay = outcome.Day, ResolvedAt = batch.At, Latest = outcome, DataMissing = false };
                    notices.Add((i, AlertNoticeKind.Resolved));
                    break;
                case AlertTransition.Update when at is { } i && incidents[i].IsOpen:
                    incidents[i] = Observe(incidents[i], outcome, batch.TargetLabel);
                    notices.Add((i, AlertNoticeKind.Updated));
                    break;
                case AlertTransition.None when at is { } i && incidents[i].IsOpen:
                    incidents[i] = Observe(incidents[i], outcome, batch.TargetLabel);
                    break;
            }
        }

        // The card is rendered when a notice is sent, so one notice per incident is enough; "updated" only if nothing else.
        var kept = notices
            .Where(n => n.Item2 != AlertNoticeKind.Updated || notices.All(o => o.Item1 != n.Item1 || o.Item2 == AlertNoticeKind.Updated))
            .GroupBy(n => n)
            .Select(g => g.Key)
            .ToList();
        return new IncidentChanges(incidents, kept, at);
    }

    /// <summary>A button click.</summary>
    public static AlertIncident Apply(AlertIncident incident, AlertAction action)
    {
        ArgumentNullException.ThrowIfNull(incident);
        ArgumentNullException.ThrowIfNull(action);
        return action.Kind switch
        {
            AlertActionKind.Acknowledge => incident with { AcknowledgedBy = action.Actor, AcknowledgedAt = action.At },
            AlertActionKind.MuteDay => incident with { MutedUntil = action.At.AddDays(1), MutedUntilImport = false, MutedBy = action.Actor },
            AlertActionKind.MuteUntilImport => incident with { MutedUntilImport = true, MutedUntil = null, MutedBy = action.Actor },
            AlertActionKind.AssignToSelf => incident with { Assignee = action.Actor },
            _ => incident,
        };
    }

    public static AlertIncident Remind(AlertIncident incident, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(incident);
        return incident with { LastNotifiedAt = at, Reminders = incident.Reminders + 1 };
    }

    public static AlertIncident Close(AlertIncident incident, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(incident);
        return incident.IsOpen ? incident with { Status = IncidentStatus.Closed, ResolvedAt = at } : incident;
    }

    public static AlertIncident EndImportMute(AlertIncident incident)
    {
        ArgumentNullException.ThrowIfNull(incident);
        return incident with { MutedUntilImport = false };
    }

    private static AlertIncident Observe(AlertIncident incident, DayOutcome outcome, string label) =>
        incident with { Latest = outcome, DataMissing = outcome.Breached is null, TargetLabel = label };
}
