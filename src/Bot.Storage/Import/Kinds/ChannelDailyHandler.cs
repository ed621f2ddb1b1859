using System.Globalization;
using Bot.Storage.Metrics;
using Bot.Storage.Sqlite;

namespace Bot.Storage.Import.Kinds;

/// <summary><c>channel-daily</c>: counters per date × shop × channel, with the funnel-order rules.</summary>
internal sealed class ChannelDailyHandler : KindHandler
{
    private const int Date = 0;
    private const int Shop = 1;
    private const int Channel = 2;
    private const int Visitors = 3;
    private const int CartUsers = 7;
    private const int OrderBuyers = 9;
    private const int PaidBuyers = 11;
    private const int Gmv = 12;
    private const int RefundAmount = 13;
    private const int AdCost = 15;
    private const int NewVisitors = 16;
    private const int BouncedVisitors = 17;
    private const int ColumnCount = 20;

    private readonly Dictionary<long, long> _keys = [];
    private readonly long[] _values = new long[ColumnCount];
    private readonly BulkStatement _upsert;

    public ChannelDailyHandler(ImportSession session)
        : base(session)
    {
        _upsert = Prepared(
            """
            INSERT INTO channel_daily (shop, day, channel, visitors, page_views, product_visitors, favorite_users, cart_users,
                orders, order_buyers, paid_orders, paid_buyers, gmv_cents, refund_cents, refund_orders, ad_cost_cents,
                new_visitors, bounced_visitors, stay_seconds, multi_item_orders)
            VALUES ($shop, $day, $channel, $c3, $c4, $c5, $c6, $c7, $c8, $c9, $c10, $c11, $c12, $c13, $c14, $c15, $c16, $c17, $c18, $c19)
            ON CONFLICT (shop, day, channel) DO UPDATE SET
                visitors = excluded.visitors, page_views = excluded.page_views, product_visitors = excluded.product_visitors,
                favorite_users = excluded.favorite_users, cart_users = excluded.cart_users, orders = excluded.orders,
                order_buyers = excluded.order_buyers, paid_orders = excluded.paid_orders, paid_buyers = excluded.paid_buyers,
                gmv_cents = excluded.gmv_cents, refund_cents = excluded.refund_cents, refund_orders = excluded.refund_orders,
                ad_cost_cents = excluded.ad_cost_cents, new_visitors = excluded.new_visitors,
                bounced_visitors = excluded.bounced_visitors, stay_seconds = excluded.stay_seconds,
                multi_item_orders = excluded.multi_item_orders
            """,
            ["$shop", "$day", "$channel", .. Enumerable.Range(3, ColumnCount - 3).Select(i => string.Create(CultureInfo.InvariantCulture, $"$c{i}"))]);
    }

    public override void Row()
    {
        var s = Session;
        if (!(s.RowDay(Date, out var day) && s.Shop(Shop, out var shop) && s.Channel(Channel, out var channel)))
        {
            return;
        }

        var values = _values;
        for (var column = Visitors; column < ColumnCount; column++)
        {
            var ok = column is Gmv or RefundAmount or AdCost
                ? s.Cents(column, out values[column])
                : s.Count(column, out values[column]);
            if (!ok)
            {
                return;
            }
        }

        if (!(NotAbove(PaidBuyers, OrderBuyers) && NotAbove(OrderBuyers, Visitors) && NotAbove(CartUsers, Visitors)
            && NotAbove(NewVisitors, Visitors) && NotAbove(BouncedVisitors, Visitors)))
        {
            return;
        }

        if (values[RefundAmount] > values[Gmv])
        {
            s.Warning(RefundAmount, string.Create(
                CultureInfo.InvariantCulture,
                $"{s.Header(RefundAmount)} ({FieldParser.FormatCents(values[RefundAmount])}) is more than {s.Header(Gmv)} ({FieldParser.FormatCents(values[Gmv])})"));
        }

        var key = ((long)shop << 40) | ((long)channel << 24) | (uint)day;
        if (!_keys.TryAdd(key, s.Reader.Line))
        {
            s.Error(Date, string.Create(
                CultureInfo.InvariantCulture,
                $"duplicate key (date, shop, channel): the same row key is on line {_keys[key]}"));
            return;
        }

        if (!s.Writing)
        {
            return;
        }

        var upsert = _upsert;
        upsert.Set(0, shop);
        upsert.Set(1, day);
        upsert.Set(2, channel);
        for (var column = Visitors; column < ColumnCount; column++)
        {
            upsert.Set(column, values[column]);
        }

        upsert.Execute();
    }

    /// <summary>The counter rollups follow the rows in the same transaction: the months and days this file wrote are rewritten.</summary>
    public override void Complete() =>
        CounterRollups.Refresh(Session.Connection, _keys.Keys.Select(key => ((int)(key >> 40), (int)(key & 0xFFFFFF))));

    /// <summary>Funnel order (issue 3 item 3): a later step cannot have more people than an earlier one.</summary>
    private bool NotAbove(int column, int limit)
    {
        if (_values[column] <= _values[limit])
        {
            return true;
        }

        var s = Session;
        return s.Error(column, string.Create(
            CultureInfo.InvariantCulture,
            $"{s.Header(column)} ({_values[column]}) is more than {s.Header(limit)} ({_values[limit]}); the funnel order must hold"));
    }
}
