using Bot.Core.Conversations;
using Bot.Core.Messaging;

namespace Bot.Core.Tests.Fakes;

public sealed class InMemorySettingsStore : IConversationSettingsStore
{
    private readonly Dictionary<string, ConversationSettings> _settings = [];

    public Task<ConversationSettings> GetAsync(ConversationKey conversation, CancellationToken cancellationToken) =>
        Task.FromResult(_settings.GetValueOrDefault(conversation.Id) ?? ConversationSettings.Empty);

    public Task SaveAsync(ConversationKey conversation, ConversationSettings settings, CancellationToken cancellationToken)
    {
        _settings[conversation.Id] = settings;
        return Task.CompletedTask;
    }
}
