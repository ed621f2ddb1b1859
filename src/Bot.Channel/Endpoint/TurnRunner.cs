using Bot.Channel.Auth;
using Bot.Channel.Protocol;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Bot.Channel.Endpoint;

/// <summary>Runs non-invoke turns after the HTTP 200 has gone back: in arrival order per conversation, a bounded number at once.</summary>
/// <remarks>
/// §2.2/§8.5: Teams waits about 15 s for the acknowledgement, and a reply that meets the connector's per-conversation
/// pacing (55 per 30 s) or a 429 Retry-After can take longer than that, so turns are acknowledged first and answered here.
/// <para>
/// A conversation with work has its own queue, emptied by one loop at a time, so its messages are answered in the order
/// they arrived; the queue is dropped as soon as it is empty and idle, so conversations that went quiet cost nothing.
/// Conversations share only the cap on turns working at once, and a turn waits for its conversation's send budget
/// before it takes a slot: a chatty conversation held back by the pacing delays itself, not the others. (Fixed lanes
/// hashed by conversation id made every conversation on a throttled one's lane wait: bench/README.md §3d.)
/// </para>
/// <para>The backlog is bounded in total and per conversation; a turn that does not fit is refused, never run out of order.</para>
/// </remarks>
public sealed class TurnRunner(IActivityProcessor processor, IOptions<TurnOptions> options, ILogger<TurnRunner> logger) : IHostedService, IConversationTurns, IDisposable
{
    private readonly TurnOptions _options = options.Value;
    private readonly SemaphoreSlim _slots = new(options.Value.MaxConcurrent, options.Value.MaxConcurrent);
    private readonly TaskCompletionSource _drained = new(TaskCreationOptions.RunContinuationsAsynchronously);

    // One lock for the few lines that move turns in and out; the turns themselves run outside it. A Channel per
    // conversation would need it all the same: dropping a drained queue races with a writer that just looked it up.
    private readonly Lock _gate = new();
    private readonly Dictionary<string, Queue<Turn>> _conversations = new(StringComparer.Ordinal);
    private readonly Dictionary<string, TaskCompletionSource> _idleWaiters = new(StringComparer.Ordinal);
    private int _backlog;
    private bool _accepting;

    /// <summary>Conversations with turns waiting or running (their queues); quiet ones are not kept.</summary>
    internal int ActiveConversations
    {
        get
        {
            lock (_gate)
            {
                return _conversations.Count;
            }
        }
    }

    /// <summary>Queues the turn behind its conversation's earlier ones; false when not running or the backlog is full.</summary>
    public bool TryEnqueue(Activity activity, AuthOutcome auth)
    {
        ArgumentNullException.ThrowIfNull(activity);
        ArgumentNullException.ThrowIfNull(auth);
        var key = activity.Conversation?.Id ?? string.Empty;
        Queue<Turn>? started = null;
        string? refused;
        lock (_gate)
        {
            _conversations.TryGetValue(key, out var queue);
            refused = !_accepting ? "not running"
                : _backlog >= _options.MaxBacklog ? "the backlog is full"
                : queue?.Count >= _options.MaxBacklogPerConversation ? "the conversation's backlog is full"
                : null;
            if (refused is null)
            {
                if (queue is null)
                {
                    queue = started = new Queue<Turn>();
                    _conversations.Add(key, queue);
                }

                queue.Enqueue(new Turn(activity, auth));
                _backlog++;
            }
        }

        if (refused is not null)
        {
            logger.LogWarning("Refused a {ActivityType} activity: {Reason}", activity.Type, refused);
            return false;
        }

        if (started is not null)
        {
            // Off the request thread: the 200 must not wait for the first synchronous stretch of the turn.
            _ = Task.Run(() => DrainAsync(key, started));
        }

        return true;
    }

    /// <inheritdoc/>
    public Task WhenIdleAsync(string conversationId)
    {
        ArgumentNullException.ThrowIfNull(conversationId);
        lock (_gate)
        {
            if (!_conversations.ContainsKey(conversationId))
            {
                return Task.CompletedTask;
            }

            if (!_idleWaiters.TryGetValue(conversationId, out var waiter))
            {
                waiter = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                _idleWaiters.Add(conversationId, waiter);
            }

            return waiter.Task;
        }
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            _accepting = true;
        }

        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        // Stop taking turns, then let accepted ones finish: an accepted message must still be answered.
        lock (_gate)
        {
            _accepting = false;
            if (_backlog == 0)
            {
                _drained.TrySetResult();
            }
        }

        try
        {
            await _drained.Task.WaitAsync(cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            int left;
            lock (_gate)
            {
                left = _backlog;
            }

            logger.LogWarning("Shutdown timeout: {TurnCount} accepted turns were not finished", left);
        }
    }

    public void Dispose() => _slots.Dispose();

    /// <summary>The conversation's loop: one turn at a time until its queue is empty, then the queue is forgotten.</summary>
    private async Task DrainAsync(string key, Queue<Turn> queue)
    {
        var more = true;
        while (more)
        {
            Turn turn;
            lock (_gate)
            {
                turn = queue.Dequeue();
            }

            await RunAsync(turn);
            lock (_gate)
            {
                _backlog--;
                more = queue.Count > 0;
                if (!more)
                {
                    // Removed under the same lock TryEnqueue adds under: its next turn starts a new loop.
                    _conversations.Remove(key);
                    if (_idleWaiters.Remove(key, out var waiter))
                    {
                        waiter.TrySetResult();
                    }
                }

                if (_backlog == 0 && !_accepting)
                {
                    _drained.TrySetResult();
                }
            }
        }
    }

    private async Task RunAsync(Turn turn)
    {
        try
        {
            // The pacing wait comes first and outside a slot: a conversation that used its budget must not hold one.
            await processor.WaitForSendBudgetAsync(turn.Activity, CancellationToken.None);
            await _slots.WaitAsync();
            try
            {
                // Not tied to a request or to shutdown: an accepted turn runs to its end.
                await processor.ProcessAsync(turn.Activity, turn.Auth, CancellationToken.None);
            }
            finally
            {
                _slots.Release();
            }
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "Unhandled failure processing a queued {ActivityType}", turn.Activity.Type);
        }
    }

    private readonly record struct Turn(Activity Activity, AuthOutcome Auth);
}
