using Bot.Core.Alerts;
using Bot.Core.Time;
using Bot.Host.Alerts;
using Bot.Host.Jobs;
using Bot.Host.Options;
using Bot.Storage.Alerts;
using Bot.Storage.Import;
using Microsoft.Extensions.Options;
using Quartz;

// In the Bot.Host namespace so Program.cs needs one line and no using: builder.Services.AddAlerts(builder.Configuration).
namespace Bot.Host;

public static class AlertsServiceCollectionExtensions
{
    /// <summary>Threshold alerts: options (<c>Alerts</c>), the SQLite store, the engine, the notice dispatcher and worker,
    /// the import hook and — unless <c>Schedule:Enabled</c> is false — the scheduled evaluation.</summary>
    /// <remarks>Call after <c>AddJobs</c>: alerts go out through its outbox to the conversations subscribed to alerts.</remarks>
    public static IServiceCollection AddAlerts(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<AlertOptions>()
            .BindConfiguration(AlertOptions.Section)
            .ValidateDataAnnotations()
            .Validate(o => CronExpression.TryParse(o.EvaluationCron, out _), "Alerts:EvaluationCron is not a valid Quartz cron expression (seconds first, e.g. \"0 5 * * * ?\" for every hour at :05).")
            .ValidateOnStart();
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<AlertOptions>>().Value);

        services.AddSingleton<IAlertStore, SqliteAlertStore>();
        services.AddSingleton<AlertEvaluator>();
        services.AddSingleton<AlertEngine>();
        services.AddSingleton<AlertNoticeSignal>();
        services.AddSingleton<AlertServices>();
        services.AddSingleton<AlertNoticeDispatcher>();
        services.AddSingleton<AlertRunner>();
        services.AddSingleton<IDataImportedListener, AlertImportListener>();

        var schedule = configuration.GetSection(ScheduleOptions.Section).Get<ScheduleOptions>() ?? new ScheduleOptions();
        if (schedule.Outbox.WorkerEnabled)
        {
            services.AddHostedService<AlertNoticeWorker>();
        }

        if (!schedule.Enabled)
        {
            return services;
        }

        var alerts = configuration.GetSection(AlertOptions.Section).Get<AlertOptions>() ?? new AlertOptions();
        if (!CronExpression.TryParse(alerts.EvaluationCron, out _))
        {
            // Options validation stops the start with a clear message.
            return services;
        }

        TeamClock.TryFindZone(configuration.GetSection(TeamOptions.Section).Get<TeamOptions>()?.TimeZone, out var zone);
        services.AddScoped<AlertEvaluationJob>();

        // AddQuartz adds to the one scheduler AddJobs configured (jobs and triggers accumulate in QuartzOptions).
        services.AddQuartz(q =>
        {
            q.AddJob<AlertEvaluationJob>(j => j.WithIdentity(AlertEvaluationJob.Key).StoreDurably());
            q.AddTrigger(t => t
                .ForJob(AlertEvaluationJob.Key)
                .WithIdentity(AlertEvaluationJob.TriggerKey)
                .WithCronSchedule(alerts.EvaluationCron, c => c.InTimeZone(zone).WithMisfireInstruction(CronTriggerMisfireInstruction.DoNothing)));
        });
        return services;
    }
}
