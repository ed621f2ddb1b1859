using Bot.Channel.Auth;
using Bot.Channel.Connector;
using Bot.Channel.Endpoint;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Bot.Channel;

public static class ChannelServiceCollectionExtensions
{
    /// <summary>The Bot Framework protocol: inbound auth, activity processing, outbound connector client.</summary>
    public static IServiceCollection AddChannel(this IServiceCollection services, IConfiguration configuration)
    {
        // The SDK's keys live at the configuration root (MicrosoftAppId, MicrosoftAppPassword, …).
        services.AddOptions<BotCredentialsOptions>().Bind(configuration);
        services.AddSingleton<IInboundAuthenticator, BotAuthenticator>();
        services.AddHttpClient<IConnectorClient, ConnectorClient>();
        services.AddSingleton<ActivityProcessor>();
        return services;
    }
}
