using System.Globalization;
using Bot.Storage.Sqlite;

namespace Bot.Storage.Import.Kinds;

/// <summary><c>sku-daily</c>: units, GMV, visitors and stock per date × shop × SKU; name, category and launch go to the SKU registry.</summary>
internal sealed class SkuDailyHandler : KindHandler
{
    private const int Date = 0;
    private const int Shop = 1;
    private const int Sku = 2;
    private const int Name = 3;
    private const int Category = 4;
    private const int UnitsSold = 5;
    private const int Gmv = 6;
    private const int ProductVisitors = 7;
    private const int PaidBuyers = 8;
    private const int StockUnits = 9;
    private const int Rating = 10;
    private const int LaunchDate = 11;

    private readonly Dictionary<(int Shop, int Day, string Sku), long> _keys = [];
    private readonly Dictionary<(int Shop, string Sku), SkuInfo> _skus = [];
    private readonly BulkStatement _upsert;
    private readonly BulkStatement _upsertSku;

    public SkuDailyHandler(ImportSession session)
        : base(session)
    {
        _upsert = Prepared(
            """
            INSERT INTO sku_daily (shop, day, sku, units_sold, gmv_cents, product_visitors, paid_buyers, stock_units, rating)
            VALUES ($shop, $day, $sku, $units, $gmv, $visitors, $buyers, $stock, $rating)
            ON CONFLICT (shop, day, sku) DO UPDATE SET
                units_sold = excluded.units_sold, gmv_cents = excluded.gmv_cents, product_visitors = excluded.product_visitors,
                paid_buyers = excluded.paid_buyers, stock_units = excluded.stock_units, rating = excluded.rating
            """,
            "$shop", "$day", "$sku", "$units", "$gmv", "$visitors", "$buyers", "$stock", "$rating");
        _upsertSku = Prepared(
            """
            INSERT INTO sku (shop, code, name, category, launch_day) VALUES ($shop, $code, $name, $category, $launch)
            ON CONFLICT (shop, code) DO UPDATE SET
                name = excluded.name, category = excluded.category, launch_day = COALESCE(excluded.launch_day, sku.launch_day)
            """,
            "$shop", "$code", "$name", "$category", "$launch");
    }

    public override void Row()
    {
        var s = Session;
        if (!(s.RowDay(Date, out var day) && s.Shop(Shop, out var shop) && s.Text(Sku, out var sku)
            && s.Count(UnitsSold, out var units) && s.Cents(Gmv, out var gmv) && s.Count(ProductVisitors, out var visitors)
            && s.Count(PaidBuyers, out var buyers) && s.Count(StockUnits, out var stock)
            && OptionalRating(out var rating) && s.OptionalDate(LaunchDate, out var launch)))
        {
            return;
        }

        var name = s.OptionalText(Name) ?? string.Empty;
        var category = s.OptionalText(Category) ?? string.Empty;
        if (!_keys.TryAdd((shop, day, sku), s.Reader.Line))
        {
            s.Error(Date, string.Create(
                CultureInfo.InvariantCulture,
                $"duplicate key (date, shop, sku): the same row key is on line {_keys[(shop, day, sku)]}"));
            return;
        }

        if (!s.Writing)
        {
            return;
        }

        if (!_skus.TryGetValue((shop, sku), out var info))
        {
            info = new SkuInfo(name, category, launch);
            _skus[(shop, sku)] = info;
            WriteSku(shop, sku, info);
        }
        else if (info.Name != name || info.Category != category || (launch is not null && info.Launch != launch))
        {
            info.Name = name;
            info.Category = category;
            info.Launch = launch ?? info.Launch;
            info.Dirty = true;
        }

        _upsert.Set(0, shop);
        _upsert.Set(1, day);
        _upsert.Set(2, sku);
        _upsert.Set(3, units);
        _upsert.Set(4, gmv);
        _upsert.Set(5, visitors);
        _upsert.Set(6, buyers);
        _upsert.Set(7, stock);
        _upsert.Set(8, rating);
        _upsert.Execute();
    }

    public override void Complete()
    {
        foreach (var ((shop, sku), info) in _skus)
        {
            if (info.Dirty)
            {
                WriteSku(shop, sku, info);
            }
        }
    }

    private bool OptionalRating(out double? rating)
    {
        rating = null;
        if (Session.IsEmpty(Rating))
        {
            return true;
        }

        if (!Session.Decimal(Rating, out var value, out var percent))
        {
            return false;
        }

        if (percent)
        {
            return Session.Error(Rating, "a rating cannot be a percentage");
        }

        rating = (double)value;
        return true;
    }

    private void WriteSku(int shop, string sku, SkuInfo info)
    {
        _upsertSku.Set(0, shop);
        _upsertSku.Set(1, sku);
        _upsertSku.Set(2, info.Name);
        _upsertSku.Set(3, info.Category);
        _upsertSku.Set(4, info.Launch);
        _upsertSku.Execute();
    }

    private sealed class SkuInfo(string name, string category, int? launch)
    {
        public string Name { get; set; } = name;

        public string Category { get; set; } = category;

        public int? Launch { get; set; } = launch;

        public bool Dirty { get; set; }
    }
}
