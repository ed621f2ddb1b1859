using Bot.Core.Time;
using Microsoft.Extensions.DependencyInjection;

namespace Bot.Core.Commands;

/// <summary>The one place where commands are listed. Add a line here to add a command; help and routing follow.</summary>
public static class CommandCatalog
{
    public static IServiceCollection AddCore(this IServiceCollection services)
    {
        services.AddSingleton<CommandRegistry>();
        services.AddSingleton(sp => new CommandMatcher(sp.GetRequiredService<CommandRegistry>(), Vocabulary.Words));
        services.AddSingleton<CommandRouter>();
        services.AddSingleton(sp => new TeamClock(sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<TeamOptionsZone>().Zone));

        services
            .AddCommand<HelpCommand>();

        return services;
    }

    public static IServiceCollection AddCommand<T>(this IServiceCollection services)
        where T : class, ICommandHandler
    {
        services.AddSingleton<T>();
        services.AddSingleton<ICommandHandler>(sp => sp.GetRequiredService<T>());
        return services;
    }

    public static IServiceCollection AddCardAction<T>(this IServiceCollection services)
        where T : class, ICardActionHandler
    {
        services.AddSingleton<T>();
        services.AddSingleton<ICardActionHandler>(sp => sp.GetRequiredService<T>());
        return services;
    }
}

/// <summary>The team's configured time zone, resolved once at startup.</summary>
public sealed record TeamOptionsZone(TimeZoneInfo Zone);
