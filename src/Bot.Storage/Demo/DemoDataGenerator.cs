using System.Globalization;
using Bot.Storage.Export;
using Bot.Storage.Import;
using Bot.Storage.Sqlite;

namespace Bot.Storage.Demo;

public sealed record DemoShop(string Code, string Name, IReadOnlyList<string> Aliases);

public sealed record DemoChannel(string Code, string Name, string ChineseName, IReadOnlyList<string> Aliases);

/// <summary>Deterministic, realistic demo data for every import kind, written as canonical CSV.</summary>
/// <remarks>
/// Magnitudes (issue 3 item 5): 5k–60k visitors per shop-day, conversion 1.5–4 %, AOV ¥80–¥300,
/// refund rate 3–12 %; weekly seasonality; 618 (warm-up May 20–31, June 1–20, peak on the 18th) and
/// 双11 (Oct 20–Nov 11, peak on the 11th) with fixed costs; a refund spike in tmall-flagship on days
/// −24..−22, a conversion dip ~40 % below normal in tmall-flagship on the last five days
/// (<see cref="DemoDataOptions.ConversionDip"/>, so a new conversion alert fires at once and
/// <see cref="WriteRecoveredDip"/> resolves it), a slow-moving SKU group and new SKUs launched in the
/// last 15 days. Every funnel-order rule of the importer holds.
/// Each shop-day draws from its own seeded generator, so any part can be produced on its own.
/// </remarks>
public sealed class DemoDataGenerator
{
    private static readonly DemoChannel[] AllChannels =
    [
        new("natural_search", "natural search", "自然搜索", []),
        new("recommendation", "platform recommendation", "平台推荐", []),
        new("search_ads", "search ads", "搜索广告", []),
        new("display_ads", "display ads", "展示广告", []),
        new("short_video", "short video", "短视频", []),
        new("live", "live streaming", "直播", []),
        new("social", "social/content", "社交/种草", []),
        new("private_domain", "private domain", "私域", []),
        new("other", "other", "其他", []),
        new("affiliate", "affiliate", "淘宝客", ["淘客", "taobaoke"]),
        new("membership", "membership", "会员", ["会员中心", "members"]),
        new("brand_zone", "brand zone", "品牌专区", ["brand search"]),
    ];

    // Per channel (same order): share of visitors for a search-led and a content-led shop, relative conversion,
    // relative AOV, ROAS of the daily ad cost (0 = free traffic).
    private static readonly double[] SearchShare = [0.30, 0.22, 0.15, 0.08, 0.06, 0.07, 0.05, 0.07, 0.02, 0.04, 0.03, 0.02];
    private static readonly double[] ContentShare = [0.08, 0.15, 0.05, 0.05, 0.30, 0.30, 0.04, 0.03, 0.02, 0.02, 0.02, 0.01];
    private static readonly double[] RelativeConversion = [1.25, 0.70, 1.00, 0.55, 0.80, 1.30, 0.75, 2.20, 0.80, 1.10, 1.80, 1.20];
    private static readonly double[] RelativeAov = [1.00, 0.95, 1.05, 0.95, 0.90, 0.85, 1.05, 1.20, 1.00, 0.90, 1.15, 1.10];
    private static readonly double[] Roas = [0, 0, 3.8, 2.4, 4.0, 3.5, 0, 0, 0, 5.0, 0, 6.0];

    // Monday … Sunday.
    private static readonly double[] Weekday = [0.95, 0.96, 0.97, 1.00, 1.03, 1.10, 1.08];

    private readonly DemoDataOptions _options;
    private readonly ShopProfile[] _profiles;
    private readonly int _firstDay;
    private readonly int _lastDay;
    private readonly int _todayDay;

    public DemoDataGenerator(DemoDataOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Shops, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Channels, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(options.Channels, AllChannels.Length);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Years, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.SkusPerShop, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(options.BuyersPerShop);
        _options = options;
        _firstDay = Days.ToDay(options.FirstDay);
        _lastDay = Days.ToDay(options.LastDay);
        _todayDay = Days.ToDay(options.Today);
        Channels = AllChannels[..options.Channels];
        Shops = Enumerable.Range(0, options.Shops).Select(ShopAt).ToArray();
        _profiles = Enumerable.Range(0, options.Shops).Select(BuildProfile).ToArray();
    }

    public DemoDataOptions Options => _options;

    public IReadOnlyList<DemoShop> Shops { get; }

