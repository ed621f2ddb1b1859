using Bot.Core.Alerts;
using Bot.Storage.Import;
using Microsoft.Extensions.Options;
using Quartz;

namespace Bot.Host.Alerts;

/// <summary>What the schedule and the import hook call: evaluate, then hand the resulting notices to the outbox.</summary>
public sealed class AlertRunner(AlertEngine engine, AlertNoticeDispatcher dispatcher)
{
    public async Task<AlertRunSummary> EvaluateAsync(CancellationToken cancellationToken)
    {
        var summary = await engine.EvaluateAsync(null, cancellationToken);
        await dispatcher.DispatchPendingAsync(cancellationToken);
        return summary;
    }

    public async Task<AlertRunSummary> OnDataImportedAsync(CancellationToken cancellationToken)
    {
        var summary = await engine.OnDataImportedAsync(cancellationToken);
        await dispatcher.DispatchPendingAsync(cancellationToken);
        return summary;
    }
}

/// <summary>Evaluates every alert rule after each successful import of data the rules read (the Storage import hook).</summary>
/// <remarks>It also ends every "mute until next import".</remarks>
public sealed class AlertImportListener(AlertRunner runner) : IDataImportedListener
{
    public async Task OnDataImportedAsync(DataImported imported, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(imported);
        if (imported.Result.Succeeded && imported.Kind is ImportKind.ChannelDaily or ImportKind.SkuDaily or ImportKind.Campaigns or ImportKind.Goals)
        {
            await runner.OnDataImportedAsync(cancellationToken);
        }
    }
}

/// <summary>The scheduled evaluation (<c>Alerts:EvaluationCron</c>, hourly by default, in the team's time zone).</summary>
/// <remarks>Catches data that arrived without the import hook (another process, a direct database load) and sends reminders.</remarks>
[DisallowConcurrentExecution]
public sealed class AlertEvaluationJob(AlertRunner runner, ILogger<AlertEvaluationJob> logger) : IJob
{
    public static readonly JobKey Key = new("alert-evaluation", "alerts");

    public static readonly TriggerKey TriggerKey = new("alert-evaluation", "alerts");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await runner.EvaluateAsync(cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "Scheduled alert evaluation failed");
        }
    }
}

/// <summary>Sends alert notices created outside the runner (a new rule evaluated at once, a button click) when woken, and every few seconds.</summary>
/// <remarks>The poll picks up notices queued by another process on the same file (the command-line import).</remarks>
public sealed class AlertNoticeWorker(AlertNoticeDispatcher dispatcher, AlertNoticeSignal signal, IOptions<Jobs.ScheduleOptions> options, ILogger<AlertNoticeWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var poll = TimeSpan.FromSeconds(options.Value.Outbox.PollSeconds);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await dispatcher.DispatchPendingAsync(stoppingToken);
                await signal.WaitAsync(poll, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex)
            {
                logger.LogError(ex, "Alert notice pass failed");
                await Task.Delay(poll, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
    }
}
