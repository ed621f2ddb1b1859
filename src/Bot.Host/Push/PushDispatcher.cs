using System.Globalization;
using Bot.Channel.Protocol;
using Bot.Core.Conversations;
using Bot.Core.Formatting;
using Bot.Core.Messaging;
using Bot.Core.Push;
using Bot.Core.Replies;
using Bot.Host.Jobs;
using Microsoft.Extensions.Options;

namespace Bot.Host.Push;

/// <summary>What one firing of a subscription did.</summary>
public enum FireOutcome
{
    /// <summary>The message was composed and written to the outbox.</summary>
    Queued,

    /// <summary>This period's message was already in the outbox (a second firing, a recovery, a restart).</summary>
    AlreadyQueued,

    /// <summary>The firing was later than the misfire grace: skipped, and mentioned in the next message.</summary>
    SkippedTooLate,

    /// <summary>The brief's data has not arrived; a re-check is scheduled (until the deadline).</summary>
    WaitingForData,

    /// <summary>Nothing to do: unknown or removed subscription, paused conversation, no firing due yet, or an alerts subscription.</summary>
    NotDue,
}

/// <summary>The result of a firing, with the occurrence it was for.</summary>
public sealed record FireResult(FireOutcome Outcome, DateTimeOffset? Occurrence = null, string? Key = null);

