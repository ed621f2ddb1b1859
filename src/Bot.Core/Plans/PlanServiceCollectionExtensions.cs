using Bot.Core.Push;
using Bot.Core.Replies;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace Bot.Core.Plans;

public static class PlanServiceCollectionExtensions
{
    /// <summary>What the plan commands need, with defaults that keep Core self-contained; the host's <c>AddPlans</c> replaces the store, notifier and options.</summary>
    public static IServiceCollection AddPlanning(this IServiceCollection services)
    {
        services.TryAddSingleton<IPlanStore, InMemoryPlanStore>();
        services.TryAddSingleton<IPlanNotifier, UnsentPlanNotifier>();
        services.TryAddSingleton<IPlanItemSource, TodoPlanItemSource>();
        services.TryAddSingleton<WeeklyTodoLoader>();
        services.TryAddSingleton(new PlanOptions());
        services.TryAddSingleton<PlanService>();
        services.TryAddSingleton<PlanFollowUpService>();
        return services;
    }
}

/// <summary>The notifier when no outbox is set up: says in the log what would have been sent.</summary>
public sealed class UnsentPlanNotifier(ILogger<UnsentPlanNotifier> logger) : IPlanNotifier
{
    public Task SendAsync(PlanConversation conversation, Reply reply, string key, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(conversation);
        logger.LogWarning("No outbox is set up: plan message {Key} for {ConversationId} was not sent", key, conversation.ConversationId);
        return Task.CompletedTask;
    }

    public Task UpdateAsync(PlanConversation conversation, Reply reply, string key, string? clickedActivityId, CancellationToken cancellationToken) => Task.CompletedTask;
}
