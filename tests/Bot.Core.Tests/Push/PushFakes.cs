using Bot.Core.Push;

namespace Bot.Core.Tests.Push;

/// <summary>Subscriptions in a list: the Core tests' stand-in for the SQLite store.</summary>
public sealed class InMemorySubscriptionStore : ISubscriptionStore
{
    private long _nextId;

    public List<Subscription> Items { get; } = [];

    public Task<Subscription> UpsertAsync(SubscriptionRequest request, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var existing = Items.FindIndex(s => s.ChannelId == request.ChannelId && s.ConversationId == request.ConversationId && s.Kind == request.Kind);
        var id = existing >= 0 ? Items[existing].Id : ++_nextId;
        var subscription = new Subscription(id, request.ChannelId, request.ConversationId, request.Kind, request.Schedule, request.CreatedBy, now, existing >= 0 ? Items[existing].LastOccurrence : null, null);
        if (existing >= 0)
        {
            Items[existing] = subscription;
        }
        else
        {
            Items.Add(subscription);
        }

        return Task.FromResult(subscription);
    }

    public Task<Subscription?> RemoveAsync(string channelId, string conversationId, SubscriptionKind kind, CancellationToken cancellationToken)
    {
        var found = Items.FirstOrDefault(s => s.ChannelId == channelId && s.ConversationId == conversationId && s.Kind == kind);
        if (found is not null)
        {
            Items.Remove(found);
        }

        return Task.FromResult(found);
    }

    public Task<Subscription?> GetAsync(long id, CancellationToken cancellationToken) => Task.FromResult(Items.FirstOrDefault(s => s.Id == id));

    public Task<IReadOnlyList<Subscription>> ListForConversationAsync(string channelId, string conversationId, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<Subscription>>([.. Items.Where(s => s.ChannelId == channelId && s.ConversationId == conversationId)]);

    public Task<IReadOnlyList<Subscription>> ListAllAsync(CancellationToken cancellationToken) => Task.FromResult<IReadOnlyList<Subscription>>([.. Items]);

    public Task<int> PauseConversationAsync(string channelId, string conversationId, string reason, DateTimeOffset now, CancellationToken cancellationToken) =>
        Task.FromResult(Update(channelId, conversationId, s => s.PausedReason is null ? s with { PausedReason = reason } : null));

    public Task<int> ResumeConversationAsync(string channelId, string conversationId, DateTimeOffset now, CancellationToken cancellationToken) =>
        Task.FromResult(Update(channelId, conversationId, s => s.PausedReason is not null ? s with { PausedReason = null, Since = now } : null));

    private int Update(string channelId, string conversationId, Func<Subscription, Subscription?> change)
    {
        var count = 0;
        for (var i = 0; i < Items.Count; i++)
        {
            if (Items[i].ChannelId == channelId && Items[i].ConversationId == conversationId && change(Items[i]) is { } changed)
            {
                Items[i] = changed;
                count++;
            }
        }

        return count;
    }
}

/// <summary>Records what the commands asked the scheduler to do.</summary>
public sealed class RecordingScheduler(bool enabled = true) : ISubscriptionScheduler
{
    public bool Enabled { get; } = enabled;

    public List<Subscription> Scheduled { get; } = [];

    public List<Subscription> Unscheduled { get; } = [];

    public Task ScheduleAsync(Subscription subscription, CancellationToken cancellationToken)
    {
        Scheduled.Add(subscription);
        return Task.CompletedTask;
    }

    public Task UnscheduleAsync(Subscription subscription, CancellationToken cancellationToken)
    {
        Unscheduled.Add(subscription);
        return Task.CompletedTask;
    }

    public Task ScheduleRecheckAsync(Subscription subscription, DateTimeOffset occurrence, DateTimeOffset at, CancellationToken cancellationToken) => Task.CompletedTask;
}

/// <summary>An outbox that only answers <c>deliveries</c>; the real one is tested against SQLite.</summary>
public sealed class FixedOutbox(OutboxOverview overview) : IOutbox
{
    public Task<OutboxOverview> GetOverviewAsync(int recentSent, CancellationToken cancellationToken) => Task.FromResult(overview);

    public Task<bool> EnqueueAsync(OutboxMessage message, DateTimeOffset now, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<bool> ExistsAsync(string key, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<OutboxEntry?> ClaimNextAsync(string worker, DateTimeOffset now, DateTimeOffset leaseUntil, bool consoleOnly, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<bool> RenewLeaseAsync(long id, string worker, DateTimeOffset leaseUntil, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task MarkSentAsync(long id, string? activityId, DateTimeOffset now, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task MarkFailedAsync(long id, string reason, DateTimeOffset retryAt, DateTimeOffset now, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task MarkDeadAsync(long id, string reason, DateTimeOffset now, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<int> DeadLetterConversationAsync(string channelId, string conversationId, string reason, DateTimeOffset now, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<OutboxEntry?> GetAsync(string key, CancellationToken cancellationToken) => throw new NotSupportedException();
}
