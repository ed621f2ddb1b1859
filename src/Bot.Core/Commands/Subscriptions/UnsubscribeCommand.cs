using Bot.Core.Push;
using Bot.Core.Replies;
using Bot.Core.Security;

namespace Bot.Core.Commands.Subscriptions;

/// <summary><c>unsubscribe &lt;brief|todo|alerts&gt;</c>: stop a subscription of this conversation.</summary>
public sealed class UnsubscribeCommand(Roles roles, PushServices? push = null) : ICommandHandler
{
    public CommandInfo Info { get; } = new(
        Verb: "unsubscribe",
        Aliases: ["取消订阅", "退订", "unsub"],
        Usage: "unsubscribe <brief|todo|alerts>",
        Example: "unsubscribe brief",
        Summary: "Stop a subscription in this conversation")
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
        if (!parsed.Success || parsed.Value!.Kind is not { } kind || parsed.Value.Time is not null || parsed.Value.Days is not null || parsed.Value.Zone is not null)
        {
            return SubscriptionReplies.Usage(Info, parsed.Error ?? "Say which one: `brief`, `todo` or `alerts`.");
        }

        if (SubscriptionReplies.Refusal(request.Message, roles, "unsubscribe") is { } refusal)
        {
            return refusal;
        }

        var removed = await push.Subscriptions.RemoveAsync(request.Conversation.ChannelId, request.Conversation.Id, kind, cancellationToken);
        if (removed is null)
        {
            return Reply.Text($"Not subscribed to the {PushKinds.Name(kind)}", "This conversation had no such subscription, so nothing changed. `subscriptions` lists what it gets.");
        }

        await push.Scheduler.UnscheduleAsync(removed, cancellationToken);
        return Reply.Text($"Unsubscribed: {PushKinds.Title(kind)}", $"No more {PushKinds.Name(kind)} here. `subscribe {PushKinds.Name(kind)}` brings it back.");
    }
}
