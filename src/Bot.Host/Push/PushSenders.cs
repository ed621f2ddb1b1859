using System.Globalization;
using Bot.Core.Commands.Brief;
using Bot.Core.Commands.Query;
using Bot.Core.Formatting;
using Bot.Core.Periods;
using Bot.Core.Push;
using Bot.Core.Replies;

namespace Bot.Host.Push;

/// <summary>Composes the daily brief for a subscription with the <c>brief</c> command's own loader and composer.</summary>
/// <remarks>
/// The loaded data is shared for <see cref="SlotCacheLifetime"/> by every conversation with the same scope (day and
/// shop): the subscriptions due at one send slot fire together, and many of them watch the same shop, so a slot costs
/// one load per scope, not one per conversation. Only the rendering (locale-specific) is per conversation. A day with
/// no data yet is never cached, so a data re-check always looks again.
/// </remarks>
public sealed class DailyBriefSender(BriefCommand brief, QueryServices query, TimeProvider time)
{
    /// <summary>How long one slot's loaded brief data is reused: long enough for a slot's firings, short of the next re-check.</summary>
    public static readonly TimeSpan SlotCacheLifetime = TimeSpan.FromMinutes(1);

    private readonly FiringCache<(DateOnly Day, string? Shop), BriefData> _loaded = new(time, SlotCacheLifetime);

    /// <summary>The brief for the day before <paramref name="sendDay"/>, or null when that day has no data yet.</summary>
    public async Task<Reply?> ComposeAsync(DateOnly sendDay, string? shop, NumberFormat format, CancellationToken cancellationToken)
    {
        var day = sendDay.AddDays(-1);
        var refs = await query.Reference.GetAsync(cancellationToken);
        var data = await _loaded.GetOrLoadAsync(
            (day, shop),
            ct => brief.LoadAsync(day, shop, [], string.Create(CultureInfo.InvariantCulture, $"{(shop is null ? "All shops" : refs.ShopName(shop))} · {day:yyyy-MM-dd}"), ct),
            cancellationToken);
        return data is null ? null : DailyBriefComposer.Compose(data, refs, format);
    }

    /// <summary>The brief sent when the data is still missing at the deadline: says what is missing instead of showing zeros.</summary>
    public async Task<Reply> MissingDataAsync(DateOnly sendDay, string? shop, string waitedUntil, CancellationToken cancellationToken)
    {
        var day = sendDay.AddDays(-1);
        var refs = await query.Reference.GetAsync(cancellationToken);
        var last = await query.Store.GetLastDataDayAsync(shop, cancellationToken);
        var note = Coverage.Note(DateRange.Day(day), Bot.Core.Metrics.Counters.Zero, last)!;
        return new Reply(string.Create(CultureInfo.InvariantCulture, $"Daily brief 日报 — {day:yyyy-MM-dd} ({day.DayOfWeek})"), [
            new TextBlock(note, Tone.Warning),
            new TextBlock($"I waited for the data until {waitedUntil}. Once it is imported, ask `brief {day:yyyy-MM-dd}` for the full brief.", Tone.Neutral),
        ])
        {
            Subtitle = (shop is null ? "All shops" : refs.ShopName(shop)) + " · data missing",
            Summary = string.Create(CultureInfo.InvariantCulture, $"Daily brief {day:yyyy-MM-dd}: no data yet"),
        };
    }
}

/// <summary>Composes the weekly to-do list (domain.md §4) for a subscription.</summary>
public sealed class WeeklyTodoSender(WeeklyTodoLoader loader, QueryServices query)
{
    public async Task<Reply> ComposeAsync(DateOnly sendDay, string? shop, NumberFormat format, CancellationToken cancellationToken)
    {
        var data = await loader.LoadAsync(sendDay, shop, cancellationToken);
        return WeeklyTodoComposer.Compose(data, await query.Reference.GetAsync(cancellationToken), format);
    }
}

/// <summary>Wakes the outbox delivery worker as soon as something is queued (it also polls).</summary>
public sealed class OutboxSignal : WakeSignal;
