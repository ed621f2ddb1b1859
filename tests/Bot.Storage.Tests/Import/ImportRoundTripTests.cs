using Bot.Storage.Import;
using Bot.Storage.Tests.Support;

namespace Bot.Storage.Tests.Import;

/// <summary>Every kind: canonical English file → import → export gives the same text; the Chinese-header file with
/// marketplace formatting (¥, thousands separators, YYYY/MM/DD, %) gives the same content; export → import is a no-op.</summary>
public sealed class ImportRoundTripTests : IDisposable
{
    private const string Campaigns = """
        name,aliases,shop,start,end,warmup_start,target_gmv
        双11 2025,1111|Double 11|双11|双十一,tmall-flagship,2025-10-20,2025-11-11,,8000000.00
        618 2026,618|年中大促,tmall-flagship,2026-06-01,2026-06-20,2026-05-20,5000000.00
        618 2026,618,douyin-store,2026-06-01,2026-06-20,,

        """;

    private const string CampaignsChinese = """
        活动名称,别名,店铺,开始日期,结束日期,预热开始,目标GMV
        双11 2025, 1111 | Double 11 | 双11 | 双十一 ,tmall-flagship,2025/10/20,2025/11/11,,"¥8,000,000"
        618 2026,618|年中大促,tmall-flagship,2026/6/1,2026/6/20,2026/5/20,￥5000000
        618 2026,618,douyin-store,2026-06-01,2026-06-20,,

        """;

    private static readonly Dictionary<ImportKind, (string English, string Chinese)> Files = new()
    {
        [ImportKind.ChannelDaily] = (
            """
            date,shop,channel,visitors,page_views,product_visitors,favorite_users,cart_users,orders,order_buyers,paid_orders,paid_buyers,gmv,refund_amount,refund_orders,ad_cost,new_visitors,bounced_visitors,stay_seconds,multi_item_orders
            2026-06-01,tmall-flagship,natural_search,12000,36000,8400,600,1000,400,380,370,360,65000.50,3200.25,18,0.00,3600,4500,1080000,60
            2026-06-01,tmall-flagship,live,5000,14000,3500,200,400,180,170,165,160,20800.00,2100.00,9,5942.86,1500,1700,520000,25
            2026-06-02,tmall-flagship,natural_search,11000,33000,7700,550,900,370,350,340,330,59400.00,3000.00,16,0.00,3300,4200,990000,55

            """,
            """
            日期,店铺,渠道,访客数,浏览量,商品访客数,收藏人数,加购人数,下单数,下单买家数,支付订单数,支付买家数,支付金额(元),退款金额,退款订单数,推广花费,新访客数,跳失访客数,停留时长（秒）,联合购买订单数
            2026/6/1,tmall-flagship,自然搜索,"12,000","36,000","8,400",600,"1,000",400,380,370,360,"¥65,000.50",3200.25元,18,0,"3,600","4,500","1,080,000",60
            2026/06/01,tmall-flagship,直播,5000,14000,3500,200,400,180,170,165,160,￥20800,2100,9,$5942.86,1500,1700,520000,25
            2026/06/02,tmall-flagship,Natural Search,11000,33000,7700,550,900,370,350,340,330,59400,3000,16,0,3300,4200,990000,55

            """),
        [ImportKind.SkuDaily] = (
            """
            date,shop,sku,name,category,units_sold,gmv,product_visitors,paid_buyers,stock_units,rating,launch_date
            2026-06-01,tmall-flagship,TM-1001,"玻尿酸保湿精华 30ml, 礼盒",护肤,120,31080.00,1800,110,2400,4.8,2025-01-15
            2026-06-01,tmall-flagship,TM-1002,"Lipstick ""Velvet"" #01",彩妆,40,5160.00,900,38,600,,
            2026-06-02,tmall-flagship,TM-1001,"玻尿酸保湿精华 30ml, 礼盒",护肤,100,25900.00,1600,95,2300,4.8,2025-01-15

            """,
            """
            日期	店铺	商品ID	商品名称	类目	销量	支付金额	商品访客数	支付买家数	库存	评分	上架日期
            2026-06-01	tmall-flagship	TM-1001	玻尿酸保湿精华 30ml, 礼盒	护肤	120	¥31,080	1,800	110	2,400	4.8	2025/1/15
            2026-06-01	tmall-flagship	TM-1002	"Lipstick ""Velvet"" #01"	彩妆	40	5160	900	38	600		
            2026-06-02	tmall-flagship	TM-1001	玻尿酸保湿精华 30ml, 礼盒	护肤	100	25900	1600	95	2300	4.8	2025-01-15

            """),
        [ImportKind.Campaigns] = (Campaigns, CampaignsChinese),
        [ImportKind.CampaignCosts] = (
            """
            campaign,shop,channel,cost,note
            双11 2025,tmall-flagship,display_ads,80000.00,会场资源位 venue booking
            618 2026,tmall-flagship,live,200000.00,主播坑位费 host fee
            618 2026,tmall-flagship,social,20000.00,
            618 2026,tmall-flagship,social,150000.00,"KOL notes, 小红书"

            """,
            """
            活动,店铺,渠道,费用,备注
            双11 2025,tmall-flagship,展示广告,"¥80,000",会场资源位 venue booking
            618 2026,tmall-flagship,直播,200000,主播坑位费 host fee
            618 2026,tmall-flagship,小红书,20000,
            618 2026,tmall-flagship,社交/种草,"150,000.00","KOL notes, 小红书"

            """),
        [ImportKind.Goals] = (
            """
            shop,metric,period,target,channel
            tmall-flagship,conversion,2026,0.035,
            tmall-flagship,gmv,2026,120000000,
            tmall-flagship,gmv,2026,30000000,live
            tmall-flagship,gmv,2026-06,12000000,
            tmall-flagship,gmv,2026-Q3,25000000,

            """,
            """
            店铺,指标,周期,目标值,渠道
            tmall-flagship,支付转化率,2026,3.5%,
            tmall-flagship,成交金额,2026年,"¥120,000,000",
            tmall-flagship,GMV,2026,"30,000,000",直播
            tmall-flagship,gmv,2026/6,12000000,
            tmall-flagship,gmv,2026 Q3,25000000,

            """),
        [ImportKind.Buyers] = (
            """
            shop,buyer_id,first_order,last_order,orders,total_spent,tier
            tmall-flagship,B0001,2024-03-01,2026-05-30,7,2590.00,gold
            tmall-flagship,B0002,2026-05-20,2026-05-20,1,199.00,
            tmall-flagship,B0003,2023-11-11,2024-06-18,2,388.50,silver

            """,
            """
            店铺,买家ID,首次下单日期,最近下单日期,订单数,累计消费金额,会员等级
            tmall-flagship,B0001,2024/3/1,2026/5/30,7,"¥2,590",gold
            tmall-flagship,B0002,2026-05-20,2026-05-20,1,199,
            tmall-flagship,B0003,2023-11-11,2024-06-18,2,388.5,silver

            """),
    };

