namespace Bot.Core.Alerts;

/// <summary>An incident as a dry run (or a test) sees it: when it opened, reopened and resolved.</summary>
public sealed record SimulatedIncident(DateOnly Opened, DateOnly? Resolved, int Reopens, DayOutcome First, DayOutcome Worst);

/// <summary>The result of running the state machine over a series of days.</summary>
public sealed record SimulationResult(IReadOnlyList<SimulatedIncident> Incidents, IReadOnlyList<(DayOutcome Outcome, AlertState State, AlertTransition Transition)> Steps)
{
    public int NoDataDays => Steps.Count(s => s.State == AlertState.NoData);

    public int BreachedDays => Steps.Count(s => s.Outcome.Breached == true);
}

/// <summary>Replays the state machine day by day from a fresh state: the same logic the live evaluation runs. Pure.</summary>
public static class AlertSimulation
{
    /// <param name="outcomes">Consecutive days, oldest first; may start before <paramref name="from"/> so early streaks count.</param>
    /// <param name="from">First day whose step is reported.</param>
    public static SimulationResult Run(IReadOnlyList<DayOutcome> outcomes, DateOnly from, int forDays, int damping, Func<DayOutcome, DayOutcome, bool> worse)
    {
        ArgumentNullException.ThrowIfNull(outcomes);
        ArgumentNullException.ThrowIfNull(worse);
        ScopeState? state = null;
        var incidents = new List<SimulatedIncident>();
        var steps = new List<(DayOutcome, AlertState, AlertTransition)>();
        var current = -1;
        for (var i = 0; i < outcomes.Count; i++)
        {
            var outcome = outcomes[i];
            if (outcome.Day < from || outcome.Excluded)
            {
                continue;
            }

            var (next, transition) = AlertStateMachine.Step(state, outcome, AlertStateMachine.StreakAt(outcomes, i), forDays, damping);
            switch (transition)
            {
                case AlertTransition.Open:
                    incidents.Add(new SimulatedIncident(outcome.Day, null, 0, outcome, outcome));
                    current = incidents.Count - 1;
                    break;
                case AlertTransition.Reopen:
                    incidents[current] = incidents[current] with { Resolved = null, Reopens = incidents[current].Reopens + 1 };
                    break;
                case AlertTransition.Resolve:
                    incidents[current] = incidents[current] with { Resolved = outcome.Day };
                    break;
            }

            if (current >= 0 && next.IncidentOpen && outcome.Breached == true && worse(outcome, incidents[current].Worst))
            {
                incidents[current] = incidents[current] with { Worst = outcome };
            }

            // The store assigns real ids; here the incident's position stands in for it.
            state = next with { IncidentId = current >= 0 ? current + 1 : null };
            steps.Add((outcome, next.State, transition));
        }

        return new SimulationResult(incidents, steps);
    }

    /// <summary>"Worse" for a rule: further below (or above) its limit.</summary>
    public static Func<DayOutcome, DayOutcome, bool> WorseFor(AlertCondition condition)
    {
        ArgumentNullException.ThrowIfNull(condition);
        return (a, b) => a.Value is { } x && (b.Value is not { } y || (condition.Direction == AlertDirection.Below ? Ratio(x, a.Limit) < Ratio(y, b.Limit) : Ratio(x, a.Limit) > Ratio(y, b.Limit)));
    }

    private static double Ratio(double value, double? limit) => limit is { } l && l != 0 ? value / l : value;
}
