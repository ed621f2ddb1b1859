using Bot.Core.Push;
using Bot.Host.Push;
using Bot.Storage;
using Bot.Storage.Push;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using Quartz;

namespace Bot.Host.Jobs;

public static class JobsServiceCollectionExtensions
{
    /// <summary>Subscriptions, the outbox and its delivery worker, and — unless <c>Schedule:Enabled</c> is false — Quartz with a persistent SQLite store.</summary>
    public static IServiceCollection AddJobs(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<ScheduleOptions>().BindConfiguration(ScheduleOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        var schedule = configuration.GetSection(ScheduleOptions.Section).Get<ScheduleOptions>() ?? new ScheduleOptions();

        // Ports (Core) over SQLite (Storage), and the bundle the subscription commands take.
        services.AddSingleton<ISubscriptionStore, SqliteSubscriptionStore>();
        services.AddSingleton<IOutbox, SqliteOutbox>();
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<ScheduleOptions>>().Value.ToDefaults());
        services.AddSingleton<PushServices>();

        // Composing (senders), queuing (dispatcher) and delivering (worker).
        services.AddSingleton<WeeklyTodoLoader>();
        services.AddSingleton<DailyBriefSender>();
        services.AddSingleton<WeeklyTodoSender>();
        services.AddSingleton<OutboxSignal>();
        services.AddSingleton<SentActivityUpdater>();
        services.AddSingleton<PushDispatcher>();
        services.AddSingleton<OutboxDeliverer>();
        if (schedule.Outbox.WorkerEnabled)
        {
            services.AddHostedService<OutboxDeliveryWorker>();
        }

        if (!schedule.Enabled)
        {
            services.AddSingleton<ISubscriptionScheduler, DisabledSubscriptionScheduler>();
            return services;
        }

        services.AddSingleton<ISubscriptionScheduler, QuartzSubscriptionScheduler>();
        services.AddScoped<DailyBriefJob>();
        services.AddScoped<WeeklyTodoJob>();
        services.AddQuartz(q =>
        {
            q.ConfigureScheduler(s => s.InstanceName = "OpsBot");
            if (schedule.JobStore.Persistent)
            {
                // The same SQLite file as the data (Storage:Path); Quartz creates its own QRTZ_ tables from its shipped schema.
                var path = Path.GetFullPath(configuration[$"{StorageOptions.Section}:Path"] ?? new StorageOptions().Path, Directory.GetCurrentDirectory());
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                var connectionString = new SqliteConnectionStringBuilder { DataSource = path, DefaultTimeout = 30, Pooling = true }.ToString();
                q.UsePersistentStore(store =>
                {
                    store.UseSqlite(connectionString);
                    store.ProvisionSchema();
                    store.ConfigureStore(o =>
                    {
                        o.TablePrefix = schedule.JobStore.TablePrefix;
                        o.MisfireThreshold = TimeSpan.FromSeconds(schedule.JobStore.MisfireThresholdSeconds);
                    });
                });
            }
            else
            {
                q.UseInMemoryStore();
            }

            // Durable, and re-run after a crash mid-execution: firings are idempotent (the outbox key), so recovery is safe.
            q.AddJob<DailyBriefJob>(j => j.WithIdentity(DailyBriefJob.Key).StoreDurably().RequestRecovery());
            q.AddJob<WeeklyTodoJob>(j => j.WithIdentity(WeeklyTodoJob.Key).StoreDurably().RequestRecovery());
        });
        services.AddQuartzHostedService(o => o.WaitForJobsToComplete = true);
        services.AddHostedService<SubscriptionStartup>();
        return services;
    }
}
