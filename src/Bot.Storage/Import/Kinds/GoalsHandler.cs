using System.Globalization;
using System.Text.RegularExpressions;
using Bot.Storage.Sqlite;

namespace Bot.Storage.Import.Kinds;

/// <summary><c>goals</c>: a target per shop × metric × period (2026 | 2026-Q3 | 2026-06), optionally per channel.</summary>
/// <remarks>Ratios are stored as fractions: "3.5%" and, for a ratio metric, a bare 3.5 (with a warning) both become 0.035.</remarks>
internal sealed partial class GoalsHandler : KindHandler
{
    private const int Shop = 0;
    private const int Metric = 1;
    private const int Period = 2;
    private const int Target = 3;
    private const int Channel = 4;

    /// <summary>Metric names users write, by <see cref="RegistryKey"/> key, to the canonical metric.</summary>
    private static readonly Dictionary<string, string> MetricNames = BuildMetricNames();

    private static readonly HashSet<string> Ratios = ["conversion", "refund_rate", "repurchase_rate", "fav_cart_rate", "bounce_rate", "new_visitor_share"];

    private readonly Dictionary<(int Shop, string Metric, string Period, int Channel), long> _keys = [];
    private readonly BulkStatement _upsert;

    public GoalsHandler(ImportSession session)
        : base(session)
    {
        _upsert = Prepared(
            """
            INSERT INTO goal (shop, metric, period, channel, target) VALUES ($shop, $metric, $period, $channel, $target)
            ON CONFLICT (shop, metric, period, channel) DO UPDATE SET target = excluded.target
            """,
            "$shop", "$metric", "$period", "$channel", "$target");
    }

    /// <summary>The canonical metric for a name users write (成交金额 → gmv, 支付转化率 → conversion); unknown names are kept in snake case.</summary>
    public static string NormalizeMetric(string text)
    {
        if (MetricNames.TryGetValue(RegistryKey.Normalize(text), out var metric))
        {
            return metric;
        }

        return string.Join('_', text.Trim().ToLowerInvariant().Split([' ', '-'], StringSplitOptions.RemoveEmptyEntries));
    }

    /// <summary>"2026", "2026-Q3" or "2026-06" from what users write (2026 Q3, 2026q3, 2026/6, 2026年6月, 2026年Q3).</summary>
    public static string? NormalizePeriod(string text)
    {
        var match = PeriodPattern().Match(text.Trim());
        if (!match.Success)
        {
            return null;
        }

        var year = int.Parse(match.Groups["year"].Value, CultureInfo.InvariantCulture);
        if (match.Groups["quarter"].Success)
        {
            var quarter = int.Parse(match.Groups["quarter"].Value, CultureInfo.InvariantCulture);
            return quarter is >= 1 and <= 4 ? string.Create(CultureInfo.InvariantCulture, $"{year}-Q{quarter}") : null;
        }

        if (match.Groups["month"].Success)
        {
            var month = int.Parse(match.Groups["month"].Value, CultureInfo.InvariantCulture);
            return month is >= 1 and <= 12 ? string.Create(CultureInfo.InvariantCulture, $"{year}-{month:00}") : null;
        }

        return year.ToString(CultureInfo.InvariantCulture);
    }

    public override void Row()
    {
        var s = Session;
        if (!(s.Shop(Shop, out var shop) && s.Text(Metric, out var metricText) && s.Text(Period, out var periodText)
            && s.Decimal(Target, out var target, out var percent)))
        {
            return;
        }

        var channel = 0;
        if (s.Has(Channel) && !s.IsEmpty(Channel) && !s.Channel(Channel, out channel))
        {
            return;
        }

        var period = NormalizePeriod(periodText);
        if (period is null)
        {
            s.Error(Period, $"'{periodText}' is not a period; write 2026, 2026-Q3 or 2026-06");
            return;
        }

        var metric = NormalizeMetric(metricText);
        if (!percent && Ratios.Contains(metric) && target > 1)
        {
            s.Warning(Target, string.Create(CultureInfo.InvariantCulture, $"{target} for {metric} read as {target}%"));
            target /= 100m;
        }

        var key = (shop, metric, period, channel);
        if (!_keys.TryAdd(key, s.Reader.Line))
        {
            s.Error(Metric, string.Create(
                CultureInfo.InvariantCulture,
                $"duplicate key (shop, metric, period, channel): the same goal is on line {_keys[key]}"));
            return;
        }

        if (!s.Writing)
        {
            return;
        }

        _upsert.Set(0, shop);
        _upsert.Set(1, metric);
        _upsert.Set(2, period);
        _upsert.Set(3, channel);
        _upsert.Set(4, (double)target);
        _upsert.Execute();
    }

    [GeneratedRegex(@"^(?<year>\d{4})\s*(?:年)?\s*(?:[-/ ]?\s*(?:[Qq](?<quarter>\d)|第(?<quarter>\d)季度?|(?<month>\d{1,2})\s*月?))?$")]
    private static partial Regex PeriodPattern();

    private static Dictionary<string, string> BuildMetricNames()
    {
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        void Add(string metric, params string[] aliases)
        {
            names[RegistryKey.Normalize(metric)] = metric;
            foreach (var alias in aliases)
            {
                names[RegistryKey.Normalize(alias)] = metric;
            }
        }

        Add("gmv", "成交金额", "支付金额", "销售额", "成交额", "paid amount", "revenue");
        Add("conversion", "conversion rate", "cvr", "支付转化率", "转化率");
        Add("visitors", "uv", "访客数");
        Add("paid_buyers", "支付买家数", "buyers");
        Add("aov", "客单价", "average order value");
        Add("refund_rate", "退款率");
        Add("repurchase_rate", "复购率");
        Add("new_members", "新会员", "新增会员", "新会员数", "new members");
        Add("cac", "获客成本", "customer acquisition cost");
        Add("roas", "投产比");
        Add("roi", "投资回报率");
        Add("ad_cost", "推广花费", "ad spend");
        Add("fav_cart_rate", "收藏加购率");
        Add("bounce_rate", "跳失率");
        Add("new_visitor_share", "新访客占比");
        return names;
    }
}
