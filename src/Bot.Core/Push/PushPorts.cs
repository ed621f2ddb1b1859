namespace Bot.Core.Push;

/// <summary>Port: durable subscriptions (table <c>subscriptions</c>). One per conversation and kind.</summary>
public interface ISubscriptionStore
{
    /// <summary>Inserts or replaces the conversation's subscription of that kind; a replaced one starts counting afresh.</summary>
    Task<Subscription> UpsertAsync(SubscriptionRequest request, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Removes and returns it, or null when there was none.</summary>
    Task<Subscription?> RemoveAsync(string channelId, string conversationId, SubscriptionKind kind, CancellationToken cancellationToken);

    Task<Subscription?> GetAsync(long id, CancellationToken cancellationToken);

    Task<IReadOnlyList<Subscription>> ListForConversationAsync(string channelId, string conversationId, CancellationToken cancellationToken);

    /// <summary>Every subscription, active or paused (startup re-declares the triggers from this).</summary>
    Task<IReadOnlyList<Subscription>> ListAllAsync(CancellationToken cancellationToken);

    /// <summary>Stops sends to a conversation that is gone (connector 403/404); returns how many were paused.</summary>
    Task<int> PauseConversationAsync(string channelId, string conversationId, string reason, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Resumes a conversation's paused subscriptions (it was seen again); missed firings while paused are not "missed".</summary>
    Task<int> ResumeConversationAsync(string channelId, string conversationId, DateTimeOffset now, CancellationToken cancellationToken);
}

/// <summary>Port: reschedules Quartz triggers when subscriptions change (a no-op when <c>Schedule:Enabled</c> is false).</summary>
public interface ISubscriptionScheduler
{
    bool Enabled { get; }

    Task ScheduleAsync(Subscription subscription, CancellationToken cancellationToken);

    Task UnscheduleAsync(Subscription subscription, CancellationToken cancellationToken);

    /// <summary>A one-off re-check of a firing whose data had not arrived yet (data freshness).</summary>
    Task ScheduleRecheckAsync(Subscription subscription, DateTimeOffset occurrence, DateTimeOffset at, CancellationToken cancellationToken);
}

/// <summary>State of an outbox row: pending → sending → sent, or failed (will retry) → … → dead (gave up).</summary>
public enum OutboxState
{
    Pending,
    Sending,
    Sent,
    Failed,
    Dead,
}

/// <summary>A proactive message to queue. <see cref="Payload"/> is the channel's rendered activity; <see cref="Text"/> a plain-text copy.</summary>
public sealed record OutboxMessage(string Key, SubscriptionKind Kind, string ChannelId, string ConversationId, string Title, string Payload, string Text)
{
    /// <summary>The subscription and firing this message is for: queued together with it, so a firing is recorded exactly when its message is.</summary>
    public long? SubscriptionId { get; init; }

    public DateTimeOffset? Occurrence { get; init; }
}

/// <summary>One outbox row as the delivery worker and the <c>deliveries</c> command see it.</summary>
public sealed record OutboxEntry(
    long Id,
    string Key,
    SubscriptionKind Kind,
    string ChannelId,
    string ConversationId,
    string Title,
    string Payload,
    string Text,
    OutboxState State,
    int Attempts,
    string? LastError,
    string? ActivityId,
    DateTimeOffset CreatedAt,
    DateTimeOffset NextAttemptAt,
    DateTimeOffset? SentAt);

/// <summary>What admins see with <c>deliveries</c>.</summary>
public sealed record OutboxOverview(IReadOnlyList<OutboxEntry> Waiting, IReadOnlyList<OutboxEntry> Dead, IReadOnlyList<OutboxEntry> RecentSent);

/// <summary>Port: the outbox (table <c>outbox</c>). Every proactive message is queued here first, under a unique key.</summary>
public interface IOutbox
{
    /// <summary>Queues the message unless its key is already queued (INSERT OR IGNORE); true when it was added.</summary>
    Task<bool> EnqueueAsync(OutboxMessage message, DateTimeOffset now, CancellationToken cancellationToken);

    Task<bool> ExistsAsync(string key, CancellationToken cancellationToken);

    /// <summary>
    /// Atomically takes the next due row — pending, failed and due for a retry, or sending with an expired lease
    /// (its worker died) — marks it sending under <paramref name="worker"/> until <paramref name="leaseUntil"/> and
    /// counts the attempt. Null when nothing is due.
    /// </summary>
    /// <param name="consoleOnly">True: only rows for the console channel; false: every row except those.</param>
    Task<OutboxEntry?> ClaimNextAsync(string worker, DateTimeOffset now, DateTimeOffset leaseUntil, bool consoleOnly, CancellationToken cancellationToken);

    /// <summary>Extends a claim while its send is still running; false when the row is no longer this worker's.</summary>
    Task<bool> RenewLeaseAsync(long id, string worker, DateTimeOffset leaseUntil, CancellationToken cancellationToken);

    Task MarkSentAsync(long id, string? activityId, DateTimeOffset now, CancellationToken cancellationToken);

    Task MarkFailedAsync(long id, string reason, DateTimeOffset retryAt, DateTimeOffset now, CancellationToken cancellationToken);

    Task MarkDeadAsync(long id, string reason, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Dead-letters every unsent row of a conversation that is gone; returns how many.</summary>
    Task<int> DeadLetterConversationAsync(string channelId, string conversationId, string reason, DateTimeOffset now, CancellationToken cancellationToken);

    Task<OutboxEntry?> GetAsync(string key, CancellationToken cancellationToken);

    Task<OutboxOverview> GetOverviewAsync(int recentSent, CancellationToken cancellationToken);
}

/// <summary>Defaults and switches the subscription commands need (from <c>Schedule:*</c>).</summary>
public sealed record PushDefaults(TimeOnly BriefTime, TimeOnly TodoTime, WeekDays TodoDays, bool SchedulingEnabled);

/// <summary>Everything the subscription commands use, in one optional constructor parameter.</summary>
/// <remarks>Registered by the host's <c>AddJobs</c>; a host without it (Core tests) answers that subscriptions are not set up.</remarks>
public sealed record PushServices(ISubscriptionStore Subscriptions, ISubscriptionScheduler Scheduler, IOutbox Outbox, PushDefaults Defaults);
