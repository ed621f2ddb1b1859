namespace Bot.Channel.Auth;

/// <summary>The Bot Framework credentials, read from the root configuration keys the SDK uses (MicrosoftAppId, …).</summary>
/// <remarks>Secrets come from the environment (MicrosoftAppPassword=…), never from a committed file.</remarks>
public sealed class BotCredentialsOptions
{
    public string? MicrosoftAppId { get; set; }

    public string? MicrosoftAppPassword { get; set; }

    /// <summary>MultiTenant (default) or SingleTenant.</summary>
    public string MicrosoftAppType { get; set; } = "MultiTenant";

    public string? MicrosoftAppTenantId { get; set; }

    /// <summary>Where the inbound signing keys come from; tests point it at a local metadata endpoint.</summary>
    public string OpenIdMetadataUrl { get; set; } = "https://login.botframework.com/v1/.well-known/openidconfiguration";

    public bool AuthEnabled => !string.IsNullOrWhiteSpace(MicrosoftAppId);
}
