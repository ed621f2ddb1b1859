using System.Data.Common;
using System.Globalization;
using Bot.Core.Plans;
using Bot.Storage.Sqlite;
using Microsoft.Data.Sqlite;

namespace Bot.Storage.Plans;

/// <summary>Weekly plans in SQLite (tables plans, plan_items, plan_audit; Schema/030_plans.sql).</summary>
/// <remarks>
/// <para>Every change is a compare-and-swap: <c>UPDATE plans … WHERE id = $id AND state = $from AND version = $version</c>
/// inside a transaction that also writes the items and the audit row. SQLite has one writer at a time, so of two
/// managers deciding at once the first UPDATE changes one row and commits; the second then finds the new version,
/// changes no row, and its transaction is rolled back — no audit row, nothing saved.</para>
/// <para>Reminders and posts are claimed the same way (<c>reminded_at IS NULL</c>, <c>posted_at IS NULL</c>), so each
/// happens once even with two hosts on the same file. The audit table is append-only (triggers refuse UPDATE and DELETE).</para>
/// </remarks>
public sealed class PlanStore(SqliteDatabase database) : IPlanStore
{
    private const string InstantFormat = "yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'";

    private const string PlanColumns = """
        id, week_start, shop, state, version, submission, created_by_id, created_by_name, created_by_aad, created_at,
        origin_channel, origin_conversation, approval_channel, approval_conversation,
        submitted_by_id, submitted_by_name, submitted_by_aad, submitted_at,
        decision, decided_by_id, decided_by_name, decided_by_aad, decided_at, decision_note, reminded_at, posted_at
        """;

    public async Task<Plan?> GetAsync(long id, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await LoadOneAsync(connection, null, "id = $id", p => p.AddWithValue("$id", id), cancellationToken);
    }

    public async Task<Plan?> FindByWeekAsync(DateOnly weekStart, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await LoadOneAsync(connection, null, "week_start = $week", p => p.AddWithValue("$week", Day(weekStart)), cancellationToken);
    }