    private readonly TempDatabase _db = new();

    public void Dispose() => _db.Dispose();

    public static TheoryData<ImportKind> Kinds() => [.. ImportKinds.All];

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Import_CanonicalEnglishFile_ExportsTheSameText(ImportKind kind)
    {
        var english = Prepare(kind).English;

        var result = _db.Import(kind, english);

        Assert.True(result.Succeeded, result.Summary);
        Assert.Equal(Lines(english), result.Rows);
        Assert.Equal(result.Rows, result.Inserted);
        Assert.Equal(english, _db.Export(kind));
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Import_ChineseHeadersAndMarketplaceFormatting_GivesTheSameContent(ImportKind kind)
    {
        var (english, chinese) = Prepare(kind);

        var result = _db.Import(kind, chinese);

        Assert.True(result.Succeeded, string.Join("\n", result.Errors));
        Assert.Equal(english, _db.Export(kind));
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void ExportThenImport_IsANoOpReplaceWithTheSameRowCount(ImportKind kind)
    {
        Assert.True(_db.Import(kind, Prepare(kind).English).Succeeded);
        var exported = _db.Export(kind);
        var before = _db.Fingerprint();

        var again = _db.Import(kind, exported);

        Assert.True(again.Succeeded, again.Summary);
        Assert.Equal(Lines(exported), again.Rows);
        Assert.Equal(0, again.Inserted);
        Assert.Equal(again.Rows, again.Replaced);
        Assert.Equal(before, _db.Fingerprint());
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Import_WithBom_IsAccepted(ImportKind kind)
    {
        var english = Prepare(kind).English;

        var result = _db.Import(kind, [0xEF, 0xBB, 0xBF, .. System.Text.Encoding.UTF8.GetBytes(english)]);

        Assert.True(result.Succeeded, result.Summary);
        Assert.Equal(english, _db.Export(kind));
    }

    private (string English, string Chinese) Prepare(ImportKind kind)
    {
        if (kind == ImportKind.CampaignCosts)
        {
            Assert.True(_db.Import(ImportKind.Campaigns, Campaigns).Succeeded);
        }

        return Files[kind];
    }

    private static long Lines(string csv) => csv.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length - 1;
}
