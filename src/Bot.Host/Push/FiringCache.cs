using System.Collections.Concurrent;

namespace Bot.Host.Push;

/// <summary>
/// Shares one load among the firings of one send slot: the triggers of every subscription due at 09:00 fire within
/// seconds of each other, and many conversations watch the same scope (same day, same shop), so a brief's data is
/// loaded once per scope instead of once per conversation.
/// </summary>
/// <remarks>
/// <para>An entry lives <see cref="Lifetime"/> from when its load started (by the injected clock), so a later slot —
/// or a re-check after new data arrived — loads afresh. Concurrent callers for one key await the same load.</para>
/// <para>Null results (no data yet) and failures are not kept: the next caller loads again.</para>
/// </remarks>
public sealed class FiringCache<TKey, TValue>(TimeProvider time, TimeSpan lifetime)
    where TKey : notnull
    where TValue : class
{
    private readonly ConcurrentDictionary<TKey, Entry> _entries = new();

    public TimeSpan Lifetime { get; } = lifetime;

    /// <summary>Entries currently held (expired ones are dropped on the next miss).</summary>
    public int Count => _entries.Count;

    public async Task<TValue?> GetOrLoadAsync(TKey key, Func<CancellationToken, Task<TValue?>> load, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(load);
        var now = time.GetUtcNow();
        while (true)
        {
            if (_entries.TryGetValue(key, out var cached))
            {
                if (now - cached.Started < Lifetime)
                {
                    TValue? value;
                    try
                    {
                        value = await cached.Value.WaitAsync(cancellationToken);
                    }
                    catch (Exception) when (!cancellationToken.IsCancellationRequested)
                    {
                        // Another caller's load failed or was cancelled: load for this caller instead.
                        _entries.TryRemove(new KeyValuePair<TKey, Entry>(key, cached));
                        continue;
                    }

                    if (value is not null)
                    {
                        return value;
                    }

                    // The load found nothing (it is being removed by its owner): load again.
                    _entries.TryRemove(new KeyValuePair<TKey, Entry>(key, cached));
                    continue;
                }

                _entries.TryRemove(new KeyValuePair<TKey, Entry>(key, cached));
            }

            var entry = new Entry(now, new TaskCompletionSource<TValue?>(TaskCreationOptions.RunContinuationsAsynchronously));
            if (!_entries.TryAdd(key, entry))
            {
                continue;
            }

            Prune(now);
            try
            {
                var value = await load(cancellationToken);
                if (value is null)
                {
                    _entries.TryRemove(new KeyValuePair<TKey, Entry>(key, entry));
                }

                entry.Source.SetResult(value);
                return value;
            }
            catch (Exception ex)
            {
                _entries.TryRemove(new KeyValuePair<TKey, Entry>(key, entry));
                if (ex is OperationCanceledException)
                {
                    entry.Source.SetCanceled(cancellationToken);
                }
                else
                {
                    entry.Source.SetException(ex);
                }

                throw;
            }
        }
    }

    private void Prune(DateTimeOffset now)
    {
        foreach (var (key, entry) in _entries)
        {
            if (now - entry.Started >= Lifetime)
            {
                _entries.TryRemove(new KeyValuePair<TKey, Entry>(key, entry));
            }
        }
    }

    private sealed record Entry(DateTimeOffset Started, TaskCompletionSource<TValue?> Source)
    {
        public Task<TValue?> Value => Source.Task;
    }
}
