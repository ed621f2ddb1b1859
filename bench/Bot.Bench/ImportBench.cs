using System.Diagnostics;
using System.Globalization;
using System.Text;
using Bot.Storage.Import;
using Bot.Storage.Sqlite;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Bot.Bench;

/// <summary><c>import</c>: the generated CSV files through the real <see cref="CsvImporter"/> into a fresh SQLite file.</summary>
/// <remarks>
/// End to end = open the file, parse, validate, write, commit (the importer's one transaction per file).
/// With <c>--profile true</c> it then splits the channel-daily time: a second pass over the same file with one bad
/// row first (the importer then checks every row but writes none: parse + validate only), a plain read of the
/// bytes, and a raw SQLite insert of the same number of rows with the importer's statement into a scratch file.
/// </remarks>
internal static class ImportBench
{
    private const double TargetRowsPerSecond = 150_000;

    public static async Task<int> RunAsync(BenchOptions options)
    {
        var set = LargeSetInfo.Load(options.SetFile);
        await MachineLoad.WaitQuietAsync(options);
        var loadBefore = MachineLoad.Averages();
        var path = options.DatabasePath;
        DeleteDatabase(path);
        var database = new SqliteDatabase(path);
        new SchemaMigrator(database, TimeProvider.System).Migrate();
        var importer = new CsvImporter(database);
        Console.WriteLine($"Importing {options.CsvDirectory}/*.csv into a fresh {path}");

        var rows = new List<IReadOnlyList<string>>();
        double channelRate = 0;
        long channelRows = 0;
        TimeSpan channelElapsed = default;
        TimeSpan channelCpu = default;
        using var sampler = new MemorySampler();
        foreach (var kind in ImportKinds.All)
        {
            var file = Path.Combine(options.CsvDirectory, ImportKinds.Name(kind) + ".csv");
            sampler.ResetPeaks();
            var gen0 = GC.CollectionCount(0);
            var gen1 = GC.CollectionCount(1);
            var gen2 = GC.CollectionCount(2);
            var allocated = GC.GetTotalAllocatedBytes();
            var pause = GC.GetTotalPauseDuration();
            var cpu = MachineLoad.ProcessCpu();
            var stopwatch = Stopwatch.StartNew();
            ImportResult result;
            using (var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan))
            {
                result = importer.Import(kind, stream, new ImportOptions(RegisterUnknownChannels: true));
            }

            stopwatch.Stop();
            var cpuTime = MachineLoad.ProcessCpu() - cpu;
            if (!result.Succeeded)
            {
                Console.Error.WriteLine(result.Summary);
                return 1;
            }

            var rate = result.Rows / stopwatch.Elapsed.TotalSeconds;
            if (kind == ImportKind.ChannelDaily)
            {
                channelRate = rate;
                channelRows = result.Rows;
                channelElapsed = stopwatch.Elapsed;
                channelCpu = cpuTime;
            }

            rows.Add([
                ImportKinds.Name(kind),
                Report.N(result.Rows),
                Report.F(stopwatch.Elapsed.TotalSeconds, 2),
                Report.N((long)rate),
                Report.F(cpuTime.TotalSeconds, 1),
                Report.N((long)(result.Rows / cpuTime.TotalSeconds)),
                Report.F(sampler.PeakWorkingSet / 1048576.0, 0),
                Report.F(sampler.PeakManaged / 1048576.0, 0),
                Report.F((GC.GetTotalAllocatedBytes() - allocated) / 1048576.0, 0),
                string.Create(CultureInfo.InvariantCulture, $"{GC.CollectionCount(0) - gen0}/{GC.CollectionCount(1) - gen1}/{GC.CollectionCount(2) - gen2}"),
                Report.F((GC.GetTotalPauseDuration() - pause).TotalMilliseconds, 0),
            ]);
            Console.WriteLine($"  {ImportKinds.Name(kind),-15} {result.Rows,12:N0} rows in {stopwatch.Elapsed.TotalSeconds,7:F2} s = {rate,10:N0} rows/s, CPU {cpuTime.TotalSeconds:F1} s, load {MachineLoad.Averages()}");
        }

        var walBefore = FileSize(path + "-wal");
        var dbBefore = FileSize(path);
        using (var connection = database.Open())
        {
            connection.Exec("PRAGMA wal_checkpoint(TRUNCATE)");
        }

        SqliteConnection.ClearAllPools();
        var dbSize = FileSize(path);
        var walAfter = FileSize(path + "-wal");
        var tables = TableSizes(path);
        var peak = Process.GetCurrentProcess().PeakWorkingSet64;
        var loadAfter = MachineLoad.Averages();

