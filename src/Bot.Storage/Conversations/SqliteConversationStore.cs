using System.Globalization;
using System.Text.Json;
using Bot.Core.Conversations;
using Bot.Core.Messaging;
using Bot.Storage.Sqlite;
using Microsoft.Data.Sqlite;

namespace Bot.Storage.Conversations;

/// <summary>A stored conversation reference with its delivery state.</summary>
public sealed record ConversationEntry(ConversationRecord Record, bool Active, string? InactiveReason, DateTimeOffset LastSeen);

/// <summary>Conversation references and per-conversation settings in SQLite (tables conversation_refs, conversation_settings).</summary>
/// <remarks>
/// Every sighting upserts the reference and makes it active again. <see cref="FindAsync"/> returns
/// only active references, so a conversation marked inactive (bot removed, connector 403/404) gets
/// nothing sent until it is seen again. A verified serviceUrl is not replaced by an unverified one
/// (bot-protocol.md §4.6: only send the token to URLs a validated request vouched for).
/// Settings are stored as JSON, so a new <see cref="ConversationSettings"/> property needs no migration.
/// </remarks>
public sealed class SqliteConversationStore(SqliteDatabase database, TimeProvider time) : IConversationSettingsStore, IConversationDirectory
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private const string SelectRecord = """
        SELECT channel_id, conversation_id, conversation_type, tenant_id, service_url, service_url_verified,
               bot_id, bot_name, user_id, locale, active, inactive_reason, last_seen_at
        FROM conversation_refs
        """;

    public async Task<ConversationSettings> GetAsync(ConversationKey conversation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(conversation);
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.Command("SELECT settings FROM conversation_settings WHERE channel_id = $channel AND conversation_id = $id");
        command.Parameters.AddWithValue("$channel", conversation.ChannelId);
        command.Parameters.AddWithValue("$id", conversation.Id);
        return await command.ExecuteScalarAsync(cancellationToken) is string json
            ? JsonSerializer.Deserialize<ConversationSettings>(json, Json) ?? ConversationSettings.Empty
            : ConversationSettings.Empty;
    }

    public async Task SaveAsync(ConversationKey conversation, ConversationSettings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(conversation);
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.Command("""
            INSERT INTO conversation_settings (channel_id, conversation_id, settings, updated_at) VALUES ($channel, $id, $settings, $now)
            ON CONFLICT (channel_id, conversation_id) DO UPDATE SET settings = excluded.settings, updated_at = excluded.updated_at
            """);
        command.Parameters.AddWithValue("$channel", conversation.ChannelId);
        command.Parameters.AddWithValue("$id", conversation.Id);
        command.Parameters.AddWithValue("$settings", JsonSerializer.Serialize(settings, Json));
        command.Parameters.AddWithValue("$now", Now());
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task RecordSeenAsync(ConversationRecord record, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.Command("""
            INSERT INTO conversation_refs (channel_id, conversation_id, conversation_type, tenant_id, service_url, service_url_verified,
                bot_id, bot_name, user_id, locale, active, inactive_reason, inactive_since, first_seen_at, last_seen_at)
            VALUES ($channel, $id, $type, $tenant, $url, $verified, $botId, $botName, $userId, $locale, 1, NULL, NULL, $now, $now)
            ON CONFLICT (channel_id, conversation_id) DO UPDATE SET
                conversation_type = COALESCE(excluded.conversation_type, conversation_refs.conversation_type),
                tenant_id = COALESCE(excluded.tenant_id, conversation_refs.tenant_id),
                service_url = CASE WHEN conversation_refs.service_url_verified = 1 AND excluded.service_url_verified = 0
                                   THEN conversation_refs.service_url ELSE excluded.service_url END,
                service_url_verified = MAX(conversation_refs.service_url_verified, excluded.service_url_verified),
                bot_id = COALESCE(excluded.bot_id, conversation_refs.bot_id),
                bot_name = COALESCE(excluded.bot_name, conversation_refs.bot_name),
                user_id = COALESCE(excluded.user_id, conversation_refs.user_id),
                locale = COALESCE(excluded.locale, conversation_refs.locale),
                active = 1, inactive_reason = NULL, inactive_since = NULL,
                last_seen_at = excluded.last_seen_at
            """);
        command.Parameters.AddWithValue("$channel", record.ChannelId);
        command.Parameters.AddWithValue("$id", record.ConversationId);
        command.Parameters.AddWithValue("$type", (object?)record.ConversationType ?? DBNull.Value);
        command.Parameters.AddWithValue("$tenant", (object?)record.TenantId ?? DBNull.Value);
        command.Parameters.AddWithValue("$url", record.ServiceUrl);
        command.Parameters.AddWithValue("$verified", record.ServiceUrlVerified ? 1 : 0);
        command.Parameters.AddWithValue("$botId", (object?)record.BotId ?? DBNull.Value);
        command.Parameters.AddWithValue("$botName", (object?)record.BotName ?? DBNull.Value);
        command.Parameters.AddWithValue("$userId", (object?)record.UserId ?? DBNull.Value);
        command.Parameters.AddWithValue("$locale", (object?)record.Locale ?? DBNull.Value);
        command.Parameters.AddWithValue("$now", Now());
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>The reference if it is known and active; null when unknown or marked inactive.</summary>
    public async Task<ConversationRecord?> FindAsync(string channelId, string conversationId, CancellationToken cancellationToken)
    {
        var entry = await GetEntryAsync(channelId, conversationId, cancellationToken);
        return entry is { Active: true } ? entry.Record : null;
    }

    public async Task MarkInactiveAsync(string channelId, string conversationId, string reason, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.Command("""
            UPDATE conversation_refs SET active = 0, inactive_reason = $reason, inactive_since = COALESCE(inactive_since, $now)
            WHERE channel_id = $channel AND conversation_id = $id
            """);
        command.Parameters.AddWithValue("$channel", channelId);
        command.Parameters.AddWithValue("$id", conversationId);
        command.Parameters.AddWithValue("$reason", reason);
        command.Parameters.AddWithValue("$now", Now());
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>The reference with its state, active or not (for diagnostics and admin commands).</summary>
    public async Task<ConversationEntry?> GetEntryAsync(string channelId, string conversationId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.Command(SelectRecord + " WHERE channel_id = $channel AND conversation_id = $id");
        command.Parameters.AddWithValue("$channel", channelId);
        command.Parameters.AddWithValue("$id", conversationId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? ReadEntry(reader) : null;
    }

    /// <summary>Every stored reference, oldest sighting first; only the active ones unless asked.</summary>
    public async Task<IReadOnlyList<ConversationEntry>> ListAsync(bool includeInactive, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.Command(SelectRecord + (includeInactive ? string.Empty : " WHERE active = 1") + " ORDER BY first_seen_at, channel_id, conversation_id");
        var entries = new List<ConversationEntry>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            entries.Add(ReadEntry(reader));
        }

        return entries;
    }

    private static ConversationEntry ReadEntry(SqliteDataReader r)
    {
        string? Text(int i) => r.IsDBNull(i) ? null : r.GetString(i);
        var record = new ConversationRecord(
            r.GetString(0),
            r.GetString(1),
            Text(2),
            Text(3),
            r.GetString(4),
            r.GetInt64(5) == 1,
            Text(6),
            Text(7),
            Text(8),
            Text(9));
        return new ConversationEntry(
            record,
            r.GetInt64(10) == 1,
            Text(11),
            DateTimeOffset.Parse(r.GetString(12), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal));
    }

    private string Now() => time.GetUtcNow().ToString("O", CultureInfo.InvariantCulture);
}
