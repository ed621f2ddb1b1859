using Bot.Core.Messaging;
using Bot.Core.Push;
using Bot.Core.Replies;
using Bot.Core.Security;
using Bot.Core.Time;

namespace Bot.Core.Commands.Subscriptions;

/// <summary><c>subscribe brief [at 09:00] [daily|weekdays] [tz &lt;IANA&gt;]</c>, <c>subscribe todo [mon 09:30]</c>, <c>subscribe alerts</c>.</summary>
public sealed class SubscribeCommand(TeamClock clock, Roles roles, PushServices? push = null) : ICommandHandler
{
    public CommandInfo Info { get; } = new(
        Verb: "subscribe",
        Aliases: ["订阅", "sub"],
        Usage: "subscribe <brief|todo|alerts> [at HH:MM] [daily|weekdays|mon…sun] [tz <IANA zone>]",
        Example: "subscribe brief at 09:00 weekdays",
        Summary: "Get the daily brief or the weekly to-do list here every morning")
    {
        Group = CommandGroups.Push,
        Who = "anyone in a 1:1 chat; in channels and group chats Roles:Subscribers (everyone when empty), managers, admins",
    };

    public async Task<Reply> HandleAsync(CommandRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (push is null)
        {
            return SubscriptionReplies.NotAvailable();
        }

        var parsed = SubscriptionArgsParser.Parse(request.Args);
        if (!parsed.Success)
        {
            return SubscriptionReplies.Usage(Info, parsed.Error!);
        }

        var args = parsed.Value!;
        if (args.Kind is not { } kind)
        {
            return SubscriptionReplies.Usage(Info, "What should I send here: `brief` (daily), `todo` (weekly) or `alerts`?");
        }

        if (SubscriptionReplies.Refusal(request.Message, roles, "subscribe") is { } refusal)
        {
            return refusal;
        }

        var conversation = request.Conversation;

        // Subscribing again changes what is said and keeps the rest: "subscribe brief tz Europe/London" after
        // "subscribe brief at 08:00 weekdays" moves the zone, not the time back to the default.
        var existing = (await push.Subscriptions.ListForConversationAsync(conversation.ChannelId, conversation.Id, cancellationToken))
            .FirstOrDefault(x => x.Kind == kind)?.Schedule;
        PushSchedule? schedule = kind switch
        {
            SubscriptionKind.Brief => new PushSchedule(args.Time ?? existing?.Time ?? push.Defaults.BriefTime, args.Days ?? existing?.Days ?? WeekDays.Daily, args.Zone ?? existing?.Zone ?? clock.Zone),
            SubscriptionKind.Todo => new PushSchedule(args.Time ?? existing?.Time ?? push.Defaults.TodoTime, args.Days ?? existing?.Days ?? push.Defaults.TodoDays, args.Zone ?? existing?.Zone ?? clock.Zone),
            _ => null,
        };
        if (schedule is null && (args.Time is not null || args.Days is not null))
        {
            return SubscriptionReplies.Usage(Info, "Alerts are sent when a rule fires, so they take no time or days: just `subscribe alerts`.");
        }

        await push.Subscriptions.ResumeConversationAsync(conversation.ChannelId, conversation.Id, clock.Time.GetUtcNow(), cancellationToken);
        var subscription = await push.Subscriptions.UpsertAsync(
            new SubscriptionRequest(conversation.ChannelId, conversation.Id, kind, schedule, request.Message.From.Name ?? request.Message.From.Id),
            clock.Time.GetUtcNow(),
            cancellationToken);
        await push.Scheduler.ScheduleAsync(subscription, cancellationToken);

        var blocks = new List<ReplyBlock>();
        if (schedule is { } s)
        {
            var next = s.NextAfter(clock.Time.GetUtcNow());
            if (existing is not null && existing != s)
            {
                blocks.Add(new TextBlock($"Changed from {existing}.", Tone.Neutral));
            }

            blocks.Add(new FactBlock([
                new Fact("What", PushKinds.Title(kind)),
                new Fact("When", $"{s.Time:HH\\:mm} {s.DaysText}"),
                new Fact("Time zone", s.Zone.Id),
                new Fact("Next", SubscriptionReplies.When(next, s.Zone)),
            ]));
            blocks.Add(new TextBlock("Each one is sent once, even if I restart. If I'm offline at that time I send it when I'm back (within a few hours), otherwise I skip it and say so next time.", Tone.Subtle));
        }
        else
        {
            blocks.Add(new TextBlock("Alerts will be posted here when an alert rule fires. Nothing is sent on a schedule.", Tone.Neutral));
        }

        if (!push.Scheduler.Enabled && schedule is not null)
        {
            blocks.Add(new TextBlock("Scheduling is switched off on this bot (Schedule:Enabled=false), so nothing is sent until an admin turns it on.", Tone.Warning));
        }

        blocks.Add(new TextBlock($"`unsubscribe {PushKinds.Name(kind)}` stops it; `subscriptions` lists what this conversation gets.", Tone.Subtle));
        return new Reply($"Subscribed: {PushKinds.Title(kind)}", blocks)
        {
            Summary = schedule is { } sc ? $"Subscribed to the {PushKinds.Name(kind)} at {sc}" : "Subscribed to alerts",
        };
    }
}

/// <summary>Replies shared by the subscription commands.</summary>
internal static class SubscriptionReplies
{
    public static Reply NotAvailable() =>
        Reply.Problem("Subscriptions are not set up", "This bot was started without scheduled messages, so it cannot take subscriptions.");

    public static Reply Usage(CommandInfo info, string problem) =>
        Reply.Problem($"I couldn't read that {info.Verb} request", problem, $"Usage: `{info.Usage}` — for example `{info.Example}`.");

    /// <summary>Personal chats may always subscribe; team channels and group chats only by the roles in Roles:Subscribers.</summary>
    public static Reply? Refusal(IncomingMessage message, Roles roles, string verb) =>
        message.Conversation.IsPersonal || roles.MaySubscribe(message.From)
            ? null
            : Reply.Problem("Not allowed here", $"Only the people listed as subscribers (or managers and admins) may {verb} this channel or group chat. You can always {verb} in a personal chat with me.");

    /// <summary>"Mon 2026-11-23 09:00 Asia/Shanghai (01:00 UTC)".</summary>
    public static string When(DateTimeOffset? instant, TimeZoneInfo zone)
    {
        if (instant is not { } at)
        {
            return "—";
        }

        var local = TimeZoneInfo.ConvertTime(at, zone);
        return TextNormalizer.Invariant($"{local:ddd yyyy-MM-dd HH:mm} ({at.UtcDateTime:HH:mm} UTC)");
    }
}
