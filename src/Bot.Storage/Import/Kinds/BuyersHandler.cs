using System.Globalization;
using Bot.Storage.Sqlite;

namespace Bot.Storage.Import.Kinds;

/// <summary><c>buyers</c>: a snapshot per buyer (first and last order, orders, total spent, tier) for repurchase, RFM and LTV.</summary>
internal sealed class BuyersHandler : KindHandler
{
    private const int Shop = 0;
    private const int BuyerId = 1;
    private const int FirstOrder = 2;
    private const int LastOrder = 3;
    private const int Orders = 4;
    private const int TotalSpent = 5;
    private const int Tier = 6;

    private readonly Dictionary<(int Shop, string Buyer), long> _keys = [];
    private readonly BulkStatement _upsert;

    public BuyersHandler(ImportSession session)
        : base(session)
    {
        _upsert = Prepared(
            """
            INSERT INTO buyer (shop, buyer_id, first_order_day, last_order_day, orders, total_spent_cents, tier)
            VALUES ($shop, $buyer, $first, $last, $orders, $spent, $tier)
            ON CONFLICT (shop, buyer_id) DO UPDATE SET
                first_order_day = excluded.first_order_day, last_order_day = excluded.last_order_day,
                orders = excluded.orders, total_spent_cents = excluded.total_spent_cents, tier = excluded.tier
            """,
            "$shop", "$buyer", "$first", "$last", "$orders", "$spent", "$tier");
    }

    public override void Row()
    {
        var s = Session;
        if (!(s.Shop(Shop, out var shop) && s.Text(BuyerId, out var buyer) && s.Date(FirstOrder, out var first)
            && s.Date(LastOrder, out var last) && s.Count(Orders, out var orders) && s.Cents(TotalSpent, out var spent)))
        {
            return;
        }

        if (last < first)
        {
            s.Error(LastOrder, "the last order is before the first order");
            return;
        }

        var key = (shop, buyer);
        if (!_keys.TryAdd(key, s.Reader.Line))
        {
            s.Error(BuyerId, string.Create(
                CultureInfo.InvariantCulture,
                $"duplicate key (shop, buyer_id): the same buyer is on line {_keys[key]}"));
            return;
        }

        if (!s.Writing)
        {
            return;
        }

        _upsert.Set(0, shop);
        _upsert.Set(1, buyer);
        _upsert.Set(2, first);
        _upsert.Set(3, last);
        _upsert.Set(4, orders);
        _upsert.Set(5, spent);
        _upsert.Set(6, s.OptionalText(Tier));
        _upsert.Execute();
    }
}
