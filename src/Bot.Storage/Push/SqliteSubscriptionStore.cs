using System.Globalization;
using Bot.Core.Push;
using Bot.Storage.Sqlite;
using Microsoft.Data.Sqlite;

namespace Bot.Storage.Push;

/// <summary>Subscriptions in SQLite (table <c>subscriptions</c>, Schema/010_push.sql).</summary>
public sealed class SqliteSubscriptionStore(SqliteDatabase database) : ISubscriptionStore
{
    private const string Columns = """
        SELECT id, channel_id, conversation_id, kind, local_time, days, time_zone, created_by, since_at, last_occurrence_at, paused_reason
        FROM subscriptions
        """;

    public async Task<Subscription> UpsertAsync(SubscriptionRequest request, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        await using var connection = await database.OpenAsync(cancellationToken);

        // A changed subscription starts afresh: firings of the old schedule are neither due nor missed. The last
        // queued firing is kept, so changing 09:00 to 10:00 after the 09:00 brief went out does not send a second one.
        await using (var command = connection.Command("""
            INSERT INTO subscriptions (channel_id, conversation_id, kind, local_time, days, time_zone, created_by, created_at, updated_at, since_at)
            VALUES ($channel, $conversation, $kind, $time, $days, $zone, $by, $now, $now, $now)
            ON CONFLICT (channel_id, conversation_id, kind) DO UPDATE SET
                local_time = excluded.local_time, days = excluded.days, time_zone = excluded.time_zone,
                created_by = excluded.created_by, updated_at = excluded.updated_at, since_at = excluded.since_at,
                paused_reason = NULL, paused_at = NULL
            """))
        {
            command.Parameters.AddWithValue("$channel", request.ChannelId);
            command.Parameters.AddWithValue("$conversation", request.ConversationId);
            command.Parameters.AddWithValue("$kind", PushKinds.Name(request.Kind));
            command.Parameters.AddWithValue("$time", request.Schedule is { } s ? s.Time.ToString("HH\\:mm", CultureInfo.InvariantCulture) : DBNull.Value);
            command.Parameters.AddWithValue("$days", request.Schedule is { } d ? (int)d.Days : DBNull.Value);
            command.Parameters.AddWithValue("$zone", request.Schedule is { } z ? z.Zone.Id : DBNull.Value);
            command.Parameters.AddWithValue("$by", request.CreatedBy);
            command.Parameters.AddWithValue("$now", Instants.ToText(now));
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        return (await QueryAsync(connection, " WHERE channel_id = $channel AND conversation_id = $conversation AND kind = $kind", p =>
        {
            p.AddWithValue("$channel", request.ChannelId);
            p.AddWithValue("$conversation", request.ConversationId);
            p.AddWithValue("$kind", PushKinds.Name(request.Kind));
        }, null, cancellationToken))[0];
    }

    public async Task<Subscription?> RemoveAsync(string channelId, string conversationId, SubscriptionKind kind, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
        var found = await QueryAsync(connection, " WHERE channel_id = $channel AND conversation_id = $conversation AND kind = $kind", p =>
        {
            p.AddWithValue("$channel", channelId);
            p.AddWithValue("$conversation", conversationId);
            p.AddWithValue("$kind", PushKinds.Name(kind));
        }, transaction, cancellationToken);
        if (found.Count == 0)
        {
            return null;
        }

        await using var delete = connection.Command("DELETE FROM subscriptions WHERE id = $id", transaction);
        delete.Parameters.AddWithValue("$id", found[0].Id);
        await delete.ExecuteNonQueryAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return found[0];
    }

    public async Task<Subscription?> GetAsync(long id, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var found = await QueryAsync(connection, " WHERE id = $id", p => p.AddWithValue("$id", id), null, cancellationToken);
        return found.Count == 0 ? null : found[0];
    }

    public async Task<IReadOnlyList<Subscription>> ListForConversationAsync(string channelId, string conversationId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await QueryAsync(connection, " WHERE channel_id = $channel AND conversation_id = $conversation ORDER BY kind", p =>
        {
            p.AddWithValue("$channel", channelId);
            p.AddWithValue("$conversation", conversationId);
        }, null, cancellationToken);
    }

    public async Task<IReadOnlyList<Subscription>> ListAllAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await QueryAsync(connection, " ORDER BY id", _ => { }, null, cancellationToken);
    }

    public async Task<int> PauseConversationAsync(string channelId, string conversationId, string reason, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.Command("""
            UPDATE subscriptions SET paused_reason = $reason, paused_at = $now, updated_at = $now
            WHERE channel_id = $channel AND conversation_id = $conversation AND paused_reason IS NULL
            """);
        command.Parameters.AddWithValue("$channel", channelId);
        command.Parameters.AddWithValue("$conversation", conversationId);
        command.Parameters.AddWithValue("$reason", reason);
        command.Parameters.AddWithValue("$now", Instants.ToText(now));
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<int> ResumeConversationAsync(string channelId, string conversationId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.Command("""
            UPDATE subscriptions SET paused_reason = NULL, paused_at = NULL, since_at = $now, updated_at = $now
            WHERE channel_id = $channel AND conversation_id = $conversation AND paused_reason IS NOT NULL
            """);
        command.Parameters.AddWithValue("$channel", channelId);
        command.Parameters.AddWithValue("$conversation", conversationId);
        command.Parameters.AddWithValue("$now", Instants.ToText(now));
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task<List<Subscription>> QueryAsync(
        SqliteConnection connection,
        string where,
        Action<SqliteParameterCollection> bind,
        SqliteTransaction? transaction,
        CancellationToken cancellationToken)
    {
        await using var command = connection.Command(Columns + where, transaction);
        bind(command.Parameters);
        var result = new List<Subscription>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            result.Add(Read(reader));
        }

        return result;
    }

    private static Subscription Read(SqliteDataReader r)
    {
        PushSchedule? schedule = null;
        if (!r.IsDBNull(4) && !r.IsDBNull(5) && !r.IsDBNull(6))
        {
            var zone = TimeZoneInfo.FindSystemTimeZoneById(r.GetString(6));
            schedule = new PushSchedule(TimeOnly.ParseExact(r.GetString(4), "HH\\:mm", CultureInfo.InvariantCulture), (WeekDays)r.GetInt32(5), zone);
        }

        return new Subscription(
            r.GetInt64(0),
            r.GetString(1),
            r.GetString(2),
            PushKinds.Parse(r.GetString(3)),
            schedule,
            r.GetString(7),
            Instants.FromText(r.GetString(8)),
            r.IsDBNull(9) ? null : Instants.FromText(r.GetString(9)),
            r.IsDBNull(10) ? null : r.GetString(10));
    }
}
