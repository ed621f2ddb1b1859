using Bot.Core.Alerts;
using Bot.Core.Commands;

namespace Bot.Core.Tests.Alerts;

public sealed class AlertRuleParserTests
{
    private static readonly Bot.Core.Commands.Query.ReferenceData.Snapshot Refs = A.Refs(A.Store());

    private static AlertRuleDraft Parse(string text)
    {
        var parsed = AlertRuleParser.Parse(TextNormalizer.Normalize(text), text, Refs, defaultMargin: 0.15);
        Assert.True(parsed.Success, parsed.Error);
        return parsed.Value!;
    }

    private static string Error(string text)
    {
        var parsed = AlertRuleParser.Parse(TextNormalizer.Normalize(text), text, Refs, defaultMargin: 0.15);
        Assert.False(parsed.Success, $"'{text}' parsed, but should not have");
        return parsed.Error!;
    }

    [Theory]
    [InlineData("conversion 20% below baseline for 3 days", "conversion", AlertKind.Baseline, AlertDirection.Below, 0.8, 3)]
    [InlineData("conversion below baseline for 3 days", "conversion", AlertKind.Baseline, AlertDirection.Below, 0.85, 3)]
    [InlineData("conversion below baseline 3 days in a row", "conversion", AlertKind.Baseline, AlertDirection.Below, 0.85, 3)]
    [InlineData("uv value drops 20% vs baseline channel live", "uv value", AlertKind.Baseline, AlertDirection.Below, 0.8, 1)]
    [InlineData("gmv drops 20%", "gmv", AlertKind.Baseline, AlertDirection.Below, 0.8, 1)]
    [InlineData("conversion below 50% of benchmark", "conversion", AlertKind.Benchmark, AlertDirection.Below, 0.5, 1)]
    [InlineData("conversion below benchmark", "conversion", AlertKind.Benchmark, AlertDirection.Below, 1.0, 1)]
    [InlineData("refund rate above 8%", "refund rate", AlertKind.Threshold, AlertDirection.Above, 0.08, 1)]
    [InlineData("conversion < 2%", "conversion", AlertKind.Threshold, AlertDirection.Below, 0.02, 1)]
    [InlineData("refund rate > 8% for 2 days", "refund rate", AlertKind.Threshold, AlertDirection.Above, 0.08, 2)]
    [InlineData("refund rate>=8%", "refund rate", AlertKind.Threshold, AlertDirection.Above, 0.08, 1)]
    [InlineData("转化率 ＜ 2% 连续2天", "conversion", AlertKind.Threshold, AlertDirection.Below, 0.02, 2)]
    [InlineData("gmv below 10万", "gmv", AlertKind.Threshold, AlertDirection.Below, 100_000, 1)]
    [InlineData("visitors below 5k for 2 days", "visitors", AlertKind.Threshold, AlertDirection.Below, 5_000, 2)]
    [InlineData("stock cover below 7 days", "stock cover", AlertKind.StockCover, AlertDirection.Below, 7, 1)]
    [InlineData("visitors spike above 3x baseline", "visitors", AlertKind.Baseline, AlertDirection.Above, 3, 1)]
    [InlineData("gmv goal behind pace", "gmv", AlertKind.GoalPace, AlertDirection.Below, 1, 1)]
    [InlineData("gmv goal more than 10% behind pace", "gmv", AlertKind.GoalPace, AlertDirection.Below, 0.9, 1)]
    [InlineData("告警 转化率 连续3天 低于 基线", "conversion", AlertKind.Baseline, AlertDirection.Below, 0.85, 3)]
    [InlineData("转化率连续3天低于基线", "conversion", AlertKind.Baseline, AlertDirection.Below, 0.85, 3)]
    [InlineData("退款率 高于 8%", "refund rate", AlertKind.Threshold, AlertDirection.Above, 0.08, 1)]
    [InlineData("UV价值 较基线 下降 20% 渠道 直播", "uv value", AlertKind.Baseline, AlertDirection.Below, 0.8, 1)]
    [InlineData("转化率 低于 基准的50%", "conversion", AlertKind.Benchmark, AlertDirection.Below, 0.5, 1)]
    [InlineData("访客数 超过 基线 3倍", "visitors", AlertKind.Baseline, AlertDirection.Above, 3, 1)]
    [InlineData("库存可售天数 低于 7天", "stock cover", AlertKind.StockCover, AlertDirection.Below, 7, 1)]
    [InlineData("库存 可售天数 低于 7天", "stock cover", AlertKind.StockCover, AlertDirection.Below, 7, 1)]
    [InlineData("库存 天数 低于 5天", "stock cover", AlertKind.StockCover, AlertDirection.Below, 5, 1)]
    [InlineData("GMV 目标 进度落后", "gmv", AlertKind.GoalPace, AlertDirection.Below, 1, 1)]
    public void Parse_ExampleRule_ReadsMetricConditionAndDays(string text, string metric, AlertKind kind, AlertDirection direction, double limit, int days)
    {
        var rule = Parse(text);

        Assert.Equal(metric, rule.MetricKey);
        Assert.Equal(kind, rule.Condition.Kind);
        Assert.Equal(direction, rule.Condition.Direction);
        Assert.Equal(limit, rule.Condition.Limit, 6);
        Assert.Equal(days, rule.ForDays);
    }

