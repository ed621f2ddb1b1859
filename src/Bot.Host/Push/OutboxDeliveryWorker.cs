using Bot.Host.Jobs;
using Microsoft.Extensions.Options;

namespace Bot.Host.Push;

/// <summary>Runs <see cref="OutboxDeliverer"/> whenever something is queued and every few seconds (<c>Schedule:Outbox:PollSeconds</c>).</summary>
/// <remarks>The poll also picks up retries that came due, rows left by a crashed process, and rows queued by another process on the same file.</remarks>
public sealed class OutboxDeliveryWorker(OutboxDeliverer deliverer, OutboxSignal signal, IOptions<ScheduleOptions> options, ILogger<OutboxDeliveryWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var poll = TimeSpan.FromSeconds(options.Value.Outbox.PollSeconds);
        logger.LogInformation("Outbox delivery worker {Worker} started", deliverer.WorkerId);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await deliverer.DeliverDueAsync(stoppingToken);
                await signal.WaitAsync(poll, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex)
            {
                // A broken database file or similar: log, wait a poll, try again — never kill the host.
                logger.LogError(ex, "Outbox delivery pass failed");
                await Task.Delay(poll, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
    }
}
