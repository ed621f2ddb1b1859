using System.Globalization;
using Bot.Core.Formatting;
using Bot.Core.Metrics;
using Bot.Core.Periods;
using Bot.Core.Replies;
using Bot.Core.Time;

namespace Bot.Core.Commands.Query;

/// <summary>What every query command needs, in one constructor parameter.</summary>
public sealed class QueryServices(IMetricStore store, ReferenceData reference, TeamClock clock, NumberFormat teamFormat)
{
    public IMetricStore Store { get; } = store;

    public TeamClock Clock { get; } = clock;

    public ReferenceData Reference { get; } = reference;

    /// <summary>Chinese readers get 万/亿, others K/M; the message locale wins over the team default.</summary>
    public NumberFormat FormatFor(CommandRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return request.Message.Locale is { } locale && locale.StartsWith("zh", StringComparison.OrdinalIgnoreCase)
            ? new NumberFormat(CultureInfo.GetCultureInfo("zh-CN"))
            : teamFormat;
    }

    public async Task<(QueryArgs? Args, ReferenceData.Snapshot Refs, Reply? Problem)> ParseAsync(
        CommandRequest request,
        CommandInfo info,
        Func<DateOnly, (DateRange Range, string Label)> defaultPeriod,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(info);
        var refs = await Reference.GetAsync(cancellationToken);
        var parsed = QueryArgsParser.Parse(request, refs, Clock.Today(), defaultPeriod);
        return parsed.Success
            ? (parsed.Value, refs, null)
            : (null, refs, Usage(info, parsed.Error!));
    }

    /// <summary>Parses the request and loads the period with its 环比/同比 comparisons; a problem reply when either fails.</summary>
    public async Task<(Comparison? Comparison, ReferenceData.Snapshot Refs, Reply? Problem)> CompareAsync(
        CommandRequest request,
        CommandInfo info,
        Func<DateOnly, (DateRange Range, string Label)> defaultPeriod,
        string noDataTitle,
        CancellationToken cancellationToken)
    {
        var (args, refs, problem) = await ParseAsync(request, info, defaultPeriod, cancellationToken);
        if (args is null)
        {
            return (null, refs, problem);
        }

        var comparison = await Comparison.LoadAsync(Store, args, cancellationToken);
        return comparison.Current.HasData
            ? (comparison, refs, null)
            : (null, refs, Coverage.NoData(noDataTitle, args.Period, comparison.LastDataDay));
    }

    public static Reply Usage(CommandInfo info, string problem)
    {
        ArgumentNullException.ThrowIfNull(info);
        return Reply.Problem($"I couldn't read that {info.Verb} request", problem, $"Usage: `{info.Usage}` — for example `{info.Example}`.");
    }

    /// <summary>"Tmall flagship · last week (2026-11-09..2026-11-15)" — says what the numbers are about.</summary>
    public static string Scope(QueryArgs args, ReferenceData.Snapshot refs)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(refs);
        var shop = args.Shop is null ? "All shops" : refs.ShopName(args.Shop);
        var channels = args.Channels.Count == 0 ? string.Empty : " · " + string.Join(", ", args.Channels.Select(refs.ChannelName));
        var label = args.PeriodLabel.Contains(args.Period.ToString(), StringComparison.Ordinal) ? args.PeriodLabel : $"{args.PeriodLabel} ({args.Period})";
        return $"{shop}{channels} · {label}";
    }
}

/// <summary>Default periods of the commands.</summary>
public static class DefaultPeriods
{
    public static (DateRange, string) Yesterday(DateOnly today) => (DateRange.Day(today.AddDays(-1)), "yesterday");

    public static (DateRange, string) Last7Days(DateOnly today) => (new DateRange(today.AddDays(-7), today.AddDays(-1)), "last 7 days");

    public static (DateRange, string) Last30Days(DateOnly today) => (new DateRange(today.AddDays(-30), today.AddDays(-1)), "last 30 days");
}
