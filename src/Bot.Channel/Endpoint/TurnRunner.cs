using System.Threading.Channels;
using Bot.Channel.Auth;
using Bot.Channel.Protocol;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Bot.Channel.Endpoint;

/// <summary>Runs non-invoke turns after the HTTP 200 has gone back, in order per conversation.</summary>
/// <remarks>
/// §2.2/§8.5: Teams waits about 15 s for the acknowledgement, and a reply that meets 429 Retry-After can take longer
/// than that. Acknowledging first and sending from here keeps the window whatever the connector does. Turns are
/// partitioned by conversation id, so one conversation's messages are answered in the order they arrived while
/// different conversations run in parallel. Invokes stay inline: their answer is the HTTP response.
/// </remarks>
public sealed class TurnRunner(ActivityProcessor processor, ILogger<TurnRunner> logger) : BackgroundService
{
    private const int Capacity = 1000;
    private readonly System.Threading.Channels.Channel<(Activity Activity, AuthOutcome Auth)>[] _partitions =
        [.. Enumerable.Range(0, Math.Max(4, Environment.ProcessorCount * 2)).Select(_ => System.Threading.Channels.Channel.CreateBounded<(Activity, AuthOutcome)>(Capacity))];

    private volatile bool _running;

    /// <summary>Queues the turn; false when the queue is not running or full (the caller then processes it inline).</summary>
    public bool TryEnqueue(Activity activity, AuthOutcome auth)
    {
        ArgumentNullException.ThrowIfNull(activity);
        if (!_running)
        {
            return false;
        }

        var key = activity.Conversation?.Id ?? string.Empty;
        var partition = _partitions[(int)((uint)StringComparer.Ordinal.GetHashCode(key) % (uint)_partitions.Length)];
        return partition.Writer.TryWrite((activity, auth));
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        _running = true;
        return Task.WhenAll(_partitions.Select(p => DrainAsync(p.Reader)));
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        // Stop taking turns, then let queued ones finish: an accepted message must still be answered.
        _running = false;
        foreach (var partition in _partitions)
        {
            partition.Writer.TryComplete();
        }

        await base.StopAsync(cancellationToken);
    }

    private async Task DrainAsync(ChannelReader<(Activity Activity, AuthOutcome Auth)> reader)
    {
        await foreach (var (activity, auth) in reader.ReadAllAsync())
        {
            try
            {
                await processor.ProcessAsync(activity, auth, CancellationToken.None);
            }
            catch (Exception ex)
            {
                logger.LogError(ex, "Unhandled failure processing a queued {ActivityType}", activity.Type);
            }
        }
    }
}
