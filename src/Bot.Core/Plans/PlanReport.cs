using System.Globalization;
using Bot.Core.Formatting;
using Bot.Core.Metrics;
using Bot.Core.Periods;
using Bot.Core.Replies;

namespace Bot.Core.Plans;

/// <summary>The metric values shown next to the items: counters summed over <see cref="Range"/> (the last 7 complete days).</summary>
public sealed record PlanValues(DateRange Range, Counters Counters);

/// <summary>How a plan is shown: to its editors, as the approval card, or as the post announcing an approved plan.</summary>
public enum PlanView
{
    /// <summary><c>plan</c>: the items with hints for editing and submitting.</summary>
    Overview,

    /// <summary>The approval card: decision buttons while submitted; the decision, who and when, once decided.</summary>
    Approval,

    /// <summary>The same card sent again to the managers because nobody decided in time.</summary>
    Reminder,

    /// <summary>The approved plan, posted to the team conversation.</summary>
    Announcement,
}

/// <summary>Builds every plan reply: overview, approval card, decided card, reminder, history and refusals. Pure.</summary>
public static class PlanReport
{
    public const string ApproveVerb = "approve-plan";
    public const string RejectVerb = "reject-plan";
    public const string RequestChangesVerb = "request-plan-changes";

    /// <summary>The card's one text box: the reason to reject or the comment when requesting changes.</summary>
    public const string NoteInput = "reason";

    public const string PlanIdKey = "planId";
    public const string SubmissionKey = "submission";

    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static Reply Card(Plan plan, PlanValues? values, NumberFormat format, TimeZoneInfo zone, PlanView view)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(format);
        ArgumentNullException.ThrowIfNull(zone);
        var blocks = new List<ReplyBlock>();
        if (view == PlanView.Reminder)
        {
            blocks.Add(new TextBlock($"Reminder: this plan was submitted by {plan.SubmittedBy?.Name} at {At(plan.SubmittedAt, zone)} and is still waiting for a manager's decision.", Tone.Warning, Heading: true));
        }

        if (plan.Decision is { } decision && plan.State != PlanState.Submitted)
        {
            blocks.Add(new TextBlock(DecisionLine(decision, zone), DecisionTone(decision.Outcome), Heading: true));
        }

        blocks.Add(ItemsTable(plan, values, format));
        blocks.AddRange(Hints(plan, view));

