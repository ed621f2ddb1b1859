using Bot.Core.Plans;
using Bot.Core.Replies;

namespace Bot.Core.Commands.Plans;

/// <summary><c>plan submit</c> / 计划 提交: submits the week's plan; managers get the approval card.</summary>
/// <remarks>The card goes to <c>Plans:ManagersConversation</c> when configured, otherwise it is the answer right here.</remarks>
public sealed class PlanSubmitCommand(PlanService plans) : ICommandHandler
{
    public CommandInfo Info { get; } = new(
        Verb: "plan submit",
        Aliases: ["计划 提交", "提交计划", "submit plan", "计划 送审"],
        Usage: "plan submit [next week]",
        Example: "plan submit",
        Summary: "Submit the weekly plan to the managers for approval")
    {
        Group = CommandGroups.Plan,
    };

    public async Task<Reply> HandleAsync(CommandRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var plan = await plans.GetOrCreateAsync(plans.WeekFrom(request.Args), request, cancellationToken);
        return await plans.SubmitAsync(plan, request, plans.FormatFor(request.Message.Locale), cancellationToken);
    }
}

/// <summary><c>plan history</c> / 计划 历史: every step of the week's plan — who, when, from which state to which, and why.</summary>
public sealed class PlanHistoryCommand(PlanService plans) : ICommandHandler
{
    public CommandInfo Info { get; } = new(
        Verb: "plan history",
        Aliases: ["计划 历史", "计划历史", "plan log", "plan audit", "审批记录"],
        Usage: "plan history [this week | next week]",
        Example: "plan history",
        Summary: "Every step of the weekly plan: edits, submissions, decisions, reminders")
    {
        Group = CommandGroups.Plan,
    };

    public async Task<Reply> HandleAsync(CommandRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var week = plans.WeekFrom(request.Args);
        if (await plans.Store.FindByWeekAsync(week, cancellationToken) is not { } plan)
        {
            return Reply.Text("No plan yet", $"Nobody has opened the plan for the week of {week:yyyy-MM-dd} yet. Type `plan` to start it from the weekly to-do list.");
        }

        return PlanReport.History(plan, await plans.Store.GetHistoryAsync(plan.Id, cancellationToken), plans.Clock.Zone);
    }
}