    public async Task<Plan> CreateAsync(PlanChange created, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(created);
        var plan = created.After;
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
        long id;
        await using (var insert = connection.Command("""
            INSERT INTO plans (week_start, shop, state, version, submission, created_by_id, created_by_name, created_by_aad, created_at,
                origin_channel, origin_conversation)
            VALUES ($week, $shop, $state, $version, $submission, $byId, $byName, $byAad, $at, $originChannel, $originConversation)
            ON CONFLICT (week_start) DO NOTHING
            RETURNING id
            """, transaction))
        {
            insert.Parameters.AddWithValue("$week", Day(plan.WeekStart));
            insert.Parameters.AddWithValue("$shop", Db(plan.Shop));
            insert.Parameters.AddWithValue("$state", StateText(plan.State));
            insert.Parameters.AddWithValue("$version", plan.Version);
            insert.Parameters.AddWithValue("$submission", plan.Submission);
            insert.Parameters.AddWithValue("$byId", plan.CreatedBy.Id);
            insert.Parameters.AddWithValue("$byName", plan.CreatedBy.Name);
            insert.Parameters.AddWithValue("$byAad", Db(plan.CreatedBy.AadObjectId));
            insert.Parameters.AddWithValue("$at", Instant(plan.CreatedAt));
            insert.Parameters.AddWithValue("$originChannel", Db(plan.Origin?.ChannelId));
            insert.Parameters.AddWithValue("$originConversation", Db(plan.Origin?.ConversationId));
            if (await insert.ExecuteScalarAsync(cancellationToken) is not long newId)
            {
                // Someone created the week's plan first: theirs stands.
                await transaction.RollbackAsync(cancellationToken);
                return await LoadOneAsync(connection, null, "week_start = $week", p => p.AddWithValue("$week", Day(plan.WeekStart)), cancellationToken)
                    ?? throw new InvalidOperationException($"The plan for {Day(plan.WeekStart)} vanished while being created.");
            }

            id = newId;
        }

        var saved = plan with { Id = id };
        await WriteItemsAsync(connection, transaction, saved, cancellationToken);
        await InsertAuditAsync(connection, transaction, created.Audit with { PlanId = id }, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return saved;
    }

    public async Task<bool> TrySaveAsync(PlanChange change, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(change);
        var before = change.Before ?? throw new ArgumentException("Use CreateAsync for a new plan.", nameof(change));
        var after = change.After;
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
        await using (var update = connection.Command("""
            UPDATE plans SET
                state = $state, version = $version, submission = $submission,
                origin_channel = $originChannel, origin_conversation = $originConversation,
                approval_channel = $approvalChannel, approval_conversation = $approvalConversation,
                submitted_by_id = $submittedById, submitted_by_name = $submittedByName, submitted_by_aad = $submittedByAad, submitted_at = $submittedAt,
                decision = $decision, decided_by_id = $decidedById, decided_by_name = $decidedByName, decided_by_aad = $decidedByAad,
                decided_at = $decidedAt, decision_note = $decisionNote,
                -- A new submission may be reminded again; other changes keep what the reminder job recorded.
                reminded_at = CASE WHEN $state = 'submitted' AND state <> 'submitted' THEN NULL ELSE reminded_at END
            WHERE id = $id AND state = $fromState AND version = $fromVersion
            """, transaction))
        {
            var p = update.Parameters;
            p.AddWithValue("$id", before.Id);
            p.AddWithValue("$fromState", StateText(before.State));
            p.AddWithValue("$fromVersion", before.Version);
            p.AddWithValue("$state", StateText(after.State));
            p.AddWithValue("$version", after.Version);
            p.AddWithValue("$submission", after.Submission);
            p.AddWithValue("$originChannel", Db(after.Origin?.ChannelId));
            p.AddWithValue("$originConversation", Db(after.Origin?.ConversationId));
            p.AddWithValue("$approvalChannel", Db(after.ApprovalConversation?.ChannelId));
            p.AddWithValue("$approvalConversation", Db(after.ApprovalConversation?.ConversationId));
            p.AddWithValue("$submittedById", Db(after.SubmittedBy?.Id));
            p.AddWithValue("$submittedByName", Db(after.SubmittedBy?.Name));
            p.AddWithValue("$submittedByAad", Db(after.SubmittedBy?.AadObjectId));
            p.AddWithValue("$submittedAt", after.SubmittedAt is { } s ? Instant(s) : DBNull.Value);
            p.AddWithValue("$decision", after.Decision is { } d ? StateText(d.Outcome) : DBNull.Value);
            p.AddWithValue("$decidedById", Db(after.Decision?.By.Id));
            p.AddWithValue("$decidedByName", Db(after.Decision?.By.Name));
            p.AddWithValue("$decidedByAad", Db(after.Decision?.By.AadObjectId));
            p.AddWithValue("$decidedAt", after.Decision is { } decided ? Instant(decided.At) : DBNull.Value);
            p.AddWithValue("$decisionNote", Db(after.Decision?.Note));
            if (await update.ExecuteNonQueryAsync(cancellationToken) != 1)
            {
                await transaction.RollbackAsync(cancellationToken);
                return false;
            }
        }

        if (!ReferenceEquals(before.Items, after.Items) && !before.Items.SequenceEqual(after.Items))
        {
            await using (var delete = connection.Command("DELETE FROM plan_items WHERE plan_id = $id", transaction))
            {
                delete.Parameters.AddWithValue("$id", before.Id);
                await delete.ExecuteNonQueryAsync(cancellationToken);
            }

            await WriteItemsAsync(connection, transaction, after, cancellationToken);
        }

        await InsertAuditAsync(connection, transaction, change.Audit, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    public async Task AppendAuditAsync(PlanAuditEntry entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        await using var connection = await database.OpenAsync(cancellationToken);
        await InsertAuditAsync(connection, null, entry, cancellationToken);
    }

    public async Task<IReadOnlyList<PlanAuditEntry>> GetHistoryAsync(long planId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.Command("""
            SELECT plan_id, at, actor_id, actor_name, actor_aad, step, from_state, to_state, note, version
            FROM plan_audit WHERE plan_id = $id ORDER BY id
            """);
        command.Parameters.AddWithValue("$id", planId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var entries = new List<PlanAuditEntry>();
        while (await reader.ReadAsync(cancellationToken))
        {
            entries.Add(new PlanAuditEntry(
                reader.GetInt64(0),
                FromInstant(reader.GetString(1)),
                new PlanActor(reader.GetString(2), reader.GetString(3), NullableString(reader, 4)),
                ParseStep(reader.GetString(5)),
                reader.IsDBNull(6) ? null : ParseState(reader.GetString(6)),
                ParseState(reader.GetString(7)),
                NullableString(reader, 8),
                reader.GetInt32(9)));
        }

        return entries;
    }

    public async Task<Plan?> FindLastApprovedAsync(DateOnly day, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await LoadOneAsync(connection, null, "state = 'approved' AND week_start <= $day ORDER BY week_start DESC LIMIT 1", p => p.AddWithValue("$day", Day(day)), cancellationToken);
    }

    public async Task<IReadOnlyList<Plan>> ListDueForReminderAsync(DateTimeOffset submittedBefore, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await LoadManyAsync(connection, "state = 'submitted' AND reminded_at IS NULL AND submitted_at <= $before ORDER BY id", p => p.AddWithValue("$before", Instant(submittedBefore)), cancellationToken);
    }

    public async Task<IReadOnlyList<Plan>> ListApprovedUnpostedAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await LoadManyAsync(connection, "state = 'approved' AND posted_at IS NULL ORDER BY id", _ => { }, cancellationToken);
    }

    public Task<bool> TryMarkRemindedAsync(Plan plan, DateTimeOffset at, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(plan);
        return ClaimAsync(
            "UPDATE plans SET reminded_at = $at WHERE id = $id AND state = 'submitted' AND submission = $submission AND reminded_at IS NULL",
            plan,
            at,
            PlanWorkflow.Reminded(plan, at),
            cancellationToken);
    }

    public Task<bool> TryMarkPostedAsync(Plan plan, PlanConversation conversation, DateTimeOffset at, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(conversation);
        return ClaimAsync(
            "UPDATE plans SET posted_at = $at WHERE id = $id AND state = 'approved' AND posted_at IS NULL",
            plan,
            at,
            PlanWorkflow.Posted(plan, at, conversation),
            cancellationToken);
    }

    internal static string StateText(PlanState state) => state switch
    {
        PlanState.Draft => "draft",
        PlanState.Submitted => "submitted",
        PlanState.Approved => "approved",
        PlanState.Rejected => "rejected",
        PlanState.ChangesRequested => "changes_requested",
        _ => throw new ArgumentOutOfRangeException(nameof(state), state, null),
    };

    internal static PlanState ParseState(string text) => text switch
    {
        "draft" => PlanState.Draft,
        "submitted" => PlanState.Submitted,
        "approved" => PlanState.Approved,
        "rejected" => PlanState.Rejected,
        "changes_requested" => PlanState.ChangesRequested,
        _ => throw new InvalidDataException($"Unknown plan state '{text}'."),
    };

    internal static string StepText(PlanStep step) => step switch
    {
        PlanStep.ChangesRequested => "changes_requested",
        _ => step.ToString().ToLowerInvariant(),
    };

    internal static PlanStep ParseStep(string text) => text == "changes_requested"
        ? PlanStep.ChangesRequested
        : Enum.TryParse<PlanStep>(text, ignoreCase: true, out var step) ? step : throw new InvalidDataException($"Unknown plan step '{text}'.");

    private async Task<bool> ClaimAsync(string sql, Plan plan, DateTimeOffset at, PlanAuditEntry audit, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
        await using (var claim = connection.Command(sql, transaction))
        {
            claim.Parameters.AddWithValue("$id", plan.Id);
            claim.Parameters.AddWithValue("$submission", plan.Submission);
            claim.Parameters.AddWithValue("$at", Instant(at));
            if (await claim.ExecuteNonQueryAsync(cancellationToken) != 1)
            {
                await transaction.RollbackAsync(cancellationToken);
                return false;
            }
        }

        await InsertAuditAsync(connection, transaction, audit, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    private static async Task WriteItemsAsync(SqliteConnection connection, SqliteTransaction transaction, Plan plan, CancellationToken cancellationToken)
    {
        await using var insert = connection.Command("""
            INSERT INTO plan_items (plan_id, position, text, day, owner, metric, source)
            VALUES ($plan, $position, $text, $day, $owner, $metric, $source)
            """, transaction);
        var planId = insert.Parameter("$plan");
        var position = insert.Parameter("$position");
        var text = insert.Parameter("$text");
        var day = insert.Parameter("$day");
        var owner = insert.Parameter("$owner");
        var metric = insert.Parameter("$metric");
        var source = insert.Parameter("$source");
        for (var i = 0; i < plan.Items.Count; i++)
        {
            var item = plan.Items[i];
            planId.Value = plan.Id;
            position.Value = i + 1;
            text.Value = item.Text;
            day.Value = item.Day is { } d ? (int)d : DBNull.Value;
            owner.Value = Db(item.Owner);
            metric.Value = Db(item.Metric);
            source.Value = item.Source.ToString().ToLowerInvariant();
            await insert.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    private static async Task InsertAuditAsync(SqliteConnection connection, SqliteTransaction? transaction, PlanAuditEntry entry, CancellationToken cancellationToken)
    {
        await using var insert = connection.Command("""
            INSERT INTO plan_audit (plan_id, at, actor_id, actor_name, actor_aad, step, from_state, to_state, note, version)
            VALUES ($plan, $at, $actorId, $actorName, $actorAad, $step, $from, $to, $note, $version)
            """, transaction);
        var p = insert.Parameters;
        p.AddWithValue("$plan", entry.PlanId);
        p.AddWithValue("$at", Instant(entry.At));
        p.AddWithValue("$actorId", entry.Actor.Id);
        p.AddWithValue("$actorName", entry.Actor.Name);
        p.AddWithValue("$actorAad", Db(entry.Actor.AadObjectId));
        p.AddWithValue("$step", StepText(entry.Step));
        p.AddWithValue("$from", entry.From is { } from ? StateText(from) : DBNull.Value);
        p.AddWithValue("$to", StateText(entry.To));
        p.AddWithValue("$note", Db(entry.Note));
        p.AddWithValue("$version", entry.Version);
        await insert.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task<Plan?> LoadOneAsync(SqliteConnection connection, SqliteTransaction? transaction, string where, Action<SqliteParameterCollection> bind, CancellationToken cancellationToken)
    {
        await using var command = connection.Command($"SELECT {PlanColumns} FROM plans WHERE {where}", transaction);
        bind(command.Parameters);
        Plan? plan = null;
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            if (await reader.ReadAsync(cancellationToken))
            {
                plan = ReadPlan(reader);
            }
        }

        return plan is null ? null : plan with { Items = await LoadItemsAsync(connection, transaction, plan.Id, cancellationToken) };
    }

    private static async Task<IReadOnlyList<Plan>> LoadManyAsync(SqliteConnection connection, string where, Action<SqliteParameterCollection> bind, CancellationToken cancellationToken)
    {
        await using var command = connection.Command($"SELECT {PlanColumns} FROM plans WHERE {where}");
        bind(command.Parameters);
        var plans = new List<Plan>();
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                plans.Add(ReadPlan(reader));
            }
        }

        for (var i = 0; i < plans.Count; i++)
        {
            plans[i] = plans[i] with { Items = await LoadItemsAsync(connection, null, plans[i].Id, cancellationToken) };
        }

        return plans;
    }

    private static async Task<IReadOnlyList<PlanItem>> LoadItemsAsync(SqliteConnection connection, SqliteTransaction? transaction, long planId, CancellationToken cancellationToken)
    {
        await using var command = connection.Command("SELECT text, day, owner, metric, source FROM plan_items WHERE plan_id = $id ORDER BY position", transaction);
        command.Parameters.AddWithValue("$id", planId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var items = new List<PlanItem>();
        while (await reader.ReadAsync(cancellationToken))
        {
            items.Add(new PlanItem(
                reader.GetString(0),
                reader.IsDBNull(1) ? null : (DayOfWeek)reader.GetInt32(1),
                NullableString(reader, 2),
                NullableString(reader, 3),
                Enum.Parse<PlanItemSource>(reader.GetString(4), ignoreCase: true)));
        }

        return items;
    }

    private static Plan ReadPlan(DbDataReader r)
    {
        var decision = NullableString(r, 18) is { } outcome
            ? new PlanDecision(ParseState(outcome), new PlanActor(r.GetString(19), r.GetString(20), NullableString(r, 21)), FromInstant(r.GetString(22)), NullableString(r, 23))
            : null;
        return new Plan(r.GetInt64(0), DateOnly.ParseExact(r.GetString(1), "yyyy-MM-dd", CultureInfo.InvariantCulture), ParseState(r.GetString(3)), r.GetInt32(4), [])
        {
            Shop = NullableString(r, 2),
            Submission = r.GetInt32(5),
            CreatedBy = new PlanActor(r.GetString(6), r.GetString(7), NullableString(r, 8)),
            CreatedAt = FromInstant(r.GetString(9)),
            Origin = Conversation(r, 10),
            ApprovalConversation = Conversation(r, 12),
            SubmittedBy = NullableString(r, 14) is { } by ? new PlanActor(by, r.GetString(15), NullableString(r, 16)) : null,
            SubmittedAt = NullableString(r, 17) is { } at ? FromInstant(at) : null,
            Decision = decision,
            RemindedAt = NullableString(r, 24) is { } reminded ? FromInstant(reminded) : null,
            PostedAt = NullableString(r, 25) is { } posted ? FromInstant(posted) : null,
        };
    }

    private static PlanConversation? Conversation(DbDataReader r, int ordinal) =>
        NullableString(r, ordinal) is { } channel && NullableString(r, ordinal + 1) is { } conversation ? new PlanConversation(channel, conversation) : null;

    private static string? NullableString(DbDataReader r, int ordinal) => r.IsDBNull(ordinal) ? null : r.GetString(ordinal);

    private static object Db(string? value) => value is null ? DBNull.Value : value;

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>Fixed-width UTC text, so text order is time order.</summary>
    private static string Instant(DateTimeOffset instant) => instant.UtcDateTime.ToString(InstantFormat, CultureInfo.InvariantCulture);

    private static DateTimeOffset FromInstant(string text) =>
        new(DateTime.SpecifyKind(DateTime.ParseExact(text, InstantFormat, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal), DateTimeKind.Utc));
}
