namespace Bot.Channel.Auth;

/// <summary>The Bot Framework credentials, read from the root configuration keys the SDK uses (MicrosoftAppId, …).</summary>
/// <remarks>Secrets come from the environment (MicrosoftAppPassword=…), never from a committed file.</remarks>
public sealed class BotCredentialsOptions
{
    public const string MultiTenant = "MultiTenant";
    public const string SingleTenant = "SingleTenant";

    public string? MicrosoftAppId { get; set; }

    public string? MicrosoftAppPassword { get; set; }

    /// <summary>MultiTenant (default) or SingleTenant.</summary>
    public string MicrosoftAppType { get; set; } = MultiTenant;

    public string? MicrosoftAppTenantId { get; set; }

    /// <summary>Where the inbound signing keys come from; tests point it at a local metadata endpoint.</summary>
    /// <remarks>Must be https; plain http is accepted only for a loopback host.</remarks>
    public string OpenIdMetadataUrl { get; set; } = "https://login.botframework.com/v1/.well-known/openidconfiguration";

    public bool AuthEnabled => !string.IsNullOrWhiteSpace(MicrosoftAppId);

    /// <summary>True when the bot can obtain an outbound token (App ID and secret configured).</summary>
    public bool HasOutboundCredentials => AuthEnabled && !string.IsNullOrWhiteSpace(MicrosoftAppPassword);

    /// <summary>The MSAL authority: the Bot Framework tenant for multi-tenant bots, the bot's own tenant otherwise (§3.4).</summary>
    public string Authority => BotFrameworkAuth.LoginAuthorityBase + (IsSingleTenant ? MicrosoftAppTenantId : BotFrameworkAuth.MultiTenantAuthorityTenant);

    public bool IsSingleTenant => string.Equals(MicrosoftAppType, SingleTenant, StringComparison.OrdinalIgnoreCase);

    /// <summary>Startup validation; returns the problem or null when the settings are usable.</summary>
    public string? Validate()
    {
        if (!string.Equals(MicrosoftAppType, MultiTenant, StringComparison.OrdinalIgnoreCase) && !IsSingleTenant)
        {
            return $"MicrosoftAppType must be {MultiTenant} or {SingleTenant}.";
        }

        if (AuthEnabled && IsSingleTenant && string.IsNullOrWhiteSpace(MicrosoftAppTenantId))
        {
            // AADSTS700016 otherwise: the multi-tenant authority does not know single-tenant apps.
            return "MicrosoftAppTenantId is required when MicrosoftAppType is SingleTenant.";
        }

        if (!BotFrameworkAuth.IsAllowedKeyAddress(OpenIdMetadataUrl))
        {
            return "OpenIdMetadataUrl must be an absolute https URL (plain http is allowed only for loopback hosts).";
        }

        return null;
    }
}