        var markdown = new StringBuilder()
            .AppendLine(CultureInfo.InvariantCulture, $"Import of the large set ({set.Shops} shops × {set.Channels} channels × {set.Years} years) into a fresh file, one `CsvImporter.Import` per CSV file (`RegisterUnknownChannels` on for the three channels the shipped registry lacks). Load average before {loadBefore}, after {loadAfter}. Process CPU includes the GC threads; rows per CPU-second approximates the rate on an otherwise idle core.")
            .AppendLine()
            .Append(Report.Table(
                ["kind", "rows", "seconds", "rows/s", "process CPU s", "rows per CPU-s", "peak working set MiB", "peak managed heap MiB", "allocated MiB", "GCs gen0/1/2", "GC pause ms"],
                rows))
            .AppendLine()
            .Append(Report.Table(
                ["measure", "result", "target", "verdict"],
                [
                    ["channel-daily import, end to end (parse, validate, write, commit)", string.Create(CultureInfo.InvariantCulture, $"{channelRate:N0} rows/s ({channelRows:N0} rows in {channelElapsed.TotalSeconds:F1} s; {channelRows / channelCpu.TotalSeconds:N0} rows per CPU-second)"), "≥ 150,000 rows/s", Report.Verdict(channelRate >= TargetRowsPerSecond)],
                    ["database file after load (after `wal_checkpoint(TRUNCATE)`)", string.Create(CultureInfo.InvariantCulture, $"{dbSize / 1048576.0:N0} MiB ({dbSize:N0} bytes); before the checkpoint {dbBefore / 1048576.0:N0} MiB + WAL {walBefore / 1048576.0:N0} MiB; WAL after {walAfter:N0} bytes"), "report", "—"],
                    ["peak working set of the import process (all kinds)", string.Create(CultureInfo.InvariantCulture, $"{peak / 1048576.0:N0} MiB (Process.PeakWorkingSet64)"), "report", "—"],
                ]))
            .AppendLine()
            .AppendLine("Space by table (dbstat):")
            .AppendLine()
            .Append(tables)
            .ToString();
        Report.Publish(options, "import", markdown);

        if (options.Flag("profile"))
        {
            Profile(options, set, importer, channelElapsed, channelCpu, channelRows);
        }

