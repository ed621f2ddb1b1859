using System.Text;
using Bot.Storage.Import;
using Bot.Storage.Sqlite;
using Bot.Storage.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;

namespace Bot.Storage.Tests.Import;

/// <summary>The store's side of importing from chat: kind from the header, all or nothing, listeners told only of what was written.</summary>
public sealed class DataImportServiceTests : IDisposable
{
    private readonly TempDatabase _db = new();
    private readonly RecordingListener _listener = new();
    private readonly DataImportService _service;

    public DataImportServiceTests() =>
        _service = new DataImportService(_db.Importer, new DataImportNotifier([_listener], NullLogger<DataImportNotifier>.Instance), new ImportLog(_db.Database));

    public void Dispose() => _db.Dispose();

    [Theory]
    [InlineData(ChannelDay.Header)]
    [InlineData(ChannelDay.ChineseHeader)]
    public async Task A_channel_daily_file_is_recognised_by_its_header_written_and_announced(string header)
    {
        var csv = ChannelDay.File([A.ChannelDay("2026-06-01"), A.ChannelDay("2026-06-02")], header);

        var report = await _service.ImportAsync(null, Stream(csv), "chat:Ivy", CancellationToken.None);

        Assert.True(report.Succeeded);
        Assert.Equal("channel-daily", report.Kind);
        Assert.Equal(2, report.Rows);
        Assert.Equal((new DateOnly(2026, 6, 1), new DateOnly(2026, 6, 2)), (report.FirstDay, report.LastDay));
        Assert.Equal(2, Count("channel_daily"));
        var announced = Assert.Single(_listener.Imports);
        Assert.Equal("chat:Ivy", announced.Source);
        Assert.Equal(ImportKind.ChannelDaily, announced.Kind);
    }

    [Fact]
    public async Task A_bad_line_refuses_the_whole_file_with_its_line_number_and_nothing_is_announced()
    {
        var csv = ChannelDay.File([A.ChannelDay("2026-06-01"), A.ChannelDay("2026-06-02"), A.ChannelDay("2026-06-03")])
            .Replace("2026-06-02,tmall-flagship,natural_search,10000", "2026-06-02,tmall-flagship,natural_search,ten", StringComparison.Ordinal);

        var report = await _service.ImportAsync("channel-daily", Stream(csv), "chat:Ivy", CancellationToken.None);

        Assert.False(report.Succeeded);
        var error = Assert.Single(report.Errors);
        Assert.Equal(3, error.Line);
        Assert.Equal("visitors", error.Column);
        Assert.Equal(0, Count("channel_daily"));
        Assert.Empty(_listener.Imports);
    }

    [Fact]
    public void Every_kinds_own_header_fits_that_kind_and_no_other()
    {
        foreach (var kind in ImportKinds.All)
        {
            var header = string.Join(",", ImportKinds.Header(kind)) + "\n";

            Assert.Equal([kind], ImportKindDetector.Candidates(Stream(header)));
        }
    }

    [Fact]
    public async Task A_header_that_fits_no_kind_writes_nothing_and_says_so()
    {
        var report = await _service.ImportAsync(null, Stream("order_id,amount\n1,2\n"), "chat:Ivy", CancellationToken.None);

        Assert.False(report.Succeeded);
        Assert.Null(report.Kind);
        Assert.Empty(report.KindCandidates);
        Assert.Empty(_listener.Imports);
    }

    [Fact]
    public async Task A_one_way_stream_is_read_twice_through_a_copy()
    {
        var csv = ChannelDay.File([A.ChannelDay("2026-06-01")]);

        var report = await _service.ImportAsync(null, new ForwardOnlyStream(Encoding.UTF8.GetBytes(csv)), "chat:Ivy", CancellationToken.None);

        Assert.True(report.Succeeded);
        Assert.Equal(1, Count("channel_daily"));
    }

    [Fact]
    public void Kinds_list_the_required_columns_with_a_Chinese_header_for_each()
    {
        var channelDaily = _service.Kinds.Single(k => k.Name == "channel-daily");

        Assert.Equal(["date", "shop", "channel"], channelDaily.RequiredColumns.Take(3));
        Assert.Equal(["日期", "店铺", "渠道"], channelDaily.ChineseColumns.Take(3));
        Assert.Equal(ImportKinds.All.Select(ImportKinds.Name), _service.Kinds.Select(k => k.Name));
    }

