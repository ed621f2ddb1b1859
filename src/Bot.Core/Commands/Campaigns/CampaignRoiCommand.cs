using Bot.Core.Commands.Query;
using Bot.Core.Formatting;
using Bot.Core.Metrics;
using Bot.Core.Replies;

namespace Bot.Core.Commands.Campaigns;

/// <summary>A campaign run's revenue and costs: daily ad cost inside the window plus the fixed costs (KOL fees…).</summary>
public sealed record CampaignResult(Counters Totals, IReadOnlyDictionary<string, (decimal Gmv, decimal Cost)> ByChannel, decimal FixedCosts)
{
    public decimal Revenue => Totals.Gmv;

    public decimal Cost => Totals.AdCost + FixedCosts;

    public double? Roas => Cost == 0 ? null : (double)(Revenue / Cost);

    public double? Roi => Cost == 0 ? null : (double)((Revenue - Cost) / Cost);
}

/// <summary><c>campaign roi &lt;name&gt; [year]</c>: cost, revenue, ROAS, ROI, per channel ranked, vs target and last year.</summary>
public sealed class CampaignRoiCommand(QueryServices query) : IImplicitCommand
{
    public CommandInfo Info { get; } = new(
        Verb: "campaign roi",
        Aliases: ["活动roi", "活动 roi", "campaign", "活动投产", "活动"],
        Usage: "campaign roi <name> [year] [shop]",
        Example: "campaign roi 618",
        Summary: "A campaign's cost, revenue, ROAS and ROI by channel, vs target and last year");

    /// <summary>A campaign's name alone ("双11", "618 2025") asks how it did.</summary>
    public async ValueTask<bool> RecognisesAsync(string normalizedText, CancellationToken cancellationToken) =>
        (await query.Reference.GetAsync(cancellationToken)).CampaignIndex.IsNamedIn(normalizedText);

    public async Task<Reply> HandleAsync(CommandRequest request, CancellationToken cancellationToken)
    {
        var refs = await query.Reference.GetAsync(cancellationToken);
        var shop = request.Settings.Shop;
        var text = request.Args;
        foreach (var (name, code) in refs.ShopNamesLongestFirst)
        {
            if (QueryArgsParser.Take(ref text, name))
            {
                shop = code;
                break;
            }
        }

        var today = query.Clock.Today();
        var (runs, note, error) = CampaignFinder.Find(text, refs.CampaignIndex, shop, today);
        if (error is not null)
        {
            return QueryServices.Usage(Info, error);
        }

        var format = query.FormatFor(request);
        var lastYearRuns = CampaignFinder.LastYear(runs, refs.CampaignIndex);
        var loaded = await LoadAsync([.. runs, .. lastYearRuns], cancellationToken);
        var result = Result(loaded, 0, runs.Count);
        var lastYear = lastYearRuns.Count > 0 ? Result(loaded, runs.Count, lastYearRuns.Count) : null;
        var run = runs[0];
        if (!result.Totals.HasData)
        {
            return Coverage.NoData($"No data for {run.Name} yet", run.Window, await query.Store.GetLastDataDayAsync(shop, cancellationToken));
        }

        var target = runs.All(r => r.TargetGmv is not null) ? runs.Sum(r => r.TargetGmv!.Value) : (decimal?)null;
        var blocks = new List<ReplyBlock>
        {
            new MetricBlock([
                Line("Revenue (GMV) 销售额", format.Money(result.Revenue), format.Change((double)result.Revenue, lastYear is null ? null : (double)lastYear.Revenue, MetricKind.Money, true), target is { } t ? $"target {format.Money(t)} — {format.Rate((double)(result.Revenue / t))} attained" : null),
                Line("Total cost 总花费", format.Money(result.Cost), format.Change((double)result.Cost, lastYear is null ? null : (double)lastYear.Cost, MetricKind.Money, false), $"ad cost {format.Money(result.Totals.AdCost)} + fixed {format.Money(result.FixedCosts)}"),
                Line("ROAS 投产比", format.Ratio(result.Roas), format.Change(result.Roas, lastYear?.Roas, MetricKind.Ratio, true), "revenue ÷ cost"),
                Line("ROI 投资回报率", format.Rate(result.Roi), format.Change(result.Roi, lastYear?.Roi, MetricKind.Rate, true), "(revenue − cost) ÷ cost"),
            ]),
            ChannelTable(result, refs, format),
        };

        var best = result.ByChannel.Where(c => c.Value.Cost > 0).OrderByDescending(c => c.Value.Gmv / c.Value.Cost).Select(c => refs.ChannelName(c.Key)).FirstOrDefault();
        var worst = result.ByChannel.Where(c => c.Value.Cost > 0 && c.Value.Gmv < c.Value.Cost).Select(c => refs.ChannelName(c.Key)).ToList();
        if (best is not null)
        {
            blocks.Add(new TextBlock($"Best paid channel: {best}." + (worst.Count > 0 ? $" Losing money (ROAS < 1): {string.Join(", ", worst)}." : string.Empty), worst.Count > 0 ? Tone.Warning : Tone.Good));
        }

        blocks.Add(new TextBlock(lastYear is null ? "No run of this campaign last year to compare with." : $"Changes are vs {lastYearRuns[0].Name} {lastYearRuns[0].Window} (同比).", Tone.Subtle));
        if (note is not null)
        {
            blocks.Add(new TextBlock(note, Tone.Subtle));
        }

        var shops = string.Join(", ", runs.Select(r => refs.ShopName(r.Shop)).Distinct());
        return new Reply($"Campaign ROI 活动ROI — {run.Name}", blocks)
        {
            Subtitle = $"{shops} · {run.Window}" + (run.WarmupStart is { } w ? $" (warm-up from {w:yyyy-MM-dd})" : string.Empty),
            Summary = $"{run.Name}: revenue {format.Money(result.Revenue)}, ROAS {format.Ratio(result.Roas)}",
        };
    }