        return 0;
    }

    /// <summary>Where the channel-daily time goes: read bytes, parse + validate without writing, raw SQLite insert.</summary>
    private static void Profile(BenchOptions options, LargeSetInfo set, CsvImporter importer, TimeSpan endToEnd, TimeSpan endToEndCpu, long rowCount)
    {
        var file = Path.Combine(options.CsvDirectory, "channel-daily.csv");

        // 1. Reading the bytes (page cache warm: the import just read them).
        var read = Stopwatch.StartNew();
        using (var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan))
        {
            var buffer = new byte[1 << 16];
            while (stream.Read(buffer) > 0)
            {
            }
        }

        read.Stop();

        // 2. Parse + validate: one bad row right after the header makes the importer check every row and write none.
        var cpu = MachineLoad.ProcessCpu();
        var validate = Stopwatch.StartNew();
        ImportResult checkOnly;
        using (var stream = new BadFirstRowStream(file, set.ShopCodes[0]))
        {
            checkOnly = importer.Import(ImportKind.ChannelDaily, stream, new ImportOptions(RegisterUnknownChannels: true));
        }

        validate.Stop();
        var validateCpu = MachineLoad.ProcessCpu() - cpu;
        if (checkOnly.Errors.Count != 1)
        {
            Console.Error.WriteLine("Expected exactly the one planted error: " + checkOnly.Summary);
        }

        // 3. The write alone: the importer's statement, rebound per row with SQLitePCL, into a scratch file, one transaction.
        var scratch = Path.Combine(options.DataDirectory, "insert-floor.db");
        DeleteDatabase(scratch);
        var scratchDb = new SqliteDatabase(scratch);
        new SchemaMigrator(scratchDb, TimeProvider.System).Migrate();
        cpu = MachineLoad.ProcessCpu();
        var insert = Stopwatch.StartNew();
        RawInsert(scratchDb, rowCount, set.Channels);
        insert.Stop();
        var insertCpu = MachineLoad.ProcessCpu() - cpu;
        DeleteDatabase(scratch);

        // 4. How compact the loaded file could be: VACUUM INTO a copy (reference for the file-size row).
        var vacuumPath = Path.Combine(options.DataDirectory, "vacuum.db");
        DeleteDatabase(vacuumPath);
        var vacuum = Stopwatch.StartNew();
        using (var connection = new SqliteConnection($"Data Source={options.DatabasePath};Pooling=False"))
        {
            connection.Open();
            connection.Exec($"VACUUM INTO '{vacuumPath}'");
        }

        vacuum.Stop();
        var vacuumSize = FileSize(vacuumPath);
        DeleteDatabase(vacuumPath);

        double Rate(TimeSpan t) => rowCount / t.TotalSeconds;
        var markdown = new StringBuilder()
            .AppendLine("Where the channel-daily import time goes (same file, same process, page cache warm):")
            .AppendLine()
            .Append(Report.Table(
                ["step", "seconds", "rows/s equivalent", "share of end to end", "process CPU s", "CPU share"],
                [
                    ["end to end (`CsvImporter.Import`, from the table above)", Report.F(endToEnd.TotalSeconds, 2), Report.N((long)Rate(endToEnd)), "100 %", Report.F(endToEndCpu.TotalSeconds, 1), "100 %"],
                    ["read the file's bytes only (FileStream, 64 KiB buffer)", Report.F(read.Elapsed.TotalSeconds, 2), Report.N((long)Rate(read.Elapsed)), Share(read.Elapsed, endToEnd), "—", "—"],
                    ["parse + validate + duplicate-key check, no writes (`Import` of the file with a bad first row)", Report.F(validate.Elapsed.TotalSeconds, 2), Report.N((long)Rate(validate.Elapsed)), Share(validate.Elapsed, endToEnd), Report.F(validateCpu.TotalSeconds, 1), Share(validateCpu, endToEndCpu)],
                    ["write only: the importer's INSERT … ON CONFLICT, SQLitePCL rebinding, one transaction, fresh file", Report.F(insert.Elapsed.TotalSeconds, 2), Report.N((long)Rate(insert.Elapsed)), Share(insert.Elapsed, endToEnd), Report.F(insertCpu.TotalSeconds, 1), Share(insertCpu, endToEndCpu)],
                ]))
            .AppendLine()
            .AppendLine(CultureInfo.InvariantCulture, $"`VACUUM INTO` a copy of the loaded file: {vacuumSize / 1048576.0:N0} MiB ({vacuum.Elapsed.TotalSeconds:F0} s) — how much room the load leaves in partly filled pages (the free list is empty). Load average at the end: {MachineLoad.Averages()}.")
            .ToString();
        Report.Publish(options, "import-profile", markdown);
    }

    private static string Share(TimeSpan part, TimeSpan whole) => string.Create(CultureInfo.InvariantCulture, $"{part.TotalSeconds / whole.TotalSeconds * 100:F0} %");

    /// <summary>Rows in key order (shop, day, channel) as the generator writes them, with plausible values.</summary>
    private static void RawInsert(SqliteDatabase database, long rowCount, int channels)
    {
        const string Sql = """
            INSERT INTO channel_daily (shop, day, channel, visitors, page_views, product_visitors, favorite_users, cart_users,
                orders, order_buyers, paid_orders, paid_buyers, gmv_cents, refund_cents, refund_orders, ad_cost_cents,
                new_visitors, bounced_visitors, stay_seconds, multi_item_orders)
            VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20)
            ON CONFLICT (shop, day, channel) DO UPDATE SET visitors = excluded.visitors, page_views = excluded.page_views,
                product_visitors = excluded.product_visitors, favorite_users = excluded.favorite_users, cart_users = excluded.cart_users,
                orders = excluded.orders, order_buyers = excluded.order_buyers, paid_orders = excluded.paid_orders,
                paid_buyers = excluded.paid_buyers, gmv_cents = excluded.gmv_cents, refund_cents = excluded.refund_cents,
                refund_orders = excluded.refund_orders, ad_cost_cents = excluded.ad_cost_cents, new_visitors = excluded.new_visitors,
                bounced_visitors = excluded.bounced_visitors, stay_seconds = excluded.stay_seconds, multi_item_orders = excluded.multi_item_orders
            """;
        using var connection = database.Open();
        connection.Exec("PRAGMA foreign_keys = OFF");
        var shops = (rowCount + (channels * 1826L) - 1) / (channels * 1826L);
        for (var s = 1; s <= shops; s++)
        {
            connection.Exec(string.Create(CultureInfo.InvariantCulture, $"INSERT INTO shop (id, code, name) VALUES ({s}, 'floor-{s}', 'floor-{s}')"));
        }

        for (var c = 10; c <= channels; c++)
        {
            connection.Exec(string.Create(CultureInfo.InvariantCulture, $"INSERT INTO channel (id, code, name, chinese_name, sort_order) VALUES ({c}, 'floor-{c}', 'floor-{c}', '', {c * 10})"));
        }

        using var transaction = connection.BeginTransaction();
        var db = connection.Handle!;
        Check(raw.sqlite3_prepare_v2(db, Sql, out var statement), db);
        using (statement)
        {
            long written = 0;
            var value = 1000L;
            for (var shop = 1; shop <= shops && written < rowCount; shop++)
            {
                for (var day = 19_000; day < 19_000 + 1826 && written < rowCount; day++)
                {
                    for (var channel = 1; channel <= channels && written < rowCount; channel++, written++)
                    {
                        raw.sqlite3_bind_int64(statement, 1, shop);
                        raw.sqlite3_bind_int64(statement, 2, day);
                        raw.sqlite3_bind_int64(statement, 3, channel);
                        for (var i = 4; i <= 20; i++)
                        {
                            value = (value * 1103515245 + 12345) & 0x7FFFFFFF;
                            raw.sqlite3_bind_int64(statement, i, value % 100_000);
                        }

                        var rc = raw.sqlite3_step(statement);
                        raw.sqlite3_reset(statement);
                        if (rc != raw.SQLITE_DONE)
                        {
                            SqliteException.ThrowExceptionForRC(rc, db);
                        }
                    }
                }
            }
        }

        transaction.Commit();
    }

    private static void Check(int rc, sqlite3 db)
    {
        if (rc != raw.SQLITE_OK)
        {
            SqliteException.ThrowExceptionForRC(rc, db);
        }
    }

    private static string TableSizes(string path)
    {
        try
        {
            using var connection = new SqliteConnection($"Data Source={path};Mode=ReadOnly;Pooling=False");
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT name, SUM(pgsize), COUNT(*) FROM dbstat GROUP BY name ORDER BY SUM(pgsize) DESC LIMIT 8";
            using var reader = command.ExecuteReader();
            var rows = new List<IReadOnlyList<string>>();
            while (reader.Read())
            {
                rows.Add([reader.GetString(0), Report.F(reader.GetInt64(1) / 1048576.0, 1), Report.N(reader.GetInt64(2))]);
            }

            return Report.Table(["table or index", "MiB", "pages"], rows);
        }
        catch (SqliteException ex)
        {
            return $"(per-table sizes unavailable: this SQLite build has no dbstat; {ex.Message})" + Environment.NewLine;
        }
    }

    private static long FileSize(string path) => File.Exists(path) ? new FileInfo(path).Length : 0;

    internal static void DeleteDatabase(string path)
    {
        SqliteConnection.ClearAllPools();
        foreach (var file in new[] { path, path + "-wal", path + "-shm" })
        {
            File.Delete(file);
        }
    }

    /// <summary>The channel-daily file with one invalid row (negative visitors) inserted as line 2.</summary>
    private sealed class BadFirstRowStream : Stream
    {
        private readonly FileStream _file;
        private readonly byte[] _prefix;
        private int _prefixPosition;

        public BadFirstRowStream(string path, string shop)
        {
            _file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
            var header = new List<byte>();
            int b;
            while ((b = _file.ReadByte()) >= 0)
            {
                header.Add((byte)b);
                if (b == '\n')
                {
                    break;
                }
            }

            var bad = Encoding.UTF8.GetBytes($"2000-01-01,{shop},natural_search,-1,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0\n");
            _prefix = [.. header, .. bad];
        }

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => throw new NotSupportedException();
            set => throw new NotSupportedException();
        }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            if (_prefixPosition < _prefix.Length)
            {
                var n = Math.Min(buffer.Length, _prefix.Length - _prefixPosition);
                _prefix.AsSpan(_prefixPosition, n).CopyTo(buffer);
                _prefixPosition += n;
                return n;
            }

            return _file.Read(buffer);
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                _file.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}

