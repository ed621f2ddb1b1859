using Bot.Core.Commands.Query;
using Bot.Core.Formatting;
using Bot.Core.Metrics;
using Bot.Core.Replies;

namespace Bot.Core.Commands.Why;

/// <summary><c>why &lt;metric&gt; [period]</c>: what drove the change against the previous period, effects that add up exactly.</summary>
public sealed class WhyCommand(QueryServices query) : ICommandHandler
{
    // Ratio metrics split as Σ numerator_ch / denominator: channel contributions then add up to the total change.
    private static readonly Dictionary<string, (Func<Counters, double> Numerator, Func<Counters, double> Denominator)> Ratios = new()
    {
        ["conversion"] = (c => c.PaidBuyers, c => c.Visitors),
        ["aov"] = (c => (double)c.Gmv, c => c.PaidBuyers),
        ["uv value"] = (c => (double)c.Gmv, c => c.Visitors),
        ["refund rate"] = (c => (double)c.RefundAmount, c => (double)c.Gmv),
        ["fav cart rate"] = (c => c.FavoriteUsers + c.CartUsers, c => c.Visitors),
        ["bounce rate"] = (c => c.BouncedVisitors, c => c.Visitors),
        ["new visitor share"] = (c => c.NewVisitors, c => c.Visitors),
        ["pv per visitor"] = (c => c.PageViews, c => c.Visitors),
        ["avg stay"] = (c => c.StaySeconds, c => c.Visitors),
        ["roas"] = (c => (double)c.Gmv, c => (double)c.AdCost),
    };

    public CommandInfo Info { get; } = new(
        Verb: "why",
        Aliases: ["为什么", "原因", "归因", "explain"],
        Usage: "why <metric> [down|up] [period] [shop]",
        Example: "why gmv down last week",
        Summary: "What drove a change: visitors × conversion × AOV and channels");

    public async Task<Reply> HandleAsync(CommandRequest request, CancellationToken cancellationToken)
    {
        var (args, refs, problem) = await query.ParseAsync(request, Info, DefaultPeriods.Yesterday, cancellationToken);
        if (args is null)
        {
            return problem!;
        }

        var metric = MetricCatalog.Find(args.Remaining)?.Metric ?? MetricCatalog.Gmv;
        var format = query.FormatFor(request);
        var comparison = await Comparison.LoadAsync(query.Store, args, cancellationToken);
        if (comparison.Current.HasData && comparison.PreviousLeftOutDays is { } days)
        {
            return Reply.Problem(
                "Not enough data to explain a change",
                $"{comparison.PreviousRange}, the period before {args.Period}, has data for only {days} of {comparison.PreviousRange.Days} days, so a change against it would mostly be the missing days.",
                "Try a period whose previous period is covered, e.g. `why gmv last week`; `data` shows what is in for each shop.");
        }

        if (!comparison.Current.HasData || !comparison.Previous.HasData)
        {
            return Coverage.NoData("Not enough data to explain a change", comparison.Current.HasData ? comparison.PreviousRange : args.Period, comparison.LastDataDay);
        }

        var now = (await query.Store.SumCountersAsync(args.Counters(args.Period, CounterGrouping.Channel), cancellationToken)).ToDictionary(r => r.Key, r => r.Counters);
        var before = (await query.Store.SumCountersAsync(args.Counters(args.Period.Previous(), CounterGrouping.Channel), cancellationToken)).ToDictionary(r => r.Key, r => r.Counters);
        var cur = comparison.Current;
        var prev = comparison.Previous;
        var v1 = metric.Value(cur);
        var v0 = metric.Value(prev);
        var (changeText, changeTone) = format.Change(v1, v0, metric.Kind, metric.HigherIsBetter);
        var blocks = new List<ReplyBlock>
        {
            new MetricBlock([comparison.Line(metric, format)]),
        };

        var channels = ChannelContributions(metric, now, before, cur, prev);
        var drivers = new List<(string Text, double Abs)>();
        if (metric.Key == "gmv" && GmvDecomposition.Decompose(prev.Visitors, prev.PaidBuyers, (double)prev.Gmv, cur.Visitors, cur.PaidBuyers, (double)cur.Gmv) is { } effects)
        {
            var factorRows = new (string Name, double Effect, string From, string To)[]
            {
                ("Visitors 访客", effects.VisitorEffect, format.Count(prev.Visitors), format.Count(cur.Visitors)),
                ("Conversion 转化率", effects.ConversionEffect, format.Rate(prev.Conversion), format.Rate(cur.Conversion)),
                ("AOV 客单价", effects.AovEffect, format.Money(prev.Aov), format.Money(cur.Aov)),
            };
            blocks.Add(new TableBlock(
                ["Factor", "Before", "Now", "Effect on GMV"],
                [.. factorRows.Select(f => (IReadOnlyList<Cell>)[new Cell(f.Name), new Cell(f.From), new Cell(f.To), new Cell(Signed(format, f.Effect, metric.Kind), f.Effect >= 0 ? Tone.Good : Tone.Bad)])])
            {
                Caption = $"GMV = visitors × conversion × AOV (LMDI; effects sum to the change of {Signed(format, effects.Total, metric.Kind)})",
            });
            drivers.AddRange(factorRows.Select(f => (Describe(f.Name.Split(' ')[0].ToLowerInvariant(), f.Effect, format, metric.Kind), Math.Abs(f.Effect))));
        }

        if (channels.Count > 0)
        {
            blocks.Add(new TableBlock(
                ["Channel", "Before", "Now", "Contribution"],
                [.. channels.Take(8).Select(c => (IReadOnlyList<Cell>)[
                    new Cell(refs.ChannelName(c.Channel)),
                    new Cell(format.Format(c.Before, metric.Kind)),
                    new Cell(format.Format(c.Now, metric.Kind)),
                    new Cell(Signed(format, c.Contribution, metric.Kind), (c.Contribution >= 0) == metric.HigherIsBetter ? Tone.Good : Tone.Bad),
                ])])
            {
                Caption = $"By channel (contributions sum to {Signed(format, channels.Sum(c => c.Contribution), metric.Kind)})",
            });
            if (metric.Key != "gmv")
            {
                drivers.AddRange(channels.Take(3).Select(c => ($"{refs.ChannelName(c.Channel)} ({Signed(format, c.Contribution, metric.Kind)})", Math.Abs(c.Contribution))));
            }
        }

        var top = drivers.OrderByDescending(d => d.Abs).Take(3).Select(d => d.Text).ToList();
        var channelPart = metric.Key == "gmv" && channels.Count > 0
            ? "; the channels behind it: " + string.Join(", ", channels.Take(3).Select(c => $"{refs.ChannelName(c.Channel)} {Signed(format, c.Contribution, metric.Kind)}"))
            : string.Empty;
        // A change that rounds to nothing is "held steady", not "rose ± 0".
        var flat = changeText == NumberFormat.Flat;
        var direction = flat ? "held steady" : v1 > v0 ? "rose" : "fell";
        var sentence = top.Count == 0
            ? $"{metric.Name} {direction} ({changeText}); there is no breakdown to explain it."
            : flat
                ? $"{metric.Name} held steady ({changeText}) vs {comparison.PreviousRange}; the largest moves underneath: {string.Join(", ", top)}{channelPart}."
                : $"{metric.Name} {direction} {changeText} vs {comparison.PreviousRange}, driven by {string.Join(", then ", top)}{channelPart}.";
        blocks.Insert(0, new TextBlock(sentence, changeTone == Tone.Bad ? Tone.Bad : Tone.Neutral));
        // Phrases, not tokens: "为什么GMV下降" has no spaces to split on.
        bool Says(params string[] words) => words.Any(w => CommandMatcher.FindPhrase(args.Remaining, w) >= 0);
        if ((Says("down", "drop", "fell", "下降", "下滑", "下跌", "降") && (flat || v1 > v0)) || (Says("up", "rose", "increase", "上升", "上涨", "增长", "涨") && (flat || v1 < v0)))
        {
            blocks.Insert(1, new TextBlock($"Note: {metric.Name} actually {direction} in this period.", Tone.Warning));
        }

        return new Reply($"Why {metric.Name} {direction} 为什么", blocks)
        {
            Subtitle = QueryServices.Scope(args, refs) + $" vs {comparison.PreviousRange}",
            Summary = sentence,
        };
    }

