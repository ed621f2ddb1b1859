using Bot.Core.Plans;
using Bot.Core.Replies;

namespace Bot.Core.Commands.Plans;

/// <summary><c>plan [this week | next week]</c> / 周计划: the week's plan, created as a draft from the weekly to-do list.</summary>
/// <remarks>
/// Without a week it shows the week the to-do list plans: this week Monday to Thursday, next week from Friday on.
/// Below the items comes the follow-up of the last approved plan: whether the metrics it named moved (domain.md §4).
/// </remarks>
public sealed class PlanCommand(PlanService plans, PlanFollowUpService followUp) : ICommandHandler
{
    private static readonly string[] WeekWords = ["this", "next", "week", "本周", "这周", "下周", "下星期", "本星期", "the", "for", "show", "me", "our", "weekly", "看看", "查看", "的"];

    public CommandInfo Info { get; } = new(
        Verb: "plan",
        Aliases: ["周计划", "计划", "weekly plan", "week plan", "本周计划", "下周计划", "工作计划"],
        Usage: "plan [this week | next week]",
        Example: "plan next week",
        Summary: "The weekly plan: to-do items with day, owner and metric; edit, submit for approval")
    {
        Group = CommandGroups.Plan,
    };

    public async Task<Reply> HandleAsync(CommandRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var text = TextNormalizer.Normalize(request.Message.Text);
        var unknown = TextNormalizer.Tokens(request.Args).Where(t => !WeekWords.Contains(t)).ToList();
        if (unknown.Count > 0)
        {
            return Reply.Problem(
                "I couldn't read that plan request",
                $"I don't know '{string.Join(' ', unknown)}' after `plan`.",
                "Try `plan`, `plan next week`, `plan add <text> [mon..sun] [owner @name] [metric <m>]`, `plan remove <n>`, `plan assign <n> @name`, `plan submit`, `plan history`.");
        }

        var plan = await plans.GetOrCreateAsync(plans.WeekFrom(text), request, cancellationToken);
        var format = plans.FormatFor(request.Message.Locale);
        var card = await plans.CardAsync(plan, PlanView.Overview, format, cancellationToken);
        var yesterday = plans.Clock.Today().AddDays(-1);
        return await followUp.LoadAsync(yesterday, finishedWeeksOnly: false, cancellationToken) is { } result && result.Plan.WeekStart <= plan.WeekStart
            ? card with { Blocks = [.. card.Blocks, .. PlanFollowUp.Blocks(result, format)] }
            : card;
    }
}