    /// <summary>Every run's channel sums and fixed costs in two store calls, however many shops ran the campaign.</summary>
    private async Task<(IReadOnlyList<ShopRangeRow> Sums, IReadOnlyList<IReadOnlyList<CampaignCost>> Costs)> LoadAsync(IReadOnlyList<Campaign> runs, CancellationToken cancellationToken)
    {
        var sums = await query.Store.SumCountersPerShopAsync([.. runs.Select(r => new ShopRange(r.Shop, r.Window))], CounterGrouping.Channel, cancellationToken);
        var costs = await query.Store.GetCampaignCostsAsync(runs, cancellationToken);
        return (sums, costs);
    }

    /// <summary>Adds up runs <paramref name="first"/> .. first + count − 1 of a load, run by run: channel sums, then fixed costs.</summary>
    private static CampaignResult Result((IReadOnlyList<ShopRangeRow> Sums, IReadOnlyList<IReadOnlyList<CampaignCost>> Costs) loaded, int first, int count)
    {
        var totals = Counters.Zero;
        var byChannel = new Dictionary<string, (decimal Gmv, decimal Cost)>();
        decimal fixedCosts = 0;
        var sums = loaded.Sums.ToLookup(r => r.Item);
        for (var run = first; run < first + count; run++)
        {
            foreach (var row in sums[run])
            {
                totals += row.Counters;
                var (gmv, cost) = byChannel.GetValueOrDefault(row.Key);
                byChannel[row.Key] = (gmv + row.Counters.Gmv, cost + row.Counters.AdCost);
            }

            foreach (var cost in loaded.Costs[run])
            {
                fixedCosts += cost.Cost;
                var (gmv, c) = byChannel.GetValueOrDefault(cost.Channel);
                byChannel[cost.Channel] = (gmv, c + cost.Cost);
            }
        }

        return new CampaignResult(totals, byChannel, fixedCosts);
    }

    private static TableBlock ChannelTable(CampaignResult result, ReferenceData.Snapshot refs, NumberFormat format)
    {
        var rows = result.ByChannel
            .OrderByDescending(c => c.Value.Cost > 0)
            .ThenByDescending(c => c.Value.Cost == 0 ? 0 : c.Value.Gmv / c.Value.Cost)
            .ThenByDescending(c => c.Value.Gmv)
            .Select((c, i) =>
            {
                var roas = c.Value.Cost == 0 ? (double?)null : (double)(c.Value.Gmv / c.Value.Cost);
                var tone = roas is < 1 ? Tone.Bad : Tone.Neutral;
                return (IReadOnlyList<Cell>)[
                    new Cell($"{i + 1}. {refs.ChannelName(c.Key)}"),
                    new Cell(format.Money(c.Value.Gmv)),
                    new Cell(c.Value.Cost > 0 ? format.Money(c.Value.Cost) : "organic", c.Value.Cost > 0 ? Tone.Neutral : Tone.Subtle),
                    new Cell(format.Ratio(roas), tone),
                    new Cell(roas is { } r ? format.Rate(r - 1) : "—", tone),
                ];
            })
            .ToList();
        return new TableBlock(["Channel", "Revenue", "Cost", "ROAS", "ROI"], rows) { Caption = "By channel, ranked by ROAS" };
    }

    private static MetricLine Line(string label, string value, (string Text, Tone Tone) yoy, string? note) =>
        new(label, value, [new Change("同比", yoy.Text, yoy.Tone)]) { Note = note };
}