/// <summary>Turns one firing of one subscription into at most one outbox row: what the Quartz jobs call.</summary>
/// <remarks>
/// <para>The firing's occurrence is the last scheduled time at or before the later of its scheduled time and now, so a
/// late firing after downtime belongs to the slot it missed. If that slot is more than <c>MisfireGraceHours</c> ago the
/// firing is skipped; the next message names the skipped ones (the slots between the last queued one and its own).</para>
/// <para>The idempotency key (<see cref="PushKinds.BriefKey"/>, <see cref="PushKinds.TodoKey"/>) is checked before
/// composing and enforced by the outbox's UNIQUE constraint, so any number of firings for one period queue one message.</para>
/// </remarks>
public sealed class PushDispatcher(
    ISubscriptionStore subscriptions,
    IOutbox outbox,
    ISubscriptionScheduler scheduler,
    IConversationDirectory directory,
    IConversationSettingsStore settings,
    DailyBriefSender briefs,
    WeeklyTodoSender todos,
    NumberFormat teamFormat,
    OutboxSignal signal,
    IOptions<ScheduleOptions> options,
    TimeProvider time,
    ILogger<PushDispatcher> logger)
{
    /// <param name="scheduledAt">When the trigger was due (Quartz's scheduled fire time).</param>
    /// <param name="recheckOf">For a data re-check: the occurrence it re-checks.</param>
    public async Task<FireResult> FireAsync(long subscriptionId, DateTimeOffset scheduledAt, DateTimeOffset? recheckOf, CancellationToken cancellationToken)
    {
        var subscription = await subscriptions.GetAsync(subscriptionId, cancellationToken);
        if (subscription?.Schedule is not { } schedule)
        {
            logger.LogDebug("Subscription {SubscriptionId} is gone or has no schedule; firing ignored", subscriptionId);
            return new FireResult(FireOutcome.NotDue);
        }

        using var scope = logger.BeginScope(new Dictionary<string, object?> { ["ConversationId"] = subscription.ConversationId, ["SubscriptionId"] = subscription.Id });
        var now = time.GetUtcNow();
        if (!subscription.Active)
        {
            // Paused because the conversation was gone; it is back if it has been seen since (the reference is active again).
            if (await directory.FindAsync(subscription.ChannelId, subscription.ConversationId, cancellationToken) is null)
            {
                return new FireResult(FireOutcome.NotDue);
            }

            await subscriptions.ResumeConversationAsync(subscription.ChannelId, subscription.ConversationId, now, cancellationToken);
            logger.LogInformation("Resumed the subscriptions of a conversation that was seen again");
            subscription = await subscriptions.GetAsync(subscriptionId, cancellationToken) ?? subscription;
        }

        var occurrence = recheckOf ?? schedule.LatestAtOrBefore(scheduledAt > now ? scheduledAt : now);
        if (occurrence is not { } slot || slot < subscription.Since)
        {
            return new FireResult(FireOutcome.NotDue, occurrence);
        }

        var sendDay = schedule.LocalDate(slot);
        var key = subscription.Kind == SubscriptionKind.Todo
            ? PushKinds.TodoKey(subscription.ConversationId, PushKinds.TodoWeek(sendDay))
            : PushKinds.BriefKey(subscription.ConversationId, sendDay);
        if (await outbox.ExistsAsync(key, cancellationToken))
        {
            logger.LogDebug("Firing for {Key} ignored: already queued", key);
            return new FireResult(FireOutcome.AlreadyQueued, slot, key);
        }

        var grace = options.Value.MisfireGrace;
        if (now - slot > grace)
        {
            logger.LogWarning("Skipped the {Kind} due {Occurrence:u}: {Late} late, beyond the {Grace} grace; it is mentioned in the next one", subscription.Kind, slot, now - slot, grace);
            return new FireResult(FireOutcome.SkippedTooLate, slot, key);
        }

        var reference = await directory.FindAsync(subscription.ChannelId, subscription.ConversationId, cancellationToken);
        var format = reference?.Locale is { } locale && locale.StartsWith("zh", StringComparison.OrdinalIgnoreCase)
            ? new NumberFormat(CultureInfo.GetCultureInfo("zh-CN"))
            : teamFormat;
        var shop = (await settings.GetAsync(new ConversationKey(subscription.ChannelId, subscription.ConversationId), cancellationToken)).Shop;

        Reply reply;
        if (subscription.Kind == SubscriptionKind.Brief)
        {
            var brief = await briefs.ComposeAsync(sendDay, shop, format, cancellationToken);
            if (brief is null)
            {
                var deadline = Deadline(schedule, sendDay);
                if (now < deadline)
                {
                    var at = now.AddMinutes(options.Value.DataRecheckMinutes);
                    at = at > deadline ? deadline : at;
                    await scheduler.ScheduleRecheckAsync(subscription, slot, at, cancellationToken);
                    logger.LogInformation("Data for {Day:yyyy-MM-dd} has not arrived; re-checking at {At:u} (deadline {Deadline:u})", sendDay.AddDays(-1), at, deadline);
                    return new FireResult(FireOutcome.WaitingForData, slot, key);
                }

                brief = await briefs.MissingDataAsync(sendDay, shop, TextWhen(deadline, schedule.Zone), cancellationToken);
            }

            reply = brief;
        }
        else
        {
            reply = await todos.ComposeAsync(sendDay, shop, format, cancellationToken);
        }

        reply = WithMissedNote(reply, subscription, schedule, slot);
        var activity = OutboundActivity.FromReply(reply);
        var message = new OutboxMessage(key, subscription.Kind, subscription.ChannelId, subscription.ConversationId, reply.Title, ProtocolJson.Write(activity), ReplyText.Render(reply))
        {
            SubscriptionId = subscription.Id,
            Occurrence = slot,
        };
        if (!await outbox.EnqueueAsync(message, now, cancellationToken))
        {
            return new FireResult(FireOutcome.AlreadyQueued, slot, key);
        }

        logger.LogInformation("Queued {Key} for delivery", key);
        signal.Notify();
        return new FireResult(FireOutcome.Queued, slot, key);
    }

    /// <summary>The moment on the send day after which a brief stops waiting for data.</summary>
    public DateTimeOffset Deadline(PushSchedule schedule, DateOnly sendDay)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        var deadline = new PushSchedule(ScheduleOptions.Time(options.Value.DataWaitDeadline), WeekDays.Daily, schedule.Zone);
        return deadline.On(sendDay)!.Value;
    }

    /// <summary>Says which earlier sends were skipped (the bot was down past the grace), so a gap never goes unexplained.</summary>
    private static Reply WithMissedNote(Reply reply, Subscription subscription, PushSchedule schedule, DateTimeOffset occurrence)
    {
        var from = subscription.LastOccurrence is { } last && last > subscription.Since ? last : subscription.Since;
        var missed = schedule.Between(from, occurrence);
        if (missed.Count == 0)
        {
            return reply;
        }

        var what = subscription.Kind == SubscriptionKind.Todo ? "weekly to-do list" : "brief";
        var when = string.Join(", ", missed.Take(7).Select(m => TextWhen(m, schedule.Zone))) + (missed.Count > 7 ? $" and {missed.Count - 7} more" : string.Empty);
        var note = new TextBlock($"Skipped while I was offline: the {what} due {when} (more than the allowed delay had passed when I came back).", Tone.Warning);
        return reply with { Blocks = [note, .. reply.Blocks] };
    }

    private static string TextWhen(DateTimeOffset instant, TimeZoneInfo zone) =>
        TimeZoneInfo.ConvertTime(instant, zone).ToString("ddd MM-dd HH:mm", CultureInfo.InvariantCulture) + " " + zone.Id;
}
