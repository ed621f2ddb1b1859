namespace Bot.Core.Metrics;

public enum MetricKind
{
    Money,
    Count,
    Rate,
    Ratio,
    Seconds,
}

/// <summary>A metric users can name ("conversion", "转化率"), how it is derived from summed counters, and which way is good.</summary>
public sealed record MetricDefinition(
    string Key,
    string Name,
    string ChineseName,
    IReadOnlyList<string> Aliases,
    MetricKind Kind,
    bool HigherIsBetter,
    Func<Counters, double?> Value)
{
    public string Label => $"{Name} {ChineseName}";
}

/// <summary>All metrics the bot knows (domain.md §2). One list: commands, alerts and plans resolve names here.</summary>
public static class MetricCatalog
{
    public static MetricDefinition Gmv { get; } = new("gmv", "GMV", "成交金额", ["sales", "revenue", "支付金额", "销售额", "成交额", "gmv"], MetricKind.Money, true, c => (double)c.Gmv);
    public static MetricDefinition Visitors { get; } = new("visitors", "Visitors", "访客数", ["uv", "traffic", "visits", "访客", "流量"], MetricKind.Count, true, c => c.Visitors);
    public static MetricDefinition Orders { get; } = new("orders", "Paid orders", "支付订单数", ["paid orders", "订单", "订单数"], MetricKind.Count, true, c => c.PaidOrders);
    public static MetricDefinition Buyers { get; } = new("buyers", "Paid buyers", "支付买家数", ["paid buyers", "买家数"], MetricKind.Count, true, c => c.PaidBuyers);
    public static MetricDefinition Conversion { get; } = new("conversion", "Conversion", "支付转化率", ["conversion rate", "cvr", "cr", "转化率", "转化"], MetricKind.Rate, true, c => c.Conversion);
    public static MetricDefinition Aov { get; } = new("aov", "AOV", "客单价", ["average order value", "basket"], MetricKind.Money, true, c => (double?)c.Aov);
    public static MetricDefinition UvValue { get; } = new("uv value", "UV value", "UV价值", ["uv价值", "value per visitor"], MetricKind.Money, true, c => (double?)c.UvValue);
    public static MetricDefinition RefundRate { get; } = new("refund rate", "Refund rate", "退款率", ["refunds", "refund", "退款"], MetricKind.Rate, false, c => c.RefundRate);
    public static MetricDefinition FavCartRate { get; } = new("fav cart rate", "Fav+cart rate", "收藏加购率", ["add to cart rate", "cart rate", "加购率", "收藏加购"], MetricKind.Rate, true, c => c.FavCartRate);
    public static MetricDefinition BounceRate { get; } = new("bounce rate", "Bounce rate", "跳失率", ["bounce", "跳失"], MetricKind.Rate, false, c => c.BounceRate);
    public static MetricDefinition PvPerVisitor { get; } = new("pv per visitor", "PV per visitor", "人均浏览量", ["pages per visitor", "人均浏览"], MetricKind.Ratio, true, c => c.PvPerVisitor);
    public static MetricDefinition AvgStay { get; } = new("avg stay", "Average stay", "人均停留时长", ["stay", "stay time", "停留时长"], MetricKind.Seconds, true, c => c.AvgStaySeconds);
    public static MetricDefinition NewVisitorShare { get; } = new("new visitor share", "New-visitor share", "新访客占比", ["new visitors", "新访客"], MetricKind.Rate, true, c => c.NewVisitorShare);
    public static MetricDefinition AdCost { get; } = new("ad cost", "Ad cost", "推广花费", ["cost", "spend", "ad spend", "花费", "推广费"], MetricKind.Money, false, c => (double)c.AdCost);
    public static MetricDefinition Roas { get; } = new("roas", "ROAS", "投产比", ["投产"], MetricKind.Ratio, true, c => c.Roas);

    public static IReadOnlyList<MetricDefinition> All { get; } =
        [Gmv, Visitors, Orders, Buyers, Conversion, Aov, UvValue, RefundRate, FavCartRate, BounceRate, PvPerVisitor, AvgStay, NewVisitorShare, AdCost, Roas];

    /// <summary>Finds a metric named anywhere in normalized text; the longest name wins ("refund rate" over "refund").</summary>
    public static (MetricDefinition Metric, string Remaining)? Find(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var best = All
            .SelectMany(m => m.Aliases.Append(m.Key).Append(m.Name.ToLowerInvariant()).Append(m.ChineseName).Select(n => (Metric: m, Name: n.ToLowerInvariant())))
            .OrderByDescending(x => x.Name.Length)
            .Select(x => (x.Metric, x.Name, At: Commands.CommandMatcher.FindPhrase(text, x.Name)))
            .FirstOrDefault(x => x.At >= 0);
        if (best.Metric is null)
        {
            return null;
        }

        var rest = (text[..best.At] + " " + text[(best.At + best.Name.Length)..]).Trim();
        return (best.Metric, Commands.TextNormalizer.Normalize(rest));
    }
}
