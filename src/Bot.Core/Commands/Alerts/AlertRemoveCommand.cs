using System.Globalization;
using Bot.Core.Alerts;
using Bot.Core.Replies;
using Bot.Core.Security;
using Bot.Core.Time;

namespace Bot.Core.Commands.Alerts;

/// <summary><c>alert remove &lt;id&gt;</c>: removes a rule (owner, creator, assignee of one of its open alerts, or an admin).</summary>
public sealed class AlertRemoveCommand(TeamClock clock, Roles roles, AlertServices? alerts = null) : ICommandHandler
{
    public CommandInfo Info { get; } = new(
        Verb: "alert remove",
        Aliases: ["remove alert", "delete alert", "alert delete", "删除告警", "取消告警", "删除预警", "告警删除", "告警移除"],
        Usage: "alert remove <rule id>",
        Example: "alert remove 3",
        Summary: "Remove an alert rule (its open alerts close)")
    {
        Group = CommandGroups.Alerts,
        Who = "the rule's owner, an assignee of one of its alerts, admins",
    };

    public async Task<Reply> HandleAsync(CommandRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (alerts is null)
        {
            return AlertReplies.NotAvailable();
        }

        if (AlertReplies.ReadId(request.Args) is not { } id)
        {
            return Reply.Problem("Which rule?", $"Give the rule's number, e.g. `{Info.Example}`; `alerts` lists them.");
        }

        var rule = (await alerts.Store.ListRulesAsync(cancellationToken)).FirstOrDefault(r => r.Id == id);
        if (rule is null)
        {
            return Reply.Problem(string.Create(CultureInfo.InvariantCulture, $"No alert rule #{id}"), "`alerts` lists the rules that exist.");
        }

        var caller = request.Message.From;
        var open = await alerts.Store.ListIncidentsAsync(rule.Id, openOnly: true, cancellationToken);
        if (!rule.IsOwnedBy(caller) && !roles.IsAdmin(caller) && !open.Any(i => i.Assignee?.Is(caller) == true))
        {
            return Reply.Problem("Not allowed", $"Only the rule's owner ({AlertCard.Mention(rule.Owner)}), whoever created it, the assignee of one of its alerts, or an admin can remove rule #{rule.Id}.");
        }

        await alerts.Store.RemoveRuleAsync(rule.Id, AlertPerson.From(caller), clock.Time.GetUtcNow(), cancellationToken);
        alerts.Notices?.Notify();
        return Reply.Text(
            string.Create(CultureInfo.InvariantCulture, $"Alert rule #{rule.Id} removed"),
            $"{rule.Describe()} — {AlertRuleText.Scope(rule.Scope)}.",
            open.Count == 0 ? "It had no open alerts." : string.Create(CultureInfo.InvariantCulture, $"Its {open.Count} open alert(s) are closed and their cards updated."));
    }
}
