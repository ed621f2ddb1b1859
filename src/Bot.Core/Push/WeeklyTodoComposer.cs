using System.Globalization;
using Bot.Core.Commands.Funnel;
using Bot.Core.Commands.Products;
using Bot.Core.Commands.Query;
using Bot.Core.Formatting;
using Bot.Core.Metrics;
using Bot.Core.Periods;
using Bot.Core.Replies;

namespace Bot.Core.Push;

/// <summary>A goal that is behind: additive goals by pace, rate goals by whether the rate meets the target.</summary>
public sealed record GoalBehind(Goal Goal, string MetricName, MetricKind Kind, double Actual, double? Pace);

/// <summary>Everything the weekly to-do list needs, loaded by <see cref="WeeklyTodoLoader"/>.</summary>
/// <param name="WeekStart">Monday of the week the list plans.</param>
/// <param name="LastWeek">The last full week with its data (Monday–Sunday before <see cref="WeekStart"/>, or before the send day).</param>
public sealed record WeeklyTodoData(
    DateOnly WeekStart,
    DateRange LastWeek,
    string ScopeLabel,
    Counters LastWeekTotals,
    DateOnly? LastDataDay,
    IReadOnlyList<CounterRow> Channels,
    IReadOnlyList<FunnelStep> Funnel,
    IReadOnlyList<FunnelStep> PreviousFunnel,
    IReadOnlyList<InventoryReport.SkuHealth> SlowMovers,
    IReadOnlyList<(SkuStats Sku, double CategoryConversion)> Trials,
    BuyerSummary? Buyers,
    int DormantDays,
    IReadOnlyList<GoalBehind> GoalsBehind,
    IReadOnlyList<Campaign> UpcomingCampaigns);

/// <summary>The weekly to-do list (domain.md §4): the weekday rhythm plus the to-dos the data calls for. Pure.</summary>
public static class WeeklyTodoComposer
{
    /// <summary>The playbooks' weekly rhythm: each weekday's focus and the numbers to look at.</summary>
    public static IReadOnlyList<(DayOfWeek Day, string Focus, string Numbers)> Rhythm { get; } =
    [
        (DayOfWeek.Monday, "Last week's data report; competitor watch 周报、竞品", "traffic sources, conversion, user growth"),
        (DayOfWeek.Tuesday, "Run promotions (flash sales, coupons); prepare content 促销、内容", "participants, exposure"),
        (DayOfWeek.Wednesday, "Store/page optimisation from data; community 店铺优化、私域", "bounce rate, community interaction"),
        (DayOfWeek.Thursday, "New product tests and feedback; budget review 新品、预算", "new product CTR, reviews"),
        (DayOfWeek.Friday, "Weekend warm-up ads; anomaly watch 周末预热、异常监控", "ad cost per click, conversion"),
        (DayOfWeek.Saturday, "Weekend peak watch; customer-service briefing 高峰、客服", "AOV, order count"),
        (DayOfWeek.Sunday, "Weekly summary; next week's plan; competitor analysis 总结、计划", "campaign effect, user feedback"),
    ];

    private static readonly string[] QuarterThemes =
    [
        "Q1 foundation and traffic: store pages, product range, automation — watch traffic sources, bounce and stay time.",
        "Q2 conversion and retention: membership, promotions, private domain — watch member growth, promotion ROI, community conversion.",
        "Q3 brand and channels: content/KOL, new channels, competitor tracking — watch brand search and channel conversion.",
        "Q4 review and next year: annual report, budget by ROI, retrospective — watch goal attainment and channel ROI.",
    ];

    public static Reply Compose(WeeklyTodoData data, ReferenceData.Snapshot refs, NumberFormat format)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(refs);
        ArgumentNullException.ThrowIfNull(format);
        var todos = DataTodos(data, refs, format);
        var blocks = new List<ReplyBlock> { new TextBlock("This week's to-dos 本周待办", Heading: true) };
        if (!data.LastWeekTotals.HasData)
        {
            blocks.Add(new TextBlock(Coverage.Note(data.LastWeek, data.LastWeekTotals, data.LastDataDay) + " The data-driven to-dos need last week's numbers; import them and ask `funnel last week`.", Tone.Warning));
        }
        else if (todos.Count == 0)
        {
            blocks.Add(new TextBlock("Nothing in last week's data needs action: no channel below ROAS 1, funnel on benchmark, no slow movers, goals on pace.", Tone.Good));
        }

        blocks.AddRange(todos.Select((t, i) => new TextBlock($"{i + 1}. {t.Text}", t.Tone)));
        if (data.LastWeekTotals.HasData && Coverage.Note(data.LastWeek, data.LastWeekTotals, data.LastDataDay) is { } partial)
        {
            blocks.Add(new TextBlock(partial, Tone.Warning));
        }

        blocks.Add(new TableBlock(
            ["Day", "Focus", "Numbers to watch"],
            [.. Rhythm.Select(r => (IReadOnlyList<Cell>)[
                new Cell(Day(data.WeekStart, r.Day)),
                new Cell(r.Focus),
                new Cell(r.Numbers, Tone.Subtle),
            ])])
        {
            Caption = "Weekly rhythm 每周节奏",
        });
        blocks.Add(new TextBlock("Quarter theme: " + QuarterThemes[(data.WeekStart.Month - 1) / 3], Tone.Subtle));

