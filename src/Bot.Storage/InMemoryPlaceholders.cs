using System.Collections.Concurrent;
using Bot.Core.Conversations;
using Bot.Core.Messaging;

namespace Bot.Storage;

/// <summary>PLACEHOLDER until the SQLite tables land.</summary>
public sealed class InMemoryConversationStore : IConversationSettingsStore, IConversationDirectory
{
    private readonly ConcurrentDictionary<string, ConversationSettings> _settings = new();
    private readonly ConcurrentDictionary<string, ConversationRecord> _records = new();

    public Task<ConversationSettings> GetAsync(ConversationKey conversation, CancellationToken cancellationToken) =>
        Task.FromResult(_settings.GetValueOrDefault(conversation.ChannelId + "|" + conversation.Id) ?? ConversationSettings.Empty);

    public Task SaveAsync(ConversationKey conversation, ConversationSettings settings, CancellationToken cancellationToken)
    {
        _settings[conversation.ChannelId + "|" + conversation.Id] = settings;
        return Task.CompletedTask;
    }

    public Task RecordSeenAsync(ConversationRecord record, CancellationToken cancellationToken)
    {
        _records[record.ChannelId + "|" + record.ConversationId] = record;
        return Task.CompletedTask;
    }

    public Task<ConversationRecord?> FindAsync(string channelId, string conversationId, CancellationToken cancellationToken) =>
        Task.FromResult(_records.GetValueOrDefault(channelId + "|" + conversationId));

    public Task MarkInactiveAsync(string channelId, string conversationId, string reason, CancellationToken cancellationToken) => Task.CompletedTask;
}
