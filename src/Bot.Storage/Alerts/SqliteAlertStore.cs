using System.Globalization;
using Bot.Core.Alerts;
using Bot.Storage.Sqlite;
using Microsoft.Data.Sqlite;

namespace Bot.Storage.Alerts;

/// <summary>SQLite implementation of <see cref="IAlertStore"/> (tables alert_rule, alert_scope_state, alert_incident, alert_action, alert_notice, alert_card).</summary>
/// <remarks>
/// Writes that belong together run in one <c>BEGIN IMMEDIATE</c> transaction: an evaluation's state, incidents and
/// notices; an action, its log entry and the card-refresh notice. How incidents change is decided by Core's
/// <see cref="IncidentRules"/>; this class only reads and writes rows. The scope state carries a version, so
/// two evaluations (the bot and a CLI import in another process) cannot both open an incident for one scope.
/// </remarks>
public sealed class SqliteAlertStore(SqliteDatabase database) : IAlertStore
{
    private const string RuleColumns = """
        id, text, metric, kind, direction, limit_value, for_days, shop, channel, category,
        owner_name, owner_id, owner_aad, creator_name, creator_id, creator_aad, created_at, conversation_id
        """;

    private const string IncidentColumns = """
        id, rule_id, target_key, target_label, status, opened_day, opened_at,
        first_day, first_value, first_reference, first_limit, first_breached, first_detail,
        latest_day, latest_value, latest_reference, latest_limit, latest_breached, latest_detail,
        resolved_day, resolved_at, reopens, data_missing, last_notified_at, reminders,
        ack_name, ack_id, ack_aad, ack_at, assignee_name, assignee_id, assignee_aad,
        muted_until, muted_until_import, muted_by_name, muted_by_id, muted_by_aad
        """;

    private const string StateColumns = """
        rule_id, target_key, target_label, state, as_of_day, evaluations, streak, incident_id, incident_open, resolved_at_evaluation,
        last_day, last_value, last_reference, last_limit, last_breached, last_detail, version
        """;