    public IReadOnlyList<DemoChannel> Channels { get; }

    /// <summary>Writes one kind as canonical CSV (header included).</summary>
    public void Write(ImportKind kind, TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        var csv = new CsvLineWriter(writer);
        csv.Header(ImportKinds.Header(kind));
        switch (kind)
        {
            case ImportKind.ChannelDaily:
                WriteChannelDaily(csv, 0, _profiles.Length - 1, _firstDay, _lastDay, withDip: true);
                break;
            case ImportKind.SkuDaily:
                WriteSkuDaily(csv);
                break;
            case ImportKind.Campaigns:
                WriteCampaigns(csv);
                break;
            case ImportKind.CampaignCosts:
                WriteCampaignCosts(csv);
                break;
            case ImportKind.Goals:
                WriteGoals(csv);
                break;
            case ImportKind.Buyers:
                WriteBuyers(csv);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(kind), kind, null);
        }

        writer.Flush();
    }

    /// <summary>Writes every kind to <c>{directory}/{kind}.csv</c> (UTF-8 without BOM); returns the paths in load order.</summary>
    public IReadOnlyList<string> WriteFiles(string directory)
    {
        Directory.CreateDirectory(directory);
        var paths = new List<string>();
        foreach (var kind in ImportKinds.All)
        {
            var path = Path.Combine(directory, ImportKinds.Name(kind) + ".csv");
            using var writer = new StreamWriter(path, false, new System.Text.UTF8Encoding(false), 1 << 16);
            Write(kind, writer);
            paths.Add(path);
        }

        return paths;
    }

    private static DemoShop ShopAt(int index) => index switch
    {
        0 => new DemoShop("tmall-flagship", "天猫旗舰店", ["tmall", "天猫", "Tmall flagship"]),
        1 => new DemoShop("douyin-store", "抖音小店", ["douyin", "抖音", "Douyin store"]),
        _ => new DemoShop(
            string.Create(CultureInfo.InvariantCulture, $"shop-{index + 1:000}"),
            string.Create(CultureInfo.InvariantCulture, $"店铺{index + 1:000}"),
            []),
    };

    private ShopProfile BuildProfile(int shop)
    {
        var random = new DemoRandom(_options.Seed, shop, 0, 1);
        var contentLed = shop == 1 || (shop > 1 && random.Chance(0.4));
        var profile = new ShopProfile
        {
            Index = shop,
            BaseVisitors = shop switch { 0 => 17_000, 1 => 11_000, _ => random.Between(6_000, 16_000) },
            Conversion = shop switch { 0 => 0.029, 1 => 0.028, _ => random.Between(0.026, 0.030) },
            Aov = shop switch { 0 => 185, 1 => 115, _ => random.Between(100, 220) },
            RefundRate = shop switch { 0 => 0.060, 1 => 0.080, _ => random.Between(0.05, 0.085) },
            Growth = shop switch { 0 => 0.12, 1 => 0.18, _ => random.Between(0.02, 0.15) },
            Prefix = shop switch { 0 => "TM", 1 => "DY", _ => string.Create(CultureInfo.InvariantCulture, $"S{shop + 1:000}") },

            // Product page → cart: tmall's product pages under-convert (its weakest step), douyin's impulse carts are
            // rarely ordered (cart → order is its weakest), so the funnel names different steps per shop.
            CartRate = shop switch { 0 => 0.075, 1 => 0.12, _ => random.Between(0.07, 0.13) },
        };

        // Normalise shares over the chosen channels, and relative conversions so that the
        // share-weighted average is 1: the shop's conversion is then its overall conversion.
        var shares = contentLed ? ContentShare : SearchShare;
        var count = Channels.Count;
        profile.Share = new double[count];
        profile.Conversion0 = new double[count];
        double shareSum = 0, weighted = 0;
        for (var c = 0; c < count; c++)
        {
            shareSum += shares[c];
        }

        for (var c = 0; c < count; c++)
        {
            profile.Share[c] = shares[c] / shareSum;
            weighted += profile.Share[c] * RelativeConversion[c];
        }

        for (var c = 0; c < count; c++)
        {
            profile.Conversion0[c] = RelativeConversion[c] / weighted;
        }

        profile.Skus = BuildSkus(profile);
        return profile;
    }

    // ---- channel-daily -------------------------------------------------------------------------

    /// <summary>
    /// The channel-daily rows of the conversion dip's shop and days as they would have been without it: "recovered
    /// numbers" (a fixed tracking fault, re-imported). Every other number is the same as in <see cref="Write"/>.
    /// </summary>
    public void WriteRecoveredDip(TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        var csv = new CsvLineWriter(writer);
        csv.Header(ImportKinds.Header(ImportKind.ChannelDaily));
        var dip = _options.ConversionDip;
        var shop = Math.Min(DemoDataOptions.ConversionDipShop, _profiles.Length - 1);
        WriteChannelDaily(csv, shop, shop, Days.ToDay(dip.Start), Days.ToDay(dip.End), withDip: false);
        writer.Flush();
    }

    private void WriteChannelDaily(CsvLineWriter csv, int firstShop, int lastShop, int firstDay, int lastDay, bool withDip)
    {
        var rows = new ChannelDay[Channels.Count];
        for (var shop = firstShop; shop <= lastShop; shop++)
        {
            for (var day = firstDay; day <= lastDay; day++)
            {
                ComputeDay(_profiles[shop], day, rows, withDip);
                for (var c = 0; c < rows.Length; c++)
                {
                    ref var r = ref rows[c];
                    csv.Day(day);
                    csv.Text(Shops[shop].Code);
                    csv.Text(Channels[c].Code);
                    csv.Int(r.Visitors);
                    csv.Int(r.PageViews);
                    csv.Int(r.ProductVisitors);
                    csv.Int(r.FavoriteUsers);
                    csv.Int(r.CartUsers);
                    csv.Int(r.Orders);
                    csv.Int(r.OrderBuyers);
                    csv.Int(r.PaidOrders);
                    csv.Int(r.PaidBuyers);
                    csv.Cents(r.GmvCents);
                    csv.Cents(r.RefundCents);
                    csv.Int(r.RefundOrders);
                    csv.Cents(r.AdCostCents);
                    csv.Int(r.NewVisitors);
                    csv.Int(r.BouncedVisitors);
                    csv.Int(r.StaySeconds);
                    csv.Int(r.MultiItemOrders);
                    csv.EndLine();
                }
            }
        }
    }

    /// <summary>The model of one shop-day: every channel's counters, with every funnel-order rule holding.</summary>
    private void ComputeDay(ShopProfile shop, int day, ChannelDay[] rows, bool withDip)
    {
        var random = new DemoRandom(_options.Seed, shop.Index, day, 2);
        var date = Days.ToDate(day);
        var season = Season(date);
        var years = (day - _firstDay) / 365.0;
        var weekday = Weekday[((int)date.DayOfWeek + 6) % 7];
        var total = shop.BaseVisitors * (1 + (shop.Growth * years)) * weekday * season.Traffic * random.Noise(0.06);
        total = Math.Clamp(total, 5_200, 59_000);

        var offset = day - _todayDay;
        var conversionFactor = season.Conversion;
        if (_options.Scenarios && withDip && shop.Index == DemoDataOptions.ConversionDipShop && offset is < 0 && offset >= -DemoDataOptions.ConversionDipDays)
        {
            conversionFactor = 0.60;
        }

        var refundFactor = season.Refund;
        if (_options.Scenarios && shop.Index == 0 && offset is >= -24 and <= -22)
        {
            refundFactor = 1.75;
        }

        for (var c = 0; c < rows.Length; c++)
        {
            ref var r = ref rows[c];
            var visitors = Math.Max(20, (long)Math.Round(total * shop.Share[c] * random.Noise(0.08)));
            var conversion = shop.Conversion * shop.Conversion0[c] * conversionFactor * random.Noise(0.05);
            var paidBuyers = Math.Min(visitors, (long)Math.Round(visitors * conversion));
            var orderBuyers = Math.Min(visitors, (long)Math.Round(paidBuyers / random.Between(0.93, 0.97)));
            var productVisitors = (long)Math.Round(visitors * random.Between(0.66, 0.76));
            var cartUsers = Math.Min(visitors, (long)Math.Round(productVisitors * shop.CartRate * season.Cart * random.Noise(0.1)));
            var aov = shop.Aov * RelativeAov[c] * season.Aov * random.Noise(0.06);
            var gmvCents = (long)Math.Round(paidBuyers * aov * 100);
            var refundRate = Math.Min(0.118, shop.RefundRate * refundFactor * random.Noise(0.15));
            var paidOrders = (long)Math.Round(paidBuyers * 1.06);
            var roas = Roas[c] * season.Roas;

            r.Visitors = visitors;
            r.PageViews = (long)Math.Round(visitors * random.Between(2.6, 3.6));
            r.ProductVisitors = productVisitors;
            r.FavoriteUsers = (long)Math.Round(productVisitors * 0.07 * random.Noise(0.1));
            r.CartUsers = cartUsers;
            r.OrderBuyers = orderBuyers;
            r.Orders = (long)Math.Round(orderBuyers * 1.06);
            r.PaidBuyers = paidBuyers;
            r.PaidOrders = paidOrders;
            r.GmvCents = gmvCents;
            r.RefundCents = (long)Math.Round(gmvCents * refundRate);
            r.RefundOrders = (long)Math.Round(paidOrders * refundRate * 0.9);
            r.AdCostCents = roas > 0 ? (long)Math.Round(gmvCents / (roas * random.Noise(0.12))) : 0;
            r.NewVisitors = Math.Min(visitors, (long)Math.Round(visitors * 0.30 * season.NewVisitors * random.Noise(0.1)));
            r.BouncedVisitors = Math.Min(visitors, (long)Math.Round(visitors * 0.38 * random.Noise(0.1)));
            r.StaySeconds = (long)Math.Round(visitors * random.Between(70, 110));
            r.MultiItemOrders = (long)Math.Round(paidOrders * 0.16 * random.Noise(0.2));
        }
    }

    /// <summary>Campaign effects by date: 618 and 双11 warm-up, main phase and peak day, then post-双11 refunds.</summary>
    private static SeasonFactors Season(DateOnly date)
    {
        var (m, d) = (date.Month, date.Day);
        return (m, d) switch
        {
            (5, >= 20) => new SeasonFactors(1.20, 0.88, 1.00, 1.00, 1.5, 1.10, 0.95),
            (6, 18) => new SeasonFactors(2.10, 1.22, 1.15, 1.00, 1.3, 1.25, 0.80),
            (6, <= 17) => new SeasonFactors(1.35, 1.10, 1.10, 1.00, 1.3, 1.15, 0.85),
            (6, <= 20) => new SeasonFactors(1.20, 1.05, 1.05, 1.15, 1.1, 1.10, 0.90),
            (10, >= 20) => new SeasonFactors(1.30, 0.88, 1.00, 1.00, 1.6, 1.10, 0.95),
            (11, 11) => new SeasonFactors(2.20, 1.22, 1.18, 1.00, 1.3, 1.25, 0.80),
            (11, <= 10) => new SeasonFactors(1.45, 1.12, 1.12, 1.00, 1.3, 1.15, 0.85),
            (11, <= 25) => new SeasonFactors(1.05, 1.00, 1.00, 1.35, 1.0, 1.00, 1.00),
            _ => SeasonFactors.Normal,
        };
    }

    // ---- sku-daily -----------------------------------------------------------------------------

    private SkuProfile[] BuildSkus(ShopProfile shop)
    {
        var random = new DemoRandom(_options.Seed, shop.Index, 0, 3);
        var count = _options.SkusPerShop;
        var withStories = _options.Scenarios && count >= 20;
        var slow = withStories ? Math.Max(4, count / 12) : 0;
        var fresh = withStories ? Math.Max(3, count / 16) : 0;
        var skus = new SkuProfile[count];
        for (var i = 0; i < count; i++)
        {
            var product = Catalog.Products[(i * 7 + shop.Index) % Catalog.Products.Length];
            var kind = i >= count - fresh ? SkuKind.New : i >= count - fresh - slow ? SkuKind.Slow : SkuKind.Regular;
            var variant = Catalog.Variants[(i / Catalog.Products.Length + i) % Catalog.Variants.Length];
            var name = kind switch
            {
                SkuKind.New => $"新品 {product.Name} {variant}",
                SkuKind.Slow => $"经典款 {product.Name} {variant}",
                _ => $"{product.Name} {variant}",
            };
            var launch = kind switch
            {
                SkuKind.New => _todayDay - random.Int(3, 15),
                SkuKind.Slow => _firstDay - random.Int(200, 900),
                _ => random.Chance(0.85) ? _firstDay - random.Int(30, 700) : random.Int(_firstDay, Math.Max(_firstDay + 1, _lastDay - 60)),
            };
            skus[i] = new SkuProfile
            {
                Code = string.Create(CultureInfo.InvariantCulture, $"{shop.Prefix}-{1001 + i}"),
                Name = name,
                Category = product.Category,
                Price = product.Price * shop.Aov / 150.0 * random.Between(0.9, 1.1),
                Weight = kind switch
                {
                    SkuKind.Regular => 1.0 / Math.Pow(i + 1, 0.9),
                    SkuKind.New => 0.04 * random.Between(0.5, 1.5),
                    _ => 0,
                },
                Conversion = kind == SkuKind.New && i % 2 == 0 ? random.Between(0.11, 0.15) : random.Between(0.04, 0.09),
                Rating = Math.Round(kind == SkuKind.Slow ? random.Between(4.1, 4.5) : random.Between(4.6, 4.95), 2),
                Launch = launch,
                Kind = kind,
                InitialStock = kind == SkuKind.Slow ? random.Int(300, 900) : 0,
            };
        }

        return skus;
    }

    private void WriteSkuDaily(CsvLineWriter csv)
    {
        var rows = new ChannelDay[Channels.Count];
        for (var shopIndex = 0; shopIndex < _profiles.Length; shopIndex++)
        {
            var shop = _profiles[shopIndex];
            var skus = shop.Skus;
            var stock = new long[skus.Length];
            var units = new long[skus.Length];
            for (var day = _firstDay; day <= _lastDay; day++)
            {
                ComputeDay(shop, day, rows, withDip: true);
                long paidOrders = 0;
                for (var c = 0; c < rows.Length; c++)
                {
                    paidOrders += rows[c].PaidOrders;
                }

                var random = new DemoRandom(_options.Seed, shop.Index, day, 4);
                var weights = 0.0;
                foreach (var sku in skus)
                {
                    weights += sku.Launch <= day ? sku.Weight * (sku.Kind == SkuKind.New ? 1 + ((day - sku.Launch) * 0.15) : 1) : 0;
                }

                var date = Days.ToDate(day);
                var season = Season(date);
                var discount = season.Aov > 1.0 ? 0.88 : 1.0;
                var totalUnits = paidOrders * 1.3;
                for (var i = 0; i < skus.Length; i++)
                {
                    var sku = skus[i];
                    if (sku.Launch > day)
                    {
                        continue;
                    }

                    var weight = sku.Weight * (sku.Kind == SkuKind.New ? 1 + ((day - sku.Launch) * 0.15) : 1);
                    long sold = sku.Kind == SkuKind.Slow
                        ? (random.Chance(0.03) ? 1 : 0)
                        : (long)Math.Round(totalUnits * weight / weights * random.Noise(0.25));
                    if (stock[i] == 0 && units[i] == 0)
                    {
                        // First day on sale: 40 days of cover (the slow movers sit on an old batch).
                        stock[i] = sku.Kind == SkuKind.Slow ? sku.InitialStock : Math.Max(50, (long)(Math.Max(sold, 1) * 40));
                    }

                    sold = Math.Min(sold, stock[i]);
                    stock[i] -= sold;
                    units[i] += sold;
                    if (sku.Kind != SkuKind.Slow && stock[i] < Math.Max(5, sold * 7))
                    {
                        // Restocked overnight to 45 days of cover (lead time about a week).
                        stock[i] += Math.Max(60, sold * 45);
                    }

                    var buyers = (long)Math.Round(sold / random.Between(1.05, 1.25));
                    var visitors = sold > 0
                        ? (long)Math.Round(buyers / (sku.Conversion * random.Noise(0.15)))
                        : random.Int(3, 30);
                    csv.Day(day);
                    csv.Text(Shops[shopIndex].Code);
                    csv.Text(sku.Code);
                    csv.Text(sku.Name);
                    csv.Text(sku.Category);
                    csv.Int(sold);
                    csv.Cents((long)Math.Round(sold * sku.Price * discount * 100));
                    csv.Int(Math.Max(visitors, buyers));
                    csv.Int(buyers);
                    csv.Int(stock[i]);
                    csv.Number(sku.Rating);
                    csv.Day(sku.Launch);
                    csv.EndLine();
                }
            }
        }
    }

    // ---- campaigns, costs, goals ---------------------------------------------------------------

    private IEnumerable<(int Shop, string Name, string Aliases, int Start, int End, int? Warmup, bool Is618)> CampaignList()
    {
        for (var shop = 0; shop < _profiles.Length; shop++)
        {
            for (var year = _options.FirstDay.Year; year <= _options.Today.Year; year++)
            {
                var c618 = (Start: Days.ToDay(new DateOnly(year, 6, 1)), End: Days.ToDay(new DateOnly(year, 6, 20)), Warmup: Days.ToDay(new DateOnly(year, 5, 20)));
                if (c618.End >= _firstDay)
                {
                    yield return (shop, $"618 {year}", "618|年中大促", c618.Start, c618.End, c618.Warmup, true);
                }

                var start11 = Days.ToDay(new DateOnly(year, 10, 20));
                var end11 = Days.ToDay(new DateOnly(year, 11, 11));
                if (end11 >= _firstDay)
                {
                    yield return (shop, $"双11 {year}", "双11|Double 11|1111|双十一", start11, end11, null, false);
                }
            }
        }
    }

    private void WriteCampaigns(CsvLineWriter csv)
    {
        foreach (var c in CampaignList())
        {
            var expected = ExpectedGmvCents(_profiles[c.Shop], c.Warmup ?? c.Start, c.End);
            csv.Text(c.Name);
            csv.Text(c.Aliases);
            csv.Text(Shops[c.Shop].Code);
            csv.Day(c.Start);
            csv.Day(c.End);
            csv.OptionalDay(c.Warmup);
            csv.Cents(RoundTo(expected * 1.05, 10_000_00));
            csv.EndLine();
        }
    }

    private void WriteCampaignCosts(CsvLineWriter csv)
    {
        foreach (var c in CampaignList())
        {
            if (c.Start >= _todayDay)
            {
                continue;
            }

            var random = new DemoRandom(_options.Seed, c.Shop, c.Start, 5);
            var scale = (1 + (_profiles[c.Shop].Growth * (c.Start - _firstDay) / 365.0)) * (c.Is618 ? 0.85 : 1.0);
            (string Channel, string Note, double Yuan)[] costs = c.Shop == 1
                ? [("live", "达人直播坑位费 KOL live slots", 300_000), ("short_video", "达人短视频 KOL videos", 150_000), ("social", "种草笔记 seeding notes", 60_000)]
                : [("social", "小红书达人笔记 KOL notes", 150_000), ("live", "主播坑位费 host fee", 200_000), ("display_ads", "会场资源位 venue booking", 80_000), ("short_video", "视频制作 video production", 40_000)];
            foreach (var (channel, note, yuan) in costs)
            {
                if (!Channels.Any(ch => ch.Code == channel))
                {
                    continue;
                }

                csv.Text(c.Name);
                csv.Text(Shops[c.Shop].Code);
                csv.Text(channel);
                csv.Cents(RoundTo(yuan * 100 * scale * random.Noise(0.1), 1_000_00));
                csv.Text(note);
                csv.EndLine();
            }
        }
    }

    private void WriteGoals(CsvLineWriter csv)
    {
        var year = _options.Today.Year;
        for (var shop = 0; shop < _profiles.Length; shop++)
        {
            var profile = _profiles[shop];
            var code = Shops[shop].Code;
            void Goal(string metric, string period, decimal target, string? channel = null)
            {
                csv.Text(code);
                csv.Text(metric);
                csv.Text(period);
                csv.Number(target);
                csv.Text(channel);
                csv.EndLine();
            }

            decimal Gmv(DateOnly from, DateOnly to) =>
                RoundTo(ExpectedGmvCents(profile, Days.ToDay(from), Days.ToDay(to)) * 1.06, 10_000_00) / 100m;

            var jan1 = new DateOnly(year, 1, 1);
            Goal("gmv", year.ToString(CultureInfo.InvariantCulture), Gmv(jan1, new DateOnly(year, 12, 31)));
            for (var q = 1; q <= 4; q++)
            {
                var from = jan1.AddMonths((q - 1) * 3);
                Goal("gmv", string.Create(CultureInfo.InvariantCulture, $"{year}-Q{q}"), Gmv(from, from.AddMonths(3).AddDays(-1)));
            }

            for (var m = 1; m <= 12; m++)
            {
                var from = new DateOnly(year, m, 1);
                Goal("gmv", string.Create(CultureInfo.InvariantCulture, $"{year}-{m:00}"), Gmv(from, from.AddMonths(1).AddDays(-1)));
            }

            Goal("conversion", year.ToString(CultureInfo.InvariantCulture), Math.Round((decimal)profile.Conversion * 1.05m, 3));
            var live = Array.FindIndex(Channels.ToArray(), ch => ch.Code == "live");
            if (live >= 0)
            {
                Goal("gmv", year.ToString(CultureInfo.InvariantCulture), Gmv(jan1, new DateOnly(year, 12, 31)) * (decimal)profile.Share[live] * 1.2m, "live");
            }
        }
    }

    /// <summary>GMV the model gives for a stretch of days (future days included): targets look like plans made from last year's data.</summary>
    private double ExpectedGmvCents(ShopProfile shop, int from, int to)
    {
        var rows = new ChannelDay[Channels.Count];
        double total = 0;
        for (var day = from; day <= to; day++)
        {
            // Targets are plans: made before anyone knew of the dip.
            ComputeDay(shop, day, rows, withDip: false);
            foreach (var row in rows)
            {
                total += row.GmvCents;
            }
        }

        return total;
    }

    // ---- buyers --------------------------------------------------------------------------------

    private void WriteBuyers(CsvLineWriter csv)
    {
        var historyStart = _firstDay - 365;
        for (var shop = 0; shop < _profiles.Length; shop++)
        {
            var profile = _profiles[shop];
            for (var i = 0; i < _options.BuyersPerShop; i++)
            {
                var random = new DemoRandom(_options.Seed, shop, i, 6);
                var first = random.Int(historyStart, _lastDay + 1);
                var orders = 1;
                while (orders < 30 && random.Chance(orders == 1 ? 0.45 : 0.62))
                {
                    orders++;
                }

                orders = Math.Min(orders, ((_lastDay - first) / 10) + 1);
                var last = orders == 1 ? first : first + (int)((_lastDay - first) * Math.Sqrt(random.NextDouble()));
                var spent = (long)Math.Round(orders * profile.Aov * random.Between(0.6, 1.5) * 100);
                // Member tiers by spend relative to the shop's AOV (black card ≈ 15 orders' worth).
                var aovCents = profile.Aov * 100;
                var tier = spent >= aovCents * 15 ? "black" : spent >= aovCents * 6 ? "gold" : spent >= aovCents * 2.5 ? "silver" : null;
                csv.Text(Shops[shop].Code);
                csv.Text(string.Create(CultureInfo.InvariantCulture, $"{profile.Prefix}{i + 1:000000}"));
                csv.Day(first);
                csv.Day(last);
                csv.Int(orders);
                csv.Cents(spent);
                csv.Text(tier);
                csv.EndLine();
            }
        }
    }

    private static long RoundTo(double value, long step) => (long)Math.Round(value / step) * step;

    private enum SkuKind
    {
        Regular,
        Slow,
        New,
    }

    private struct ChannelDay
    {
        public long Visitors;
        public long PageViews;
        public long ProductVisitors;
        public long FavoriteUsers;
        public long CartUsers;
        public long Orders;
        public long OrderBuyers;
        public long PaidOrders;
        public long PaidBuyers;
        public long GmvCents;
        public long RefundCents;
        public long RefundOrders;
        public long AdCostCents;
        public long NewVisitors;
        public long BouncedVisitors;
        public long StaySeconds;
        public long MultiItemOrders;
    }

    private sealed record SeasonFactors(double Traffic, double Conversion, double Aov, double Refund, double Cart, double NewVisitors, double Roas)
    {
        public static SeasonFactors Normal { get; } = new(1, 1, 1, 1, 1, 1, 1);
    }

    private sealed class ShopProfile
    {
        public int Index { get; init; }

        public double BaseVisitors { get; init; }

        public double Conversion { get; init; }

        public double Aov { get; init; }

        public double RefundRate { get; init; }

        public double Growth { get; init; }

        public required string Prefix { get; init; }

        public double[] Share { get; set; } = [];

        public double[] Conversion0 { get; set; } = [];

        public double CartRate { get; init; }

        public SkuProfile[] Skus { get; set; } = [];
    }

    private sealed class SkuProfile
    {
        public required string Code { get; init; }

        public required string Name { get; init; }

        public required string Category { get; init; }

        public double Price { get; init; }

        public double Weight { get; init; }

        public double Conversion { get; init; }

        public double Rating { get; init; }

        public int Launch { get; init; }

        public SkuKind Kind { get; init; }

        public long InitialStock { get; init; }
    }
}
