using Bot.Storage.Import;
using Bot.Storage.Tests.Support;

namespace Bot.Storage.Tests.Import;

public sealed class ImportRulesTests : IDisposable
{
    private readonly TempDatabase _db = new();

    public void Dispose() => _db.Dispose();

    [Fact]
    public void Import_SameFileTwice_ReplacesAndChangesNothing()
    {
        var csv = ChannelDay.File(A.Grid("2026-01-01", 30, ["tmall-flagship", "douyin-store"], ["natural_search", "live"]));
        var first = _db.Import(ImportKind.ChannelDaily, csv);
        var after = _db.Fingerprint();

        var second = _db.Import(ImportKind.ChannelDaily, csv);

        Assert.Equal((120L, 120L, 0L), (first.Rows, first.Inserted, first.Replaced));
        Assert.Equal((120L, 0L, 120L), (second.Rows, second.Inserted, second.Replaced));
        Assert.Equal(after, _db.Fingerprint());
    }

    [Fact]
    public void Import_OverlappingFile_CountsInsertedAndReplaced()
    {
        _db.Import(ImportKind.ChannelDaily, ChannelDay.File(A.Grid("2026-01-01", 10, ["tmall-flagship"], ["live"])));

        var result = _db.Import(ImportKind.ChannelDaily, ChannelDay.File(A.Grid("2026-01-06", 10, ["tmall-flagship"], ["live"])));

        Assert.Equal((10L, 5L, 5L), (result.Rows, result.Inserted, result.Replaced));
        Assert.Equal(15, _db.Count("channel_daily"));
    }

    [Fact]
    public async Task Import_UnknownShop_IsRegisteredAndReported()
    {
        var result = _db.Import(ImportKind.ChannelDaily, ChannelDay.File([A.ChannelDay("2026-06-01", shop: "My New Shop")]));

        Assert.True(result.Succeeded);
        Assert.Equal(["My New Shop"], result.RegisteredShops);
        Assert.Contains("registered new shops: My New Shop", result.Summary, StringComparison.Ordinal);
        var shop = Assert.Single(await _db.Store.ListShopsAsync(CancellationToken.None));
        Assert.Equal(("my-new-shop", "My New Shop"), (shop.Code, shop.Name));
    }

    [Fact]
    public async Task Import_ShopByNameOrAlias_UsesTheRegisteredShop()
    {
        await _db.Registry.UpsertShopAsync("tmall-flagship", "天猫旗舰店", ["tmall"], CancellationToken.None);

        var result = _db.Import(ImportKind.ChannelDaily, ChannelDay.File([A.ChannelDay("2026-06-01", shop: "天猫旗舰店"), A.ChannelDay("2026-06-02", shop: "TMALL")]));

        Assert.True(result.Succeeded);
        Assert.Empty(result.RegisteredShops);
        Assert.Equal(1, _db.Count("shop"));
    }

    [Fact]
    public async Task Import_UnknownChannelWithRegisterFlag_RegistersIt()
    {
        var result = _db.Import(ImportKind.ChannelDaily, ChannelDay.File([A.ChannelDay("2026-06-01", channel: "TV Shopping")]), registerChannels: true);

        Assert.True(result.Succeeded, result.Summary);
        Assert.Equal(["tv_shopping"], result.RegisteredChannels);
        Assert.Contains(await _db.Store.ListChannelsAsync(CancellationToken.None), c => c.Code == "tv_shopping" && c.Name == "TV Shopping");
    }

    [Fact]
    public void Import_RefundAboveGmv_IsAWarningNotAnError()
    {
        var result = _db.Import(ImportKind.ChannelDaily, ChannelDay.File([A.ChannelDay("2026-06-01") with { RefundAmount = 60_000m }]));

        Assert.True(result.Succeeded);
        Assert.Equal(1, result.WarningCount);
        Assert.Equal(2, result.Warnings[0].Line);
        Assert.Equal("refund_amount", result.Warnings[0].Column);
        Assert.Equal(1, _db.Count("channel_daily"));
    }

