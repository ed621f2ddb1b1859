using Bot.Core.Periods;
using Bot.Core.Replies;

namespace Bot.Core.Plans;

/// <summary>Port: proposes the items of a new weekly plan (the weekly to-do list: weekday rhythm + findings in the data).</summary>
public interface IPlanItemSource
{
    Task<IReadOnlyList<PlanItem>> ProposeAsync(DateRange week, string? shop, CancellationToken cancellationToken);
}

/// <summary>Port: sends a message to a conversation the bot is not currently answering in (the host puts it in the outbox).</summary>
public interface IPlanNotifier
{
    /// <param name="key">Identifies the message (e.g. <c>plan:12:reminder:2</c>) for logs and de-duplication.</param>
    Task SendAsync(PlanConversation conversation, Reply reply, string key, CancellationToken cancellationToken);

    /// <summary>Replaces the message sent earlier under <paramref name="key"/> with <paramref name="reply"/>, if it was delivered.</summary>
    /// <remarks>So an approval card shows a decision made elsewhere (typed, or on another copy) instead of live buttons.</remarks>
    /// <param name="clickedActivityId">The card clicked to decide, if any: the channel refreshes that one, it is not updated twice.</param>
    Task UpdateAsync(PlanConversation conversation, Reply reply, string key, string? clickedActivityId, CancellationToken cancellationToken);
}
