using Bot.Channel.Auth;
using Bot.Core.Commands;
using Bot.Core.DataFiles;
using Bot.Core.Formatting;
using Bot.Core.Metrics;
using Bot.Core.Security;
using Bot.Core.Time;
using Bot.Host.Options;
using Microsoft.Extensions.Options;

namespace Bot.Host;

internal static class HostSetup
{
    public static IServiceCollection AddBotOptions(this IServiceCollection services)
    {
        services.AddSingleton(TimeProvider.System);
        services.AddOptions<TeamOptions>()
            .BindConfiguration(TeamOptions.Section)
            .ValidateDataAnnotations()
            .Validate(o => TeamClock.TryFindZone(o.TimeZone, out _), "Team:TimeZone is not a known IANA time zone (e.g. Asia/Shanghai).")
            .ValidateOnStart();
        services.AddSingleton(sp => new NumberFormat(sp.GetRequiredService<IOptions<TeamOptions>>().Value.CultureInfo));
        services.AddSingleton(sp => sp.GetRequiredService<IConfiguration>().GetSection(Benchmarks.Section).Get<Benchmarks>() ?? new Benchmarks());
        services.AddSingleton(sp => sp.GetRequiredService<IConfiguration>().GetSection(Roles.Section).Get<Roles>() ?? new Roles());
        services.AddSingleton(sp => sp.GetRequiredService<IConfiguration>().GetSection(ImportLimits.Section).Get<ImportLimits>() ?? ImportLimits.Default);
        services.AddSingleton(sp =>
        {
            TeamClock.TryFindZone(sp.GetRequiredService<IOptions<TeamOptions>>().Value.TimeZone, out var zone);
            return new TeamOptionsZone(zone);
        });
        return services;
    }

    /// <summary>Local mode (no App ID) accepts only loopback callers; say so loudly at startup.</summary>
    public static void WarnWhenAuthIsOff(this WebApplication app)
    {
        if (!app.Services.GetRequiredService<IOptions<BotCredentialsOptions>>().Value.AuthEnabled)
        {
            app.Logger.LogWarning("MicrosoftAppId is not configured: running in local mode. Inbound tokens are not checked and only loopback requests are accepted. Configure MicrosoftAppId/MicrosoftAppPassword before exposing the bot.");
        }
    }
}
