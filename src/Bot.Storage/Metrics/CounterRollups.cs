using System.Globalization;
using Bot.Storage.Sqlite;
using Microsoft.Data.Sqlite;

namespace Bot.Storage.Metrics;

/// <summary>
/// Keeps the counter rollups (<c>channel_monthly</c> per shop and month, <c>all_shops_daily</c> per day over every shop;
/// schema 040) equal to <c>channel_daily</c>: whatever rows were written, the months and days they fall in are rewritten.
/// </summary>
/// <remarks>
/// Runs inside the transaction that wrote the rows, so no reader ever sees rollups that disagree with the rows. The touched
/// rows are read back once, shop by shop in primary-key order, and added up here: SQLite's GROUP BY would sort them first,
/// which for a five-year import costs several times more than the pass. A day's all-shops sums need every shop's rows of
/// that day, so days are read for all shops, months only for the shops written.
/// </remarks>
public static class CounterRollups
{
    /// <summary>The summed columns, in the order of the rollup tables (after their key and <c>days</c> columns).</summary>
    public static readonly IReadOnlyList<string> Columns =
    [
        "visitors", "page_views", "product_visitors", "favorite_users", "cart_users", "orders", "order_buyers", "paid_orders",
        "paid_buyers", "gmv_cents", "refund_cents", "refund_orders", "ad_cost_cents", "new_visitors", "bounced_visitors",
        "stay_seconds", "multi_item_orders",
    ];

    /// <summary>Rewrites the rollups of the months (per shop) and days (all shops) of the given written rows.</summary>
    /// <param name="written">Shop id and day of every channel-day row written (duplicates are fine).</param>
    public static void Refresh(SqliteConnection connection, IEnumerable<(int Shop, int Day)> written)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(written);
        var months = new HashSet<(int Shop, int Month)>();
        var days = new HashSet<int>();
        foreach (var (shop, day) in written)
        {
            months.Add((shop, MonthStart(day)));
            days.Add(day);
        }

        if (days.Count == 0)
        {
            return;
        }

        var dayRuns = Runs(days.Order().ToList());
        using var read = new BulkStatement(connection, $"SELECT day, channel, {string.Join(", ", Columns)} FROM channel_daily WHERE shop = $shop AND day BETWEEN $from AND $to", ["$shop", "$from", "$to"]);
        using var writer = new RollupWriter(connection);
        var row = new long[Columns.Count];
        var allShops = new Dictionary<int, Slots>();
        foreach (var shop in ShopIds(connection))
        {
            var shopMonths = months.Where(m => m.Shop == shop).Select(m => (From: m.Month, To: MonthEnd(m.Month))).ToList();
            var monthly = new Dictionary<int, Slots>();
            var currentDay = int.MinValue;
            Slots? month = null;
            Slots? allShopsDay = null;
            foreach (var (from, to) in Merge([.. shopMonths, .. dayRuns]))
            {
                read.Set(0, shop);
                read.Set(1, from);
                read.Set(2, to);
                while (read.Read())
                {
                    // Rows come in key order (day, then channel): what the day belongs to is decided once per day.
                    var day = (int)read.Int64(0);
                    if (day != currentDay)
                    {
                        currentDay = day;
                        var monthStart = MonthStart(day);
                        month = shopMonths.Count > 0 && months.Contains((shop, monthStart)) ? Of(monthly, monthStart) : null;
                        if (month is not null)
                        {
                            month.All[0]++;
                        }

                        allShopsDay = days.Contains(day) ? Of(allShops, day) : null;
                    }

                    var channel = (int)read.Int64(1);
                    for (var i = 0; i < row.Length; i++)
                    {
                        row[i] = read.Int64(i + 2);
                    }

                    if (month is not null)
                    {
                        var sums = month.Channel(channel);
                        sums[0]++;
                        Add(sums, row);
                        Add(month.All, row);
                    }

                    if (allShopsDay is not null)
                    {
                        Add(allShopsDay.Channel(channel), row);
                        Add(allShopsDay.All, row);
                    }
                }
            }

            foreach (var (monthStart, _) in shopMonths)
            {
                writer.DeleteMonth(shop, monthStart);
            }

            foreach (var (monthStart, slots) in monthly)
            {
                foreach (var (channel, sums) in slots.Each())
                {
                    writer.InsertMonth(shop, monthStart, channel, sums);
                }
            }
        }

        foreach (var day in days)
        {
            writer.DeleteDay(day);
        }