        var reply = new Reply($"Weekly plan 周计划 — {plan.Week}", blocks)
        {
            Subtitle = Status(plan, zone) + (plan.Shop is null ? string.Empty : $" · shop {plan.Shop}"),
            Summary = Summary(plan, zone),
        };
        return view is PlanView.Approval or PlanView.Reminder && plan.State == PlanState.Submitted
            ? reply with { Buttons = DecisionButtons(plan) }
            : reply;
    }

    /// <summary>"Rejected by Ana Ops at 2026-11-23 18:04 (Asia/Shanghai): too vague".</summary>
    public static string DecisionLine(PlanDecision decision, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(decision);
        var line = $"{Past(decision.Outcome, capital: true)} by {decision.By.Name} at {At(decision.At, zone)}";
        return decision.Note is { } note ? $"{line}: {note}" : line;
    }

    /// <summary>A time in the team's zone, naming the zone: "2026-11-23 18:04 (Asia/Shanghai)".</summary>
    public static string At(DateTimeOffset? at, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        return at is { } t ? TimeZoneInfo.ConvertTime(t, zone).ToString("yyyy-MM-dd HH:mm", Inv) + $" ({zone.Id})" : "—";
    }

    public static Reply History(Plan plan, IReadOnlyList<PlanAuditEntry> entries, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(entries);
        var rows = entries.Select(e => (IReadOnlyList<Cell>)[
            new Cell(At(e.At, zone)),
            new Cell(e.Actor.Name),
            new Cell(StepText(e), StepTone(e.Step)),
            new Cell(e.Note ?? string.Empty, Tone.Subtle),
        ]).ToList();
        return new Reply($"Plan history — {plan.Week}", [
            new TableBlock(["When", "Who", "Step", "Note"], rows),
            new TextBlock($"Now: {Status(plan, zone)}.", Tone.Subtle),
        ])
        {
            Summary = $"Plan history {plan.Week}: {entries.Count} steps, now {StateName(plan.State)}",
        };
    }

    public static Reply Refusal(PlanRefusal refusal, TimeZoneInfo zone, string callerName)
    {
        ArgumentNullException.ThrowIfNull(refusal);
        var plan = refusal.Plan;
        var attempt = refusal.Attempted switch
        {
            PlanState.Approved => "approval",
            PlanState.Rejected => "rejection",
            PlanState.ChangesRequested => "request for changes",
            _ => "change",
        };
        switch (refusal.Reason)
        {
            case PlanRefusalReason.NotManager:
                return Reply.Problem(
                    "Only managers can decide on the weekly plan",
                    $"Sorry {callerName}, only the team's managers can approve, reject or request changes to the plan. Nothing was changed.",
                    "If you should be one, ask your admin to add you to the managers (Roles:Managers).");
            case PlanRefusalReason.NoteRequired when refusal.Attempted == PlanState.Rejected:
                return Reply.Problem(
                    "Please give a reason to reject",
                    "A rejection needs a reason, so whoever wrote the plan knows what to fix. Type it in the box on the card and click Reject again. Nothing was changed.");
            case PlanRefusalReason.NoteRequired:
                return Reply.Problem(
                    "Please say what should change",
                    "Type the changes you want in the box on the card and click Request changes again. Nothing was changed.");
            case PlanRefusalReason.AlreadyDecided when plan.Decision is { } decision:
                return decision.Outcome == refusal.Attempted
                    ? Reply.Problem($"Already {Past(decision.Outcome)} by {decision.By.Name}", $"This plan was already {Past(decision.Outcome)} by {decision.By.Name} at {At(decision.At, zone)}{NoteSuffix(decision)} — nothing more to do.")
                    : Reply.Problem($"Already {Past(decision.Outcome)} by {decision.By.Name}", $"{decision.By.Name} already {Past(decision.Outcome)} this plan at {At(decision.At, zone)}{NoteSuffix(decision)}. Your {attempt} was not recorded.");
            case PlanRefusalReason.StaleCard:
                return Reply.Problem(
                    "This card is out of date",
                    $"The plan was resubmitted (submission {plan.Submission}) after this card was sent. Please decide on the newest card. Nothing was changed.");
            case PlanRefusalReason.NotSubmitted:
            case PlanRefusalReason.AlreadyDecided:
                return Reply.Problem("This plan is not waiting for a decision", $"The plan for {plan.Week} is {StateName(plan.State)}. Nothing was changed.");
            case PlanRefusalReason.NotEditable when plan.State == PlanState.Submitted:
                return Reply.Problem(
                    "The plan is waiting for approval",
                    $"It was submitted by {plan.SubmittedBy?.Name} at {At(plan.SubmittedAt, zone)}, so it can't be changed now. A manager can click Request changes to send it back for editing.");
            case PlanRefusalReason.NotEditable when plan.Decision is { } approval:
                return Reply.Problem("The plan is approved", $"{DecisionLine(approval, zone)}. An approved plan is locked.");
            case PlanRefusalReason.AlreadySubmitted:
                return Reply.Problem("Already submitted", $"The plan for {plan.Week} was submitted by {plan.SubmittedBy?.Name} at {At(plan.SubmittedAt, zone)} and is waiting for a manager.");
            case PlanRefusalReason.Empty:
                return Reply.Problem("The plan has no items", "Add one first, e.g. `plan add Review live-stream ROI wed owner @Ana metric roas`.");
            default:
                return Reply.Problem("That can't be done now", $"The plan for {plan.Week} is {StateName(plan.State)}.");
        }
    }

    /// <summary>"draft", "submitted", "approved", "rejected", "changes requested".</summary>
    public static string StateName(PlanState state) => state switch
    {
        PlanState.ChangesRequested => "changes requested",
        _ => state.ToString().ToLowerInvariant(),
    };

    public static string DayName(DayOfWeek day) => day switch
    {
        DayOfWeek.Monday => "Mon 周一",
        DayOfWeek.Tuesday => "Tue 周二",
        DayOfWeek.Wednesday => "Wed 周三",
        DayOfWeek.Thursday => "Thu 周四",
        DayOfWeek.Friday => "Fri 周五",
        DayOfWeek.Saturday => "Sat 周六",
        _ => "Sun 周日",
    };

    private static TableBlock ItemsTable(Plan plan, PlanValues? values, NumberFormat format)
    {
        var rows = plan.Items.Select((item, i) =>
        {
            var metric = item.MetricDefinition;
            var value = metric is null ? string.Empty
                : values is null || !values.Counters.HasData ? "—"
                : format.Format(metric.Value(values.Counters), metric.Kind);
            return (IReadOnlyList<Cell>)[
                new Cell(string.Create(Inv, $"{i + 1}. {item.Text}")),
                new Cell(item.Day is { } day ? DayName(day) : "any day", item.Day is null ? Tone.Subtle : Tone.Neutral),
                new Cell(item.Owner ?? "—", item.Owner is null ? Tone.Subtle : Tone.Neutral),
                new Cell(metric?.Label ?? "—", metric is null ? Tone.Subtle : Tone.Neutral),
                new Cell(value),
            ];
        }).ToList();
        var caption = values is null ? null : $"Metric values: {values.Range} (last 7 complete days)";
        return new TableBlock(["Item", "Day", "Owner", "Metric", "Now"], rows) { Caption = caption };
    }

    private static IEnumerable<ReplyBlock> Hints(Plan plan, PlanView view)
    {
        if (plan.Items.Count == 0)
        {
            yield return new TextBlock("No items yet.", Tone.Subtle);
        }

        if (view == PlanView.Approval && plan.State == PlanState.Submitted)
        {
            yield return new TextBlock("Managers: approve, or type a reason and reject, or type what should change and request changes.", Tone.Subtle);
        }

        if (view != PlanView.Overview)
        {
            yield break;
        }

        if (plan.IsEditable)
        {
            yield return new TextBlock("Edit: `plan add <text> [mon..sun] [owner @name] [metric <m>]`, `plan remove <n>`, `plan assign <n> @name`. When it's ready: `plan submit` (计划 提交).", Tone.Subtle);
        }
        else if (plan.State == PlanState.Submitted)
        {
            yield return new TextBlock("Waiting for a manager's decision on the approval card.", Tone.Subtle);
        }

        yield return new TextBlock("`plan history` (计划 历史) shows every step.", Tone.Subtle);
    }

    private static List<ReplyButton> DecisionButtons(Plan plan)
    {
        var data = new Dictionary<string, string>
        {
            [PlanIdKey] = plan.Id.ToString(Inv),
            [SubmissionKey] = plan.Submission.ToString(Inv),
        };

        // Not Required on the card: Teams validates every required input on any button of the card, so a required
        // reason would block Approve too. The reason is required where it counts: RejectPlanAction refuses without one.
        var note = new ReplyInput(NoteInput, "Reason or comment (needed to reject or to request changes)", Required: false);
        return [
            new ReplyButton("Approve", ApproveVerb, data),
            new ReplyButton("Reject", RejectVerb, data) { Input = note },
            new ReplyButton("Request changes", RequestChangesVerb, data) { Input = note },
        ];
    }

    private static string Status(Plan plan, TimeZoneInfo zone) => plan.State switch
    {
        PlanState.Draft => $"Draft · {Items(plan)}",
        PlanState.Submitted => $"Submitted by {plan.SubmittedBy?.Name} at {At(plan.SubmittedAt, zone)} · {Items(plan)} · waiting for a manager",
        _ when plan.Decision is { } d => $"{DecisionLine(d, zone)} · {Items(plan)}",
        _ => $"{StateName(plan.State)} · {Items(plan)}",
    };

    private static string Summary(Plan plan, TimeZoneInfo zone) => plan.Decision is { } d && plan.State != PlanState.Submitted
        ? $"Weekly plan {plan.Week}: {DecisionLine(d, zone)}"
        : $"Weekly plan {plan.Week}: {StateName(plan.State)}, {Items(plan)}";

    private static string Items(Plan plan) => plan.Items.Count == 1 ? "1 item" : $"{plan.Items.Count} items";

    private static string NoteSuffix(PlanDecision decision) => decision.Note is { } note ? $" ({note})" : string.Empty;

    private static string Past(PlanState outcome, bool capital = false)
    {
        var text = outcome switch
        {
            PlanState.Approved => "approved",
            PlanState.Rejected => "rejected",
            PlanState.ChangesRequested => "sent back with changes requested",
            _ => StateName(outcome),
        };
        if (capital && outcome == PlanState.ChangesRequested)
        {
            return "Changes requested";
        }

        return capital ? char.ToUpperInvariant(text[0]) + text[1..] : text;
    }

    private static Tone DecisionTone(PlanState outcome) => outcome switch
    {
        PlanState.Approved => Tone.Good,
        PlanState.Rejected => Tone.Bad,
        _ => Tone.Warning,
    };

    private static string StepText(PlanAuditEntry entry) => entry.Step switch
    {
        PlanStep.Created => "created → draft",
        PlanStep.Edited => $"edited ({StateName(entry.To)})",
        PlanStep.Refused => $"refused ({StateName(entry.To)} unchanged)",
        PlanStep.Reminded => "reminded managers",
        PlanStep.Posted => "posted to the team",
        _ => $"{StateName(entry.From ?? entry.To)} → {StateName(entry.To)}",
    };

    private static Tone StepTone(PlanStep step) => step switch
    {
        PlanStep.Approved => Tone.Good,
        PlanStep.Rejected or PlanStep.Refused => Tone.Bad,
        PlanStep.ChangesRequested => Tone.Warning,
        _ => Tone.Neutral,
    };
}
