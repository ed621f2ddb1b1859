using System.Globalization;
using Bot.Core.Push;
using Quartz;

namespace Bot.Host.Jobs;

/// <summary>Keeps one Quartz cron trigger per scheduled subscription, in the subscription's own time zone.</summary>
/// <remarks>
/// The cron trigger is evaluated by Quartz in the subscription's IANA zone (<c>CronScheduleBuilder.InTimeZone</c>), so
/// 09:00 New York stays 09:00 across DST. Its misfire instruction is fire-once-now: after downtime the missed slot fires
/// once when the bot is back, and <see cref="Push.PushDispatcher"/> decides from the misfire grace whether to send it.
/// </remarks>
public sealed class QuartzSubscriptionScheduler(ISchedulerFactory schedulers, TimeProvider time, ILogger<QuartzSubscriptionScheduler> logger) : ISubscriptionScheduler
{
    public bool Enabled => true;

    public async Task ScheduleAsync(Subscription subscription, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(subscription);
        var scheduler = await schedulers.GetScheduler(cancellationToken);
        if (Build(subscription, time.GetUtcNow()) is not { } trigger)
        {
            await scheduler.UnscheduleJob(SubscriptionTriggers.Key(subscription.Id), cancellationToken);
            return;
        }

        var result = await scheduler.ScheduleTrigger(trigger, TriggerConflict.Replace, cancellationToken);
        logger.LogInformation("Scheduled subscription {SubscriptionId} ({Cron} in {Zone}); next at {Next:u}", subscription.Id, subscription.Schedule!.ToCron(), subscription.Schedule.Zone.Id, result.NextFireTimeUtc);
    }

    public async Task UnscheduleAsync(Subscription subscription, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(subscription);
        var scheduler = await schedulers.GetScheduler(cancellationToken);
        await scheduler.UnscheduleJob(SubscriptionTriggers.Key(subscription.Id), cancellationToken);
        await scheduler.UnscheduleJob(SubscriptionTriggers.RecheckKey(subscription.Id), cancellationToken);
    }

    public async Task ScheduleRecheckAsync(Subscription subscription, DateTimeOffset occurrence, DateTimeOffset at, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(subscription);
        if (JobFor(subscription.Kind) is not { } job)
        {
            return;
        }

        var trigger = TriggerBuilder.Create()
            .WithIdentity(SubscriptionTriggers.RecheckKey(subscription.Id))
            .ForJob(job)
            .UsingJobData(SubscriptionTriggers.SubscriptionIdKey, subscription.Id.ToString(CultureInfo.InvariantCulture))
            .UsingJobData(SubscriptionTriggers.OccurrenceKey, occurrence.ToString("O", CultureInfo.InvariantCulture))
            .StartAt(at)
            .WithSimpleSchedule(s => s.WithMisfireInstruction(SimpleTriggerMisfireInstruction.FireNow))
            .Build();
        var scheduler = await schedulers.GetScheduler(cancellationToken);
        await scheduler.ScheduleTrigger(trigger, TriggerConflict.Replace, cancellationToken);
    }

    /// <summary>The cron trigger for a subscription, or null when it has no schedule (alerts).</summary>
    public static ITrigger? Build(Subscription subscription, DateTimeOffset startAt)
    {
        ArgumentNullException.ThrowIfNull(subscription);
        if (subscription.Schedule is not { } schedule || JobFor(subscription.Kind) is not { } job)
        {
            return null;
        }

        return TriggerBuilder.Create()
            .WithIdentity(SubscriptionTriggers.Key(subscription.Id))
            .WithDescription($"{PushKinds.Name(subscription.Kind)} for {subscription.ConversationId} at {schedule}")
            .ForJob(job)
            .UsingJobData(SubscriptionTriggers.SubscriptionIdKey, subscription.Id.ToString(CultureInfo.InvariantCulture))
            .StartAt(startAt)
            .WithCronSchedule(schedule.ToCron(), c => c.InTimeZone(schedule.Zone).WithMisfireInstruction(CronTriggerMisfireInstruction.FireAndProceed))
            .Build();
    }

    public static JobKey? JobFor(SubscriptionKind kind) => kind switch
    {
        SubscriptionKind.Brief => DailyBriefJob.Key,
        SubscriptionKind.Todo => WeeklyTodoJob.Key,
        _ => null,
    };
}

/// <summary>Used when <c>Schedule:Enabled</c> is false: subscriptions are stored, nothing fires.</summary>
public sealed class DisabledSubscriptionScheduler : ISubscriptionScheduler
{
    public bool Enabled => false;

    public Task ScheduleAsync(Subscription subscription, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task UnscheduleAsync(Subscription subscription, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task ScheduleRecheckAsync(Subscription subscription, DateTimeOffset occurrence, DateTimeOffset at, CancellationToken cancellationToken) => Task.CompletedTask;
}
