using Bot.Core.Push;
using Bot.Core.Replies;
using Bot.Core.Time;

namespace Bot.Core.Commands.Subscriptions;

/// <summary><c>subscriptions</c>: what this conversation gets, when, in which time zone, and the next send.</summary>
public sealed class SubscriptionsCommand(TeamClock clock, PushServices? push = null) : ICommandHandler
{
    public CommandInfo Info { get; } = new(
        Verb: "subscriptions",
        Aliases: ["我的订阅", "my subscriptions", "list subscriptions", "订阅列表"],
        Usage: "subscriptions",
        Example: "subscriptions",
        Summary: "List this conversation's subscriptions and their next send")
    {
        Group = CommandGroups.Push,
    };

    public async Task<Reply> HandleAsync(CommandRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (push is null)
        {
            return SubscriptionReplies.NotAvailable();
        }

        var now = clock.Time.GetUtcNow();

        // Asking here is an inbound activity: the conversation is reachable again.
        await push.Subscriptions.ResumeConversationAsync(request.Conversation.ChannelId, request.Conversation.Id, now, cancellationToken);
        var subscriptions = await push.Subscriptions.ListForConversationAsync(request.Conversation.ChannelId, request.Conversation.Id, cancellationToken);
        if (subscriptions.Count == 0)
        {
            return Reply.Text("No subscriptions here", "This conversation gets nothing on a schedule yet. Try `subscribe brief at 09:00` (订阅 日报 09:00) or `subscribe todo mon 09:30`.");
        }

        var rows = subscriptions.OrderBy(s => s.Kind).Select(s => (IReadOnlyList<Cell>)[
            new Cell(PushKinds.Title(s.Kind)),
            new Cell(s.Schedule is { } t ? t.Time.ToString("HH\\:mm", System.Globalization.CultureInfo.InvariantCulture) : "when a rule fires"),
            new Cell(s.Schedule?.DaysText ?? "—"),
            new Cell(s.Schedule?.Zone.Id ?? "—"),
            new Cell(s.Schedule is { } sc ? SubscriptionReplies.When(sc.NextAfter(now), sc.Zone) : "—"),
            new Cell(s.Active ? "active" : "paused: " + s.PausedReason, s.Active ? Tone.Good : Tone.Warning),
        ]).ToList();
        var blocks = new List<ReplyBlock>
        {
            new TableBlock(["Subscription", "Time", "Days", "Time zone", "Next send", "Status"], rows),
            new TextBlock("`unsubscribe brief` stops one; `subscribe brief at 08:30 tz Europe/London` changes it.", Tone.Subtle),
        };
        if (!push.Scheduler.Enabled)
        {
            blocks.Insert(1, new TextBlock("Scheduling is switched off on this bot (Schedule:Enabled=false): nothing is being sent.", Tone.Warning));
        }

        return new Reply("Subscriptions 我的订阅", blocks) { Summary = $"{subscriptions.Count} subscription(s)" };
    }
}