    public async Task<AlertRule> AddRuleAsync(AlertRule rule, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rule);
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.Command("""
            INSERT INTO alert_rule (text, metric, kind, direction, limit_value, for_days, shop, channel, category,
                owner_name, owner_id, owner_aad, creator_name, creator_id, creator_aad, created_at, conversation_id)
            VALUES ($text, $metric, $kind, $direction, $limit, $forDays, $shop, $channel, $category,
                $ownerName, $ownerId, $ownerAad, $creatorName, $creatorId, $creatorAad, $createdAt, $conversation)
            RETURNING id
            """);
        Add(command, "$text", rule.Text);
        Add(command, "$metric", rule.MetricKey);
        Add(command, "$kind", Name(rule.Condition.Kind));
        Add(command, "$direction", Name(rule.Condition.Direction));
        Add(command, "$limit", rule.Condition.Limit);
        Add(command, "$forDays", rule.ForDays);
        Add(command, "$shop", rule.Scope.Shop);
        Add(command, "$channel", rule.Scope.Channel);
        Add(command, "$category", rule.Scope.Category);
        AddPerson(command, "$owner", rule.Owner);
        AddPerson(command, "$creator", rule.CreatedBy);
        Add(command, "$createdAt", Instant(rule.CreatedAt));
        Add(command, "$conversation", rule.Conversation);
        var id = (long)(await command.ExecuteScalarAsync(cancellationToken))!;
        return rule with { Id = id };
    }

    public async Task<IReadOnlyList<AlertRule>> ListRulesAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.Command($"SELECT {RuleColumns} FROM alert_rule WHERE removed_at IS NULL ORDER BY id");
        return await ReadAllAsync(command, ReadRule, cancellationToken);
    }

    public async Task<AlertRule?> GetRuleAsync(long id, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.Command($"SELECT {RuleColumns} FROM alert_rule WHERE id = $id");
        Add(command, "$id", id);
        return (await ReadAllAsync(command, ReadRule, cancellationToken)).FirstOrDefault();
    }

    public async Task<bool> RemoveRuleAsync(long id, AlertPerson actor, DateTimeOffset at, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = connection.BeginTransaction(deferred: false);
        await using (var remove = connection.Command("UPDATE alert_rule SET removed_at = $at WHERE id = $id AND removed_at IS NULL", transaction))
        {
            Add(remove, "$id", id);
            Add(remove, "$at", Instant(at));
            if (await remove.ExecuteNonQueryAsync(cancellationToken) == 0)
            {
                return false;
            }
        }

        await InsertActionAsync(connection, transaction, new AlertAction(0, id, null, AlertActionKind.RemoveRule, actor, at), cancellationToken);
        foreach (var incident in await SelectIncidentsAsync(connection, transaction, "rule_id = $rule AND status = 'firing'", c => Add(c, "$rule", id), cancellationToken))
        {
            await UpdateIncidentAsync(connection, transaction, IncidentRules.Close(incident, at), cancellationToken);
            await InsertNoticeAsync(connection, transaction, incident.Id, AlertNoticeKind.Closed, at, cancellationToken);
        }

        await using (var forget = connection.Command("DELETE FROM alert_scope_state WHERE rule_id = $id", transaction))
        {
            Add(forget, "$id", id);
            await forget.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    public async Task<IReadOnlyList<StoredScopeState>> ListStatesAsync(long? ruleId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.Command($"""
            SELECT {StateColumns} FROM alert_scope_state
            WHERE ($rule IS NULL OR rule_id = $rule) AND rule_id IN (SELECT id FROM alert_rule WHERE removed_at IS NULL)
            ORDER BY rule_id, target_key
            """);
        Add(command, "$rule", ruleId);
        return await ReadAllAsync(command, ReadState, cancellationToken);
    }

    public async Task<StoredScopeState?> SaveStepsAsync(AlertStepBatch batch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        if (batch.Steps.Count == 0)
        {
            throw new ArgumentException("A batch has at least one step.", nameof(batch));
        }

        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = connection.BeginTransaction(deferred: false);
        StoredScopeState? stored;
        await using (var read = connection.Command($"SELECT {StateColumns} FROM alert_scope_state WHERE rule_id = $rule AND target_key = $key", transaction))
        {
            Add(read, "$rule", batch.RuleId);
            Add(read, "$key", batch.TargetKey);
            stored = (await ReadAllAsync(read, ReadState, cancellationToken)).FirstOrDefault();
        }

        if ((stored?.Version ?? 0) != batch.ExpectedVersion || !await RuleActiveAsync(connection, transaction, batch.RuleId, cancellationToken))
        {
            return null;
        }

        var current = stored?.State.IncidentId is { } currentId
            ? (await SelectIncidentsAsync(connection, transaction, "id = $id", c => Add(c, "$id", currentId), cancellationToken)).FirstOrDefault()
            : null;
        var changes = IncidentRules.Apply(current, batch);
        var ids = new long[changes.Incidents.Count];
        for (var i = 0; i < changes.Incidents.Count; i++)
        {
            var incident = changes.Incidents[i];
            ids[i] = incident.Id == 0
                ? await InsertIncidentAsync(connection, transaction, incident, cancellationToken)
                : await UpdateIncidentAsync(connection, transaction, incident, cancellationToken);
        }

        foreach (var (index, kind) in changes.Notices)
        {
            await InsertNoticeAsync(connection, transaction, ids[index], kind, batch.At, cancellationToken);
        }

        var final = batch.Steps[^1].State with { IncidentId = changes.Current is { } c ? ids[c] : null };
        var saved = new StoredScopeState(batch.RuleId, batch.TargetKey, batch.TargetLabel, final, batch.ExpectedVersion + 1);
        await using (var write = connection.Command($"""
            INSERT INTO alert_scope_state ({StateColumns}, updated_at)
            VALUES ($rule, $key, $label, $state, $asOf, $evaluations, $streak, $incident, $open, $resolvedAt,
                    $lastDay, $lastValue, $lastReference, $lastLimit, $lastBreached, $lastDetail, $version, $now)
            ON CONFLICT (rule_id, target_key) DO UPDATE SET
                target_label = excluded.target_label, state = excluded.state, as_of_day = excluded.as_of_day,
                evaluations = excluded.evaluations, streak = excluded.streak, incident_id = excluded.incident_id,
                incident_open = excluded.incident_open, resolved_at_evaluation = excluded.resolved_at_evaluation,
                last_day = excluded.last_day, last_value = excluded.last_value, last_reference = excluded.last_reference,
                last_limit = excluded.last_limit, last_breached = excluded.last_breached, last_detail = excluded.last_detail,
                version = excluded.version, updated_at = excluded.updated_at
            """, transaction))
        {
            Add(write, "$rule", batch.RuleId);
            Add(write, "$key", batch.TargetKey);
            Add(write, "$label", batch.TargetLabel);
            Add(write, "$state", Name(final.State));
            Add(write, "$asOf", Days.ToDay(final.AsOf));
            Add(write, "$evaluations", final.Evaluations);
            Add(write, "$streak", final.Streak);
            Add(write, "$incident", final.IncidentId);
            Add(write, "$open", final.IncidentOpen ? 1 : 0);
            Add(write, "$resolvedAt", final.ResolvedAtEvaluation);
            AddOutcome(write, "$last", final.Last);
            Add(write, "$version", saved.Version);
            Add(write, "$now", Instant(batch.At));
            await write.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return saved;
    }

    public async Task CloseScopeAsync(long ruleId, string targetKey, DateTimeOffset at, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = connection.BeginTransaction(deferred: false);
        var open = await SelectIncidentsAsync(
            connection,
            transaction,
            "rule_id = $rule AND target_key = $key AND status = 'firing'",
            c =>
            {
                Add(c, "$rule", ruleId);
                Add(c, "$key", targetKey);
            },
            cancellationToken);
        foreach (var incident in open)
        {
            await UpdateIncidentAsync(connection, transaction, IncidentRules.Close(incident, at), cancellationToken);
            await InsertNoticeAsync(connection, transaction, incident.Id, AlertNoticeKind.Closed, at, cancellationToken);
        }

        await using (var forget = connection.Command("DELETE FROM alert_scope_state WHERE rule_id = $rule AND target_key = $key", transaction))
        {
            Add(forget, "$rule", ruleId);
            Add(forget, "$key", targetKey);
            await forget.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    public async Task<AlertIncident?> GetIncidentAsync(long id, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return (await SelectIncidentsAsync(connection, null, "id = $id", c => Add(c, "$id", id), cancellationToken)).FirstOrDefault();
    }

    public async Task<IReadOnlyList<AlertIncident>> ListIncidentsAsync(long? ruleId, bool openOnly, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await SelectIncidentsAsync(
            connection,
            null,
            "($rule IS NULL OR rule_id = $rule) AND ($open = 0 OR status = 'firing') ORDER BY id DESC",
            c =>
            {
                Add(c, "$rule", ruleId);
                Add(c, "$open", openOnly ? 1 : 0);
            },
            cancellationToken);
    }

    public async Task<AlertIncident?> ApplyActionAsync(AlertAction action, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(action);
        if (action.IncidentId is not { } id)
        {
            throw new ArgumentException("Incident actions name their incident.", nameof(action));
        }

        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = connection.BeginTransaction(deferred: false);
        var incident = (await SelectIncidentsAsync(connection, transaction, "id = $id", c => Add(c, "$id", id), cancellationToken)).FirstOrDefault();
        if (incident is null)
        {
            return null;
        }

        var updated = IncidentRules.Apply(incident, action);
        await UpdateIncidentAsync(connection, transaction, updated, cancellationToken);
        await InsertActionAsync(connection, transaction, action, cancellationToken);
        await InsertNoticeAsync(connection, transaction, id, AlertNoticeKind.Updated, action.At, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return updated;
    }

    public async Task<IReadOnlyList<AlertAction>> ListActionsAsync(long ruleId, long? incidentId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.Command("""
            SELECT id, rule_id, incident_id, action, actor_name, actor_id, actor_aad, at, detail FROM alert_action
            WHERE rule_id = $rule AND ($incident IS NULL OR incident_id = $incident)
            ORDER BY id
            """);
        Add(command, "$rule", ruleId);
        Add(command, "$incident", incidentId);
        return await ReadAllAsync(
            command,
            r => new AlertAction(
                r.GetInt64(0),
                r.GetInt64(1),
                r.IsDBNull(2) ? null : r.GetInt64(2),
                Enum.Parse<AlertActionKind>(r.GetString(3), ignoreCase: true),
                ReadPerson(r, 4)!,
                ReadInstant(r, 7)!.Value,
                r.IsDBNull(8) ? null : r.GetString(8)),
            cancellationToken);
    }

    public async Task<IReadOnlyList<long>> EndImportMutesAsync(DateTimeOffset at, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = connection.BeginTransaction(deferred: false);
        var muted = await SelectIncidentsAsync(connection, transaction, "muted_until_import = 1", _ => { }, cancellationToken);
        foreach (var incident in muted)
        {
            await UpdateIncidentAsync(connection, transaction, IncidentRules.EndImportMute(incident), cancellationToken);
            if (incident.IsOpen)
            {
                await InsertNoticeAsync(connection, transaction, incident.Id, AlertNoticeKind.Updated, at, cancellationToken);
            }
        }

        await transaction.CommitAsync(cancellationToken);
        return [.. muted.Select(i => i.Id)];
    }

    public async Task<bool> AddReminderAsync(long incidentId, DateTimeOffset at, DateTimeOffset notifiedBefore, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = connection.BeginTransaction(deferred: false);
        await using (var mark = connection.Command("""
            UPDATE alert_incident SET last_notified_at = $at, reminders = reminders + 1
            WHERE id = $id AND status = 'firing' AND last_notified_at <= $before
            """, transaction))
        {
            Add(mark, "$id", incidentId);
            Add(mark, "$at", Instant(at));
            Add(mark, "$before", Instant(notifiedBefore));
            if (await mark.ExecuteNonQueryAsync(cancellationToken) == 0)
            {
                return false;
            }
        }

        await InsertNoticeAsync(connection, transaction, incidentId, AlertNoticeKind.Reminder, at, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    public async Task<IReadOnlyList<AlertNotice>> ListPendingNoticesAsync(int max, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.Command("SELECT id, incident_id, kind, created_at FROM alert_notice WHERE done_at IS NULL ORDER BY id LIMIT $max");
        Add(command, "$max", max);
        return await ReadAllAsync(
            command,
            r => new AlertNotice(r.GetInt64(0), r.GetInt64(1), Enum.Parse<AlertNoticeKind>(r.GetString(2), ignoreCase: true), ReadInstant(r, 3)!.Value),
            cancellationToken);
    }

    public async Task MarkNoticeDoneAsync(long noticeId, DateTimeOffset at, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.Command("UPDATE alert_notice SET done_at = $at WHERE id = $id AND done_at IS NULL");
        Add(command, "$id", noticeId);
        Add(command, "$at", Instant(at));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task SaveCardAsync(AlertCardPost card, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(card);
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.Command("""
            INSERT INTO alert_card (incident_id, channel_id, conversation_id, activity_id, posted_at)
            VALUES ($incident, $channel, $conversation, $activity, $at)
            ON CONFLICT (incident_id, channel_id, conversation_id) DO UPDATE SET activity_id = excluded.activity_id, posted_at = excluded.posted_at
            """);
        Add(command, "$incident", card.IncidentId);
        Add(command, "$channel", card.ChannelId);
        Add(command, "$conversation", card.ConversationId);
        Add(command, "$activity", card.ActivityId);
        Add(command, "$at", Instant(card.PostedAt));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<AlertCardPost>> ListCardsAsync(long incidentId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.Command("SELECT incident_id, channel_id, conversation_id, activity_id, posted_at FROM alert_card WHERE incident_id = $id ORDER BY posted_at");
        Add(command, "$id", incidentId);
        return await ReadAllAsync(command, r => new AlertCardPost(r.GetInt64(0), r.GetString(1), r.GetString(2), r.GetString(3), ReadInstant(r, 4)!.Value), cancellationToken);
    }

    /// <summary>UTC, fixed width: instants compare correctly as text.</summary>
    internal static string Instant(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);

    private static async Task<bool> RuleActiveAsync(SqliteConnection connection, SqliteTransaction transaction, long ruleId, CancellationToken cancellationToken)
    {
        await using var command = connection.Command("SELECT COUNT(*) FROM alert_rule WHERE id = $id AND removed_at IS NULL", transaction);
        Add(command, "$id", ruleId);
        return (long)(await command.ExecuteScalarAsync(cancellationToken))! > 0;
    }

    private static async Task<long> InsertIncidentAsync(SqliteConnection connection, SqliteTransaction transaction, AlertIncident incident, CancellationToken cancellationToken)
    {
        // The key (rule, scope, first firing day) makes a repeated insert land on the same row instead of a second incident.
        await using var command = connection.Command("""
            INSERT INTO alert_incident (rule_id, target_key, target_label, status, opened_day, opened_at,
                first_day, first_value, first_reference, first_limit, first_breached, first_detail,
                latest_day, latest_value, latest_reference, latest_limit, latest_breached, latest_detail,
                last_notified_at)
            VALUES ($rule, $key, $label, 'firing', $openedDay, $openedAt,
                $firstDay, $firstValue, $firstReference, $firstLimit, $firstBreached, $firstDetail,
                $latestDay, $latestValue, $latestReference, $latestLimit, $latestBreached, $latestDetail,
                $notified)
            ON CONFLICT (rule_id, target_key, opened_day) DO UPDATE SET status = 'firing', resolved_day = NULL, resolved_at = NULL,
                latest_day = excluded.latest_day, latest_value = excluded.latest_value, latest_reference = excluded.latest_reference,
                latest_limit = excluded.latest_limit, latest_breached = excluded.latest_breached, latest_detail = excluded.latest_detail
            RETURNING id
            """, transaction);
        Add(command, "$rule", incident.RuleId);
        Add(command, "$key", incident.TargetKey);
        Add(command, "$label", incident.TargetLabel);
        Add(command, "$openedDay", Days.ToDay(incident.OpenedDay));
        Add(command, "$openedAt", Instant(incident.OpenedAt));
        AddOutcome(command, "$first", incident.First);
        AddOutcome(command, "$latest", incident.Latest);
        Add(command, "$notified", Instant(incident.LastNotifiedAt));
        var id = (long)(await command.ExecuteScalarAsync(cancellationToken))!;

        // A new incident may already be resolved within the same batch: write its full state.
        return await UpdateIncidentAsync(connection, transaction, incident with { Id = id }, cancellationToken);
    }

    private static async Task<long> UpdateIncidentAsync(SqliteConnection connection, SqliteTransaction transaction, AlertIncident incident, CancellationToken cancellationToken)
    {
        await using var command = connection.Command("""
            UPDATE alert_incident SET target_label = $label, status = $status,
                latest_day = $latestDay, latest_value = $latestValue, latest_reference = $latestReference, latest_limit = $latestLimit,
                latest_breached = $latestBreached, latest_detail = $latestDetail,
                resolved_day = $resolvedDay, resolved_at = $resolvedAt, reopens = $reopens, data_missing = $missing,
                last_notified_at = $notified, reminders = $reminders,
                ack_name = $ackName, ack_id = $ackId, ack_aad = $ackAad, ack_at = $ackAt,
                assignee_name = $assigneeName, assignee_id = $assigneeId, assignee_aad = $assigneeAad,
                muted_until = $mutedUntil, muted_until_import = $mutedImport,
                muted_by_name = $mutedByName, muted_by_id = $mutedById, muted_by_aad = $mutedByAad
            WHERE id = $id
            """, transaction);
        Add(command, "$id", incident.Id);
        Add(command, "$label", incident.TargetLabel);
        Add(command, "$status", Name(incident.Status));
        AddOutcome(command, "$latest", incident.Latest);
        Add(command, "$resolvedDay", incident.ResolvedDay is { } d ? Days.ToDay(d) : null);
        Add(command, "$resolvedAt", incident.ResolvedAt is { } r ? Instant(r) : null);
        Add(command, "$reopens", incident.Reopens);
        Add(command, "$missing", incident.DataMissing ? 1 : 0);
        Add(command, "$notified", Instant(incident.LastNotifiedAt));
        Add(command, "$reminders", incident.Reminders);
        AddPerson(command, "$ack", incident.AcknowledgedBy);
        Add(command, "$ackAt", incident.AcknowledgedAt is { } a ? Instant(a) : null);
        AddPerson(command, "$assignee", incident.Assignee);
        Add(command, "$mutedUntil", incident.MutedUntil is { } m ? Instant(m) : null);
        Add(command, "$mutedImport", incident.MutedUntilImport ? 1 : 0);
        AddPerson(command, "$mutedBy", incident.MutedBy);
        await command.ExecuteNonQueryAsync(cancellationToken);
        return incident.Id;
    }

    private static async Task<List<AlertIncident>> SelectIncidentsAsync(
        SqliteConnection connection, SqliteTransaction? transaction, string where, Action<SqliteCommand> bind, CancellationToken cancellationToken)
    {
        await using var command = connection.Command($"SELECT {IncidentColumns} FROM alert_incident WHERE {where}", transaction);
        bind(command);
        return await ReadAllAsync(command, ReadIncident, cancellationToken);
    }

    private static async Task InsertActionAsync(SqliteConnection connection, SqliteTransaction transaction, AlertAction action, CancellationToken cancellationToken)
    {
        await using var command = connection.Command("""
            INSERT INTO alert_action (rule_id, incident_id, action, actor_name, actor_id, actor_aad, at, detail)
            VALUES ($rule, $incident, $action, $actorName, $actorId, $actorAad, $at, $detail)
            """, transaction);
        Add(command, "$rule", action.RuleId);
        Add(command, "$incident", action.IncidentId);
        Add(command, "$action", action.Kind.ToString());
        AddPerson(command, "$actor", action.Actor);
        Add(command, "$at", Instant(action.At));
        Add(command, "$detail", action.Detail);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task InsertNoticeAsync(SqliteConnection connection, SqliteTransaction transaction, long incidentId, AlertNoticeKind kind, DateTimeOffset at, CancellationToken cancellationToken)
    {
        await using var command = connection.Command("INSERT INTO alert_notice (incident_id, kind, created_at) VALUES ($incident, $kind, $at)", transaction);
        Add(command, "$incident", incidentId);
        Add(command, "$kind", kind.ToString());
        Add(command, "$at", Instant(at));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static AlertRule ReadRule(SqliteDataReader r) => new(
        r.GetInt64(0),
        r.GetString(1),
        r.GetString(2),
        new AlertCondition(Enum.Parse<AlertKind>(r.GetString(3), ignoreCase: true), Enum.Parse<AlertDirection>(r.GetString(4), ignoreCase: true), r.GetDouble(5)),
        r.GetInt32(6),
        new AlertScope(Text(r, 7), Text(r, 8), Text(r, 9)),
        ReadPerson(r, 10)!,
        ReadPerson(r, 13)!,
        ReadInstant(r, 16)!.Value,
        Text(r, 17));

    private static StoredScopeState ReadState(SqliteDataReader r) => new(
        r.GetInt64(0),
        r.GetString(1),
        r.GetString(2),
        new ScopeState(
            Enum.Parse<AlertState>(r.GetString(3), ignoreCase: true),
            Days.ToDate(r.GetInt64(4)),
            r.GetInt32(5),
            r.GetInt32(6),
            r.IsDBNull(7) ? null : r.GetInt64(7),
            r.GetInt64(8) != 0,
            r.IsDBNull(9) ? null : r.GetInt32(9),
            r.IsDBNull(10) ? null : ReadOutcome(r, 10)),
        r.GetInt64(16));

    private static AlertIncident ReadIncident(SqliteDataReader r) => new(
        r.GetInt64(0),
        r.GetInt64(1),
        r.GetString(2),
        r.GetString(3),
        Enum.Parse<IncidentStatus>(r.GetString(4), ignoreCase: true),
        Days.ToDate(r.GetInt64(5)),
        ReadInstant(r, 6)!.Value,
        ReadOutcome(r, 7),
        ReadOutcome(r, 13),
        r.IsDBNull(19) ? null : Days.ToDate(r.GetInt64(19)),
        ReadInstant(r, 20),
        r.GetInt32(21),
        r.GetInt64(22) != 0,
        ReadInstant(r, 23)!.Value,
        r.GetInt32(24))
    {
        AcknowledgedBy = ReadPerson(r, 25),
        AcknowledgedAt = ReadInstant(r, 28),
        Assignee = ReadPerson(r, 29),
        MutedUntil = ReadInstant(r, 32),
        MutedUntilImport = r.GetInt64(33) != 0,
        MutedBy = ReadPerson(r, 34),
    };

    /// <summary>Six columns: day, value, reference, limit, breached, detail.</summary>
    private static DayOutcome ReadOutcome(SqliteDataReader r, int at) => new(
        Days.ToDate(r.GetInt64(at)),
        r.IsDBNull(at + 1) ? null : r.GetDouble(at + 1),
        r.IsDBNull(at + 2) ? null : r.GetDouble(at + 2),
        r.IsDBNull(at + 3) ? null : r.GetDouble(at + 3),
        r.IsDBNull(at + 4) ? null : r.GetInt64(at + 4) != 0,
        Text(r, at + 5));

    /// <summary>Three columns: name, id, aad object id; null when the name is null.</summary>
    private static AlertPerson? ReadPerson(SqliteDataReader r, int at) =>
        r.IsDBNull(at) ? null : new AlertPerson(r.GetString(at), Text(r, at + 1), Text(r, at + 2));

    private static DateTimeOffset? ReadInstant(SqliteDataReader r, int at) =>
        r.IsDBNull(at) ? null : DateTimeOffset.Parse(r.GetString(at), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);

    private static string? Text(SqliteDataReader r, int at) => r.IsDBNull(at) ? null : r.GetString(at);

    private static void AddOutcome(SqliteCommand command, string prefix, DayOutcome? outcome)
    {
        Add(command, prefix + "Day", outcome is null ? null : Days.ToDay(outcome.Day));
        Add(command, prefix + "Value", outcome?.Value);
        Add(command, prefix + "Reference", outcome?.Reference);
        Add(command, prefix + "Limit", outcome?.Limit);
        Add(command, prefix + "Breached", outcome?.Breached is { } b ? (b ? 1 : 0) : null);
        Add(command, prefix + "Detail", outcome?.Detail);
    }

    private static void AddPerson(SqliteCommand command, string prefix, AlertPerson? person)
    {
        Add(command, prefix + "Name", person?.Name);
        Add(command, prefix + "Id", person?.Id);
        Add(command, prefix + "Aad", person?.AadObjectId);
    }

    private static void Add(SqliteCommand command, string name, object? value) =>
        command.Parameters.AddWithValue(name, value ?? DBNull.Value);

    private static string Name<T>(T value)
        where T : struct, Enum => value.ToString().ToLowerInvariant();

    private static async Task<List<T>> ReadAllAsync<T>(SqliteCommand command, Func<SqliteDataReader, T> read, CancellationToken cancellationToken)
    {
        var rows = new List<T>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(read(reader));
        }

        return rows;
    }
}
