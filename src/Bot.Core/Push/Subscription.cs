using System.Globalization;
using Bot.Core.Messaging;

namespace Bot.Core.Push;

/// <summary>What a conversation subscribed to.</summary>
public enum SubscriptionKind
{
    Brief,
    Todo,
    Alerts,
}

/// <summary>One conversation's subscription to the brief, the weekly to-do list or alerts.</summary>
/// <param name="Schedule">When it fires; null for alerts, which are sent when a rule fires.</param>
/// <param name="Since">Firings before this instant were never due (subscribed, changed or resumed then).</param>
/// <param name="LastOccurrence">The last firing whose message was queued: the ones between it and the next are the missed sends.</param>
/// <param name="PausedReason">Set when sends stopped on their own (bot removed, conversation gone); null when active.</param>
public sealed record Subscription(
    long Id,
    string ChannelId,
    string ConversationId,
    SubscriptionKind Kind,
    PushSchedule? Schedule,
    string CreatedBy,
    DateTimeOffset Since,
    DateTimeOffset? LastOccurrence,
    string? PausedReason)
{
    public bool Active => PausedReason is null;

    public ConversationKey Conversation => new(ChannelId, ConversationId);
}

/// <summary>What a <c>subscribe</c> command asks to store (insert or replace the conversation's subscription of that kind).</summary>
public sealed record SubscriptionRequest(string ChannelId, string ConversationId, SubscriptionKind Kind, PushSchedule? Schedule, string CreatedBy);

/// <summary>Names and idempotency keys of the things that are pushed.</summary>
public static class PushKinds
{
    public static string Name(SubscriptionKind kind) => kind switch
    {
        SubscriptionKind.Brief => "brief",
        SubscriptionKind.Todo => "todo",
        SubscriptionKind.Alerts => "alerts",
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    public static SubscriptionKind Parse(string name) => name switch
    {
        "brief" => SubscriptionKind.Brief,
        "todo" => SubscriptionKind.Todo,
        "alerts" => SubscriptionKind.Alerts,
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "Unknown subscription kind."),
    };

    public static string Title(SubscriptionKind kind) => kind switch
    {
        SubscriptionKind.Brief => "Daily brief 日报",
        SubscriptionKind.Todo => "Weekly to-do list 周计划",
        SubscriptionKind.Alerts => "Alerts 预警",
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    /// <summary><c>brief:&lt;conversation&gt;:&lt;yyyy-MM-dd&gt;</c> — one brief per conversation per local send day.</summary>
    public static string BriefKey(string conversationId, DateOnly sendDay) =>
        "brief:" + conversationId + ":" + sendDay.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary><c>todo:&lt;conversation&gt;:&lt;week monday&gt;</c> — one to-do list per conversation per week.</summary>
    public static string TodoKey(string conversationId, DateOnly weekMonday) =>
        "todo:" + conversationId + ":" + weekMonday.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>The week a to-do list sent on <paramref name="sendDay"/> plans: this week Monday–Thursday, next week from Friday on.</summary>
    public static DateOnly TodoWeek(DateOnly sendDay)
    {
        var sinceMonday = ((int)sendDay.DayOfWeek + 6) % 7;
        var monday = sendDay.AddDays(-sinceMonday);
        return sinceMonday >= 4 ? monday.AddDays(7) : monday;
    }
}
