namespace Bot.Storage.Demo;

/// <summary>Product names of the demo brand (beauty and personal care), with list prices in yuan.</summary>
internal static class Catalog
{
    public static readonly (string Name, string Category, double Price)[] Products =
    [
        ("玻尿酸保湿精华", "护肤", 259),
        ("烟酰胺焕亮面霜", "护肤", 199),
        ("氨基酸洁面乳", "护肤", 79),
        ("修护爽肤水", "护肤", 129),
        ("视黄醇抗老眼霜", "护肤", 299),
        ("清透防晒乳 SPF50", "护肤", 139),
        ("补水面膜 10片", "护肤", 99),
        ("积雪草修护霜", "护肤", 169),
        ("丝绒哑光口红", "彩妆", 129),
        ("持妆粉底液", "彩妆", 239),
        ("空气感散粉", "彩妆", 149),
        ("防水眼线笔", "彩妆", 69),
        ("十色眼影盘", "彩妆", 189),
        ("气垫BB霜", "彩妆", 179),
        ("氨基酸洗发水", "个护", 69),
        ("护发精油", "个护", 89),
        ("香氛沐浴露", "个护", 59),
        ("烟酰胺身体乳", "个护", 89),
        ("美白牙膏", "个护", 39),
        ("护手霜三支装", "个护", 49),
        ("木质调淡香水", "香氛", 329),
        ("香薰蜡烛", "香氛", 159),
        ("车载香氛", "香氛", 99),
        ("护肤礼盒", "套装", 499),
        ("彩妆礼盒", "套装", 399),
    ];

    public static readonly string[] Variants = ["30ml", "50ml", "100ml", "#01", "#02", "#03", "旅行装", "家庭装"];
}
