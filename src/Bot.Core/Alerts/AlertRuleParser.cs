using System.Globalization;
using System.Text.RegularExpressions;
using Bot.Core.Commands;
using Bot.Core.Commands.Query;
using Bot.Core.Metrics;
using Bot.Core.Periods;

namespace Bot.Core.Alerts;

/// <summary>Reads an alert rule in English or Chinese: metric, comparison, for how many days, scope and owner. Pure.</summary>
/// <remarks>
/// The parts may come in any order. Everything the rule says must be understood: a word that is not
/// part of the grammar is reported back instead of being silently ignored, because a rule that means
/// something other than what was typed would alert at the wrong time.
/// </remarks>
public static partial class AlertRuleParser
{
    public const int MaxForDays = 30;

    /// <summary>Rules that show the grammar; used in usage hints and errors.</summary>
    public static IReadOnlyList<string> Examples { get; } =
    [
        "alert conversion below baseline for 3 days",
        "alert conversion 20% below baseline for 3 days shop tmall",
        "alert uv value drops 20% vs baseline channel live",
        "alert conversion below 50% of benchmark",
        "alert refund rate above 8%",
        "alert stock cover below 7 days",
        "alert visitors spike above 3x baseline",
        "alert gmv goal behind pace owner @Ana",
        "告警 转化率 连续3天 低于 基线",
    ];

    private static readonly HashSet<string> Filler = new(StringComparer.Ordinal)
    {
        "vs", "versus", "against", "than", "compared", "to", "with", "its", "it", "the", "a", "an", "of", "by", "when", "if", "is", "are",
        "goes", "go", "gets", "get", "on", "in", "at", "me", "alert", "please", "pls", "and", "from", "more", "days", "day", "rule",
        "较", "比", "相比", "与", "的", "时", "当", "如果", "比较", "对比", "是", "了", "请", "在", "告警", "预警",
    };

    /// <summary>Parses the words after the verb.</summary>
    /// <param name="args">Normalized text after <c>alert</c> / <c>告警</c>.</param>
    /// <param name="original">The message as typed, to keep the owner's name in its own case; may be null.</param>
    /// <param name="defaultMargin">How far below/above the baseline counts when no amount is given (0.15 = 15 %).</param>
    public static Parsed<AlertRuleDraft> Parse(string args, string? original, ReferenceData.Snapshot refs, double defaultMargin)
    {
        ArgumentNullException.ThrowIfNull(refs);
        var text = TextNormalizer.Normalize(args);
        if (text.Length == 0)
        {
            return Fail("Tell me what to watch.");
        }

        // Owner and category take free text, so they are read first and stop at the next keyword.
        var owner = TakeFreeText(ref text, OwnerKeyword());
        if (owner is { Length: 0 })
        {
            return Fail("Say who owns the rule after `owner`, e.g. `owner @Ana` (or `owner me`).");
        }

        if (owner is not null && original is not null)
        {
            owner = OriginalCase(original, owner);
        }

        var category = TakeFreeText(ref text, CategoryKeyword());
        if (category is { Length: 0 })
        {
            return Fail("Say which SKU category after `category`, e.g. `alert stock cover below 7 days category shoes`.");
        }

        var forDays = 1;
        if (TakeFirst(ref text, ForDaysPattern()) is { } forMatch)
        {
            var digits = forMatch.Groups["n"].Value;
            if (!int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out forDays) || forDays < 1 || forDays > MaxForDays)
            {
                return Fail($"The number of days in a row must be between 1 and {MaxForDays}, not {digits}.");
            }
        }

        var shop = TakeNamed(ref text, ShopKeyword(), refs.ShopNames());
        if (shop is { Code: null })
        {
            return Fail($"I don't know the shop '{shop.Value.Written}'. Shops: {string.Join(", ", refs.Shops.Select(s => s.Code))}.");
        }

        var channel = TakeNamed(ref text, ChannelKeyword(), refs.ChannelNames());
        if (channel is { Code: null })
        {
            return Fail($"I don't know the channel '{channel.Value.Written}'. Channels: {string.Join(", ", refs.Channels.Select(c => c.Code))}.");
        }

        // The metric: stock cover and goals are not counter metrics; everything else is in the catalogue.
        string metricKey;
        var goal = false;
        if (TakeFirst(ref text, StockPattern()) is not null)
        {
            metricKey = AlertRule.StockCoverKey;
        }
        else
        {
            goal = TakeFirst(ref text, GoalPattern()) is not null;
            if (MetricCatalog.Find(text) is { } found)
            {
                metricKey = found.Metric.Key;
                text = found.Remaining;
            }
            else if (goal)
            {
                metricKey = MetricCatalog.Gmv.Key;
            }
            else
            {
                return Fail("Which metric should I watch? For example conversion, refund rate, uv value, visitors, gmv, aov, bounce rate, or stock cover.");
            }
        }

