using Bot.Core.Commands.Brief;
using Bot.Core.Commands.Campaigns;
using Bot.Core.Commands.Channels;
using Bot.Core.Commands.Funnel;
using Bot.Core.Commands.Goals;
using Bot.Core.Commands.Kpi;
using Bot.Core.Commands.Plans;
using Bot.Core.Commands.Products;
using Bot.Core.Commands.Query;
using Bot.Core.Commands.Shops;
using Bot.Core.Commands.Traffic;
using Bot.Core.Commands.Trend;
using Bot.Core.Commands.Users;
using Bot.Core.Commands.Why;
using Bot.Core.Formatting;
using Bot.Core.Metrics;
using Bot.Core.Plans;
using Bot.Core.Security;
using Bot.Core.Time;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Bot.Core.Commands;

/// <summary>The one place where commands are listed. Add a line here to add a command; help and routing follow.</summary>
public static class CommandCatalog
{
    public static IServiceCollection AddCore(this IServiceCollection services)
    {
        services.AddSingleton<CommandRegistry>();
        services.AddSingleton(sp => new CommandMatcher(sp.GetRequiredService<CommandRegistry>(), Vocabulary.Words.Concat(Periods.PeriodParser.Words)));
        services.AddSingleton<CommandRouter>();
        services.AddSingleton(sp => new TeamClock(sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<TeamOptionsZone>().Zone));
        services.TryAddSingleton<Benchmarks>();
        services.TryAddSingleton<Roles>();
        services.TryAddSingleton(Bot.Core.DataFiles.ImportLimits.Default);
        services.TryAddSingleton(NumberFormat.English);
        services.AddSingleton<ReferenceData>();
        services.AddSingleton<QueryServices>();

        // The catalogue: help lists commands in this order.
        services
            .AddCommand<BriefCommand>()
            .AddCommand<KpiCommand>()
            .AddCommand<Metric.MetricCommand>()
            .AddCommand<FunnelCommand>()
            .AddCommand<TrafficCommand>()
            .AddCommand<ChannelsCommand>()
            .AddCommand<CampaignRoiCommand>()
            .AddCommand<CampaignsCommand>()
            .AddCommand<TrendCommand>()
            .AddCommand<WhyCommand>()
            .AddCommand<TopProductsCommand>()
            .AddCommand<InventoryCommand>()
            .AddCommand<GoalsCommand>()
            .AddCommand<GoalPlanCommand>()
            .AddPlanning()
            .AddCommand<PlanCommand>()
            .AddCommand<PlanAddCommand>()
            .AddCommand<PlanRemoveCommand>()
            .AddCommand<PlanAssignCommand>()
            .AddCommand<PlanSubmitCommand>()
            .AddCommand<PlanApproveCommand>()
            .AddCommand<PlanRejectCommand>()
            .AddCommand<PlanRequestChangesCommand>()
            .AddCommand<PlanHistoryCommand>()
            .AddCardAction<ApprovePlanAction>()
            .AddCardAction<RejectPlanAction>()
            .AddCardAction<RequestPlanChangesAction>()
            .AddCommand<UsersCommand>()
            .AddCommand<UseShopCommand>()
            .AddCommand<ShopsCommand>()
            .AddCommand<ShopNameCommand>()
            .AddCommand<DataFiles.ImportCommand>()
            .AddCommand<DataFiles.DataStatusCommand>()
            .AddCommand<Subscriptions.SubscribeCommand>()
            .AddCommand<Subscriptions.UnsubscribeCommand>()
            .AddCommand<Subscriptions.SubscriptionsCommand>()
            .AddCommand<Subscriptions.DeliveriesCommand>()
            .AddCommand<Alerts.AlertCommand>()
            .AddCommand<Alerts.AlertsCommand>()
            .AddCommand<Alerts.AlertTestCommand>()
            .AddCommand<Alerts.AlertRemoveCommand>()
            .AddCommand<Alerts.AlertAcknowledgeCommand>()
            .AddCommand<Alerts.AlertMuteCommand>()
            .AddCommand<Alerts.AlertTakeCommand>()
            .AddCardAction<Alerts.AcknowledgeAlertAction>()
            .AddCardAction<Alerts.MuteAlertForDayAction>()
            .AddCardAction<Alerts.MuteAlertUntilImportAction>()
            .AddCardAction<Alerts.AssignAlertAction>()
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