    [Fact]
    public void Parse_ScopeAndOwner_ReadsShopChannelAndOwnerInItsOwnCase()
    {
        var rule = Parse("conversion below baseline for 3 days shop tmall channel live owner Ana Lee");

        Assert.Equal(new AlertScope("tmall", "live", null), rule.Scope);
        Assert.Equal("Ana Lee", rule.OwnerName);
    }

    [Fact]
    public void Parse_ShopAndChannelWithoutKeyword_AreRecognisedByName()
    {
        var rule = Parse("uv value drops 20% vs baseline 天猫 直播");

        Assert.Equal(new AlertScope("tmall", "live", null), rule.Scope);
    }

    [Fact]
    public void Parse_ChineseScopeAndOwner_ReadsThem()
    {
        var rule = Parse("告警 转化率 连续3天 低于 基线 店铺 天猫 负责人 @张三");

        Assert.Equal("tmall", rule.Scope.Shop);
        Assert.Equal("张三", rule.OwnerName);
    }

    [Fact]
    public void Parse_StockCoverWithCategory_KeepsTheCategory()
    {
        var rule = Parse("stock cover below 5 days category shoes owner @Bo");

        Assert.Equal("shoes", rule.Scope.Category);
        Assert.Equal("Bo", rule.OwnerName);
        Assert.Equal(5, rule.Condition.Limit);
    }

    [Theory]
    [InlineData("", "what to watch")]
    [InlineData("below baseline for 3 days", "Which metric")]
    [InlineData("conversion baseline", "below")]
    [InlineData("refund rate above 8", "percentage")]
    [InlineData("gmv above 8%", "not a rate")]
    [InlineData("gmv below benchmark", "no industry benchmark")]
    [InlineData("conversion below baseline for 0 days", "between 1 and 30")]
    [InlineData("conversion below baseline for 45 days", "between 1 and 30")]
    [InlineData("conversion below baseline shop nowhere", "don't know the shop 'nowhere'")]
    [InlineData("conversion below baseline channel tv", "don't know the channel 'tv'")]
    [InlineData("conversion below baseline blah", "didn't understand 'blah'")]
    [InlineData("conversion below above baseline", "both below and above")]
    [InlineData("conversion 120% below baseline", "100% or more")]
    [InlineData("stock cover above 7 days", "runs low")]
    [InlineData("refund rate goal behind pace", "add up over days")]
    [InlineData("conversion below baseline category shoes", "stock-cover rules only")]
    [InlineData("stock cover below 7 days channel live", "not per channel")]
    [InlineData("visitors above 3x", "multiply")]
    [InlineData("refund rate above 8% owner", "who owns")]
    public void Parse_BadRule_SaysWhatIsWrong(string text, string expected)
    {
        Assert.Contains(expected, Error(text), StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("conversion 20% below baseline for 3 days", "Conversion 20% below baseline for 3 days in a row")]
    [InlineData("conversion below baseline", "Conversion 15% below baseline")]
    [InlineData("visitors spike above 3x baseline", "Visitors above 3× baseline")]
    [InlineData("conversion below 50% of benchmark", "Conversion below 50% of benchmark")]
    [InlineData("refund rate above 8%", "Refund rate above 8%")]
    [InlineData("stock cover below 7 days", "Stock cover below 7 days")]
    [InlineData("gmv goal behind pace", "GMV goal behind pace")]
    [InlineData("告警 转化率 连续3天 低于 基线", "Conversion 15% below baseline for 3 days in a row")]
    public void Describe_ParsedRule_ReadsBackInEnglish(string text, string expected)
    {
        var draft = Parse(text);

        Assert.Equal(expected, AlertRuleText.Describe(draft.MetricKey, draft.Condition, draft.ForDays));
    }

    [Fact]
    public void Examples_AllParse()
    {
        foreach (var example in AlertRuleParser.Examples)
        {
            var words = example.Split(' ', 2)[1];
            Parse(words);
        }
    }
}
