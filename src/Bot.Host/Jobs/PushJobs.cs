using System.Globalization;
using Bot.Host.Push;
using Quartz;

namespace Bot.Host.Jobs;

/// <summary>Fires one subscription's daily brief (one trigger per subscription, in its own time zone).</summary>
public sealed class DailyBriefJob(PushDispatcher dispatcher, ILogger<DailyBriefJob> logger) : IJob
{
    public static readonly JobKey Key = new("daily-brief", SubscriptionTriggers.JobGroup);

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default) =>
        await SubscriptionTriggers.RunAsync(context, dispatcher, logger, cancellationToken);
}

/// <summary>Fires one subscription's weekly to-do list.</summary>
public sealed class WeeklyTodoJob(PushDispatcher dispatcher, ILogger<WeeklyTodoJob> logger) : IJob
{
    public static readonly JobKey Key = new("weekly-todo", SubscriptionTriggers.JobGroup);

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default) =>
        await SubscriptionTriggers.RunAsync(context, dispatcher, logger, cancellationToken);
}

/// <summary>Trigger identities and job data shared by the push jobs and <see cref="QuartzSubscriptionScheduler"/>.</summary>
public static class SubscriptionTriggers
{
    public const string JobGroup = "push";
    public const string TriggerGroup = "subscriptions";
    public const string RecheckGroup = "rechecks";
    public const string SubscriptionIdKey = "subscriptionId";
    public const string OccurrenceKey = "occurrence";

    public static TriggerKey Key(long subscriptionId) => new("subscription-" + subscriptionId.ToString(CultureInfo.InvariantCulture), TriggerGroup);

    public static TriggerKey RecheckKey(long subscriptionId) => new("recheck-" + subscriptionId.ToString(CultureInfo.InvariantCulture), RecheckGroup);

    /// <summary>Runs a firing; one failing conversation is logged and skipped, it never breaks the scheduler.</summary>
    internal static async Task RunAsync(IJobExecutionContext context, PushDispatcher dispatcher, ILogger logger, CancellationToken cancellationToken)
    {
        var data = context.MergedJobDataMap;
        if (!data.TryGetValue(SubscriptionIdKey, out var raw) || !long.TryParse(Convert.ToString(raw, CultureInfo.InvariantCulture), NumberStyles.Integer, CultureInfo.InvariantCulture, out var id))
        {
            logger.LogWarning("Trigger {Trigger} has no subscription id; ignored", context.Trigger.Key);
            return;
        }

        DateTimeOffset? recheck = data.TryGetValue(OccurrenceKey, out var occurrence) && occurrence is not null
            ? DateTimeOffset.Parse(Convert.ToString(occurrence, CultureInfo.InvariantCulture)!, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind)
            : null;
        try
        {
            var result = await dispatcher.FireAsync(id, context.ScheduledFireTimeUtc ?? context.FireTimeUtc, recheck, cancellationToken);
            logger.LogDebug("Subscription {SubscriptionId} fired: {Outcome}", id, result.Outcome);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "Subscription {SubscriptionId} failed to fire", id);
        }
    }
}
