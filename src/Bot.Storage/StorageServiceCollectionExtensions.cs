using Bot.Core.Conversations;
using Microsoft.Extensions.DependencyInjection;

namespace Bot.Storage;

public static class StorageServiceCollectionExtensions
{
    public static IServiceCollection AddStorage(this IServiceCollection services)
    {
        services.AddOptions<StorageOptions>().BindConfiguration(StorageOptions.Section);
        services.AddSingleton<InMemoryConversationStore>();
        services.AddSingleton<IConversationSettingsStore>(sp => sp.GetRequiredService<InMemoryConversationStore>());
        services.AddSingleton<IConversationDirectory>(sp => sp.GetRequiredService<InMemoryConversationStore>());
        return services;
    }
}
