using Bot.Core.Commands.Query;
using Bot.Core.Metrics;
using Bot.Core.Replies;

namespace Bot.Core.Commands.Users;

/// <summary><c>users</c>: repurchase rate, RFM segment sizes, dormant share, LTV against AOV (domain.md §2 Users).</summary>
public sealed class UsersCommand(QueryServices query, Benchmarks benchmarks) : ICommandHandler
{
    private static readonly (string Key, string Label)[] SegmentLabels =
    [
        ("core", "Core 核心 (recent, frequent, high spend)"),
        ("potential", "Potential 潜力"),
        ("new", "New 新客 (first order in period)"),
        ("dormant", "Dormant 沉睡"),
        ("other", "Other 其他"),
    ];

    public CommandInfo Info { get; } = new(
        Verb: "users",
        Aliases: ["用户", "customers", "buyers", "rfm", "复购", "会员"],
        Usage: "users [period] [shop]",
        Example: "users last 30 days",
        Summary: "Repurchase rate, RFM segments, dormant share, LTV");

    public async Task<Reply> HandleAsync(CommandRequest request, CancellationToken cancellationToken)
    {
        var (args, refs, problem) = await query.ParseAsync(request, Info, DefaultPeriods.Last30Days, cancellationToken);
        if (args is null)
        {
            return problem!;
        }

        var asOf = args.Period.To;
        var summary = await query.Store.GetBuyerSummaryAsync(args.Shop, asOf, args.Period, benchmarks.DormantDays, cancellationToken);
        if (summary.Buyers == 0)
        {
            return Reply.Problem("No buyer data", "Import a buyer snapshot with `import buyers <file>` (shop, buyer_id, first_order, last_order, orders, total_spent, tier).");
        }

        var format = query.FormatFor(request);
        var repurchase = (double)summary.RepeatBuyers / summary.Buyers;
        var dormantShare = (double)summary.DormantBuyers / summary.Buyers;
        var aov = summary.Orders == 0 ? 0m : summary.TotalSpent / summary.Orders;
        var lifetimeYears = Math.Max(summary.AvgLifetimeDays / 365.0, 1.0 / 12);
        var ltv = (double)aov * repurchase * lifetimeYears;
        var highValue = ltv > benchmarks.HighValueLtvMultiple * (double)aov;

        var segments = SegmentLabels.Select(s => (IReadOnlyList<Cell>)[
            new Cell(s.Label),
            new Cell(format.Count(summary.Segments.GetValueOrDefault(s.Key))),
            new Cell(format.Rate((double)summary.Segments.GetValueOrDefault(s.Key) / summary.Buyers)),
        ]).ToList();
        var blocks = new List<ReplyBlock>
        {
            new FactBlock([
                new Fact("Buyers 买家", format.Count(summary.Buyers)),
                new Fact("Repurchase rate 复购率", $"{format.Rate(repurchase)} ({format.Count(summary.RepeatBuyers)} with 2+ orders)"),
                new Fact("Dormant share 沉睡占比", $"{format.Rate(dormantShare)} (no order in {benchmarks.DormantDays} days)"),
                new Fact("New buyers in period", format.Count(summary.NewBuyers)),
                new Fact("AOV 客单价", format.Money(aov)),
                new Fact("LTV 生命周期价值", $"{format.Money((decimal)ltv)} = AOV × repurchase × {format.Ratio(lifetimeYears)} years"),
            ]),
            new TableBlock(["RFM segment", "Buyers", "Share"], segments),
            new TextBlock(
                highValue
                    ? $"LTV is {format.Ratio(ltv / (double)aov)}× AOV — above the {benchmarks.HighValueLtvMultiple:0}× high-value line."
                    : $"LTV is {format.Ratio(aov == 0 ? null : ltv / (double)aov)}× AOV — below the {benchmarks.HighValueLtvMultiple:0}× high-value line; win back dormant buyers and grow repurchase.",
                highValue ? Tone.Good : Tone.Warning),
        };
        if (summary.Tiers.Count > 0)
        {
            blocks.Add(new FactBlock([.. summary.Tiers.OrderByDescending(t => t.Value).Select(t => new Fact($"Tier {t.Key}", format.Count(t.Value)))]));
        }

        return new Reply("Users 用户", blocks)
        {
            Subtitle = $"{(args.Shop is null ? "All shops" : refs.ShopName(args.Shop))} · snapshot as of {asOf:yyyy-MM-dd}, new = first order in {args.Period}",
            Summary = $"Users: repurchase {format.Rate(repurchase)}, dormant {format.Rate(dormantShare)}",
        };
    }
}
