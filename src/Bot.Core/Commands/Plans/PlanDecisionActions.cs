using System.Globalization;
using Bot.Core.Messaging;
using Bot.Core.Plans;
using Bot.Core.Replies;

namespace Bot.Core.Commands.Plans;

/// <summary>A decision button of the approval card: the workflow outcome it asks for, under its verb.</summary>
/// <remarks>Who may decide is read from the activity's sender (<see cref="Caller"/>), never from the card's data.</remarks>
public abstract class PlanDecisionAction(PlanService plans, PlanState outcome) : ICardActionHandler
{
    public abstract string Verb { get; }

    public Task<Reply> HandleAsync(IncomingMessage message, CardAction action, CancellationToken cancellationToken) =>
        PlanDecisions.FromCardAsync(plans, outcome, message, action, cancellationToken);
}

/// <summary>The Approve button (<c>approve-plan</c>).</summary>
public sealed class ApprovePlanAction(PlanService plans) : PlanDecisionAction(plans, PlanState.Approved)
{
    public override string Verb => PlanReport.ApproveVerb;
}

/// <summary>The Reject button (<c>reject-plan</c>); refused without a reason in the card's text box.</summary>
public sealed class RejectPlanAction(PlanService plans) : PlanDecisionAction(plans, PlanState.Rejected)
{
    public override string Verb => PlanReport.RejectVerb;
}

/// <summary>The Request changes button (<c>request-plan-changes</c>); refused without a comment.</summary>
public sealed class RequestPlanChangesAction(PlanService plans) : PlanDecisionAction(plans, PlanState.ChangesRequested)
{
    public override string Verb => PlanReport.RequestChangesVerb;
}

/// <summary>A decision typed as a command (the console, or a manager without the card at hand): same path as the buttons.</summary>
public abstract class PlanDecisionCommand(PlanService plans, PlanState outcome, CommandInfo info) : ICommandHandler
{
    public CommandInfo Info { get; } = info;

    public Task<Reply> HandleAsync(CommandRequest request, CancellationToken cancellationToken) =>
        PlanDecisions.FromTextAsync(plans, outcome, request, Info, cancellationToken);
}

/// <summary><c>plan approve</c> / 计划 批准.</summary>
public sealed class PlanApproveCommand(PlanService plans) : PlanDecisionCommand(plans, PlanState.Approved, new(
    Verb: "plan approve",
    Aliases: ["approve plan", "计划 批准", "批准计划", "计划 通过"],
    Usage: "plan approve",
    Example: "plan approve",
    Summary: "Managers: approve the submitted weekly plan") { Group = CommandGroups.Plan, Who = "managers (Roles:Managers)" });

/// <summary><c>plan reject &lt;reason&gt;</c> / 计划 驳回; the reason is required.</summary>
public sealed class PlanRejectCommand(PlanService plans) : PlanDecisionCommand(plans, PlanState.Rejected, new(
    Verb: "plan reject",
    Aliases: ["reject plan", "计划 驳回", "驳回计划", "计划 拒绝"],
    Usage: "plan reject <reason>",
    Example: "plan reject no budget for the live-stream push",
    Summary: "Managers: reject the submitted weekly plan, with a reason") { Group = CommandGroups.Plan, Who = "managers (Roles:Managers)" });

/// <summary><c>plan request changes &lt;comment&gt;</c> / 计划 退回: sends the submitted plan back for editing.</summary>
public sealed class PlanRequestChangesCommand(PlanService plans) : PlanDecisionCommand(plans, PlanState.ChangesRequested, new(
    Verb: "plan request changes",
    Aliases: ["plan changes", "计划 退回", "退回计划", "计划 修改意见"],
    Usage: "plan request changes <comment>",
    Example: "plan request changes add an owner to every item",
    Summary: "Managers: send the submitted weekly plan back with a comment") { Group = CommandGroups.Plan, Who = "managers (Roles:Managers)" });

/// <summary>The one path of every decision, from a card or typed: workflow, compare-and-swap, reply.</summary>
internal static class PlanDecisions
{
    public static async Task<Reply> FromCardAsync(PlanService plans, PlanState outcome, IncomingMessage message, CardAction action, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(action);
        if (!long.TryParse(action.Get(PlanReport.PlanIdKey), NumberStyles.None, CultureInfo.InvariantCulture, out var planId))
        {
            return Reply.Problem("That button has expired", "The card does not say which plan it is for. Type `plan` to see the current plan.");
        }

        int? submission = int.TryParse(action.Get(PlanReport.SubmissionKey), NumberStyles.None, CultureInfo.InvariantCulture, out var s) ? s : null;
        var note = action.Get(PlanReport.NoteInput) ?? action.Get("comment");
        return await DecideAsync(plans, planId, outcome, message, note, submission, cancellationToken);
    }

    public static async Task<Reply> FromTextAsync(PlanService plans, PlanState outcome, CommandRequest request, CommandInfo info, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (await plans.FindAwaitingDecisionAsync(cancellationToken) is not { } plan)
        {
            return Reply.Problem("No plan is waiting for a decision", "Neither this week's nor next week's plan is submitted. Type `plan` to see it.");
        }

        var note = PlanEditing.Words(request, info);
        return await DecideAsync(plans, plan.Id, outcome, request.Message, note, plan.Submission, cancellationToken);
    }

    private static async Task<Reply> DecideAsync(PlanService plans, long planId, PlanState outcome, IncomingMessage message, string? note, int? submission, CancellationToken cancellationToken)
    {
        switch (await plans.DecideAsync(planId, outcome, message.From, note, submission, cancellationToken, message.CardActivityId))
        {
            case PlanChange change:
                return await plans.CardAsync(change.After, PlanView.Approval, plans.FormatFor(message.Locale), cancellationToken);
            case PlanRefusal refusal:
                return PlanReport.Refusal(refusal, plans.Clock.Zone, PlanActor.From(message.From).Name);
            default:
                return Reply.Problem("That plan no longer exists", "I can't find the plan this card was for. Type `plan` to see the current plan.");
        }
    }
}
