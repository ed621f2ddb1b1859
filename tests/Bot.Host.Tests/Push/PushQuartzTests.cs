using System.Diagnostics;
using Bot.Host.Jobs;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Quartz;

namespace Bot.Host.Tests.Push;

/// <summary>Quartz with its persistent store on the bot's own SQLite file: triggers per subscription, in their zone, surviving restarts.</summary>
public sealed class PushQuartzTests : IAsyncLifetime
{
    private readonly string _path = PushHost.NewStoragePath();
    private readonly List<PushHost> _hosts = [];

    public Task InitializeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Subscribe_WithQuartzOn_StoresACronTriggerInTheSubscriptionsZoneInTheSameFile()
    {
        var host = await StartAsync();
        var (conversation, _) = await host.SayAsync("subscribe brief at 09:00 tz America/New_York");
        var subscription = await host.SubscriptionAsync(conversation);

        var trigger = await WaitForTriggerAsync(host, subscription.Id);

        Assert.Equal("0 0 9 ? * *", trigger.CronExpressionString);
        Assert.Equal("America/New_York", trigger.TimeZone.Id);
        Assert.Equal(DailyBriefJob.Key, trigger.JobKey);
        Assert.Equal(subscription.Schedule!.NextAfter(TimeProvider.System.GetUtcNow()), trigger.NextFireTimeUtc);
        Assert.Contains("QRTZ_CRON_TRIGGERS", Tables(_path));
        Assert.Contains("subscriptions", Tables(_path));
    }

    [Fact]
    public async Task Restart_TriggerLost_IsRedeclaredFromTheSubscriptionsTable()
    {
        var first = await StartAsync();
        var (conversation, _) = await first.SayAsync("subscribe todo mon 09:30 tz Asia/Shanghai");
        var subscription = await first.SubscriptionAsync(conversation, Core.Push.SubscriptionKind.Todo);
        await WaitForTriggerAsync(first, subscription.Id);
        var scheduler = await first.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();
        await scheduler.UnscheduleJob(SubscriptionTriggers.Key(subscription.Id));
        await first.DisposeAsync();

        var second = await StartAsync();
        var trigger = await WaitForTriggerAsync(second, subscription.Id);

        Assert.Equal("0 30 9 ? * MON", trigger.CronExpressionString);
        Assert.Equal(WeeklyTodoJob.Key, trigger.JobKey);
    }

    [Fact]
    public async Task Unsubscribe_WithQuartzOn_RemovesTheTrigger()
    {
        var host = await StartAsync();
        var (conversation, _) = await host.SayAsync("subscribe brief");
        var subscription = await host.SubscriptionAsync(conversation);
        await WaitForTriggerAsync(host, subscription.Id);

        await host.SayAsync("unsubscribe brief", conversation);

        var scheduler = await host.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();
        Assert.Null(await scheduler.GetTrigger(SubscriptionTriggers.Key(subscription.Id)));
    }

    public async Task DisposeAsync()
    {
        foreach (var host in _hosts)
        {
            await ((IAsyncLifetime)host).DisposeAsync();
        }

        PushHost.DeleteStorage(_path);
    }

    private async Task<PushHost> StartAsync()
    {
        var host = new PushHost(_path, clock: null, quartz: true);
        _hosts.Add(host);
        await host.InitializeAsync();
        return host;
    }

    /// <summary>Polls (bounded) until the subscription's trigger is stored: startup declares triggers in the background.</summary>
    private static async Task<ICronTrigger> WaitForTriggerAsync(PushHost host, long subscriptionId)
    {
        var scheduler = await host.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();
        var deadline = Stopwatch.GetTimestamp() + (10 * Stopwatch.Frequency);
        while (true)
        {
            if (await scheduler.GetTrigger(SubscriptionTriggers.Key(subscriptionId)) is ICronTrigger trigger)
            {
                return trigger;
            }

            if (Stopwatch.GetTimestamp() > deadline)
            {
                throw new TimeoutException($"No trigger for subscription {subscriptionId} after 10 s.");
            }

            await Task.Delay(50);
        }
    }

    private static List<string> Tables(string path)
    {
        using var connection = new SqliteConnection($"Data Source={path}");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table'";
        using var reader = command.ExecuteReader();
        var names = new List<string>();
        while (reader.Read())
        {
            names.Add(reader.GetString(0));
        }

        return names;
    }
}