        // Shop and channel may also be named without the keyword ("… tmall live"), as in every query command.
        var shopCode = shop?.Code ?? TakeKnown(ref text, refs.ShopNames());
        var channelCode = channel?.Code ?? TakeKnown(ref text, refs.ChannelNames());

        var condition = ReadCondition(ref text, metricKey, goal, defaultMargin);
        if (!condition.Success)
        {
            return Fail(condition.Error!);
        }

        var leftover = TextNormalizer.Tokens(text).Where(t => !Filler.Contains(t)).ToList();
        if (leftover.Count > 0)
        {
            return Fail($"I didn't understand '{string.Join(' ', leftover)}' in that rule.");
        }

        var kind = condition.Value!.Kind;
        if (category is not null && kind != AlertKind.StockCover)
        {
            return Fail("A category applies to stock-cover rules only (the daily counters are per shop and channel, not per category).");
        }

        if (channelCode is not null && kind == AlertKind.StockCover)
        {
            return Fail("Stock cover is per SKU, not per channel: leave the channel out, or name a `category`.");
        }

        return Parsed<AlertRuleDraft>.Ok(new AlertRuleDraft(metricKey, condition.Value, forDays, new AlertScope(shopCode, channelCode, category), owner));
    }

    private static Parsed<AlertCondition> ReadCondition(ref string text, string metricKey, bool goal, double defaultMargin)
    {
        var metric = AlertMetrics.Find(metricKey);
        var pace = TakeFirst(ref text, PacePattern()) is not null;
        if (pace)
        {
            // "more than 10% behind pace": here "more than" measures the lag, it is not a direction.
            TakeFirst(ref text, MoreThanPattern());
        }

        var below = TakeAll(ref text, BelowPattern());
        var above = TakeAll(ref text, AbovePattern());
        var change = below.Concat(above).Any(m => m.Groups["change"].Success);
        if (below.Count > 0 && above.Count > 0)
        {
            return Parsed<AlertCondition>.Fail("That rule says both below and above; say one, e.g. `alert conversion below baseline` or `alert visitors spike above 3x baseline`.");
        }

        // "50% of benchmark" / "基准的50%" is a share of the reference, "20% below baseline" a distance from it.
        var shareOf = TakeFirst(ref text, ShareOfPattern());
        var amount = shareOf is null ? TakeAmount(ref text) : ReadAmount(shareOf);
        if (amount is { Error: { } amountError })
        {
            return Parsed<AlertCondition>.Fail(amountError);
        }

        if (TakeFirst(ref text, NumberPattern()) is { } extra)
        {
            return Parsed<AlertCondition>.Fail($"That rule has more than one number ('{extra.Value.Trim()}'); give one threshold.");
        }

        var baseline = shareOf?.Groups["baseline"].Success == true || TakeFirst(ref text, BaselinePattern()) is not null;
        var benchmark = shareOf?.Groups["benchmark"].Success == true || TakeFirst(ref text, BenchmarkPattern()) is not null;
        var direction = above.Count > 0 ? AlertDirection.Above : AlertDirection.Below;
        var hasDirection = below.Count > 0 || above.Count > 0 || pace;

        if (metricKey == AlertRule.StockCoverKey)
        {
            if (above.Count > 0 || baseline || benchmark)
            {
                return Parsed<AlertCondition>.Fail("Stock-cover rules alert when cover runs low: `alert stock cover below 7 days`.");
            }

            return amount is { Unit: AmountUnit.Days or AmountUnit.Plain, Value: > 0 } days
                ? Parsed<AlertCondition>.Ok(new AlertCondition(AlertKind.StockCover, AlertDirection.Below, days.Value))
                : Parsed<AlertCondition>.Fail("Say how many days of cover is too few, e.g. `alert stock cover below 7 days`.");
        }

        if (goal || pace)
        {
            if (!goal || above.Count > 0 || baseline || benchmark)
            {
                return Parsed<AlertCondition>.Fail("Goal rules alert when a goal falls behind pace: `alert gmv goal behind pace` (or `… more than 10% behind pace`).");
            }

            if (metric is null || !AlertMetrics.IsAdditive(metric) || metric.Key == MetricCatalog.AdCost.Key)
            {
                return Parsed<AlertCondition>.Fail("Pace applies to goals that add up over days: GMV, visitors, orders or buyers.");
            }

            return amount switch
            {
                null => Parsed<AlertCondition>.Ok(new AlertCondition(AlertKind.GoalPace, AlertDirection.Below, 1)),
                { Unit: AmountUnit.Percent, Value: > 0 and < 1 } p => Parsed<AlertCondition>.Ok(new AlertCondition(AlertKind.GoalPace, AlertDirection.Below, 1 - p.Value)),
                _ => Parsed<AlertCondition>.Fail("Say how far behind pace as a percentage, e.g. `alert gmv goal more than 10% behind pace`."),
            };
        }

        if (!hasDirection)
        {
            return Parsed<AlertCondition>.Fail("Say when to alert: `below` or `above` (低于 / 高于), e.g. `alert refund rate above 8%`.");
        }

        // "drops 20%" with no reference compares with the baseline; "below 8%" is a fixed threshold.
        if (!baseline && !benchmark && change && amount is { Unit: AmountUnit.Percent } && metric!.Kind != MetricKind.Rate)
        {
            baseline = true;
        }

        if (baseline && benchmark)
        {
            return Parsed<AlertCondition>.Fail("Compare with the baseline or with the benchmark, not both.");
        }

        if (baseline || benchmark)
        {
            if (benchmark && !AlertMetrics.WithBenchmark.Contains(metric!))
            {
                return Parsed<AlertCondition>.Fail($"There is no industry benchmark for {metric!.Name}; benchmarks exist for {string.Join(", ", AlertMetrics.WithBenchmark.Select(m => m.Name.ToLowerInvariant()))}. Compare it with its baseline instead.");
            }

            var factor = amount switch
            {
                null => benchmark ? 1 : (direction == AlertDirection.Below ? 1 - defaultMargin : 1 + defaultMargin),
                { Unit: AmountUnit.Percent } p when shareOf is not null => p.Value,
                { Unit: AmountUnit.Percent } p => direction == AlertDirection.Below ? 1 - p.Value : 1 + p.Value,
                { Unit: AmountUnit.Multiple } m => m.Value,
                _ => double.NaN,
            };
            if (double.IsNaN(factor))
            {
                return Parsed<AlertCondition>.Fail("Against a baseline or benchmark, give a percentage or a multiple: `20% below baseline`, `above 3x baseline`, `below 50% of benchmark`.");
            }

            if (factor <= 0 || (direction == AlertDirection.Below && factor > 1.0000001 && amount is { Unit: AmountUnit.Percent } && shareOf is null))
            {
                return Parsed<AlertCondition>.Fail("A value cannot fall 100% or more below its baseline; try e.g. `50% below baseline`.");
            }

            return Parsed<AlertCondition>.Ok(new AlertCondition(baseline ? AlertKind.Baseline : AlertKind.Benchmark, direction, factor));
        }

        if (amount is null)
        {
            return Parsed<AlertCondition>.Fail($"Below or above what? Give a threshold (`alert {metric!.Name.ToLowerInvariant()} {(direction == AlertDirection.Below ? "below" : "above")} …`), or compare with `baseline` or `benchmark`.");
        }

        return (metric!.Kind, amount.Value.Unit) switch
        {
            (MetricKind.Rate, AmountUnit.Percent) => Parsed<AlertCondition>.Ok(new AlertCondition(AlertKind.Threshold, direction, amount.Value.Value)),
            (MetricKind.Rate, _) => Parsed<AlertCondition>.Fail($"{metric.Name} is a rate: write the threshold as a percentage, e.g. `{metric.Name.ToLowerInvariant()} {(direction == AlertDirection.Below ? "below" : "above")} 8%`."),
            (_, AmountUnit.Plain) => Parsed<AlertCondition>.Ok(new AlertCondition(AlertKind.Threshold, direction, amount.Value.Value)),
            (_, AmountUnit.Multiple) => Parsed<AlertCondition>.Fail("A multiple needs something to multiply: `above 3x baseline`."),
            _ => Parsed<AlertCondition>.Fail($"{metric.Name} is not a rate: give a plain number, or compare with `baseline` (e.g. `{metric.Name.ToLowerInvariant()} 20% below baseline`)."),
        };
    }

    private enum AmountUnit
    {
        Plain,
        Percent,
        Multiple,
        Days,
    }

    private readonly record struct Amount(double Value, AmountUnit Unit, string? Error = null);

    private static Amount? TakeAmount(ref string text) => TakeFirst(ref text, NumberPattern()) is { } match ? ReadAmount(match) : null;

    private static Amount ReadAmount(Match match)
    {
        var number = match.Groups["n"].Value.Replace(",", string.Empty, StringComparison.Ordinal);
        if (!double.TryParse(number, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value) || value > 1e12)
        {
            return new Amount(0, AmountUnit.Plain, $"'{match.Value.Trim()}' is not a number I can use.");
        }

        var unit = match.Groups["unit"].Value;
        return unit switch
        {
            "%" => new Amount(value / 100, AmountUnit.Percent),
            "x" or "×" or "倍" or "times" => new Amount(value, AmountUnit.Multiple),
            "day" or "days" or "天" or "日" or "d" => new Amount(value, AmountUnit.Days),
            "k" => new Amount(value * 1_000, AmountUnit.Plain),
            "m" => new Amount(value * 1_000_000, AmountUnit.Plain),
            "万" => new Amount(value * 10_000, AmountUnit.Plain),
            "亿" => new Amount(value * 100_000_000, AmountUnit.Plain),
            _ => new Amount(value, AmountUnit.Plain),
        };
    }

    private static Parsed<AlertRuleDraft> Fail(string problem) => Parsed<AlertRuleDraft>.Fail(problem);

    private static Match? TakeFirst(ref string text, Regex pattern)
    {
        var match = pattern.Match(text);
        if (!match.Success)
        {
            return null;
        }

        text = TextNormalizer.Normalize(text[..match.Index] + " " + text[(match.Index + match.Length)..]);
        return match;
    }

    private static List<Match> TakeAll(ref string text, Regex pattern)
    {
        var matches = new List<Match>();
        while (TakeFirst(ref text, pattern) is { } match)
        {
            matches.Add(match);
        }

        return matches;
    }

    /// <summary>Takes the words after a keyword up to the next keyword or comparison word; "" when the keyword has nothing after it.</summary>
    private static string? TakeFreeText(ref string text, Regex keyword)
    {
        var match = keyword.Match(text);
        if (!match.Success)
        {
            return null;
        }

        var start = match.Index + match.Length;
        var rest = text[start..];
        var stop = StopPattern().Match(rest);
        var value = (stop.Success ? rest[..stop.Index] : rest).Trim().TrimStart('@').Trim();
        var end = stop.Success ? start + stop.Index : text.Length;
        text = TextNormalizer.Normalize(text[..match.Index] + " " + text[end..]);
        return value;
    }

    /// <summary>Takes "shop &lt;name&gt;" where the name must be known; Code is null when the keyword names nothing known.</summary>
    private static (string? Code, string Written)? TakeNamed(ref string text, Regex keyword, IEnumerable<(string Name, string Code)> names)
    {
        var match = keyword.Match(text);
        if (!match.Success)
        {
            return null;
        }

        var after = text[(match.Index + match.Length)..].TrimStart();
        foreach (var (name, code) in names.OrderByDescending(n => n.Name.Length))
        {
            if (after.StartsWith(name, StringComparison.Ordinal) && (after.Length == name.Length || !TextNormalizer.IsWordChar(after[name.Length]) || !TextNormalizer.IsWordChar(name[^1])))
            {
                var end = text.Length - after.Length + name.Length;
                text = TextNormalizer.Normalize(text[..match.Index] + " " + text[end..]);
                return (code, name);
            }
        }

        var tokens = TextNormalizer.Tokens(after);
        var written = tokens.Count > 0 ? tokens[0] : string.Empty;
        return (null, written);
    }

    private static string? TakeKnown(ref string text, IEnumerable<(string Name, string Code)> names)
    {
        foreach (var (name, code) in names.OrderByDescending(n => n.Name.Length))
        {
            if (QueryArgsParser.Take(ref text, name))
            {
                return code;
            }
        }

        return null;
    }

    private static string OriginalCase(string original, string normalized)
    {
        var at = original.IndexOf(normalized, StringComparison.OrdinalIgnoreCase);
        return at >= 0 ? original.Substring(at, normalized.Length) : normalized;
    }

    [GeneratedRegex(@"(?:(?<=^|\s)(?:owner|owned by)(?=\s|$|@)|负责人)\s*[:：]?\s*", RegexOptions.None, 1000)]
    private static partial Regex OwnerKeyword();

    [GeneratedRegex(@"(?:(?<=^|\s)category(?=\s|$)|类目|品类)\s*[:：]?\s*", RegexOptions.None, 1000)]
    private static partial Regex CategoryKeyword();

    [GeneratedRegex(@"(?:(?<=^|\s)(?:shop|store)(?=\s|$)|店铺)\s*[:：]?\s*", RegexOptions.None, 1000)]
    private static partial Regex ShopKeyword();

    [GeneratedRegex(@"(?:(?<=^|\s)channel(?=\s|$)|渠道)\s*[:：]?\s*", RegexOptions.None, 1000)]
    private static partial Regex ChannelKeyword();

    // Where a free-text value (owner, category) ends: the next keyword, comparison word or "for N days".
    [GeneratedRegex(@"(?:(?<=^|\s)(?:shop|store|channel|category|owner|for|below|above|under|over|drops?|falls?|rises?|spikes?)(?=\s|$)|店铺|渠道|类目|品类|负责人|连续|持续|低于|高于|超过|下降|上升|[<>≤≥])", RegexOptions.None, 1000)]
    private static partial Regex StopPattern();

    [GeneratedRegex(@"(?:(?<=^|\s)(?:for\s+)?(?<n>\d+)\s*(?:consecutive|straight)\s+days?(?:\s+(?:in\s+a\s+row|running))?(?=\s|$))|(?:(?<=^|\s)for\s+(?<n>\d+)\s*days?(?:\s+(?:in\s+a\s+row|running|straight))?(?=\s|$))|(?:(?<=^|\s)(?<n>\d+)\s*days?\s+(?:in\s+a\s+row|running|straight)(?=\s|$))|(?:(?:连续|持续)\s*(?<n>\d+)\s*(?:天|日|days?))", RegexOptions.None, 1000)]
    private static partial Regex ForDaysPattern();

    [GeneratedRegex(@"(?:(?<=^|\s)(?:(?:stock|inventory)\s+cover(?:age)?|days\s+of\s+cover|cover\s+days|stock|inventory)(?=\s|$))|库存\s*(?:可售天数|覆盖天数|天数|覆盖)|可售天数|库存", RegexOptions.None, 1000)]
    private static partial Regex StockPattern();

    [GeneratedRegex(@"(?:(?<=^|\s)(?:goal|goals|target)(?=\s|$))|目标", RegexOptions.None, 1000)]
    private static partial Regex GoalPattern();

    [GeneratedRegex(@"(?:(?<=^|\s)(?:behind\s+pace|behind\s+schedule|behind|off\s+pace)(?=\s|$))|进度落后|落后于进度|落后", RegexOptions.None, 1000)]
    private static partial Regex PacePattern();

    [GeneratedRegex(@"(?:(?<=^|\s)(?:more\s+than|over|by)(?=\s|$))|超过|多于", RegexOptions.None, 1000)]
    private static partial Regex MoreThanPattern();

    [GeneratedRegex(@"(?:(?<=^|\s)(?:below|under|less\s+than|lower\s+than|(?<change>drops?|dropped|falls?|fell|down|decreases?|declines?))(?=\s|$))|低于|小于|少于|跌破|<=?|≤|(?<change>下降|下跌|下滑|降低|减少)", RegexOptions.None, 1000)]
    private static partial Regex BelowPattern();

    [GeneratedRegex(@"(?:(?<=^|\s)(?:above|over|exceeds?|more\s+than|higher\s+than|(?<change>rises?|rose|up|spikes?|jumps?|increases?|surges?))(?=\s|$))|高于|大于|超过|多于|>=?|≥|(?<change>上升|上涨|增长|激增|暴涨|飙升|突增)", RegexOptions.None, 1000)]
    private static partial Regex AbovePattern();

    [GeneratedRegex(@"(?:(?<=^|\s)(?:baseline|normal|usual)(?=\s|$))|基线|平时|常态", RegexOptions.None, 1000)]
    private static partial Regex BaselinePattern();

    [GeneratedRegex(@"(?:(?<=^|\s)(?:industry\s+benchmark|industry\s+average|benchmark|industry)(?=\s|$))|行业基准|行业平均|行业标准|基准|行业", RegexOptions.None, 1000)]
    private static partial Regex BenchmarkPattern();

    [GeneratedRegex(@"(?:(?<=^|\s)(?<n>\d+(?:\.\d+)?)\s*(?<unit>%)\s+of\s+(?:(?<baseline>baseline|normal|usual)|(?<benchmark>industry\s+benchmark|industry\s+average|benchmark|industry))(?=\s|$))|(?:(?:(?<baseline>基线|平时)|(?<benchmark>行业基准|行业平均|基准|行业))\s*的\s*(?<n>\d+(?:\.\d+)?)\s*(?<unit>%))", RegexOptions.None, 1000)]
    private static partial Regex ShareOfPattern();

    [GeneratedRegex(@"(?<=^|\s|[^\d\s.,])[¥$]?(?<n>\d[\d,]*(?:\.\d+)?)\s*(?<unit>%|x|×|倍|times|days?|天|日|d|k|m|万|亿)?(?=\s|$|[^\w.%])", RegexOptions.None, 1000)]
    private static partial Regex NumberPattern();
}
