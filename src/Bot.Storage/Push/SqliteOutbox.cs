using Bot.Core.Push;
using Bot.Storage.Sqlite;
using Microsoft.Data.Sqlite;

namespace Bot.Storage.Push;

/// <summary>The outbox in SQLite (table <c>outbox</c>, Schema/010_push.sql): queue, claim, and record the outcome of proactive sends.</summary>
/// <remarks>
/// Exactly-once queuing comes from the UNIQUE idempotency key (INSERT OR IGNORE). Claims are one UPDATE … RETURNING
/// statement, which SQLite runs under its single write lock, so two workers — in one process or two — never take
/// the same row. A row whose worker died mid-send keeps state <c>sending</c> until its lease expires; then any worker
/// may take it again. That is the one path that can send twice (the connector took it, the answer was lost).
/// </remarks>
public sealed class SqliteOutbox(SqliteDatabase database) : IOutbox
{
    private const string Columns = """
        id, idempotency_key, kind, channel_id, conversation_id, title, payload, text, state, attempts, last_error, activity_id,
        created_at, next_attempt_at, sent_at
        """;

    public async Task<bool> EnqueueAsync(OutboxMessage message, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
        int inserted;
        await using (var insert = connection.Command("""
            INSERT OR IGNORE INTO outbox (idempotency_key, kind, subscription_id, channel_id, conversation_id, title, payload, text,
                state, attempts, next_attempt_at, created_at, updated_at)
            VALUES ($key, $kind, $subscription, $channel, $conversation, $title, $payload, $text, 'pending', 0, $now, $now, $now)
            """, transaction))
        {
            insert.Parameters.AddWithValue("$key", message.Key);
            insert.Parameters.AddWithValue("$kind", PushKinds.Name(message.Kind));
            insert.Parameters.AddWithValue("$subscription", message.SubscriptionId is { } id ? id : DBNull.Value);
            insert.Parameters.AddWithValue("$channel", message.ChannelId);
            insert.Parameters.AddWithValue("$conversation", message.ConversationId);
            insert.Parameters.AddWithValue("$title", message.Title);
            insert.Parameters.AddWithValue("$payload", message.Payload);
            insert.Parameters.AddWithValue("$text", message.Text);
            insert.Parameters.AddWithValue("$now", Instants.ToText(now));
            inserted = await insert.ExecuteNonQueryAsync(cancellationToken);
        }

        // The firing is recorded with its message, in one transaction: queued and "done" cannot disagree after a crash.
        if (inserted == 1 && message.SubscriptionId is { } subscription && message.Occurrence is { } occurrence)
        {
            await using var record = connection.Command("""
                UPDATE subscriptions SET last_occurrence_at = $occurrence
                WHERE id = $id AND (last_occurrence_at IS NULL OR last_occurrence_at < $occurrence)
                """, transaction);
            record.Parameters.AddWithValue("$id", subscription);
            record.Parameters.AddWithValue("$occurrence", Instants.ToText(occurrence));
            await record.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return inserted == 1;
    }

    public async Task<bool> ExistsAsync(string key, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.Command("SELECT COUNT(*) FROM outbox WHERE idempotency_key = $key");
        command.Parameters.AddWithValue("$key", key);
        return (long)(await command.ExecuteScalarAsync(cancellationToken))! > 0;
    }

    public async Task<OutboxEntry?> ClaimNextAsync(string worker, DateTimeOffset now, DateTimeOffset leaseUntil, bool consoleOnly, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.Command($"""
            UPDATE outbox SET state = 'sending', attempts = attempts + 1, claimed_by = $worker, lease_until = $lease, updated_at = $now
            WHERE id = (
                SELECT id FROM outbox
                WHERE ((state IN ('pending', 'failed') AND next_attempt_at <= $now)
                   OR (state = 'sending' AND lease_until < $now))
                  AND (channel_id = 'console') = $console
                ORDER BY next_attempt_at, id
                LIMIT 1)
            RETURNING {Columns}
            """);
        command.Parameters.AddWithValue("$worker", worker);
        command.Parameters.AddWithValue("$console", consoleOnly);
        command.Parameters.AddWithValue("$lease", Instants.ToText(leaseUntil));
        command.Parameters.AddWithValue("$now", Instants.ToText(now));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? Read(reader) : null;
    }

    public async Task<bool> RenewLeaseAsync(long id, string worker, DateTimeOffset leaseUntil, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.Command("UPDATE outbox SET lease_until = $lease WHERE id = $id AND state = 'sending' AND claimed_by = $worker");
        command.Parameters.AddWithValue("$id", id);
        command.Parameters.AddWithValue("$worker", worker);
        command.Parameters.AddWithValue("$lease", Instants.ToText(leaseUntil));
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    public Task MarkSentAsync(long id, string? activityId, DateTimeOffset now, CancellationToken cancellationToken) =>
        UpdateAsync(
            "UPDATE outbox SET state = 'sent', activity_id = $activity, sent_at = $now, last_error = NULL, claimed_by = NULL, lease_until = NULL, updated_at = $now WHERE id = $id",
            p =>
            {
                p.AddWithValue("$id", id);
                p.AddWithValue("$activity", (object?)activityId ?? DBNull.Value);
                p.AddWithValue("$now", Instants.ToText(now));
            },
            cancellationToken);

    public Task MarkFailedAsync(long id, string reason, DateTimeOffset retryAt, DateTimeOffset now, CancellationToken cancellationToken) =>
        UpdateAsync(
            "UPDATE outbox SET state = 'failed', last_error = $reason, next_attempt_at = $retry, claimed_by = NULL, lease_until = NULL, updated_at = $now WHERE id = $id AND state = 'sending'",
            p =>
            {
                p.AddWithValue("$id", id);
                p.AddWithValue("$reason", reason);
                p.AddWithValue("$retry", Instants.ToText(retryAt));
                p.AddWithValue("$now", Instants.ToText(now));
            },
            cancellationToken);

    public Task MarkDeadAsync(long id, string reason, DateTimeOffset now, CancellationToken cancellationToken) =>
        UpdateAsync(
            "UPDATE outbox SET state = 'dead', last_error = $reason, claimed_by = NULL, lease_until = NULL, updated_at = $now WHERE id = $id AND state <> 'sent'",
            p =>
            {
                p.AddWithValue("$id", id);
                p.AddWithValue("$reason", reason);
                p.AddWithValue("$now", Instants.ToText(now));
            },
            cancellationToken);

    public async Task<int> DeadLetterConversationAsync(string channelId, string conversationId, string reason, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.Command("""
            UPDATE outbox SET state = 'dead', last_error = $reason, claimed_by = NULL, lease_until = NULL, updated_at = $now
            WHERE channel_id = $channel AND conversation_id = $conversation AND state IN ('pending', 'failed', 'sending')
            """);
        command.Parameters.AddWithValue("$channel", channelId);
        command.Parameters.AddWithValue("$conversation", conversationId);
        command.Parameters.AddWithValue("$reason", reason);
        command.Parameters.AddWithValue("$now", Instants.ToText(now));
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<OutboxEntry?> GetAsync(string key, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await QueryAsync(connection, "WHERE idempotency_key = $key", p => p.AddWithValue("$key", key), cancellationToken);
        return rows.Count == 0 ? null : rows[0];
    }

    public async Task<OutboxOverview> GetOverviewAsync(int recentSent, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var waiting = await QueryAsync(connection, "WHERE state IN ('pending', 'sending', 'failed') ORDER BY next_attempt_at, id LIMIT 100", _ => { }, cancellationToken);
        var dead = await QueryAsync(connection, "WHERE state = 'dead' ORDER BY updated_at DESC, id DESC LIMIT 100", _ => { }, cancellationToken);
        var sent = await QueryAsync(connection, "WHERE state = 'sent' ORDER BY sent_at DESC, id DESC LIMIT $n", p => p.AddWithValue("$n", recentSent), cancellationToken);
        return new OutboxOverview(waiting, dead, sent);
    }

    private async Task UpdateAsync(string sql, Action<SqliteParameterCollection> bind, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.Command(sql);
        bind(command.Parameters);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task<List<OutboxEntry>> QueryAsync(SqliteConnection connection, string where, Action<SqliteParameterCollection> bind, CancellationToken cancellationToken)
    {
        await using var command = connection.Command($"SELECT {Columns} FROM outbox {where}");
        bind(command.Parameters);
        var rows = new List<OutboxEntry>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(Read(reader));
        }

        return rows;
    }

    private static OutboxEntry Read(SqliteDataReader r) => new(
        r.GetInt64(0),
        r.GetString(1),
        PushKinds.Parse(r.GetString(2)),
        r.GetString(3),
        r.GetString(4),
        r.GetString(5),
        r.GetString(6),
        r.GetString(7),
        Enum.Parse<OutboxState>(r.GetString(8), ignoreCase: true),
        r.GetInt32(9),
        r.IsDBNull(10) ? null : r.GetString(10),
        r.IsDBNull(11) ? null : r.GetString(11),
        Instants.FromText(r.GetString(12)),
        Instants.FromText(r.GetString(13)),
        r.IsDBNull(14) ? null : Instants.FromText(r.GetString(14)));
}