        foreach (var (day, slots) in allShops)
        {
            foreach (var (channel, sums) in slots.Each())
            {
                writer.InsertDay(day, channel, sums);
            }
        }
    }

    /// <summary>The same in a transaction of its own: for tools that wrote <c>channel_daily</c> rows without the importer.</summary>
    public static void Refresh(SqliteDatabase database, IEnumerable<(int Shop, int Day)> written)
    {
        ArgumentNullException.ThrowIfNull(database);
        using var connection = database.Open();
        using var transaction = connection.BeginTransaction();
        Refresh(connection, written);
        transaction.Commit();
    }

    /// <summary>The day number of the first day of <paramref name="day"/>'s month (the <c>month</c> key of <c>channel_monthly</c>).</summary>
    public static int MonthStart(int day)
    {
        var date = Days.ToDate(day);
        return Days.ToDay(new DateOnly(date.Year, date.Month, 1));
    }

    public static int MonthEnd(int monthStart) => Days.ToDay(Days.ToDate(monthStart).AddMonths(1)) - 1;

    // A raw statement: the connection may be in the import's transaction, which SqliteCommand would want to be told of.
    private static List<int> ShopIds(SqliteConnection connection)
    {
        using var shops = new BulkStatement(connection, "SELECT id FROM shop ORDER BY id", []);
        var ids = new List<int>();
        while (shops.Read())
        {
            ids.Add((int)shops.Int64(0));
        }

        return ids;
    }

    /// <summary>Sorted days as runs of consecutive days.</summary>
    private static List<(int From, int To)> Runs(List<int> sortedDays)
    {
        var runs = new List<(int From, int To)>();
        foreach (var day in sortedDays)
        {
            if (runs.Count > 0 && runs[^1].To == day - 1)
            {
                runs[^1] = (runs[^1].From, day);
            }
            else
            {
                runs.Add((day, day));
            }
        }

        return runs;
    }

    /// <summary>Overlapping or adjacent ranges joined, in day order: each row is read once.</summary>
    private static List<(int From, int To)> Merge(List<(int From, int To)> ranges)
    {
        ranges.Sort();
        var merged = new List<(int From, int To)>();
        foreach (var (from, to) in ranges)
        {
            if (merged.Count > 0 && from <= merged[^1].To + 1)
            {
                merged[^1] = (merged[^1].From, Math.Max(merged[^1].To, to));
            }
            else
            {
                merged.Add((from, to));
            }
        }

        return merged;
    }

    private static Slots Of(Dictionary<int, Slots> slots, int key)
    {
        if (!slots.TryGetValue(key, out var found))
        {
            slots[key] = found = new Slots();
        }

        return found;
    }

    /// <summary>Adds a row's counters to <paramref name="sums"/>, whose slot 0 counts days.</summary>
    private static void Add(long[] sums, long[] row)
    {
        for (var i = 0; i < row.Length; i++)
        {
            sums[i + 1] += row[i];
        }
    }

    /// <summary>The sums of one month (or day) by channel id, index 0 being all channels; each is [days, counters…].</summary>
    private sealed class Slots
    {
        private long[]?[] _byChannel = new long[]?[16];

        public long[] All => Channel(0);

        public long[] Channel(int channel)
        {
            if (channel >= _byChannel.Length)
            {
                Array.Resize(ref _byChannel, Math.Max(channel + 1, _byChannel.Length * 2));
            }

            return _byChannel[channel] ??= new long[Columns.Count + 1];
        }

        public IEnumerable<(int Channel, long[] Sums)> Each()
        {
            for (var channel = 0; channel < _byChannel.Length; channel++)
            {
                if (_byChannel[channel] is { } sums)
                {
                    yield return (channel, sums);
                }
            }
        }
    }

    /// <summary>The prepared deletes and inserts of both tables.</summary>
    private sealed class RollupWriter : IDisposable
    {
        private static readonly string[] ValueNames = [.. Enumerable.Range(0, Columns.Count).Select(i => string.Create(CultureInfo.InvariantCulture, $"$c{i}"))];

        private readonly BulkStatement _deleteMonth;
        private readonly BulkStatement _insertMonth;
        private readonly BulkStatement _deleteDay;
        private readonly BulkStatement _insertDay;

        public RollupWriter(SqliteConnection connection)
        {
            var columns = string.Join(", ", Columns);
            var values = string.Join(", ", ValueNames);
            _deleteMonth = new BulkStatement(connection, "DELETE FROM channel_monthly WHERE shop = $shop AND month = $month", ["$shop", "$month"]);
            _insertMonth = new BulkStatement(
                connection,
                $"INSERT INTO channel_monthly (shop, month, channel, days, {columns}) VALUES ($shop, $month, $channel, $days, {values})",
                ["$shop", "$month", "$channel", "$days", .. ValueNames]);
            _deleteDay = new BulkStatement(connection, "DELETE FROM all_shops_daily WHERE day = $day", ["$day"]);
            _insertDay = new BulkStatement(
                connection,
                $"INSERT INTO all_shops_daily (day, channel, {columns}) VALUES ($day, $channel, {values})",
                ["$day", "$channel", .. ValueNames]);
        }

        public void DeleteMonth(int shop, int month)
        {
            _deleteMonth.Set(0, shop);
            _deleteMonth.Set(1, month);
            _deleteMonth.Execute();
        }

        public void InsertMonth(int shop, int month, int channel, long[] sums)
        {
            _insertMonth.Set(0, shop);
            _insertMonth.Set(1, month);
            _insertMonth.Set(2, channel);
            _insertMonth.Set(3, sums[0]);
            for (var i = 0; i < Columns.Count; i++)
            {
                _insertMonth.Set(4 + i, sums[i + 1]);
            }

            _insertMonth.Execute();
        }

        public void DeleteDay(int day)
        {
            _deleteDay.Set(0, day);
            _deleteDay.Execute();
        }

        public void InsertDay(int day, int channel, long[] sums)
        {
            _insertDay.Set(0, day);
            _insertDay.Set(1, channel);
            for (var i = 0; i < Columns.Count; i++)
            {
                _insertDay.Set(2 + i, sums[i + 1]);
            }

            _insertDay.Execute();
        }

        public void Dispose()
        {
            _deleteMonth.Dispose();
            _insertMonth.Dispose();
            _deleteDay.Dispose();
            _insertDay.Dispose();
        }
    }
}
