using System.Globalization;
using Bot.Core.Push;
using Bot.Core.Replies;
using Bot.Core.Security;

namespace Bot.Core.Commands.Subscriptions;

/// <summary><c>deliveries</c> (admins): the outbox — waiting and failing sends, dead letters, the latest sent.</summary>
public sealed class DeliveriesCommand(Roles roles, PushServices? push = null) : ICommandHandler
{
    public const int RecentSent = 10;

    public CommandInfo Info { get; } = new(
        Verb: "deliveries",
        Aliases: ["投递", "outbox", "投递记录"],
        Usage: "deliveries",
        Example: "deliveries",
        Summary: "Admins: pending, failed and recent proactive sends")
    {
        AdminOnly = true,
        Group = CommandGroups.Push,
    };

    public async Task<Reply> HandleAsync(CommandRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!roles.IsAdmin(request.Message.From))
        {
            return Reply.Problem("Admins only", "`deliveries` shows every conversation's sends, so only admins (Roles:Admins) may use it.");
        }

        if (push is null)
        {
            return SubscriptionReplies.NotAvailable();
        }

        var overview = await push.Outbox.GetOverviewAsync(RecentSent, cancellationToken);
        var blocks = new List<ReplyBlock>
        {
            new FactBlock([
                new Fact("Waiting or retrying", overview.Waiting.Count.ToString(CultureInfo.InvariantCulture)),
                new Fact("Dead letters", overview.Dead.Count.ToString(CultureInfo.InvariantCulture)),
                new Fact("Recently sent", overview.RecentSent.Count.ToString(CultureInfo.InvariantCulture)),
            ]),
        };
        if (overview.Waiting.Count > 0)
        {
            blocks.Add(Table("Pending and failed (will retry)", overview.Waiting, e => $"next try {Time(e.NextAttemptAt)}"));
        }

        if (overview.Dead.Count > 0)
        {
            blocks.Add(Table("Dead letters (gave up)", overview.Dead, e => e.LastError ?? "—"));
        }

        blocks.Add(overview.RecentSent.Count > 0
            ? Table($"Last {RecentSent} sent", overview.RecentSent, e => $"sent {Time(e.SentAt)} · id {e.ActivityId ?? "—"}")
            : new TextBlock("Nothing has been sent yet.", Tone.Subtle));
        return new Reply("Deliveries 投递", blocks)
        {
            Summary = $"Deliveries: {overview.Waiting.Count} waiting, {overview.Dead.Count} dead",
        };
    }

    private static TableBlock Table(string caption, IReadOnlyList<OutboxEntry> entries, Func<OutboxEntry, string> detail) =>
        new(["Key", "State", "Tries", "Detail"], [.. entries.Take(20).Select(e => (IReadOnlyList<Cell>)[
            new Cell(e.Key),
            new Cell(e.State.ToString().ToLowerInvariant(), e.State switch { OutboxState.Sent => Tone.Good, OutboxState.Dead => Tone.Bad, OutboxState.Failed => Tone.Warning, _ => Tone.Neutral }),
            new Cell(e.Attempts.ToString(CultureInfo.InvariantCulture)),
            new Cell(Shorten(detail(e))),
        ])])
        {
            Caption = caption,
        };

    private static string Time(DateTimeOffset? at) => at is { } t ? t.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture) : "—";

    private static string Shorten(string text) => text.Length > 120 ? text[..120] + "…" : text;
}
