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
        using var command = connection.Command(Sql(kind));
        using var reader = command.ExecuteReader();
        long rows = 0;
        while (reader.Read())
        {
            if ((++rows & 0xFFF) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            WriteRow(kind, reader, csv);
            csv.EndLine();
        }

        writer.Flush();
        return rows;
    }

    public Task<long> ExportAsync(ImportKind kind, TextWriter writer, CancellationToken cancellationToken = default) =>
        Task.Run(() => Export(kind, writer, cancellationToken), cancellationToken);

    private static string Sql(ImportKind kind) => kind switch
    {
        ImportKind.ChannelDaily => """
            SELECT d.day, s.code, c.code, d.visitors, d.page_views, d.product_visitors, d.favorite_users, d.cart_users, d.orders,
                   d.order_buyers, d.paid_orders, d.paid_buyers, d.gmv_cents, d.refund_cents, d.refund_orders, d.ad_cost_cents,
                   d.new_visitors, d.bounced_visitors, d.stay_seconds, d.multi_item_orders
            FROM channel_daily d JOIN shop s ON s.id = d.shop JOIN channel c ON c.id = d.channel
            ORDER BY d.shop, d.day, c.sort_order, c.id
            """,
        ImportKind.SkuDaily => """
            SELECT d.day, s.code, d.sku, k.name, k.category, d.units_sold, d.gmv_cents, d.product_visitors, d.paid_buyers,
                   d.stock_units, d.rating, k.launch_day
            FROM sku_daily d JOIN shop s ON s.id = d.shop JOIN sku k ON k.shop = d.shop AND k.code = d.sku
            ORDER BY d.shop, d.day, d.sku
            """,
        ImportKind.Campaigns => """
            SELECT c.name, (SELECT GROUP_CONCAT(a.alias, '|' ORDER BY a.alias) FROM campaign_alias a WHERE a.campaign_id = c.id),
                   s.code, c.start_day, c.end_day, c.warmup_start_day, c.target_gmv_cents
            FROM campaign c JOIN shop s ON s.id = c.shop
            ORDER BY c.shop, c.start_day, c.name
            """,
        ImportKind.CampaignCosts => """
            SELECT CASE WHEN (SELECT COUNT(*) FROM campaign o WHERE o.shop = c.shop AND o.name = c.name) > 1
                        THEN c.name || '@' || strftime('%Y-%m-%d', c.start_day * 86400, 'unixepoch') ELSE c.name END,
                   s.code, ch.code, cc.cost_cents, cc.note
            FROM campaign_cost cc JOIN campaign c ON c.id = cc.campaign_id JOIN shop s ON s.id = cc.shop JOIN channel ch ON ch.id = cc.channel
            ORDER BY cc.shop, c.start_day, c.name, ch.sort_order, cc.note
            """,
        ImportKind.Goals => """
            SELECT s.code, g.metric, g.period, g.target, ch.code
            FROM goal g JOIN shop s ON s.id = g.shop LEFT JOIN channel ch ON ch.id = g.channel
            ORDER BY g.shop, g.metric, g.period, g.channel
            """,
        ImportKind.Buyers => """
            SELECT s.code, b.buyer_id, b.first_order_day, b.last_order_day, b.orders, b.total_spent_cents, b.tier
            FROM buyer b JOIN shop s ON s.id = b.shop
            ORDER BY b.shop, b.buyer_id
            """,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    private static void WriteRow(ImportKind kind, SqliteDataReader r, CsvLineWriter csv)
    {
        switch (kind)
        {
            case ImportKind.ChannelDaily:
                csv.Day(r.GetInt64(0));
                csv.Text(r.GetString(1));
                csv.Text(r.GetString(2));
                for (var i = 3; i < 20; i++)
                {
                    if (i is 12 or 13 or 15)
                    {
                        csv.Cents(r.GetInt64(i));
                    }
                    else
                    {
                        csv.Int(r.GetInt64(i));
                    }
                }

                break;
            case ImportKind.SkuDaily:
                csv.Day(r.GetInt64(0));
                csv.Text(r.GetString(1));
                csv.Text(r.GetString(2));
                csv.Text(r.GetString(3));
                csv.Text(r.GetString(4));
                csv.Int(r.GetInt64(5));
                csv.Cents(r.GetInt64(6));
                csv.Int(r.GetInt64(7));
                csv.Int(r.GetInt64(8));
                csv.Int(r.GetInt64(9));
                csv.Number(r.IsDBNull(10) ? null : r.GetDouble(10));
                csv.OptionalDay(r.IsDBNull(11) ? null : r.GetInt64(11));
                break;
            case ImportKind.Campaigns:
                csv.Text(r.GetString(0));
                csv.Text(r.IsDBNull(1) ? null : r.GetString(1));
                csv.Text(r.GetString(2));
                csv.Day(r.GetInt64(3));
                csv.Day(r.GetInt64(4));
                csv.OptionalDay(r.IsDBNull(5) ? null : r.GetInt64(5));
                csv.OptionalCents(r.IsDBNull(6) ? null : r.GetInt64(6));
                break;
            case ImportKind.CampaignCosts:
                csv.Text(r.GetString(0));
                csv.Text(r.GetString(1));
                csv.Text(r.GetString(2));
                csv.Cents(r.GetInt64(3));
                csv.Text(r.GetString(4));
                break;
            case ImportKind.Goals:
                csv.Text(r.GetString(0));
                csv.Text(r.GetString(1));
                csv.Text(r.GetString(2));
                csv.Number((decimal)r.GetDouble(3));
                csv.Text(r.IsDBNull(4) ? null : r.GetString(4));
                break;
            case ImportKind.Buyers:
                csv.Text(r.GetString(0));
                csv.Text(r.GetString(1));
                csv.Day(r.GetInt64(2));
                csv.Day(r.GetInt64(3));
                csv.Int(r.GetInt64(4));
                csv.Cents(r.GetInt64(5));
                csv.Text(r.IsDBNull(6) ? null : r.GetString(6));
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(kind), kind, null);
        }
    }
}
