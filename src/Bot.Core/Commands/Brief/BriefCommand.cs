using System.Globalization;
using Bot.Core.Alerts;
using Bot.Core.Commands.Query;
using Bot.Core.Metrics;
using Bot.Core.Periods;
using Bot.Core.Plans;
using Bot.Core.Replies;

namespace Bot.Core.Commands.Brief;

/// <summary><c>brief [date]</c>: the morning brief for one day (default yesterday).</summary>
public sealed class BriefCommand(QueryServices query, PlanFollowUpService? planFollowUp = null, AlertServices? alerts = null) : ICommandHandler
{
    public CommandInfo Info { get; } = new(
        Verb: "brief",
        Aliases: ["日报", "daily brief", "morning brief", "早报", "每日简报"],
        Usage: "brief [date] [shop]",
        Example: "brief yesterday",
        Summary: "The morning brief: yesterday vs the day before, last week and the month");

    public async Task<Reply> HandleAsync(CommandRequest request, CancellationToken cancellationToken)
    {
        var (args, refs, problem) = await query.ParseAsync(request, Info, DefaultPeriods.Yesterday, cancellationToken);
        if (args is null)
        {
            return problem!;
        }

        var day = args.Period.To;
        var data = await LoadAsync(day, args.Shop, args.Channels, QueryServices.Scope(args with { Period = DateRange.Day(day), PeriodLabel = day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) }, refs), cancellationToken);
        if (data is null)
        {
            return Coverage.NoData($"No brief for {day:yyyy-MM-dd} yet", DateRange.Day(day), await query.Store.GetLastDataDayAsync(args.Shop, cancellationToken));
        }

        var reply = DailyBriefComposer.Compose(data, refs, query.FormatFor(request));
        return args.Period.Days > 1
            ? reply with { Blocks = [.. reply.Blocks, new TextBlock($"A brief covers one day; showing the last day of {args.Period}.", Tone.Subtle)] }
            : reply;
    }

    /// <summary>Loads one day's brief data, or null when that day has no data at all (never zeros as facts).</summary>
    /// <remarks>
    /// Two store calls for all the counters: the 31 days up to <paramref name="day"/> by day give the day, the day before, the
    /// same weekday last week, the trailing 30 days and the 14-day GMV line; the day and the day before by channel give the
    /// channel moves.
    /// </remarks>
    public async Task<BriefData?> LoadAsync(DateOnly day, string? shop, IReadOnlyList<string> channels, string scopeLabel, CancellationToken cancellationToken)
    {
        var channelFilter = channels.Count == 0 ? null : channels;
        var store = query.Store;
        var daily = (await store.SumCountersAsync(new CounterQuery(new DateRange(day.AddDays(-30), day), shop, channelFilter, CounterGrouping.Day), cancellationToken))
            .ToDictionary(r => DateOnly.ParseExact(r.Key, "yyyy-MM-dd", CultureInfo.InvariantCulture), r => r.Counters);
        var today = daily.GetValueOrDefault(day, Counters.Zero);
        if (!today.HasData)
        {
            return null;
        }

        var dayBefore = daily.GetValueOrDefault(day.AddDays(-1), Counters.Zero);
        var lastWeek = daily.GetValueOrDefault(day.AddDays(-7), Counters.Zero);
        var trailing = Total(daily.Where(d => d.Key < day).Select(d => d.Value));
        var spark = Enumerable.Range(0, 14).Select(i => daily.TryGetValue(day.AddDays(i - 13), out var c) ? (double?)c.Gmv : null).ToList();
        var byChannel = await store.SumCountersByDayAndChannelAsync(new DateRange(day.AddDays(-1), day), shop, channelFilter, cancellationToken);
        var before = byChannel.Where(r => r.Day < day).ToDictionary(r => r.Channel, r => r.Counters.Gmv);
        var channelMoves = byChannel.Where(r => r.Day == day).Select(r => (r.Channel, r.Counters.Gmv, before.GetValueOrDefault(r.Channel))).ToList();
        var top = (await store.GetSkuStatsAsync(DateRange.Day(day), shop, cancellationToken)).OrderByDescending(s => s.Gmv).Take(3).ToList();
        var notes = new List<string>();
        if (!dayBefore.HasData)
        {
            notes.Add($"No data for {day.AddDays(-1):yyyy-MM-dd}, so there is no day-before comparison.");
        }

        return new BriefData(day, scopeLabel, today, dayBefore, lastWeek, trailing, spark, channelMoves, top, notes)
        {
            // Plan follow-up (issue 7): in the week after an approved plan's week, how its metrics moved.
            FollowUp = planFollowUp is null ? null : await planFollowUp.LoadAsync(day, finishedWeeksOnly: true, cancellationToken),
            FiringAlerts = alerts is null ? [] : await FiringAlertsAsync(alerts.Store, shop, cancellationToken),
        };
    }

    /// <summary>The alerts firing now in the brief's scope (domain.md §4: the brief shows any alert that is firing).</summary>
    private static async Task<IReadOnlyList<BriefAlert>> FiringAlertsAsync(IAlertStore store, string? shop, CancellationToken cancellationToken)
    {
        var open = (await store.ListIncidentsAsync(null, openOnly: true, cancellationToken))
            .Where(i => shop is null || i.TargetKey == "shop:" + shop || i.TargetKey.StartsWith("shop:" + shop + "|", StringComparison.Ordinal))
            .ToList();
        if (open.Count == 0)
        {
            return [];
        }

        var rules = (await store.ListRulesAsync(cancellationToken)).ToDictionary(r => r.Id);
        return [.. open
            .Where(i => rules.ContainsKey(i.RuleId))
            .OrderBy(i => i.OpenedDay)
            .ThenBy(i => i.Id)
            .Select(i => new BriefAlert(i.Id, rules[i.RuleId].Describe(), i.TargetLabel, i.OpenedDay, i.AcknowledgedBy?.Name))];
    }

    /// <summary>The sum of some days' counters; DaysWithData counts the days (the + operator keeps the larger of the two).</summary>
    private static Counters Total(IEnumerable<Counters> days)
    {
        var total = Counters.Zero;
        var count = 0;
        foreach (var counters in days)
        {
            total += counters;
            count++;
        }

        return total with { DaysWithData = count };
    }
}
