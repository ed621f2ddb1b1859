using System.Globalization;
using Bot.Core.Metrics;
using Bot.Core.Periods;
using Bot.Core.Time;
using Microsoft.Extensions.Logging;

namespace Bot.Core.Alerts;

/// <summary>What one evaluation run did.</summary>
public sealed record AlertRunSummary(DateOnly? AsOf, int Rules, int Scopes, int Opened, int Reopened, int Resolved, int Reminders, int Failed)
{
    public static AlertRunSummary Empty { get; } = new(null, 0, 0, 0, 0, 0, 0, 0);
}

/// <summary>Evaluates every rule in every scope against the newest data and persists what changed: states, incidents, notices, reminders.</summary>
/// <remarks>
/// The data day evaluated is the newest day in the store. A scope seen before is stepped through each new
/// day since its last evaluation (at most <see cref="AlertOptions.MaxCatchUpDays"/>), so "3 days in a row"
/// fires on the right day even when several days arrive in one import. Each rule × scope is saved in one
/// transaction guarded by a version, so a restart or a second process (the CLI import) neither loses nor
/// duplicates an incident. Runs in this process are serialized; one failing rule is logged and skipped.
/// </remarks>
public sealed class AlertEngine(IAlertStore alerts, IMetricStore metrics, AlertEvaluator evaluator, AlertOptions options, TeamClock clock, ILogger<AlertEngine> logger) : IDisposable
{
    private const int MaxAttempts = 3;

    private readonly SemaphoreSlim _gate = new(1, 1);