    [Fact]
    public async Task A_written_import_is_logged_with_its_source_in_its_transaction_and_a_refused_one_is_not()
    {
        await _service.ImportAsync(null, Stream(ChannelDay.File([A.ChannelDay("2026-06-01"), A.ChannelDay("2026-06-02")])), "chat:Ivy", CancellationToken.None);
        _db.Import(ImportKind.ChannelDaily, ChannelDay.File([A.ChannelDay("2026-06-02")]));
        await _service.ImportAsync("channel-daily", Stream(ChannelDay.File([A.ChannelDay("2026-06-03")]).Replace("10000", "x", StringComparison.Ordinal)), "chat:Ivy", CancellationToken.None);

        var status = await _service.GetStatusAsync(new DateOnly(2026, 6, 1), new DateOnly(2026, 6, 7), 10, null, CancellationToken.None);

        Assert.Equal(2, status.RecentImports.Count);
        Assert.Equal(("channel-daily", "unknown", 1L, 0L, 1L), Entry(status.RecentImports[0]));
        Assert.Equal(("channel-daily", "chat:Ivy", 2L, 2L, 0L), Entry(status.RecentImports[1]));
        Assert.True(status.RecentImports[1].At <= status.RecentImports[0].At);
        Assert.Equal((new DateOnly(2026, 6, 1), new DateOnly(2026, 6, 2)), (status.RecentImports[1].FirstDay, status.RecentImports[1].LastDay));
    }

    [Fact]
    public async Task Status_lists_the_latest_imports_and_the_newest_of_each_kind_however_old()
    {
        await _service.ImportAsync("goals", Stream("shop,metric,period,target\ntmall-flagship,gmv,2026,1000000\n"), "chat:Ivy", CancellationToken.None);
        foreach (var day in new[] { "2026-06-01", "2026-06-02", "2026-06-03" })
        {
            await _service.ImportAsync("channel-daily", Stream(ChannelDay.File([A.ChannelDay(day)])), "http", CancellationToken.None);
        }

        var status = await _service.GetStatusAsync(new DateOnly(2026, 6, 1), new DateOnly(2026, 6, 7), 2, null, CancellationToken.None);

        Assert.Equal(["channel-daily", "channel-daily", "goals"], status.RecentImports.Select(i => i.Kind));
        Assert.Equal([new DateOnly(2026, 6, 3), new DateOnly(2026, 6, 2)], status.RecentImports.Take(2).Select(i => i.LastDay!.Value));
    }

    [Fact]
    public async Task Kinds_that_are_not_daily_have_no_days()
    {
        var report = await _service.ImportAsync("goals", Stream("shop,metric,period,target\ntmall-flagship,gmv,2026,1000000\n"), "chat:Ivy", CancellationToken.None);

        Assert.True(report.Succeeded, string.Join("; ", report.Errors));
        Assert.Null(report.FirstDay);
        Assert.Null((await _service.GetStatusAsync(new DateOnly(2026, 6, 1), new DateOnly(2026, 6, 7), 1, null, CancellationToken.None)).RecentImports[0].LastDay);
    }

    [Fact]
    public async Task Status_gives_each_shops_newest_traffic_and_product_day_and_its_traffic_days_in_the_window()
    {
        _db.Import(ImportKind.ChannelDaily, ChannelDay.File([
            A.ChannelDay("2026-06-01"), A.ChannelDay("2026-06-01", channel: "live"), A.ChannelDay("2026-06-03"), A.ChannelDay("2026-06-09"),
            A.ChannelDay("2026-06-02", "douyin-store")]));

        var status = await _service.GetStatusAsync(new DateOnly(2026, 6, 1), new DateOnly(2026, 6, 7), 10, null, CancellationToken.None);

        var tmall = status.Shops.Single(s => s.Shop == "tmall-flagship");
        Assert.Equal((new DateOnly(2026, 6, 9), (DateOnly?)null, 2), (tmall.LastTrafficDay!.Value, tmall.LastSkuDay, tmall.TrafficDaysInWindow));
        var douyin = status.Shops.Single(s => s.Shop == "douyin-store");
        Assert.Equal((new DateOnly(2026, 6, 2), 1), (douyin.LastTrafficDay!.Value, douyin.TrafficDaysInWindow));

        var one = await _service.GetStatusAsync(new DateOnly(2026, 6, 1), new DateOnly(2026, 6, 7), 10, "douyin-store", CancellationToken.None);
        Assert.Equal(["douyin-store"], one.Shops.Select(s => s.Shop));
    }

    private static (string, string, long, long, long) Entry(Bot.Core.DataFiles.ImportLogEntry e) => (e.Kind, e.Source, e.Rows, e.Inserted, e.Replaced);

    private static MemoryStream Stream(string text) => new(Encoding.UTF8.GetBytes(text));

    private long Count(string table)
    {
        using var connection = _db.Database.Open();
        return connection.Scalar($"SELECT COUNT(*) FROM {table}");
    }

    private sealed class RecordingListener : IDataImportedListener
    {
        public List<DataImported> Imports { get; } = [];

        public Task OnDataImportedAsync(DataImported imported, CancellationToken cancellationToken)
        {
            Imports.Add(imported);
            return Task.CompletedTask;
        }
    }

    /// <summary>Like a download: readable once, front to back.</summary>
    private sealed class ForwardOnlyStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;

        public override long Position { get => base.Position; set => throw new NotSupportedException(); }

        public override long Seek(long offset, SeekOrigin loc) => throw new NotSupportedException();
    }
}
