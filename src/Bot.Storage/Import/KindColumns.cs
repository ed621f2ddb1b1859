namespace Bot.Storage.Import;

/// <summary>One CSV column: its canonical English name, whether a file must have it, and the other headers that mean it.</summary>
public sealed record ColumnSpec(string Name, bool Required, IReadOnlyList<string> Synonyms);

/// <summary>The columns of every kind with their Chinese and English variants (domain.md §2).</summary>
/// <remarks>
/// Headers are compared after <see cref="HeaderKey"/>: case, spaces, underscores, hyphens, dots and a
/// unit in brackets ("支付金额(元)", "停留时长（秒）") do not matter.
/// </remarks>
public static class KindColumns
{
    public static readonly ColumnSpec Date = Req("date", "day", "日期", "统计日期", "数据日期");
    public static readonly ColumnSpec Shop = Req("shop", "store", "shop name", "store name", "店铺", "店铺名称", "店铺名");
    public static readonly ColumnSpec Channel = Req("channel", "source", "traffic source", "渠道", "渠道名称", "流量来源", "来源");

    private static readonly ColumnSpec[] ChannelDaily =
    [
        Date,
        Shop,
        Channel,
        Req("visitors", "uv", "访客数", "访客"),
        Req("page_views", "pv", "views", "浏览量", "浏览次数"),
        Req("product_visitors", "商品访客数", "商品详情页访客数", "详情页访客数"),
        Req("favorite_users", "favourite_users", "favorites", "收藏人数", "收藏买家数", "商品收藏人数"),
        Req("cart_users", "add_to_cart_users", "加购人数", "加购买家数", "商品加购人数"),
        Req("orders", "下单数", "下单笔数", "下单订单数"),
        Req("order_buyers", "下单买家数", "下单人数"),
        Req("paid_orders", "支付订单数", "支付笔数"),
        Req("paid_buyers", "支付买家数", "支付人数", "成交人数"),
        Req("gmv", "paid_amount", "成交金额", "支付金额", "成交额", "销售额"),
        Req("refund_amount", "refunds", "退款金额", "成功退款金额"),
        Req("refund_orders", "退款订单数", "退款笔数"),
        Req("ad_cost", "ad_spend", "推广花费", "广告花费", "推广费用"),
        Req("new_visitors", "新访客数", "新访客"),
        Req("bounced_visitors", "跳失访客数", "跳失人数"),
        Req("stay_seconds", "stay_time", "停留时长", "总停留时长"),
        Req("multi_item_orders", "联合购买订单数", "连带订单数"),
    ];

    private static readonly ColumnSpec[] SkuDaily =
    [
        Date,
        Shop,
        Req("sku", "sku_id", "item_id", "商品id", "商品编码", "sku编码", "货号"),
        Req("name", "product_name", "title", "商品名称", "商品名", "商品标题"),
        Req("category", "类目", "商品类目", "分类"),
        Req("units_sold", "units", "销量", "支付件数", "销售件数"),
        Req("gmv", "paid_amount", "成交金额", "支付金额", "成交额", "销售额"),
        Req("product_visitors", "visitors", "商品访客数", "访客数"),
        Req("paid_buyers", "支付买家数", "支付人数", "成交人数"),
        Req("stock_units", "stock", "inventory", "库存", "库存数量", "库存件数"),
        Opt("rating", "评分", "商品评分", "评价分数"),
        Opt("launch_date", "listed_date", "上架日期", "上新日期", "上市日期"),
    ];

    private static readonly ColumnSpec[] Campaigns =
    [
        Req("name", "campaign", "campaign_name", "活动", "活动名称", "名称"),
        Req("aliases", "alias", "别名", "活动别名"),
        Shop,
        Req("start", "start_date", "开始日期", "开始", "开始时间"),
        Req("end", "end_date", "结束日期", "结束", "结束时间"),
        Opt("warmup_start", "warm_up_start", "presale_start", "预热开始", "预热开始日期", "预售开始"),
        Opt("target_gmv", "target", "目标gmv", "目标成交金额", "目标金额"),
    ];

    private static readonly ColumnSpec[] CampaignCosts =
    [
        Req("campaign", "campaign_name", "活动", "活动名称"),
        Shop,
        Channel,
        Req("cost", "amount", "费用", "花费", "成本", "金额"),
        Opt("note", "notes", "memo", "备注", "说明"),
    ];

    private static readonly ColumnSpec[] Goals =
    [
        Shop,
        Req("metric", "指标", "目标指标"),
        Req("period", "周期", "期间", "时间段"),
        Req("target", "target_value", "目标", "目标值"),
        Opt("channel", "渠道", "流量来源"),
    ];

    private static readonly ColumnSpec[] Buyers =
    [
        Shop,
        Req("buyer_id", "buyer", "customer_id", "user_id", "member_id", "买家id", "会员id", "用户id", "客户id"),
        Req("first_order", "first_order_date", "首次下单日期", "首单日期", "首次购买日期"),
        Req("last_order", "last_order_date", "最近下单日期", "最后下单日期", "末次下单日期", "最近购买日期"),
        Req("orders", "order_count", "订单数", "购买次数", "下单次数", "累计订单数"),
        Req("total_spent", "spent", "累计消费金额", "消费金额", "累计金额", "总消费"),
        Opt("tier", "member_tier", "level", "会员等级", "等级"),
    ];

    public static IReadOnlyList<ColumnSpec> For(ImportKind kind) => kind switch
    {
        ImportKind.ChannelDaily => ChannelDaily,
        ImportKind.SkuDaily => SkuDaily,
        ImportKind.Campaigns => Campaigns,
        ImportKind.CampaignCosts => CampaignCosts,
        ImportKind.Goals => Goals,
        ImportKind.Buyers => Buyers,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    /// <summary>Index of a canonical column within <see cref="For"/>.</summary>
    public static int IndexOf(ImportKind kind, string name)
    {
        var columns = For(kind);
        for (var i = 0; i < columns.Count; i++)
        {
            if (columns[i].Name == name)
            {
                return i;
            }
        }

        throw new ArgumentException($"{ImportKinds.Name(kind)} has no column {name}.", nameof(name));
    }

    /// <summary>Header comparison key: lower case; no spaces, underscores, hyphens or dots; no unit in brackets.</summary>
    public static string HeaderKey(ReadOnlySpan<char> header)
    {
        var chars = new System.Text.StringBuilder(header.Length);
        var depth = 0;
        foreach (var c in header)
        {
            switch (c)
            {
                case '(' or '（' or '[' or '【':
                    depth++;
                    continue;
                case ')' or '）' or ']' or '】':
                    depth = Math.Max(0, depth - 1);
                    continue;
                case '_' or '-' or '.' or '\uFEFF':
                    continue;
            }

            if (depth > 0 || char.IsWhiteSpace(c))
            {
                continue;
            }

            chars.Append(char.ToLowerInvariant(c));
        }

        return chars.ToString();
    }

    private static ColumnSpec Req(string name, params string[] synonyms) => new(name, true, synonyms);

    private static ColumnSpec Opt(string name, params string[] synonyms) => new(name, false, synonyms);
}