    /// <summary>Evaluates all rules (or one), then queues reminders for incidents whose cool-down has passed.</summary>
    public async Task<AlertRunSummary> EvaluateAsync(long? ruleId, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            return await RunAsync(ruleId, cancellationToken);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>New data arrived: "mute until next import" ends, then everything is evaluated.</summary>
    public async Task<AlertRunSummary> OnDataImportedAsync(CancellationToken cancellationToken)
    {
        var unmuted = await alerts.EndImportMutesAsync(clock.Time.GetUtcNow(), cancellationToken);
        if (unmuted.Count > 0)
        {
            logger.LogInformation("New data ended the mute of {Count} alert incident(s)", unmuted.Count);
        }

        return await EvaluateAsync(null, cancellationToken);
    }

    private async Task<AlertRunSummary> RunAsync(long? onlyRule, CancellationToken cancellationToken)
    {
        var now = clock.Time.GetUtcNow();
        var rules = (await alerts.ListRulesAsync(cancellationToken)).Where(r => onlyRule is null || r.Id == onlyRule).ToList();
        var asOf = await metrics.GetLastDataDayAsync(null, cancellationToken);
        var tally = new Tally();
        if (asOf is { } day && rules.Count > 0)
        {
            var history = rules.Max(evaluator.HistoryDays) + options.MaxCatchUpDays;
            var data = new AlertData(metrics, new DateRange(day.AddDays(-history), day));
            var states = (await alerts.ListStatesAsync(onlyRule, cancellationToken)).ToLookup(s => s.RuleId);
            foreach (var rule in rules)
            {
                try
                {
                    await EvaluateRuleAsync(rule, day, data, states[rule.Id].ToDictionary(s => s.TargetKey, StringComparer.Ordinal), now, tally, cancellationToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    tally.Failed++;
                    logger.LogError(ex, "Alert rule {RuleId} failed to evaluate", rule.Id);
                }
            }
        }

        if (onlyRule is null)
        {
            await RemindAsync(now, tally, cancellationToken);
        }

        var summary = new AlertRunSummary(asOf, rules.Count, tally.Scopes, tally.Opened, tally.Reopened, tally.Resolved, tally.Reminders, tally.Failed);
        logger.LogInformation(
            "Evaluated {Rules} alert rule(s) in {Scopes} scope(s) as of {AsOf}: {Opened} opened, {Reopened} reopened, {Resolved} resolved, {Reminders} reminder(s), {Failed} failed",
            summary.Rules, summary.Scopes, asOf?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "(no data)", summary.Opened, summary.Reopened, summary.Resolved, summary.Reminders, summary.Failed);
        return summary;
    }

    private async Task EvaluateRuleAsync(AlertRule rule, DateOnly asOf, AlertData data, Dictionary<string, StoredScopeState> states, DateTimeOffset now, Tally tally, CancellationToken cancellationToken)
    {
        var targets = await AlertEvaluator.TargetsAsync(rule, data, asOf, cancellationToken);
        foreach (var target in targets)
        {
            tally.Scopes++;
            states.TryGetValue(target.Key, out var stored);
            for (var attempt = 1; ; attempt++)
            {
                var steps = await StepsAsync(rule, target, stored?.State, asOf, data, cancellationToken);
                if (steps.Count == 0 || (steps is [(var only, AlertTransition.None)] && stored is not null && only == stored.State && target.Label == stored.TargetLabel))
                {
                    break;
                }

                var saved = await alerts.SaveStepsAsync(new AlertStepBatch(rule.Id, target.Key, target.Label, stored?.Version ?? 0, steps, now), cancellationToken);
                if (saved is not null)
                {
                    tally.Count(steps);
                    break;
                }

                if (attempt == MaxAttempts)
                {
                    logger.LogWarning("Alert rule {RuleId} scope {Scope} kept changing under evaluation; left for the next run", rule.Id, target.Key);
                    break;
                }

                // Another process evaluated this scope meanwhile: start again from what it saved.
                stored = (await alerts.ListStatesAsync(rule.Id, cancellationToken)).FirstOrDefault(s => s.TargetKey == target.Key);
            }
        }

        foreach (var gone in states.Keys.Except(targets.Select(t => t.Key), StringComparer.Ordinal))
        {
            await alerts.CloseScopeAsync(rule.Id, gone, now, cancellationToken);
        }
    }

    private async Task<List<(ScopeState State, AlertTransition Transition)>> StepsAsync(AlertRule rule, AlertTarget target, ScopeState? previous, DateOnly asOf, AlertData data, CancellationToken cancellationToken)
    {
        // A new scope starts at the newest day: older days are history, not news. A known scope steps through
        // the days it has not seen (capped), or re-evaluates the newest day when no new day arrived.
        var first = previous is { } p && asOf > p.AsOf
            ? Max(p.AsOf.AddDays(1), asOf.AddDays(1 - options.MaxCatchUpDays))
            : asOf;
        var outcomes = await evaluator.OutcomesAsync(rule, target, new DateRange(first.AddDays(-rule.ForDays), asOf), data, cancellationToken);
        var steps = new List<(ScopeState, AlertTransition)>();
        var state = previous;
        for (var i = 0; i < outcomes.Count; i++)
        {
            if (outcomes[i].Day < first || outcomes[i].Excluded)
            {
                continue;
            }

            var (next, transition) = AlertStateMachine.Step(state, outcomes[i], AlertStateMachine.StreakAt(outcomes, i), rule.ForDays, options.FlapDampingEvaluations);
            steps.Add((next, transition));
            state = next;
        }

        return steps;
    }

    private async Task RemindAsync(DateTimeOffset now, Tally tally, CancellationToken cancellationToken)
    {
        var cooldown = TimeSpan.FromHours(options.ReminderCooldownHours);
        foreach (var incident in await alerts.ListIncidentsAsync(null, openOnly: true, cancellationToken))
        {
            if (incident.AcknowledgedBy is null && !incident.IsMuted(now) && !incident.DataMissing && now - incident.LastNotifiedAt >= cooldown
                && await alerts.AddReminderAsync(incident.Id, now, now - cooldown, cancellationToken))
            {
                tally.Reminders++;
            }
        }
    }

    public void Dispose() => _gate.Dispose();

    private static DateOnly Max(DateOnly a, DateOnly b) => a > b ? a : b;

    private sealed class Tally
    {
        public int Scopes { get; set; }

        public int Opened { get; set; }

        public int Reopened { get; set; }

        public int Resolved { get; set; }

        public int Reminders { get; set; }

        public int Failed { get; set; }

        public void Count(IEnumerable<(ScopeState State, AlertTransition Transition)> steps)
        {
            foreach (var (_, transition) in steps)
            {
                switch (transition)
                {
                    case AlertTransition.Open:
                        Opened++;
                        break;
                    case AlertTransition.Reopen:
                        Reopened++;
                        break;
                    case AlertTransition.Resolve:
                        Resolved++;
                        break;
                }
            }
        }
    }
}
