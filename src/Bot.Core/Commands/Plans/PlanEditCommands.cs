using System.Globalization;
using Bot.Core.Plans;
using Bot.Core.Replies;

namespace Bot.Core.Commands.Plans;

/// <summary><c>plan add &lt;text&gt; [mon..sun] [owner @name] [metric &lt;m&gt;]</c> / 计划 添加: adds an item to the week's plan.</summary>
public sealed class PlanAddCommand(PlanService plans) : ICommandHandler
{
    public CommandInfo Info { get; } = new(
        Verb: "plan add",
        Aliases: ["计划 添加", "添加计划", "计划 新增", "add to plan"],
        Usage: "plan add [next week] <text> [mon..sun] [owner @name] [metric <m>]",
        Example: "plan add Review live-stream ROI wed owner @Ana metric roas",
        Summary: "Add an item to the weekly plan (day, owner and target metric optional)")
    {
        Group = CommandGroups.Plan,
    };

    public async Task<Reply> HandleAsync(CommandRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var words = PlanEditing.Words(request, Info);
        var week = PlanEditing.LeadingWeek(plans, ref words);
        var parsed = PlanItemParser.ParseItem(words);
        if (!parsed.Success)
        {
            return PlanEditing.Usage(Info, parsed.Error!);
        }

        var plan = await plans.GetOrCreateAsync(week, request, cancellationToken);
        if (plan.Items.Count >= PlanWorkflow.MaxItems)
        {
            return PlanEditing.Usage(Info, string.Create(CultureInfo.InvariantCulture, $"The plan already has {plan.Items.Count} items, the most a week's plan may have. Remove one first."));
        }

        var item = parsed.Value!;
        var number = plan.Items.Count + 1;
        return await PlanEditing.SaveAsync(plans, request, plan, [.. plan.Items, item], string.Create(CultureInfo.InvariantCulture, $"added #{number}: {item.Text}"), cancellationToken);
    }
}

/// <summary><c>plan remove &lt;n&gt;</c> / 计划 删除: removes item n from the week's plan.</summary>
public sealed class PlanRemoveCommand(PlanService plans) : ICommandHandler
{
    public CommandInfo Info { get; } = new(
        Verb: "plan remove",
        Aliases: ["plan delete", "计划 删除", "删除计划", "计划 移除"],
        Usage: "plan remove <n> [next week]",
        Example: "plan remove 3",
        Summary: "Remove item n from the weekly plan")
    {
        Group = CommandGroups.Plan,
    };

    public async Task<Reply> HandleAsync(CommandRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (PlanItemParser.Number(PlanEditing.Words(request, Info), out var rest) is not { } n)
        {
            return PlanEditing.Usage(Info, "Tell me which item to remove by its number, e.g. `plan remove 3`.");
        }

        var plan = await plans.GetOrCreateAsync(plans.WeekFrom(TextNormalizer.Normalize(rest)), request, cancellationToken);
        if (PlanEditing.CheckNumber(plan, n) is { } problem)
        {
            return problem;
        }

        var removed = plan.Items[n - 1];
        return await PlanEditing.SaveAsync(plans, request, plan, [.. plan.Items.Where((_, i) => i != n - 1)], string.Create(CultureInfo.InvariantCulture, $"removed #{n}: {removed.Text}"), cancellationToken);
    }
}

/// <summary><c>plan assign &lt;n&gt; @name</c> / 计划 指派: sets the owner of item n (<c>none</c> clears it).</summary>
public sealed class PlanAssignCommand(PlanService plans) : ICommandHandler
{
    public CommandInfo Info { get; } = new(
        Verb: "plan assign",
        Aliases: ["plan owner", "计划 指派", "指派计划", "计划 负责人"],
        Usage: "plan assign <n> @name",
        Example: "plan assign 2 @Ana",
        Summary: "Set who owns item n of the weekly plan")
    {
        Group = CommandGroups.Plan,
    };

    public async Task<Reply> HandleAsync(CommandRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (PlanItemParser.Number(PlanEditing.Words(request, Info), out var rest) is not { } n)
        {
            return PlanEditing.Usage(Info, "Tell me the item number and the person, e.g. `plan assign 2 @Ana`.");
        }

        var nameWords = PlanItemParser.Tokens(rest).ToList();
        var week = plans.DefaultWeek();
        if (nameWords.Count >= 2 && TextNormalizer.Normalize(string.Join(' ', nameWords[^2..])) is "next week" or "this week")
        {
            week = plans.WeekFrom(TextNormalizer.Normalize(string.Join(' ', nameWords[^2..])));
            nameWords.RemoveRange(nameWords.Count - 2, 2);
        }

        if (nameWords.Count == 0)
        {
            return PlanEditing.Usage(Info, "Who should own it? e.g. `plan assign 2 @Ana` (or `plan assign 2 none` to clear).");
        }

        var plan = await plans.GetOrCreateAsync(week, request, cancellationToken);
        if (PlanEditing.CheckNumber(plan, n) is { } problem)
        {
            return problem;
        }

        var owner = PlanItemParser.Name(nameWords);
        var items = plan.Items.Select((item, i) => i == n - 1 ? item with { Owner = owner } : item).ToList();
        var what = owner is null ? "cleared the owner" : $"assigned to {owner}";
        return await PlanEditing.SaveAsync(plans, request, plan, items, string.Create(CultureInfo.InvariantCulture, $"#{n} {what}: {plan.Items[n - 1].Text}"), cancellationToken);
    }
}

/// <summary>What the editing commands share.</summary>
internal static class PlanEditing
{
    /// <summary>The words after the verb as typed (case kept), falling back to the router's normalized arguments.</summary>
    public static string Words(CommandRequest request, CommandInfo info) =>
        PlanItemParser.After(request.Message.Text, info.AllNames) ?? request.Args;

    /// <summary>"next week Review ads" → next week's plan and "Review ads"; otherwise the default week.</summary>
    public static DateOnly LeadingWeek(PlanService plans, ref string words)
    {
        foreach (var phrase in new[] { "next week", "this week", "下周", "本周" })
        {
            if (words.StartsWith(phrase, StringComparison.OrdinalIgnoreCase))
            {
                words = words[phrase.Length..].TrimStart(' ', ':', '：');
                return plans.WeekFrom(phrase);
            }
        }

        return plans.DefaultWeek();
    }

    public static Reply? CheckNumber(Plan plan, int n) =>
        n >= 1 && n <= plan.Items.Count
            ? null
            : Reply.Problem("No such item", plan.Items.Count == 0
                ? $"The plan for {plan.Week} has no items yet."
                : string.Create(CultureInfo.InvariantCulture, $"The plan for {plan.Week} has items 1 to {plan.Items.Count}; there is no #{n}. Type `plan` to see them."));

    public static async Task<Reply> SaveAsync(PlanService plans, CommandRequest request, Plan plan, IReadOnlyList<PlanItem> items, string description, CancellationToken cancellationToken)
    {
        var (saved, problem) = await plans.EditAsync(plan, items, request.Message.From, description, cancellationToken);
        if (saved is null)
        {
            return problem!;
        }

        var card = await plans.CardAsync(saved, PlanView.Overview, plans.FormatFor(request.Message.Locale), cancellationToken);
        var heading = char.ToUpperInvariant(description[0]) + description[1..];
        return card with { Blocks = [new TextBlock(heading, Tone.Good, Heading: true), .. card.Blocks] };
    }

    public static Reply Usage(CommandInfo info, string problem) =>
        Reply.Problem($"I couldn't read that {info.Verb} request", problem, $"Usage: `{info.Usage}` — for example `{info.Example}`.");
}
