using System.Globalization;
using Bot.Core.Commands;
using Bot.Core.Formatting;
using Bot.Core.Messaging;
using Bot.Core.Metrics;
using Bot.Core.Periods;
using Bot.Core.Push;
using Bot.Core.Replies;
using Bot.Core.Security;
using Bot.Core.Time;
using Microsoft.Extensions.Logging;

namespace Bot.Core.Plans;

/// <summary>What the plan commands, the card actions and the reminder job share: load or create, save with the workflow, notify.</summary>
/// <remarks>
/// The decisions themselves are <see cref="PlanWorkflow"/>'s (pure); this class adds the store's compare-and-swap,
/// the retry that turns a lost race into "already approved by …", and the messages to other conversations.
/// </remarks>
public sealed class PlanService(
    IPlanStore store,
    IPlanItemSource items,
    IPlanNotifier notifier,
    IMetricStore metrics,
    PlanOptions options,
    Roles roles,
    TeamClock clock,
    NumberFormat teamFormat,
    ILogger<PlanService> logger)
{
    public IPlanStore Store { get; } = store;

    public TeamClock Clock { get; } = clock;

    public PlanOptions Options { get; } = options;

    /// <summary>Chinese readers get 万/亿, others the team's format (as the query commands do).</summary>
    public NumberFormat FormatFor(string? locale) =>
        locale is not null && locale.StartsWith("zh", StringComparison.OrdinalIgnoreCase) ? new NumberFormat(CultureInfo.GetCultureInfo("zh-CN")) : teamFormat;

    /// <summary>The week a plan command means by default: the same week the weekly to-do list plans (next week from Friday on).</summary>
    public DateOnly DefaultWeek() => PushKinds.TodoWeek(Clock.Today());

    /// <summary>Reads "this week / next week / 本周 / 下周" from a command's words; the default week otherwise.</summary>
    public DateOnly WeekFrom(string normalizedText)
    {
        var thisWeek = Plan.WeekOf(Clock.Today());
        if (ContainsAny(normalizedText, "next week", "下周", "下星期"))
        {
            return thisWeek.AddDays(7);
        }

        return ContainsAny(normalizedText, "this week", "本周", "这周", "本星期") ? thisWeek : DefaultWeek();
    }

    /// <summary>The week's plan, created as a draft from the weekly to-do list the first time anyone asks for it.</summary>
    public async Task<Plan> GetOrCreateAsync(DateOnly weekStart, CommandRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (await Store.FindByWeekAsync(weekStart, cancellationToken) is { } existing)
        {
            return existing;
        }

        var week = new DateRange(weekStart, weekStart.AddDays(6));
        var proposed = await items.ProposeAsync(week, request.Settings.Shop, cancellationToken);
        var created = PlanWorkflow.Create(weekStart, request.Settings.Shop, proposed, PlanActor.From(request.Message.From), Clock.Time.GetUtcNow(), PlanConversation.From(request.Conversation));
        var plan = await Store.CreateAsync(created, cancellationToken);
        logger.LogInformation("Created plan {PlanId} for week {Week} with {Items} items", plan.Id, weekStart.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), plan.Items.Count);
        return plan;
    }

    /// <summary>The submitted plan a typed decision is about: the default week's, else this or next week's.</summary>
    public async Task<Plan?> FindAwaitingDecisionAsync(CancellationToken cancellationToken)
    {
        var thisWeek = Plan.WeekOf(Clock.Today());
        foreach (var week in new[] { DefaultWeek(), thisWeek, thisWeek.AddDays(7) }.Distinct())
        {
            if (await Store.FindByWeekAsync(week, cancellationToken) is { State: PlanState.Submitted } plan)
            {
                return plan;
            }
        }

        return null;
    }

    /// <summary>The values of the items' metrics over the last 7 complete days, or null when no item names a metric.</summary>
    public async Task<PlanValues?> ValuesAsync(Plan plan, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(plan);
        if (plan.Items.All(i => i.MetricDefinition is null))
        {
            return null;
        }

        var today = Clock.Today();
        var range = new DateRange(today.AddDays(-7), today.AddDays(-1));
        var rows = await metrics.SumCountersAsync(new CounterQuery(range, plan.Shop), cancellationToken);
        return new PlanValues(range, rows.Count > 0 ? rows[0].Counters : Counters.Zero);
    }

    public async Task<Reply> CardAsync(Plan plan, PlanView view, NumberFormat format, CancellationToken cancellationToken) =>
        PlanReport.Card(plan, await ValuesAsync(plan, cancellationToken), format, Clock.Zone, view);

    /// <summary>Saves an edit (items replaced) if nobody changed the plan meanwhile.</summary>
    /// <returns>The saved plan, or a reply saying why not.</returns>
    public async Task<(Plan? Saved, Reply? Problem)> EditAsync(Plan plan, IReadOnlyList<PlanItem> newItems, Caller caller, string description, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        switch (PlanWorkflow.Edit(plan, newItems, PlanActor.From(caller), Clock.Time.GetUtcNow(), description))
        {
            case PlanRefusal refusal:
                return (null, PlanReport.Refusal(refusal, Clock.Zone, PlanActor.From(caller).Name));
            case PlanChange change when await Store.TrySaveAsync(change, cancellationToken):
                return (change.After, null);
            default:
                return (null, Conflict());
        }
    }

    /// <summary>Submits the plan; the approval card goes to the managers' conversation, or answers here when none is configured.</summary>
    public async Task<Reply> SubmitAsync(Plan plan, CommandRequest request, NumberFormat format, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var here = PlanConversation.From(request.Conversation);
        var managers = Options.Managers ?? here;
        var actor = PlanActor.From(request.Message.From);
        switch (PlanWorkflow.Submit(plan, actor, Clock.Time.GetUtcNow(), here, managers))
        {
            case PlanRefusal refusal:
                return PlanReport.Refusal(refusal, Clock.Zone, actor.Name);
            case PlanChange change when await Store.TrySaveAsync(change, cancellationToken):
                var submitted = change.After;
                logger.LogInformation("Plan {PlanId} submitted (submission {Submission})", submitted.Id, submitted.Submission);
                var card = await CardAsync(submitted, PlanView.Approval, format, cancellationToken);
                if (managers == here)
                {
                    return card;
                }

                await NotifyAsync(managers, card, Key(submitted, "approval"), cancellationToken);
                var overview = await CardAsync(submitted, PlanView.Overview, format, cancellationToken);
                return overview with
                {
                    Blocks = [new TextBlock("Submitted — the approval card went to the managers' channel. You'll hear here when they decide.", Tone.Good, Heading: true), .. overview.Blocks],
                };
            default:
                return Conflict();
        }
    }

    /// <summary>A manager's decision from a card click or a typed command. Only <see cref="Roles.IsManager"/> may decide.</summary>
    /// <remarks>
    /// If another decision is saved between loading and saving, the save fails, the plan is reloaded and the
    /// workflow asked again — which now answers <see cref="PlanRefusalReason.AlreadyDecided"/> with the winner's name.
    /// </remarks>
    /// <param name="clickedActivityId">The card clicked, when decided on a card (see <see cref="IncomingMessage.CardActivityId"/>).</param>
    public async Task<PlanOutcome?> DecideAsync(long planId, PlanState outcome, Caller caller, string? note, int? cardSubmission, CancellationToken cancellationToken, string? clickedActivityId = null)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var actor = PlanActor.From(caller);
        var isManager = roles.IsManager(caller);
        for (var attempt = 0; attempt < 3; attempt++)
        {
            if (await Store.GetAsync(planId, cancellationToken) is not { } plan)
            {
                return null;
            }

            var result = PlanWorkflow.Decide(plan, outcome, actor, isManager, note, cardSubmission, Clock.Time.GetUtcNow());
            if (result is PlanRefusal refusal)
            {
                if (refusal.Audit is { } audit)
                {
                    await Store.AppendAuditAsync(audit, cancellationToken);
                }

                logger.LogInformation("Plan {PlanId}: {Decision} refused ({Reason})", planId, outcome, refusal.Reason);
                return refusal;
            }

            var change = (PlanChange)result;
            if (await Store.TrySaveAsync(change, cancellationToken))
            {
                logger.LogInformation("Plan {PlanId}: {Decision} (submission {Submission})", planId, outcome, change.After.Submission);
                await AfterDecisionAsync(change.After, clickedActivityId, cancellationToken);
                return change;
            }

            logger.LogInformation("Plan {PlanId}: {Decision} lost a race; reloading", planId, outcome);
        }

        throw new InvalidOperationException($"Plan {planId} kept changing while deciding.");
    }

    /// <summary>The reminder job's work: remind undecided submissions once, post approved plans not yet posted.</summary>
    public async Task<(int Reminded, int Posted)> RunDueAsync(CancellationToken cancellationToken)
    {
        var now = Clock.Time.GetUtcNow();
        var reminded = 0;
        foreach (var plan in await Store.ListDueForReminderAsync(now - TimeSpan.FromHours(Options.ReminderAfterHours), cancellationToken))
        {
            // Claim first: a reminder goes out at most once per submission, even with two hosts.
            if (!await Store.TryMarkRemindedAsync(plan, now, cancellationToken))
            {
                continue;
            }

            var to = Options.Managers ?? plan.ApprovalConversation ?? plan.Origin;
            if (to is null)
            {
                logger.LogWarning("Plan {PlanId} has nowhere to send its reminder", plan.Id);
                continue;
            }

            await NotifyAsync(to, await CardAsync(plan, PlanView.Reminder, teamFormat, cancellationToken), Key(plan, "reminder"), cancellationToken);
            reminded++;
        }

        var posted = 0;
        foreach (var plan in await Store.ListApprovedUnpostedAsync(cancellationToken))
        {
            posted += await PostApprovedAsync(plan, cancellationToken) ? 1 : 0;
        }

        return (reminded, posted);
    }

    /// <summary>Posts an approved plan to the team conversation, once.</summary>
    public async Task<bool> PostApprovedAsync(Plan plan, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var to = Options.Team ?? plan.Origin ?? plan.ApprovalConversation;
        if (to is null || !await Store.TryMarkPostedAsync(plan, to, Clock.Time.GetUtcNow(), cancellationToken))
        {
            return false;
        }

        await NotifyAsync(to, await CardAsync(plan, PlanView.Announcement, teamFormat, cancellationToken), Key(plan, "approved"), cancellationToken);
        return true;
    }

    private async Task AfterDecisionAsync(Plan plan, string? clickedActivityId, CancellationToken cancellationToken)
    {
        // The approval card and its reminder may be in another conversation than the decision, or decided by typing:
        // show the decision on them (a card that was a direct reply is not in the outbox and is left alone).
        if ((Options.Managers ?? plan.ApprovalConversation ?? plan.Origin) is { } managers)
        {
            var decided = await CardAsync(plan, PlanView.Approval, teamFormat, cancellationToken);
            foreach (var what in (string[])["approval", "reminder"])
            {
                await UpdateAsync(managers, decided, Key(plan, what), clickedActivityId, cancellationToken);
            }
        }

        if (plan.State == PlanState.Approved)
        {
            await PostApprovedAsync(plan, cancellationToken);
        }
        else if (plan.Origin is { } origin && origin != plan.ApprovalConversation)
        {
            // The card was decided in the managers' channel: tell the conversation that submitted it.
            await NotifyAsync(origin, await CardAsync(plan, PlanView.Overview, teamFormat, cancellationToken), Key(plan, PlanReport.StateName(plan.State).Replace(' ', '-')), cancellationToken);
        }
    }

    private async Task NotifyAsync(PlanConversation to, Reply reply, string key, CancellationToken cancellationToken)
    {
        try
        {
            await notifier.SendAsync(to, reply, key, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The decision is saved; a message that could not be queued must not turn it into an error for the clicker.
            logger.LogError(ex, "Could not queue plan message {Key} for {ConversationId}", key, to.ConversationId);
        }
    }

    private async Task UpdateAsync(PlanConversation to, Reply reply, string key, string? clickedActivityId, CancellationToken cancellationToken)
    {
        try
        {
            await notifier.UpdateAsync(to, reply, key, clickedActivityId, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning(ex, "Could not update plan message {Key} in {ConversationId}", key, to.ConversationId);
        }
    }

    private static string Key(Plan plan, string what) => string.Create(CultureInfo.InvariantCulture, $"plan:{plan.Id}:{plan.Submission}:{what}");

    private static Reply Conflict() => Reply.Problem("The plan changed meanwhile", "Someone changed the plan while you were editing it. Type `plan` to see it now, then try again.");

    private static bool ContainsAny(string text, params string[] phrases) => phrases.Any(p => CommandMatcher.FindPhrase(text, p) >= 0);
}
