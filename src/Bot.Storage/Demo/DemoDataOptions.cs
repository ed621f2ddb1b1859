namespace Bot.Storage.Demo;

/// <summary>What the demo generator produces. Same options (including <see cref="Today"/>) → same data, byte for byte.</summary>
public sealed record DemoDataOptions
{
    /// <summary>The team's today (TeamClock.Today()); data ends yesterday and never reads the system clock.</summary>
    public required DateOnly Today { get; init; }

    public int Seed { get; init; } = 618;

    /// <summary>The first two are tmall-flagship (天猫旗舰店) and douyin-store (抖音小店); more are shop-003, shop-004, …</summary>
    public int Shops { get; init; } = 2;

    /// <summary>1–12: the first eight registry channels, then other, affiliate, membership, brand_zone.</summary>
    public int Channels { get; init; } = 8;

    /// <summary>Whole years of history ending yesterday.</summary>
    public int Years { get; init; } = 2;

    public int SkusPerShop { get; init; } = 100;

    public int BuyersPerShop { get; init; } = 20_000;

    /// <summary>The stories the bot should find: refund spike, conversion dip, slow movers, new SKUs on trial.</summary>
    public bool Scenarios { get; init; } = true;

    /// <summary>The shop (index 0: tmall-flagship) whose conversion dips ~40 % on the last <see cref="ConversionDipDays"/> days.</summary>
    public const int ConversionDipShop = 0;

    /// <summary>Five days, so `alert conversion below baseline for 3 days` fires at once on a fresh demo database.</summary>
    public const int ConversionDipDays = 5;

    public DateOnly FirstDay => Today.AddYears(-Years);

    /// <summary>The days of the conversion dip (with <see cref="Scenarios"/>): the last five days, up to yesterday.</summary>
    public (DateOnly Start, DateOnly End) ConversionDip => (Today.AddDays(-ConversionDipDays), LastDay);

    public DateOnly LastDay => Today.AddDays(-1);

    /// <summary>The demo set: 2 shops × 8 channels × 2 years, ~200 SKUs, 20,000 buyers per shop.</summary>
    public static DemoDataOptions Demo(DateOnly today) => new() { Today = today };

    /// <summary>A benchmark set: by default 200 shops × 12 channels × 5 years (≈ 4.4 M channel-day rows, ≈ 2.9 M SKU-day rows).</summary>
    public static DemoDataOptions Large(DateOnly today, int shops = 200, int channels = 12, int years = 5) => new()
    {
        Today = today,
        Shops = shops,
        Channels = channels,
        Years = years,
        SkusPerShop = 8,
        BuyersPerShop = 500,
    };
}
