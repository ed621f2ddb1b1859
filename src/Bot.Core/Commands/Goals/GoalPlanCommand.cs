using System.Globalization;
using Bot.Core.Commands.Query;
using Bot.Core.Metrics;
using Bot.Core.Periods;
using Bot.Core.Replies;

namespace Bot.Core.Commands.Goals;

/// <summary><c>goal plan &lt;gmv target&gt; [period]</c>: the visitors × conversion × AOV a GMV target needs at current rates.</summary>
public sealed class GoalPlanCommand(QueryServices query) : ICommandHandler
{
    public CommandInfo Info { get; } = new(
        Verb: "goal plan",
        Aliases: ["目标拆解", "拆解目标", "plan gmv"],
        Usage: "goal plan <gmv target> [period] [shop]",
        Example: "goal plan 5000000 next month",
        Summary: "Break a GMV target into the visitors, conversion and AOV it needs");

    public async Task<Reply> HandleAsync(CommandRequest request, CancellationToken cancellationToken)
    {
        // A plan is for a period ahead, which the period parser (for reporting) refuses: take it here.
        var (ahead, rest) = TakeFuturePeriod(request.Args);
        var (args, refs, problem) = await query.ParseAsync(request with { Args = rest }, Info, ahead ?? NextMonth, cancellationToken);
        if (args is null)
        {
            return problem!;
        }

        if (ReadAmount(args.Words) is not { } target || target <= 0)
        {
            return QueryServices.Usage(Info, "Tell me the GMV target as a number, e.g. `goal plan 5000000`, `goal plan 500万` or `goal plan 5m`.");
        }

        var today = query.Clock.Today();
        var basis = new DateRange(today.AddDays(-30), today.AddDays(-1));
        var current = await Comparison.SumAsync(query.Store, args.Counters(basis, CounterGrouping.None), cancellationToken);
        if (!current.HasData || current.Conversion is not { } conversion || current.Aov is not { } aov || conversion == 0)
        {
            return Coverage.NoData("No recent data to plan from", basis, await query.Store.GetLastDataDayAsync(args.Shop, cancellationToken));
        }

        var format = query.FormatFor(request);
        var days = args.Period.Days;
        var buyers = (double)target / (double)aov;
        var visitors = buyers / conversion;
        var dailyVisitorsNow = (double)current.Visitors / current.DaysWithData;
        var dailyNeeded = visitors / days;
        var lift = dailyNeeded / dailyVisitorsNow - 1;
        var conversionAtCurrentTraffic = buyers / (dailyVisitorsNow * days);
        var aovAtCurrent = (double)target / (dailyVisitorsNow * days * conversion);

        return new Reply("Goal plan 目标拆解", [
            new FactBlock([
                new Fact("Target GMV", format.Money(target)),
                new Fact("Period", args.PeriodLabel.Contains(args.Period.ToString(), StringComparison.Ordinal) ? $"{args.PeriodLabel} ({days} days)" : $"{args.PeriodLabel}: {args.Period} ({days} days)"),
                new Fact("Current conversion (30 d)", format.Rate(conversion)),
                new Fact("Current AOV (30 d)", format.Money(aov)),
            ]),
            new TableBlock(["Needs", "Total", "Per day", "vs now per day"], [
                [new Cell("Visitors 访客"), new Cell(format.Count(visitors)), new Cell(format.Count(dailyNeeded)), new Cell((lift >= 0 ? "▲ " : "▼ ") + format.Rate(Math.Abs(lift)), lift > 0 ? Tone.Warning : Tone.Good)],
                [new Cell("Paid buyers 支付买家"), new Cell(format.Count(buyers)), new Cell(format.Count(buyers / days)), new Cell(format.Count((double)current.PaidBuyers / current.DaysWithData) + " now")],
            ]),
            // A target below the current run rate needs no lift: saying "needs conversion 0.36%" would read as a plan.
            lift <= 0
                ? new TextBlock($"At the last 30 days' pace ({format.Money(current.Gmv / current.DaysWithData)}/day) the period would bring {format.Money(current.Gmv / current.DaysWithData * days)}, {format.Ratio(1 / (1 + lift))}× the target: it is covered without growth. A stretch target would be a larger number.", Tone.Good)
                : new TextBlock($"GMV = visitors × conversion × AOV. At today's traffic ({format.Count(dailyVisitorsNow)}/day) the target needs conversion {format.Rate(conversionAtCurrentTraffic)} at the current AOV, or AOV {format.Money((decimal)aovAtCurrent)} at the current conversion.", Tone.Neutral),
        ])
        {
            Subtitle = $"{(args.Shop is null ? "All shops" : refs.ShopName(args.Shop))} · rates from {basis}",
            Summary = $"Goal plan {format.Money(target)}: {format.Count(dailyNeeded)} visitors/day",
        };
    }

    private static (DateRange, string) NextMonth(DateOnly today)
    {
        var start = new DateOnly(today.Year, today.Month, 1).AddMonths(1);
        return (new DateRange(start, start.AddMonths(1).AddDays(-1)), "next month");
    }

    private static (DateRange, string) NextQuarter(DateOnly today)
    {
        var start = new DateOnly(today.Year, (((today.Month - 1) / 3) * 3) + 1, 1).AddMonths(3);
        return (new DateRange(start, start.AddMonths(3).AddDays(-1)), "next quarter");
    }

    private static (DateRange, string) NextWeek(DateOnly today)
    {
        var monday = today.AddDays(-(((int)today.DayOfWeek + 6) % 7)).AddDays(7);
        return (new DateRange(monday, monday.AddDays(6)), "next week");
    }

    private static (DateRange, string) NextYear(DateOnly today)
    {
        var start = new DateOnly(today.Year + 1, 1, 1);
        return (new DateRange(start, start.AddYears(1).AddDays(-1)), "next year");
    }

    private static readonly (string Phrase, Func<DateOnly, (DateRange, string)> Period)[] FuturePeriods =
    [
        ("next month", NextMonth), ("下个月", NextMonth), ("下月", NextMonth),
        ("next quarter", NextQuarter), ("下个季度", NextQuarter), ("下季度", NextQuarter),
        ("next week", NextWeek), ("下周", NextWeek),
        ("next year", NextYear), ("明年", NextYear),
    ];

    internal static (Func<DateOnly, (DateRange, string)>? Period, string Remaining) TakeFuturePeriod(string text)
    {
        foreach (var (phrase, period) in FuturePeriods)
        {
            var at = CommandMatcher.FindPhrase(text, phrase);
            if (at >= 0)
            {
                return (period, (text[..at] + " " + text[(at + phrase.Length)..]).Trim());
            }
        }

        return (null, text);
    }

    /// <summary>Reads 5000000, 5,000,000, ¥5m, 500万, 1.2亿, 300k.</summary>
    internal static decimal? ReadAmount(IReadOnlyList<string> words)
    {
        foreach (var word in words)
        {
            var w = word.Trim('¥', '￥', '$').Replace(",", string.Empty, StringComparison.Ordinal);
            var multiplier = 1m;
            if (w.EndsWith('万'))
            {
                multiplier = 10_000m;
            }
            else if (w.EndsWith('亿'))
            {
                multiplier = 100_000_000m;
            }
            else if (w.EndsWith('k'))
            {
                multiplier = 1_000m;
            }
            else if (w.EndsWith('m'))
            {
                multiplier = 1_000_000m;
            }

            if (multiplier != 1m)
            {
                w = w[..^1];
            }

            if (decimal.TryParse(w, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value) && value < 1_000_000_000_000m)
            {
                return value * multiplier;
            }
        }

        return null;
    }
}
