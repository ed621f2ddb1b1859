using Bot.Channel.Auth;
using Bot.Channel.Connector;
using Bot.Channel.Endpoint;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Bot.Channel;

public static class ChannelServiceCollectionExtensions
{
    /// <summary>The Bot Framework protocol: inbound auth, activity processing, outbound connector client.</summary>
    public static IServiceCollection AddChannel(this IServiceCollection services, IConfiguration configuration)
    {
        services.TryAddSingleton(TimeProvider.System);

        // The SDK's keys live at the configuration root (MicrosoftAppId, MicrosoftAppPassword, …).
        services.AddOptions<BotCredentialsOptions>()
            .Bind(configuration)
            .Validate(o => o.Validate() is null, "Bot credentials are inconsistent: check MicrosoftAppType, MicrosoftAppTenantId and OpenIdMetadataUrl.")
            .ValidateOnStart();
        services.AddOptions<ConnectorOptions>()
            .Bind(configuration.GetSection(ConnectorOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();

        // Inbound: Bot Framework signing keys (cached, refreshed) and the token check.
        // Keys are fetched while a request waits for its auth decision: fail fast rather than hold Teams' 15 s window.
        services.AddHttpClient(SigningKeySource.HttpClientName, http => http.Timeout = TimeSpan.FromSeconds(10));
        services.AddSingleton<SigningKeySource>();
        services.AddSingleton<IInboundAuthenticator, BotAuthenticator>();

        // Outbound: one singleton client over a named HttpClient whose handlers retry (outer) and add the token (inner).
        services.AddSingleton<IConnectorTokenProvider, MsalConnectorTokenProvider>();
        services.AddSingleton<ConnectorResilience>();
        services.AddTransient<ConnectorRetryHandler>();
        services.AddTransient<ConnectorTokenHandler>();
        services.AddHttpClient(ConnectorClient.HttpClientName, http =>
            {
                // Per-attempt timeouts live in the retry pipeline; a whole call may span several attempts and waits.
                http.Timeout = Timeout.InfiniteTimeSpan;
                http.DefaultRequestHeaders.UserAgent.ParseAdd("OpsBot/1.0");
            })
            .AddHttpMessageHandler<ConnectorRetryHandler>()
            .AddHttpMessageHandler<ConnectorTokenHandler>();
        services.AddSingleton<IConnectorClient, ConnectorClient>();

        services.AddAttachmentDownloads(configuration);

        services.AddOptions<TurnOptions>()
            .Bind(configuration.GetSection(TurnOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<ActivityProcessor>();
        services.AddSingleton<IActivityProcessor>(sp => sp.GetRequiredService<ActivityProcessor>());
        services.AddSingleton<TurnRunner>();
        services.AddHostedService(sp => sp.GetRequiredService<TurnRunner>());
        services.AddSingleton<IConversationTurns>(sp => sp.GetRequiredService<TurnRunner>());
        return services;
    }

    /// <summary>Files users attach (chat import): fetched from their short-lived links, without our token, allowed hosts only.</summary>
    public static IServiceCollection AddAttachmentDownloads(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<AttachmentOptions>().Bind(configuration.GetSection(AttachmentOptions.Section));
        services.AddHttpClient(AttachmentDownloader.HttpClientName, http => http.Timeout = TimeSpan.FromSeconds(60))
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false });
        services.AddSingleton<Bot.Core.Messaging.IAttachmentReader, AttachmentDownloader>();
        return services;
    }
}
