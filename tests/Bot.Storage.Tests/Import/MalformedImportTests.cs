using System.Text;
using Bot.Storage.Import;
using Bot.Storage.Tests.Support;

namespace Bot.Storage.Tests.Import;

/// <summary>Every malformed file is refused with a line-numbered error and leaves the database exactly as it was.</summary>
public sealed class MalformedImportTests : IDisposable
{
    private readonly TempDatabase _db = new();
    private readonly string _before;

    public MalformedImportTests()
    {
        var seed = _db.Import(ImportKind.ChannelDaily, ChannelDay.File(A.Grid("2026-05-01", 10, ["tmall-flagship", "douyin-store"], ["natural_search", "live"])));
        Assert.True(seed.Succeeded, seed.Summary);
        _before = _db.Fingerprint();
    }

    public void Dispose() => _db.Dispose();

    private static string Good(string date = "2026-06-01", string channel = "natural_search") => A.ChannelDay(date, channel: channel).ToCsv();

    private static string Row(Func<ChannelDay, ChannelDay> change) => change(A.ChannelDay("2026-06-03")).ToCsv();

    public static TheoryData<string, string, long, string?, string> Cases() => new()
    {
        { "bad number", $"{ChannelDay.Header}\n{Good()}\n{Row(r => r)}".Replace("2026-06-03,tmall-flagship,natural_search,10000", "2026-06-03,tmall-flagship,natural_search,12k", StringComparison.Ordinal), 3, "visitors", "not a number" },
        { "negative", $"{ChannelDay.Header}\n{Good()}\n{Row(r => r with { NewVisitors = -3000 })}", 3, "new_visitors", "negative" },
        { "missing column", ChannelDay.Header.Replace(",page_views", string.Empty, StringComparison.Ordinal) + "\n" + Good(), 1, "page_views", "missing column page_views" },
        { "unknown channel", $"{ChannelDay.Header}\n{Good()}\n{Good("2026-06-02", "tv_ads")}", 3, "channel", "unknown channel 'tv_ads'; known channels: natural_search (自然搜索)" },
        { "duplicate key", $"{ChannelDay.Header}\n{Good()}\n{Good("2026-06-02")}\n{Good()}", 4, "date", "the same row key is on line 2" },
        { "funnel order: paid > order buyers", $"{ChannelDay.Header}\n{Good()}\n{Row(r => r with { PaidBuyers = 400 })}", 3, "paid_buyers", "paid_buyers (400) is more than order_buyers (310)" },
        { "funnel order: order buyers > visitors", $"{ChannelDay.Header}\n{Row(r => r with { Visitors = 300 })}", 2, "order_buyers", "is more than visitors" },
        { "funnel order: cart > visitors", $"{ChannelDay.Header}\n{Row(r => r with { CartUsers = 10_001 })}", 2, "cart_users", "is more than visitors" },
        { "funnel order: new > visitors", $"{ChannelDay.Header}\n{Row(r => r with { NewVisitors = 10_001 })}", 2, "new_visitors", "is more than visitors" },
        { "funnel order: bounced > visitors", $"{ChannelDay.Header}\n{Row(r => r with { BouncedVisitors = 10_001 })}", 2, "bounced_visitors", "is more than visitors" },
        { "empty file", string.Empty, 1, null, "the file is empty" },
        { "header only", ChannelDay.Header + "\n", 2, null, "no data rows" },
        { "wrong delimiter: semicolons", ChannelDay.Header.Replace(',', ';') + "\n" + Good().Replace(',', ';'), 1, null, "semicolons" },
        { "wrong delimiter: tab row under comma header", $"{ChannelDay.Header}\n{Good()}\n{Good("2026-06-02").Replace(',', '\t')}", 3, null, "1 fields but the header has 20 (the file is comma separated)" },
        { "invalid date", $"{ChannelDay.Header}\n{Good()}\n{Good("2026-02-30")}", 3, "date", "'2026-02-30' is not a calendar date" },
        { "malformed date", $"{ChannelDay.Header}\n{Good("06/01/2026")}", 2, "date", "expected YYYY-MM-DD or YYYY/MM/DD" },
        { "unterminated quote", $"{ChannelDay.Header}\n{Good()}\n\"{Good("2026-06-02")}", 3, null, "not closed" },
        { "text after closing quote", $"{ChannelDay.Header}\n\"2026-06-01\"x,{Good()[11..]}", 2, null, "after a closing quote" },
        { "too many values", $"{ChannelDay.Header}\n{Good()},5", 2, null, "21 fields but the header has 20" },
        { "empty value", $"{ChannelDay.Header}\n{Good()}".Replace(",30000,", ",,", StringComparison.Ordinal), 2, "page_views", "the value is empty" },
        { "fractional count", $"{ChannelDay.Header}\n{Good()}".Replace(",30000,", ",30000.5,", StringComparison.Ordinal), 2, "page_views", "not a whole number" },
        { "percent as count", $"{ChannelDay.Header}\n{Good()}".Replace(",30000,", ",30%,", StringComparison.Ordinal), 2, "page_views", "percentage" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Import_Malformed_RefusedWithLineNumberAndDatabaseUnchanged(string name, string csv, long line, string? column, string reason)
    {
        var result = _db.Import(ImportKind.ChannelDaily, csv);

        Assert.False(result.Succeeded, name);
        var error = result.Errors[0];
        Assert.Equal(line, error.Line);
        Assert.Equal(column, error.Column);
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
        Assert.Equal(0, result.Inserted + result.Replaced);
        Assert.Equal(_before, _db.Fingerprint());
    }

    [Fact]
    public void Import_NotUtf8_NamesTheLine()
    {
        var gbk = new byte[] { 0xCC, 0xEC, 0xC3, 0xA8 }; // 天猫 in GBK
        var csv = Encoding.UTF8.GetBytes($"{ChannelDay.Header}\n{Good()}\n{Good("2026-06-02")}\n")
            .Concat(Encoding.UTF8.GetBytes("2026-06-03,")).Concat(gbk).Concat(Encoding.UTF8.GetBytes(Good()[25..] + "\n"))
            .ToArray();

        var result = _db.Import(ImportKind.ChannelDaily, csv);

        Assert.False(result.Succeeded);
        Assert.Equal(4, result.Errors[0].Line);
        Assert.Contains("not valid UTF-8", result.Errors[0].Message, StringComparison.Ordinal);
        Assert.Equal(_before, _db.Fingerprint());
    }

    [Fact]
    public void Import_Utf16File_IsRefusedAtLine1()
    {
        var result = _db.Import(ImportKind.ChannelDaily, Encoding.Unicode.GetPreamble().Concat(Encoding.Unicode.GetBytes(ChannelDay.Header + "\n" + Good())).ToArray());

        Assert.False(result.Succeeded);
        Assert.Equal(1, result.Errors[0].Line);
        Assert.Contains("UTF-16", result.Errors[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Import_OneBadLineAmongTenThousand_IsRefusedNamingThatLine()
    {
        var rows = A.Grid("2020-01-01", 1_250, ["tmall-flagship", "douyin-store"], ["natural_search", "live", "short_video", "search_ads"]);
        Assert.Equal(10_000, rows.Count);
        rows[6_789] = rows[6_789] with { PaidBuyers = rows[6_789].OrderBuyers + 1 };

        var result = _db.Import(ImportKind.ChannelDaily, ChannelDay.File(rows));

        Assert.False(result.Succeeded);
        var error = Assert.Single(result.Errors);
        Assert.Equal(6_791, error.Line);
        Assert.Equal("paid_buyers", error.Column);
        Assert.Equal(_before, _db.Fingerprint());
    }

    [Fact]
    public void Import_ManyBadLines_ListsTheFirstFiftyAndStops()
    {
        var rows = Enumerable.Range(0, 200).Select(i => $"2026-06-01,tmall-flagship,channel_{i},1,1,1,1,1,1,1,1,1,1,0,0,0,0,0,0,0");

        var result = _db.Import(ImportKind.ChannelDaily, ChannelDay.Header + "\n" + string.Join("\n", rows));

        Assert.Equal(CsvImporter.MaxIssues, result.Errors.Count);
        Assert.True(result.ErrorsTruncated);
        Assert.Equal(Enumerable.Range(2, 50).Select(i => (long)i), result.Errors.Select(e => e.Line));
        Assert.Contains("known channels are listed at line 2", result.Errors[1].Message, StringComparison.Ordinal);
        Assert.Equal(_before, _db.Fingerprint());
    }

    [Fact]
    public void Import_ErrorAfterAQuotedMultiLineField_ReportsTheFileLine()
    {
        var sku = """
            date,shop,sku,name,category,units_sold,gmv,product_visitors,paid_buyers,stock_units
            2026-06-01,tmall-flagship,TM-1,"two
            line name",护肤,1,10,10,1,5
            2026-06-01,tmall-flagship,TM-2,ok,护肤,1,10,10,1,-5
            """;

        var result = _db.Import(ImportKind.SkuDaily, sku);

        Assert.False(result.Succeeded);
        Assert.Equal(4, result.Errors[0].Line);
        Assert.Equal("stock_units", result.Errors[0].Column);
    }

    public static TheoryData<ImportKind, string, long, string?, string> OtherKinds() => new()
    {
        { ImportKind.Campaigns, "name,aliases,shop,start,end\n618,,tmall-flagship,2026-06-20,2026-06-01", 2, "end", "the end is before the start" },
        { ImportKind.Campaigns, "name,aliases,shop,start,end,warmup_start\n618,,tmall-flagship,2026-06-01,2026-06-20,2026-06-05", 2, "warmup_start", "warm-up starts after" },
        { ImportKind.Campaigns, "name,aliases,shop,start,end\n618,,tmall-flagship,2026-06-01,2026-06-20\n618,x,tmall-flagship,2026-06-01,2026-06-21", 3, "name", "same campaign is on line 2" },
        { ImportKind.CampaignCosts, "campaign,shop,channel,cost\nnope,tmall-flagship,live,100", 2, "campaign", "unknown campaign 'nope'" },
        { ImportKind.Goals, "shop,metric,period,target\ntmall-flagship,gmv,2026-13,100", 2, "period", "not a period" },
        { ImportKind.Goals, "shop,metric,period,target\ntmall-flagship,gmv,2026,100\ntmall-flagship,GMV,2026,200", 3, "metric", "same goal is on line 2" },
        { ImportKind.Buyers, "shop,buyer_id,first_order,last_order,orders,total_spent\ntmall-flagship,B1,2026-06-01,2026-05-01,1,10", 2, "last_order", "before the first order" },
        { ImportKind.Buyers, "shop,buyer_id,first_order,last_order,orders,total_spent\ntmall-flagship,B1,2026-06-01,2026-06-01,1,-10", 2, "total_spent", "negative" },
        { ImportKind.SkuDaily, "date,shop,sku,name,category,units_sold,gmv,product_visitors,paid_buyers,stock_units\n2026-06-01,tmall-flagship,,n,c,1,1,1,1,1", 2, "sku", "the value is empty" },
    };

    [Theory]
    [MemberData(nameof(OtherKinds))]
    public void Import_OtherKindsMalformed_RefusedWithLineNumber(ImportKind kind, string csv, long line, string? column, string reason)
    {
        var result = _db.Import(kind, csv);

        Assert.False(result.Succeeded);
        Assert.Equal(line, result.Errors[0].Line);
        Assert.Equal(column, result.Errors[0].Column);
        Assert.Contains(reason, result.Errors[0].Message, StringComparison.Ordinal);
        Assert.Equal(_before, _db.Fingerprint());
    }
}