        var weekEnd = data.WeekStart.AddDays(6);
        return new Reply(string.Create(CultureInfo.InvariantCulture, $"Weekly to-do list 周计划 — week of {data.WeekStart:yyyy-MM-dd}"), blocks)
        {
            Subtitle = string.Create(CultureInfo.InvariantCulture, $"{data.ScopeLabel} · {data.WeekStart:MM-dd}..{weekEnd:MM-dd} · based on last week ({data.LastWeek})"),
            Summary = string.Create(CultureInfo.InvariantCulture, $"Weekly to-do list for the week of {data.WeekStart:yyyy-MM-dd}: {todos.Count} item(s) from the data"),
        };
    }

    /// <summary>The data-driven to-dos, most urgent first.</summary>
    public static IReadOnlyList<(string Text, Tone Tone)> DataTodos(WeeklyTodoData data, ReferenceData.Snapshot refs, NumberFormat format)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(refs);
        ArgumentNullException.ThrowIfNull(format);
        var todos = new List<(string, Tone)>();
        if (data.LastWeekTotals.HasData)
        {
            var losing = data.Channels.Where(c => c.Counters.Roas is < 1).OrderBy(c => c.Counters.Roas).ToList();
            if (losing.Count > 0)
            {
                todos.Add(($"**Budget review**: ROAS below 1 last week on {string.Join(", ", losing.Select(c => $"{refs.ChannelName(c.Key)} ({format.Ratio(c.Counters.Roas)}, cost {format.Money(c.Counters.AdCost)})"))} — they cost more than they brought in.", Tone.Bad));
            }

            if (FunnelReport.Weakest(data.Funnel, data.PreviousFunnel.Count == data.Funnel.Count ? data.PreviousFunnel : data.Funnel, format) is { } weak)
            {
                todos.Add(($"**Fix the weakest funnel step**: {data.Funnel[weak.Index].Name} — {weak.Reason}.", Tone.Warning));
            }
        }

        foreach (var goal in data.GoalsBehind.Take(5))
        {
            var label = $"{refs.ShopName(goal.Goal.Shop)} · {goal.MetricName}" + (goal.Goal.Channel is { } ch ? " · " + refs.ChannelName(ch) : string.Empty) + " · " + goal.Goal.Period;
            var detail = goal.Pace is { } pace
                ? $"at {format.Rate(pace)} of the pace needed ({format.Format(goal.Actual, goal.Kind)} of {format.Format((double)goal.Goal.Target, goal.Kind)})"
                : $"{format.Format(goal.Actual, goal.Kind)} against a target of {format.Format((double)goal.Goal.Target, goal.Kind)}";
            todos.Add(($"**Goal behind pace**: {label} — {detail}.", Tone.Bad));
        }

        if (data.SlowMovers.Count > 0)
        {
            todos.Add(($"**Clear slow movers**: {string.Join("; ", data.SlowMovers.Take(3).Select(s => $"{s.Sku.Name} ({s.Sku.Sku}, stock {format.Count(s.Sku.StockEnd)}, {(s.TurnoverDays is { } t && !double.IsInfinity(t) ? format.Days(t) + " turnover" : "no sales in 30 days")})"))} — bundle, discount or stop reordering.", Tone.Warning));
        }

        if (data.Trials.Count > 0)
        {
            todos.Add(($"**Scale trial products**: {string.Join("; ", data.Trials.Take(3).Select(t => $"{t.Sku.Name} ({t.Sku.Sku}) converts {format.Rate(t.Sku.Conversion)} vs {format.Rate(t.CategoryConversion)} for {t.Sku.Category}"))} — add traffic and stock.", Tone.Good));
        }

        if (data.Buyers is { Buyers: > 0, DormantBuyers: > 0 } buyers)
        {
            todos.Add(($"**Win back dormant buyers**: {format.Count(buyers.DormantBuyers)} buyers ({format.Rate((double)buyers.DormantBuyers / buyers.Buyers)}) have not ordered in {data.DormantDays} days — a coupon or a private-domain campaign.", Tone.Warning));
        }

        foreach (var campaign in data.UpcomingCampaigns.OrderBy(c => c.WarmupStart ?? c.Start).Take(4))
        {
            var thisWeek = campaign.Start < data.WeekStart.AddDays(7) ? "this week" : "next week";
            var warmup = campaign.WarmupStart is { } w ? string.Create(CultureInfo.InvariantCulture, $", warm-up from {w:MM-dd}") : string.Empty;
            todos.Add((string.Create(CultureInfo.InvariantCulture, $"**Campaign {thisWeek}**: {campaign.Name} ({refs.ShopName(campaign.Shop)}) starts {campaign.Start:ddd MM-dd}{warmup} — book ads, check stock and coupons."), Tone.Neutral));
        }

        return todos;
    }

    private static string Day(DateOnly weekStart, DayOfWeek day)
    {
        var date = weekStart.AddDays(((int)day + 6) % 7);
        return date.ToString("ddd MM-dd", CultureInfo.InvariantCulture);
    }
}
