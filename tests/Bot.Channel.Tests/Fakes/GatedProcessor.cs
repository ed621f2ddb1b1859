using Bot.Channel.Auth;
using Bot.Channel.Endpoint;
using Bot.Channel.Protocol;

namespace Bot.Channel.Tests.Fakes;

/// <summary>An <see cref="IActivityProcessor"/> that records which turns ran, in what order and how many at once.</summary>
/// <remarks>
/// A conversation can be held in two places: <see cref="HoldWork"/> blocks its turns inside <c>ProcessAsync</c> (a slow
/// command), <see cref="HoldBudget"/> blocks them in the send-budget wait (the connector's pacing). Unheld turns yield
/// once, so turns of different conversations interleave.
/// </remarks>
public sealed class GatedProcessor : IActivityProcessor
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, TaskCompletionSource> _work = new(StringComparer.Ordinal);
    private readonly Dictionary<string, TaskCompletionSource> _budget = new(StringComparer.Ordinal);
    private readonly Dictionary<string, TaskCompletionSource> _started = new(StringComparer.Ordinal);
    private readonly Dictionary<string, TaskCompletionSource> _finished = new(StringComparer.Ordinal);
    private readonly List<(string Conversation, string Id)> _order = [];
    private readonly HashSet<string> _busy = new(StringComparer.Ordinal);
    private readonly HashSet<string> _budgetAsked = new(StringComparer.Ordinal);
    private int _running;
    private int _maxRunning;
    private int _overlaps;

    /// <summary>Turns inside <c>ProcessAsync</c> right now.</summary>
    public int Running => Read(() => _running);

    /// <summary>The most turns that were inside <c>ProcessAsync</c> at the same time.</summary>
    public int MaxRunning => Read(() => _maxRunning);

    /// <summary>How often a turn started while another turn of the same conversation was still running.</summary>
    public int Overlaps => Read(() => _overlaps);

    /// <summary>Activity ids in the order their processing started, across conversations.</summary>
    public IReadOnlyList<string> Order => Read(() => _order.Select(o => o.Id).ToList());

    /// <summary>Conversations whose send budget has been asked for at least once.</summary>
    public int ConversationsAskingForBudget => Read(() => _budgetAsked.Count);

    public IReadOnlyList<string> OrderIn(string conversationId) =>
        Read(() => _order.Where(o => o.Conversation == conversationId).Select(o => o.Id).ToList());

    public void HoldWork(string conversationId) => Hold(_work, conversationId);

    public void ReleaseWork(string conversationId) => Release(_work, conversationId);

    public void HoldBudget(string conversationId) => Hold(_budget, conversationId);

    public void ReleaseBudget(string conversationId) => Release(_budget, conversationId);

    /// <summary>Completes when the activity's processing has started.</summary>
    public Task Started(string activityId) => SignalFor(_started, activityId).Task;

    /// <summary>Completes when the activity's processing has finished.</summary>
    public Task Finished(string activityId) => SignalFor(_finished, activityId).Task;

    public ValueTask WaitForSendBudgetAsync(Activity activity, CancellationToken cancellationToken)
    {
        TaskCompletionSource? held;
        lock (_gate)
        {
            _budgetAsked.Add(activity.Conversation!.Id!);
            _budget.TryGetValue(activity.Conversation!.Id!, out held);
        }

        return held is null ? ValueTask.CompletedTask : new ValueTask(held.Task.WaitAsync(cancellationToken));
    }

    public async Task<InvokeResponse?> ProcessAsync(Activity activity, AuthOutcome auth, CancellationToken cancellationToken)
    {
        var conversation = activity.Conversation!.Id!;
        var id = activity.Id!;
        TaskCompletionSource? held;
        lock (_gate)
        {
            _running++;
            _maxRunning = Math.Max(_maxRunning, _running);
            if (!_busy.Add(conversation))
            {
                _overlaps++;
            }

            _order.Add((conversation, id));
            _work.TryGetValue(conversation, out held);
        }

        SignalFor(_started, id).TrySetResult();
        try
        {
            if (held is not null)
            {
                await held.Task;
            }
            else
            {
                await Task.Yield();
            }
        }
        finally
        {
            lock (_gate)
            {
                _running--;
                _busy.Remove(conversation);
            }

            SignalFor(_finished, id).TrySetResult();
        }

        return activity.Type == ActivityTypes.Invoke ? new InvokeResponse(200, new Dictionary<string, string> { ["answeredBy"] = "inline" }) : null;
    }

    private void Hold(Dictionary<string, TaskCompletionSource> gates, string conversationId)
    {
        lock (_gate)
        {
            gates[conversationId] = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }
    }

    private void Release(Dictionary<string, TaskCompletionSource> gates, string conversationId)
    {
        lock (_gate)
        {
            if (gates.Remove(conversationId, out var gate))
            {
                gate.TrySetResult();
            }
        }
    }

    private TaskCompletionSource SignalFor(Dictionary<string, TaskCompletionSource> signals, string activityId)
    {
        lock (_gate)
        {
            if (!signals.TryGetValue(activityId, out var signal))
            {
                signals[activityId] = signal = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            }

            return signal;
        }
    }

    private T Read<T>(Func<T> read)
    {
        lock (_gate)
        {
            return read();
        }
    }
}