/// <summary>Samples the working set and the managed heap every 10 ms on a background thread to catch their peaks.</summary>
internal sealed class MemorySampler : IDisposable
{
    private readonly Thread _thread;
    private volatile bool _stop;
    private long _peakWorkingSet;
    private long _peakManaged;

    public MemorySampler()
    {
        _thread = new Thread(Loop) { IsBackground = true, Name = "memory sampler" };
        _thread.Start();
    }

    public long PeakWorkingSet => Interlocked.Read(ref _peakWorkingSet);

    public long PeakManaged => Interlocked.Read(ref _peakManaged);

    public void ResetPeaks()
    {
        Interlocked.Exchange(ref _peakWorkingSet, Environment.WorkingSet);
        Interlocked.Exchange(ref _peakManaged, GC.GetTotalMemory(false));
    }

    public void Dispose()
    {
        _stop = true;
        _thread.Join();
    }

    private void Loop()
    {
        while (!_stop)
        {
            Max(ref _peakWorkingSet, Environment.WorkingSet);
            Max(ref _peakManaged, GC.GetTotalMemory(false));
            Thread.Sleep(10);
        }
    }

    private static void Max(ref long location, long value)
    {
        long current;
        while (value > (current = Interlocked.Read(ref location)) && Interlocked.CompareExchange(ref location, value, current) != current)
        {
        }
    }
}
