using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Bot.Channel.Protocol;
using Bot.Core.Alerts;
using Bot.Core.Formatting;
using Bot.Core.Push;
using Bot.Core.Replies;
using Bot.Core.Time;
using Bot.Host.Push;

namespace Bot.Host.Alerts;

/// <summary>Turns pending alert notices into messages: new cards and short notices through the outbox, card refreshes in place.</summary>
/// <remarks>
/// <para>Alerts go to every conversation subscribed to alerts (<c>subscribe alerts</c>). A new incident's card is queued in
/// the outbox under the key <c>alert:&lt;incident&gt;:card:&lt;conversation&gt;</c>, once per conversation; the outbox
/// delivers it and keeps the activity id the connector returned, which is copied to <c>alert_card</c> the first time the
/// card has to change. Changes are PUT to that activity (bot-protocol.md §6.5), so an incident has one card per
/// conversation, updated in place. Reminders, "resolved" and "firing again" are short messages through the outbox.</para>
/// <para>Notices are rendered when they are sent, from the incident as it is then, so a late notice never shows stale
/// numbers. A notice that must update a card not yet delivered waits (later notices of the same incident wait behind
/// it) and is retried on the next pass; after <see cref="GiveUpAfter"/> it is dropped with a warning.</para>
/// </remarks>
public sealed class AlertNoticeDispatcher(
    IAlertStore alerts,
    IOutbox outbox,
    ISubscriptionStore subscriptions,
    SentActivityUpdater updater,
    OutboxSignal signal,
    NumberFormat format,
    TeamClock clock,
    ILogger<AlertNoticeDispatcher> logger) : IDisposable
{
    private const int Batch = 200;
    private static readonly TimeSpan GiveUpAfter = TimeSpan.FromHours(6);

    private readonly SemaphoreSlim _gate = new(1, 1);

    /// <summary>The outbox key of an incident's card in one conversation.</summary>
    public static string CardKey(long incidentId, string conversationId) =>
        string.Create(CultureInfo.InvariantCulture, $"alert:{incidentId}:card:{conversationId}");

    /// <summary>Handles every pending notice that can be handled now; returns how many were done.</summary>
    public async Task<int> DispatchPendingAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            var done = 0;
            var waiting = new HashSet<long>();
            foreach (var notice in await alerts.ListPendingNoticesAsync(Batch, cancellationToken))
            {
                if (waiting.Contains(notice.IncidentId))
                {
                    continue;
                }

                bool handled;
                try
                {
                    handled = await DispatchAsync(notice, cancellationToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    logger.LogError(ex, "Alert notice {NoticeId} ({Kind}) for incident {IncidentId} failed", notice.Id, notice.Kind, notice.IncidentId);
                    handled = false;
                }

                var now = clock.Time.GetUtcNow();
                if (!handled && now - notice.CreatedAt > GiveUpAfter)
                {
                    logger.LogWarning("Dropped alert notice {NoticeId} ({Kind}) for incident {IncidentId} after {Hours} h of retries", notice.Id, notice.Kind, notice.IncidentId, GiveUpAfter.TotalHours);
                    handled = true;
                }

                if (handled)
                {
                    await alerts.MarkNoticeDoneAsync(notice.Id, now, cancellationToken);
                    done++;
                }
                else
                {
                    waiting.Add(notice.IncidentId);
                }
            }

            return done;
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose() => _gate.Dispose();

    private async Task<bool> DispatchAsync(AlertNotice notice, CancellationToken cancellationToken)
    {
        if (await alerts.GetIncidentAsync(notice.IncidentId, cancellationToken) is not { } incident
            || await alerts.GetRuleAsync(incident.RuleId, cancellationToken) is not { } rule)
        {
            return true;
        }

        var now = clock.Time.GetUtcNow();
        var targets = (await subscriptions.ListAllAsync(cancellationToken)).Where(s => s.Kind == SubscriptionKind.Alerts && s.Active).ToList();
        var actions = await alerts.ListActionsAsync(rule.Id, incident.Id, cancellationToken);
        var card = AlertCard.Compose(incident, rule, actions, format, clock.Zone, now);
        var people = new[] { rule.Owner, incident.Assignee }.OfType<AlertPerson>().ToList();
        switch (notice.Kind)
        {
            case AlertNoticeKind.Opened:
                foreach (var target in targets)
                {
                    await EnqueueAsync(CardKey(incident.Id, target.ConversationId), target, card, people, cancellationToken);
                }

                logger.LogInformation("Alert {IncidentId} (rule {RuleId}) queued for {Count} subscribed conversation(s)", incident.Id, rule.Id, targets.Count);
                return true;

            case AlertNoticeKind.Updated or AlertNoticeKind.Closed:
                return await RefreshCardsAsync(incident, targets, card, people, cancellationToken);

            case AlertNoticeKind.Resolved or AlertNoticeKind.Reopened:
                if (!await RefreshCardsAsync(incident, targets, card, people, cancellationToken))
                {
                    return false;
                }

                // Muting silences "firing again"; "resolved" is always said, it is good news and ends the thread.
                if (notice.Kind == AlertNoticeKind.Reopened && incident.IsMuted(now))
                {
                    return true;
                }

                var message = notice.Kind == AlertNoticeKind.Resolved ? AlertCard.Resolved(incident, rule, format) : AlertCard.Reopened(incident, rule, format);
                foreach (var target in targets)
                {
                    await EnqueueAsync(NoticeKey(notice, target.ConversationId), target, message, people, cancellationToken);
                }

                return true;

            case AlertNoticeKind.Reminder:
                if (!incident.IsOpen || incident.AcknowledgedBy is not null || incident.IsMuted(now))
                {
                    return true;
                }

                foreach (var target in targets)
                {
                    await EnqueueAsync(NoticeKey(notice, target.ConversationId), target, AlertCard.Reminder(incident, rule, format), people, cancellationToken);
                }

                return true;

            default:
                return true;
        }
    }

    private async Task EnqueueAsync(string key, Subscription target, Reply reply, IReadOnlyList<AlertPerson> people, CancellationToken cancellationToken)
    {
        var activity = Render(reply, people, target.ChannelId);
        var message = new OutboxMessage(key, SubscriptionKind.Alerts, target.ChannelId, target.ConversationId, reply.Title, ProtocolJson.Write(activity), ReplyText.Render(reply));
        if (await outbox.EnqueueAsync(message, clock.Time.GetUtcNow(), cancellationToken))
        {
            signal.Notify();
        }
    }

    /// <summary>PUTs the card to every conversation it was posted in; false when one is not delivered yet or the connector failed transiently.</summary>
    private async Task<bool> RefreshCardsAsync(AlertIncident incident, IReadOnlyList<Subscription> targets, Reply card, IReadOnlyList<AlertPerson> people, CancellationToken cancellationToken)
    {
        var posted = (await alerts.ListCardsAsync(incident.Id, cancellationToken)).ToDictionary(c => (c.ChannelId, c.ConversationId));
        var conversations = targets.Select(t => (t.ChannelId, t.ConversationId)).Union(posted.Keys).ToList();
        var complete = true;
        foreach (var (channelId, conversationId) in conversations)
        {
            if (!posted.TryGetValue((channelId, conversationId), out var post))
            {
                var entry = await outbox.GetAsync(CardKey(incident.Id, conversationId), cancellationToken);
                if (entry is null || entry.State == OutboxState.Dead)
                {
                    // Never posted there (subscribed later, or the send was given up): nothing to update.
                    continue;
                }

                if (entry.State != OutboxState.Sent || entry.ActivityId is not { } activityId)
                {
                    complete = false;
                    continue;
                }

                post = new AlertCardPost(incident.Id, channelId, conversationId, activityId, entry.SentAt ?? clock.Time.GetUtcNow());
                await alerts.SaveCardAsync(post, cancellationToken);
            }

            complete &= await UpdateAsync(post, card, people, cancellationToken);
        }

        return complete;
    }

    private async Task<bool> UpdateAsync(AlertCardPost post, Reply card, IReadOnlyList<AlertPerson> people, CancellationToken cancellationToken) =>
        await updater.UpdateAsync(post.ChannelId, post.ConversationId, post.ActivityId, Render(card, people, post.ChannelId), $"alert card {post.IncidentId}", cancellationToken) == UpdateResult.Done;

    private static string NoticeKey(AlertNotice notice, string conversationId) =>
        string.Create(CultureInfo.InvariantCulture, $"alert:{notice.IncidentId}:{notice.Kind.ToString().ToLowerInvariant()}:{notice.Id}:{conversationId}");

    /// <summary>The reply as an activity; in Teams, "@Name" of a person whose id is known becomes a real mention.</summary>
    internal static Activity Render(Reply reply, IReadOnlyList<AlertPerson> people, string channelId)
    {
        var activity = OutboundActivity.FromReply(reply);
        if (channelId != "msteams" || activity.Attachments is not [{ Content: { } content } attachment])
        {
            return activity;
        }

        var card = JsonNode.Parse(content.GetRawText())!.AsObject();
        var entities = AlertMentions.Apply(card, people);
        if (entities.Count > 0)
        {
            attachment.Content = JsonSerializer.SerializeToElement(card, ProtocolJson.Options);
        }

        return activity;
    }
}
