using Bot.Core.Push;
using Bot.Host.Push;
using Microsoft.Extensions.Options;
using Quartz;

namespace Bot.Host.Jobs;

/// <summary>At startup: re-declares one trigger per subscription from the subscriptions table, then catches up on missed sends.</summary>
/// <remarks>
/// A trigger that is already stored unchanged is kept, so Quartz's own misfire handling still sees the slot it missed
/// while the bot was down. Changed or missing ones are (re)declared; triggers of removed subscriptions are dropped.
/// The catch-up then fires each subscription for its latest slot: the dispatcher sends it if it is within the grace
/// and not yet queued — a no-op otherwise — so a slot is never lost between a crash and the next start.
/// </remarks>
public sealed class SubscriptionStartup(
    ISchedulerFactory schedulers,
    ISubscriptionStore subscriptions,
    PushDispatcher dispatcher,
    IOptions<ScheduleOptions> options,
    TimeProvider time,
    ILogger<SubscriptionStartup> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var all = await subscriptions.ListAllAsync(stoppingToken);
        var scheduler = await schedulers.GetScheduler(stoppingToken);
        var now = time.GetUtcNow();
        var (kept, declared) = (0, 0);
        foreach (var subscription in all)
        {
            if (QuartzSubscriptionScheduler.Build(subscription, now) is not { } wanted)
            {
                continue;
            }

            if (await scheduler.GetTrigger(wanted.Key, stoppingToken) is ICronTrigger existing && Same(existing, (ICronTrigger)wanted))
            {
                kept++;
                continue;
            }

            await scheduler.ScheduleTrigger(wanted, TriggerConflict.Replace, stoppingToken);
            declared++;
        }

        var wantedKeys = all.Where(s => s.Schedule is not null).Select(s => SubscriptionTriggers.Key(s.Id)).ToHashSet();
        var stored = await scheduler.QueryTriggers(new TriggerQuery { Group = GroupMatcher<TriggerKey>.GroupEquals(SubscriptionTriggers.TriggerGroup), Take = 10_000 }, stoppingToken);
        var orphans = stored.Items.Select(t => t.Key).Where(k => !wantedKeys.Contains(k)).ToList();
        if (orphans.Count > 0)
        {
            await scheduler.UnscheduleJobs(orphans, stoppingToken);
        }

        logger.LogInformation("Subscription triggers: {Kept} kept, {Declared} declared, {Removed} removed", kept, declared, orphans.Count);

        // Only slots still inside the grace: older misses are reported by the next message, not re-logged at every start.
        var due = all.Where(s => s.Active && s.Schedule?.LatestAtOrBefore(now) is { } slot && slot >= s.Since && now - slot <= options.Value.MisfireGrace);
        foreach (var subscription in due)
        {
            try
            {
                await dispatcher.FireAsync(subscription.Id, now, null, stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogError(ex, "Catch-up for subscription {SubscriptionId} failed", subscription.Id);
            }
        }
    }

    private static bool Same(ICronTrigger existing, ICronTrigger wanted) =>
        existing.CronExpressionString == wanted.CronExpressionString
        && existing.TimeZone.Id == wanted.TimeZone.Id
        && existing.JobKey.Equals(wanted.JobKey);
}
