using Bot.Core.Plans;
using Bot.Core.Push;
using Bot.Core.Time;
using Bot.Host.Push;
using Bot.Storage.Plans;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Quartz;

namespace Bot.Host.Plans;

public static class PlanHostExtensions
{
    /// <summary>Weekly plans in the host: the SQLite store, approval cards and posts through the outbox, the reminder job (<c>Plans:*</c>).</summary>
    /// <remarks>
    /// Replaces Core's in-memory defaults (<see cref="PlanServiceCollectionExtensions.AddPlanning"/>). Messages to other
    /// conversations go through the push outbox when it is registered; without it they are logged as unsent. The
    /// reminder job is scheduled only when <c>Schedule:Enabled</c> is not false (tests call <see cref="PlanService.RunDueAsync"/>).
    /// </remarks>
    public static IServiceCollection AddPlans(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<PlanOptions>()
            .BindConfiguration(PlanOptions.Section)
            .ValidateDataAnnotations()
            .Validate(o => IsValidCron(o.CheckCron), "Plans:CheckCron is not a valid Quartz cron expression (seconds first, e.g. \"0 0/10 * * * ?\").")
            .ValidateOnStart();
        services.RemoveAll<PlanOptions>();
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<PlanOptions>>().Value);

        services.RemoveAll<IPlanStore>();
        services.AddSingleton<PlanStore>();
        services.AddSingleton<IPlanStore>(sp => sp.GetRequiredService<PlanStore>());

        services.RemoveAll<IPlanNotifier>();
        services.AddSingleton<IPlanNotifier>(sp => sp.GetService<IOutbox>() is { } outbox
            ? ActivatorUtilities.CreateInstance<OutboxPlanNotifier>(sp, outbox)
            : ActivatorUtilities.CreateInstance<UnsentPlanNotifier>(sp));

        services.AddScoped<PlanReminderJob>();
        if (configuration.GetValue("Schedule:Enabled", true))
        {
            var cron = configuration.GetValue<string>($"{PlanOptions.Section}:{nameof(PlanOptions.CheckCron)}") ?? new PlanOptions().CheckCron;
            TeamClock.TryFindZone(configuration["Team:TimeZone"], out var zone);
            services.AddQuartz(q =>
            {
                q.AddJob<PlanReminderJob>(j => j.WithIdentity(PlanReminderJob.Key).StoreDurably());
                q.AddTrigger(t => t.ForJob(PlanReminderJob.Key)
                    .WithIdentity(PlanReminderJob.Key.Name)
                    .WithCronSchedule(IsValidCron(cron) ? cron : new PlanOptions().CheckCron, c => c.InTimeZone(zone).WithMisfireInstruction(CronTriggerMisfireInstruction.DoNothing)));
            });
        }

        return services;
    }

    private static bool IsValidCron(string? cron)
    {
        if (string.IsNullOrWhiteSpace(cron))
        {
            return false;
        }

        try
        {
            _ = new CronExpression(cron);
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }
}

/// <summary>Sends plan messages through the push outbox: queued under a unique key, delivered and retried by its worker.</summary>
public sealed class OutboxPlanNotifier(IOutbox outbox, TimeProvider time, ILogger<OutboxPlanNotifier> logger, OutboxSignal? signal = null, SentActivityUpdater? updater = null) : IPlanNotifier
{
    public async Task SendAsync(PlanConversation conversation, Bot.Core.Replies.Reply reply, string key, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(conversation);
        ArgumentNullException.ThrowIfNull(reply);
        var activity = Bot.Channel.Protocol.OutboundActivity.FromReply(reply);

        // The outbox knows brief, todo and alerts; a plan belongs with the weekly to-do list.
        var message = new OutboxMessage(key, SubscriptionKind.Todo, conversation.ChannelId, conversation.ConversationId, reply.Title, Bot.Channel.Protocol.ProtocolJson.Write(activity), Bot.Core.Replies.ReplyText.Render(reply));
        if (await outbox.EnqueueAsync(message, time.GetUtcNow(), cancellationToken))
        {
            logger.LogInformation("Queued plan message {Key} for {ConversationId}", key, conversation.ConversationId);
            signal?.Notify();
        }
        else
        {
            logger.LogDebug("Plan message {Key} was already queued", key);
        }
    }

    public async Task UpdateAsync(PlanConversation conversation, Bot.Core.Replies.Reply reply, string key, string? clickedActivityId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(conversation);
        ArgumentNullException.ThrowIfNull(reply);
        if (updater is null || await outbox.GetAsync(key, cancellationToken) is not { State: OutboxState.Sent, ActivityId: { } activityId } || activityId == clickedActivityId)
        {
            // Not delivered (yet): the card the outbox sends later is rendered from the plan as it was queued; a click
            // on it is answered from the plan as it is then ("already approved by …").
            return;
        }

        // Best effort: the decision is saved either way, and a stale card's buttons are refused with who decided.
        await updater.UpdateAsync(conversation.ChannelId, conversation.ConversationId, activityId, Bot.Channel.Protocol.OutboundActivity.FromReply(reply), $"plan message {key}", cancellationToken);
    }
}

/// <summary>Every few minutes (<c>Plans:CheckCron</c>): remind managers of plans undecided after <c>Plans:ReminderAfterHours</c>, post approved plans.</summary>
[DisallowConcurrentExecution]
public sealed class PlanReminderJob(PlanService plans, ILogger<PlanReminderJob> logger) : IJob
{
    public static readonly JobKey Key = new("plan-reminders");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        var (reminded, posted) = await plans.RunDueAsync(cancellationToken);
        if (reminded + posted > 0)
        {
            logger.LogInformation("Plans: reminded {Reminded}, posted {Posted}", reminded, posted);
        }
    }
}
