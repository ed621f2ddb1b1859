using Bot.Core.Alerts;

namespace Bot.Core.Tests.Alerts;

public sealed class AlertStateMachineTests
{
    private static readonly DateOnly Start = A.Day("2026-03-01");

    /// <summary>'x' breached, '.' clear, '?' no data — one character per consecutive day from <see cref="Start"/>.</summary>
    private static List<DayOutcome> Days(string pattern) =>
        [.. pattern.Select((c, i) => c == '?'
            ? DayOutcome.NoData(Start.AddDays(i), "no data")
            : new DayOutcome(Start.AddDays(i), c == 'x' ? 1 : 3, 2, 2, c == 'x'))];

    private static SimulationResult Run(string pattern, int forDays = 1, int damping = 3) =>
        AlertSimulation.Run(Days(pattern), Start, forDays, damping, AlertSimulation.WorseFor(new AlertCondition(AlertKind.Threshold, AlertDirection.Below, 2)));

    private static string States(SimulationResult result) => string.Concat(result.Steps.Select(s => s.State switch
    {
        AlertState.Ok => 'o',
        AlertState.Pending => 'p',
        AlertState.Firing => 'F',
        AlertState.Resolved => 'r',
        _ => '?',
    }));

    [Fact]
    public void Step_ThreeDaysRule_GoesOkPendingFiringResolvedOk()
    {
        var result = Run("..xxx.....", forDays: 3);

        Assert.Equal("oopp" + "F" + "rrrr" + "o", States(result));
        var incident = Assert.Single(result.Incidents);
        Assert.Equal(Start.AddDays(4), incident.Opened);
        Assert.Equal(Start.AddDays(5), incident.Resolved);
    }

    [Fact]
    public void Step_TwoBreachedDays_NeverFiresAThreeDayRule()
    {
        var result = Run("xx.xx.xx.", forDays: 3);

        Assert.Empty(result.Incidents);
        Assert.DoesNotContain(result.Steps, s => s.State == AlertState.Firing);
    }

    [Fact]
    public void Step_MissingData_IsItsOwnStateNotOk()
    {
        var result = Run("..??..");

        Assert.Equal("oo??oo", States(result));
        Assert.Empty(result.Incidents);
    }

    [Fact]
    public void Step_MissingDataWhileFiring_KeepsTheIncidentOpen()
    {
        var result = Run(".x??x.");

        Assert.Equal("oF??Fr", States(result));
        var incident = Assert.Single(result.Incidents);
        Assert.Equal(Start.AddDays(1), incident.Opened);
        Assert.Equal(Start.AddDays(5), incident.Resolved);
        Assert.Equal(AlertTransition.Update, result.Steps[2].Transition);
    }

    [Fact]
    public void Step_MissingDayInsideAStreak_BreaksTheStreak()
    {
        var result = Run("xx?xx.", forDays: 3);

        Assert.Empty(result.Incidents);
    }

    [Fact]
    public void Step_FlappingSeries_IsOneIncidentReopened()
    {
        var result = Run("x.x.x.x.x.", damping: 3);

        var incident = Assert.Single(result.Incidents);
        Assert.Equal(4, incident.Reopens);
        Assert.Equal(Start.AddDays(9), incident.Resolved);
    }

    [Fact]
    public void Step_FiringAgainAfterTheDampingWindow_OpensANewIncident()
    {
        var result = Run("x....x", damping: 3);

        Assert.Equal(2, result.Incidents.Count);
        Assert.Equal([Start, Start.AddDays(5)], result.Incidents.Select(i => i.Opened));
    }

    [Fact]
    public void Step_FiringAgainOnTheLastDayOfTheWindow_Reopens()
    {
        var result = Run("x...x", damping: 3);

        Assert.Equal(1, Assert.Single(result.Incidents).Reopens);
    }

    [Fact]
    public void Step_SameDayAgainWithSameData_ChangesNothing()
    {
        var day = new DayOutcome(Start, 1, 2, 2, true);
        var (first, opened) = AlertStateMachine.Step(null, day, 1, 1, 3);

        var (second, transition) = AlertStateMachine.Step(first, day, 1, 1, 3);

        Assert.Equal(AlertTransition.Open, opened);
        Assert.Equal(AlertTransition.None, transition);
        Assert.Equal(first, second);
        Assert.Equal(1, second.Evaluations);
    }

    [Fact]
    public void Step_SameDayReimportedRecovered_ResolvesWithoutCountingAnEvaluation()
    {
        var (firing, _) = AlertStateMachine.Step(null, new DayOutcome(Start, 1, 2, 2, true), 1, 1, 3);

        var (resolved, transition) = AlertStateMachine.Step(firing with { IncidentId = 7 }, new DayOutcome(Start, 3, 2, 2, false), 0, 1, 3);

        Assert.Equal(AlertTransition.Resolve, transition);
        Assert.Equal(AlertState.Resolved, resolved.State);
        Assert.Equal(1, resolved.Evaluations);
        Assert.Equal(7, resolved.IncidentId);
    }

    [Fact]
    public void StreakAt_CountsConsecutiveBreachedDaysOnly()
    {
        var days = Days("x.xxx");

        Assert.Equal(3, AlertStateMachine.StreakAt(days, 4));
        Assert.Equal(0, AlertStateMachine.StreakAt(days, 1));
        Assert.Equal(1, AlertStateMachine.StreakAt(days, 0));
    }
}