    /// <summary>Per-channel contributions to the change; they sum exactly to the total change of the metric.</summary>
    internal static List<(string Channel, double? Before, double? Now, double Contribution)> ChannelContributions(
        MetricDefinition metric, Dictionary<string, Counters> now, Dictionary<string, Counters> before, Counters total1, Counters total0)
    {
        var keys = now.Keys.Union(before.Keys).ToList();
        List<(string, double?, double?, double)> result;
        if (Ratios.TryGetValue(metric.Key, out var ratio))
        {
            var d1 = ratio.Denominator(total1);
            var d0 = ratio.Denominator(total0);
            if (d1 == 0 || d0 == 0)
            {
                return [];
            }

            result = [.. keys.Select(k =>
            {
                var n1 = now.TryGetValue(k, out var c1) ? ratio.Numerator(c1) : 0;
                var n0 = before.TryGetValue(k, out var c0) ? ratio.Numerator(c0) : 0;
                return (k, c0 is null ? null : metric.Value(c0), c1 is null ? null : metric.Value(c1), (n1 / d1) - (n0 / d0));
            })];
        }
        else
        {
            result = [.. keys.Select(k =>
            {
                var a = now.TryGetValue(k, out var c1) ? metric.Value(c1) : null;
                var b = before.TryGetValue(k, out var c0) ? metric.Value(c0) : null;
                return (k, b, a, (a ?? 0) - (b ?? 0));
            })];
        }

        return [.. result.OrderByDescending(r => Math.Abs(r.Item4))];
    }

    internal static string Describe(string factor, double effect, NumberFormat format, MetricKind kind)
    {
        var word = factor switch
        {
            "visitors" => effect >= 0 ? "more visitors" : "fewer visitors",
            "conversion" => effect >= 0 ? "higher conversion" : "lower conversion",
            _ => effect >= 0 ? "higher AOV" : "lower AOV",
        };
        return $"{word} ({Signed(format, effect, kind)})";
    }

    internal static string Signed(NumberFormat format, double value, MetricKind kind)
    {
        var body = kind == MetricKind.Rate ? format.Ratio(Math.Abs(value) * 100) + "pp" : format.Format(Math.Abs(value), kind);
        return (value < 0 ? "−" : "+") + body;
    }
}
