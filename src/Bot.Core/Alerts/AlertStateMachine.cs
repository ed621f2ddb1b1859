namespace Bot.Core.Alerts;

/// <summary>The state of one rule in one scope (e.g. one shop).</summary>
public enum AlertState
{
    /// <summary>The condition does not hold.</summary>
    Ok,

    /// <summary>The condition holds, but not yet for the rule's number of days in a row.</summary>
    Pending,

    /// <summary>The condition held long enough: an incident is open.</summary>
    Firing,

    /// <summary>The incident closed; within the flap-damping window it reopens instead of opening a new one.</summary>
    Resolved,

    /// <summary>The day's data (or its baseline) is missing: neither ok nor firing. An open incident stays open.</summary>
    NoData,
}

/// <summary>One day checked against a rule: the value, what it was compared with, and whether it breached.</summary>
/// <param name="Breached">Null when there was nothing to compare (no data, no baseline).</param>
/// <param name="Reference">The baseline, benchmark or goal target the limit was derived from.</param>
/// <param name="Detail">Extra words for the card, e.g. the SKUs below cover or the goal's actual.</param>
public sealed record DayOutcome(DateOnly Day, double? Value, double? Reference, double? Limit, bool? Breached, string? Detail = null)
{
    /// <summary>A campaign day a baseline rule does not judge: it is skipped, neither ok nor breached, and does not break a streak.</summary>
    public bool Excluded { get; init; }

    public static DayOutcome NoData(DateOnly day, string why) => new(day, null, null, null, null, why);

    public static DayOutcome Campaign(DateOnly day) => new(day, null, null, null, null, "campaign day: not compared with the baseline") { Excluded = true };
}

/// <summary>What a step did to the incident of the scope.</summary>
public enum AlertTransition
{
    None,

    /// <summary>A new incident (and card).</summary>
    Open,

    /// <summary>The resolved incident fired again within the damping window: the same incident and card.</summary>
    Reopen,

    Resolve,

    /// <summary>The open incident's numbers or data status changed: refresh its card, no new message.</summary>
    Update,
}

/// <summary>Remembered per rule × scope between evaluations.</summary>
/// <param name="AsOf">The last data day evaluated.</param>
/// <param name="Evaluations">How many distinct data days were evaluated (re-runs on the same day do not count).</param>
/// <param name="Streak">Breached days in a row up to <paramref name="AsOf"/>.</param>
/// <param name="IncidentId">The open incident, or the last resolved one (for reopening); null before the store assigns one.</param>
/// <param name="ResolvedAtEvaluation">The evaluation number at which the last incident resolved.</param>
public sealed record ScopeState(
    AlertState State,
    DateOnly AsOf,
    int Evaluations,
    int Streak,
    long? IncidentId,
    bool IncidentOpen,
    int? ResolvedAtEvaluation,
    DayOutcome? Last);

/// <summary>ok → pending → firing → resolved, plus no-data, with flap damping. Pure: the engine persists what it returns.</summary>
public static class AlertStateMachine
{
    /// <param name="previous">The state before, or null for a scope never evaluated.</param>
    /// <param name="outcome">The day evaluated (the same day as before re-evaluates it with fresh data).</param>
    /// <param name="streak">Breached days in a row ending on the outcome's day (0 when not breached).</param>
    /// <param name="forDays">Days in a row the rule needs before it fires.</param>
    /// <param name="damping">Evaluations after a resolution during which a new firing reopens the same incident.</param>
    public static (ScopeState State, AlertTransition Transition) Step(ScopeState? previous, DayOutcome outcome, int streak, int forDays, int damping)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        var newDay = previous is null || outcome.Day > previous.AsOf;
        var evaluations = (previous?.Evaluations ?? 0) + (newDay ? 1 : 0);
        var open = previous?.IncidentOpen ?? false;
        var incident = previous?.IncidentId;
        var resolvedAt = previous?.ResolvedAtEvaluation;
        var withinDamping = incident is not null && !open && resolvedAt is { } r && evaluations - r <= damping;

        ScopeState Next(AlertState state, bool incidentOpen, int? resolved = null) =>
            new(state, outcome.Day, evaluations, streak, incident, incidentOpen, resolved ?? resolvedAt, outcome);

        switch (outcome.Breached)
        {
            case null:
                // Missing data is its own state; it neither resolves an open incident nor fires a new one.
                var changed = open && previous!.State != AlertState.NoData;
                return (Next(AlertState.NoData, open) with { Streak = 0 }, changed ? AlertTransition.Update : AlertTransition.None);

            case true when open:
                return (Next(AlertState.Firing, true), Changed(previous!, outcome) ? AlertTransition.Update : AlertTransition.None);

            case true when streak >= forDays:
                if (withinDamping)
                {
                    return (Next(AlertState.Firing, true), AlertTransition.Reopen);
                }

                incident = null;
                return (Next(AlertState.Firing, true) with { ResolvedAtEvaluation = null }, AlertTransition.Open);

            case true:
                return (Next(AlertState.Pending, false), AlertTransition.None);

            case false when open:
                return (Next(AlertState.Resolved, false, evaluations), AlertTransition.Resolve);

            default:
                return (Next(withinDamping ? AlertState.Resolved : AlertState.Ok, false), AlertTransition.None);
        }
    }

    /// <summary>Breached days in a row ending at <paramref name="index"/>: consecutive calendar days, skipping excluded (campaign) days.</summary>
    public static int StreakAt(IReadOnlyList<DayOutcome> outcomes, int index)
    {
        ArgumentNullException.ThrowIfNull(outcomes);
        var streak = 0;
        for (var i = index; i >= 0; i--)
        {
            if (i < index && outcomes[i].Day != outcomes[i + 1].Day.AddDays(-1))
            {
                break;
            }

            if (outcomes[i].Excluded)
            {
                continue;
            }

            if (outcomes[i].Breached != true)
            {
                break;
            }

            streak++;
        }

        return streak;
    }

    private static bool Changed(ScopeState previous, DayOutcome outcome) =>
        previous.State == AlertState.NoData || previous.Last is not { } last || last.Day != outcome.Day || last.Value != outcome.Value || last.Limit != outcome.Limit;
}