    [Fact]
    public void Import_UnknownColumns_AreIgnoredWithAWarning()
    {
        var csv = "支付转化率," + ChannelDay.Header + "\n3%," + A.ChannelDay("2026-06-01").ToCsv() + "\n";

        var result = _db.Import(ImportKind.ChannelDaily, csv);

        Assert.True(result.Succeeded, result.Summary);
        Assert.Contains("ignored columns: 支付转化率", result.Warnings[0].Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Page Views")]
    [InlineData("PAGE-VIEWS")]
    [InlineData("page_views")]
    [InlineData("PV")]
    [InlineData("浏览量(次)")]
    public void Import_HeaderVariants_AreRecognised(string header)
    {
        var csv = ChannelDay.File([A.ChannelDay("2026-06-01")], ChannelDay.Header.Replace("page_views", header, StringComparison.Ordinal));

        Assert.True(_db.Import(ImportKind.ChannelDaily, csv).Succeeded);
    }

    [Fact]
    public void Import_TwoHeadersForOneColumn_IsAnError()
    {
        var csv = ChannelDay.File([A.ChannelDay("2026-06-01")], ChannelDay.Header.Replace("gmv", "成交金额", StringComparison.Ordinal) + ",支付金额");

        var result = _db.Import(ImportKind.ChannelDaily, csv);

        Assert.False(result.Succeeded);
        Assert.Contains("both mean gmv", result.Errors[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CampaignCosts_RecurringName_NeedsTheStartDate()
    {
        _db.Import(ImportKind.Campaigns, "name,aliases,shop,start,end\n618,,tmall-flagship,2025-06-01,2025-06-20\n618,,tmall-flagship,2026-06-01,2026-06-20\n");

        var ambiguous = _db.Import(ImportKind.CampaignCosts, "campaign,shop,channel,cost\n618,tmall-flagship,live,100\n");
        var dated = _db.Import(ImportKind.CampaignCosts, "campaign,shop,channel,cost\n618@2025-06-01,tmall-flagship,live,100\n");

        Assert.Contains("ambiguous", ambiguous.Errors[0].Message, StringComparison.Ordinal);
        Assert.Contains("618@2025-06-01, 618@2026-06-01", ambiguous.Errors[0].Message, StringComparison.Ordinal);
        Assert.True(dated.Succeeded, dated.Summary);
        Assert.Contains("618@2025-06-01,tmall-flagship,live,100.00,", _db.Export(ImportKind.CampaignCosts), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Goals_RatioWithoutPercent_IsReadAsPercentWithAWarning()
    {
        var result = _db.Import(ImportKind.Goals, "shop,metric,period,target\ntmall-flagship,转化率,2026,3.5\n");

        Assert.True(result.Succeeded);
        Assert.Equal(1, result.WarningCount);
        var goal = Assert.Single(await _db.Store.GetGoalsAsync(null, CancellationToken.None));
        Assert.Equal(("conversion", 0.035m), (goal.Metric, goal.Target));
    }

    [Theory]
    [InlineData("2026", "2026")]
    [InlineData("2026-Q3", "2026-Q3")]
    [InlineData("2026q3", "2026-Q3")]
    [InlineData("2026年第3季度", "2026-Q3")]
    [InlineData("2026-06", "2026-06")]
    [InlineData("2026/6", "2026-06")]
    [InlineData("2026年6月", "2026-06")]
    public void Goals_PeriodsAreNormalised(string text, string expected) =>
        Assert.Equal(expected, Bot.Storage.Import.Kinds.GoalsHandler.NormalizePeriod(text));

    [Fact]
    public async Task SkuDaily_LaunchDateMissingInALaterFile_KeepsTheKnownLaunchDate()
    {
        _db.Import(ImportKind.SkuDaily, "date,shop,sku,name,category,units_sold,gmv,product_visitors,paid_buyers,stock_units,launch_date\n2026-06-01,tmall-flagship,TM-1,a,护肤,1,10,10,1,5,2026-05-20\n");

        _db.Import(ImportKind.SkuDaily, "date,shop,sku,name,category,units_sold,gmv,product_visitors,paid_buyers,stock_units\n2026-06-02,tmall-flagship,TM-1,a2,护肤,1,10,10,1,4\n");

        var sku = Assert.Single(await _db.Store.GetSkuStatsAsync(new(new(2026, 6, 1), new(2026, 6, 2)), null, CancellationToken.None));
        Assert.Equal((new DateOnly(2026, 5, 20), "a2"), (sku.LaunchDate, sku.Name));
    }

    [Fact]
    public void Import_LeavesNoForeignKeyViolation()
    {
        _db.Import(ImportKind.Campaigns, "name,aliases,shop,start,end\n618,a|b,tmall-flagship,2026-06-01,2026-06-20\n");
        _db.Import(ImportKind.CampaignCosts, "campaign,shop,channel,cost\n618,tmall-flagship,live,100\n");
        _db.Import(ImportKind.SkuDaily, "date,shop,sku,name,category,units_sold,gmv,product_visitors,paid_buyers,stock_units\n2026-06-02,douyin-store,DY-1,a2,护肤,1,10,10,1,4\n");
        _db.Import(ImportKind.ChannelDaily, ChannelDay.File([A.ChannelDay("2026-06-01", shop: "third")]));

        using var connection = _db.Database.Open();
        using var check = connection.CreateCommand();
        check.CommandText = "PRAGMA foreign_key_check";
        using var reader = check.ExecuteReader();

        Assert.False(reader.Read());
    }
}
