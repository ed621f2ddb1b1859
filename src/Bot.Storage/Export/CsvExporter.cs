using Bot.Storage.Import;
using Bot.Storage.Sqlite;
using Microsoft.Data.Sqlite;

namespace Bot.Storage.Export;

/// <summary>Writes a kind as canonical CSV (the English header of the issue), ready to be imported again.</summary>
/// <remarks>
/// Export then import is a no-op replace with the same row count. Shops and channels are written by
/// code; a campaign name that recurs within a shop is written as <c>name@start</c> in campaign-costs.
/// </remarks>
public sealed class CsvExporter(SqliteDatabase database)
{
    /// <summary>Writes the header and every row of <paramref name="kind"/>; returns the number of data rows.</summary>
    public long Export(ImportKind kind, TextWriter writer, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(writer);
        var csv = new CsvLineWriter(writer);
        csv.Header(ImportKinds.Header(kind));
        using var connection = database.Open();
        var (sql, fields) = Query(kind);
        using var command = connection.Command(sql);
        using var reader = command.ExecuteReader();
        long rows = 0;
        while (reader.Read())
        {
            if ((++rows & 0xFFF) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            for (var i = 0; i < fields.Length; i++)
            {
                Write(fields[i], reader, i, csv);
            }

            csv.EndLine();
        }

        writer.Flush();
        return rows;
    }

    public Task<long> ExportAsync(ImportKind kind, TextWriter writer, CancellationToken cancellationToken = default) =>
        Task.Run(() => Export(kind, writer, cancellationToken), cancellationToken);

    /// <summary>How a selected column is written: the canonical formats the importer reads back.</summary>
    private enum Field
    {
        Day,
        OptionalDay,
        Text,
        Int,
        Cents,
        OptionalCents,
        Number,
        Decimal,
    }

    private static readonly Field[] ChannelDailyFields =
    [
        Field.Day, Field.Text, Field.Text,
        Field.Int, Field.Int, Field.Int, Field.Int, Field.Int, Field.Int, Field.Int, Field.Int, Field.Int,
        Field.Cents, Field.Cents, Field.Int, Field.Cents,
        Field.Int, Field.Int, Field.Int, Field.Int,
    ];

    private static (string Sql, Field[] Fields) Query(ImportKind kind) => kind switch
    {
        ImportKind.ChannelDaily => ("""
            SELECT d.day, s.code, c.code, d.visitors, d.page_views, d.product_visitors, d.favorite_users, d.cart_users, d.orders,
                   d.order_buyers, d.paid_orders, d.paid_buyers, d.gmv_cents, d.refund_cents, d.refund_orders, d.ad_cost_cents,
                   d.new_visitors, d.bounced_visitors, d.stay_seconds, d.multi_item_orders
            FROM channel_daily d JOIN shop s ON s.id = d.shop JOIN channel c ON c.id = d.channel
            ORDER BY d.shop, d.day, c.sort_order, c.id
            """, ChannelDailyFields),
        ImportKind.SkuDaily => ("""
            SELECT d.day, s.code, d.sku, k.name, k.category, d.units_sold, d.gmv_cents, d.product_visitors, d.paid_buyers,
                   d.stock_units, d.rating, k.launch_day
            FROM sku_daily d JOIN shop s ON s.id = d.shop JOIN sku k ON k.shop = d.shop AND k.code = d.sku
            ORDER BY d.shop, d.day, d.sku
            """, [Field.Day, Field.Text, Field.Text, Field.Text, Field.Text, Field.Int, Field.Cents, Field.Int, Field.Int, Field.Int, Field.Number, Field.OptionalDay]),
        ImportKind.Campaigns => ("""
            SELECT c.name, (SELECT GROUP_CONCAT(a.alias, '|' ORDER BY a.alias) FROM campaign_alias a WHERE a.campaign_id = c.id),
                   s.code, c.start_day, c.end_day, c.warmup_start_day, c.target_gmv_cents
            FROM campaign c JOIN shop s ON s.id = c.shop
            ORDER BY c.shop, c.start_day, c.name
            """, [Field.Text, Field.Text, Field.Text, Field.Day, Field.Day, Field.OptionalDay, Field.OptionalCents]),
        ImportKind.CampaignCosts => ("""
            SELECT CASE WHEN (SELECT COUNT(*) FROM campaign o WHERE o.shop = c.shop AND o.name = c.name) > 1
                        THEN c.name || '@' || strftime('%Y-%m-%d', c.start_day * 86400, 'unixepoch') ELSE c.name END,
                   s.code, ch.code, cc.cost_cents, cc.note
            FROM campaign_cost cc JOIN campaign c ON c.id = cc.campaign_id JOIN shop s ON s.id = cc.shop JOIN channel ch ON ch.id = cc.channel
            ORDER BY cc.shop, c.start_day, c.name, ch.sort_order, cc.note
            """, [Field.Text, Field.Text, Field.Text, Field.Cents, Field.Text]),
        ImportKind.Goals => ("""
            SELECT s.code, g.metric, g.period, g.target, ch.code
            FROM goal g JOIN shop s ON s.id = g.shop LEFT JOIN channel ch ON ch.id = g.channel
            ORDER BY g.shop, g.metric, g.period, g.channel
            """, [Field.Text, Field.Text, Field.Text, Field.Decimal, Field.Text]),
        ImportKind.Buyers => ("""
            SELECT s.code, b.buyer_id, b.first_order_day, b.last_order_day, b.orders, b.total_spent_cents, b.tier
            FROM buyer b JOIN shop s ON s.id = b.shop
            ORDER BY b.shop, b.buyer_id
            """, [Field.Text, Field.Text, Field.Day, Field.Day, Field.Int, Field.Cents, Field.Text]),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    private static void Write(Field field, SqliteDataReader r, int i, CsvLineWriter csv)
    {
        switch (field)
        {
            case Field.Day:
                csv.Day(r.GetInt64(i));
                break;
            case Field.OptionalDay:
                csv.OptionalDay(r.IsDBNull(i) ? null : r.GetInt64(i));
                break;
            case Field.Text:
                csv.Text(r.IsDBNull(i) ? null : r.GetString(i));
                break;
            case Field.Int:
                csv.Int(r.GetInt64(i));
                break;
            case Field.Cents:
                csv.Cents(r.GetInt64(i));
                break;
            case Field.OptionalCents:
                csv.OptionalCents(r.IsDBNull(i) ? null : r.GetInt64(i));
                break;
            case Field.Number:
                csv.Number(r.IsDBNull(i) ? null : r.GetDouble(i));
                break;
            case Field.Decimal:
                csv.Number((decimal)r.GetDouble(i));
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(field), field, null);
        }
    }
}
