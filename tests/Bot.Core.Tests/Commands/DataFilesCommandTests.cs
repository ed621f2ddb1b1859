using System.Text;
using Bot.Core.Commands;
using Bot.Core.Commands.DataFiles;
using Bot.Core.Conversations;
using Bot.Core.DataFiles;
using Bot.Core.Messaging;
using Bot.Core.Metrics;
using Bot.Core.Replies;
using Bot.Core.Security;
using Bot.Core.Tests.Fakes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Bot.Core.Tests.Commands;

/// <summary>The chat side of data files: routing of messages with files, who may import, what the replies say, and `data`.</summary>
public sealed class DataFilesCommandTests : IDisposable
{
    private static readonly Uri FileUrl = new("https://files.example/channel-daily.csv");
    private readonly RecordingDataImport _import = new();
    private readonly InMemoryFiles _files = new();
    private readonly ServiceProvider _services;
    private readonly CommandRouter _router;

    public DataFilesCommandTests()
    {
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(new TestClock(new DateTimeOffset(2026, 6, 19, 2, 0, 0, TimeSpan.Zero)));
        services.AddSingleton(new TeamOptionsZone(TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai")));
        services.AddSingleton<IMetricStore>(new InMemoryMetricStore());
        services.AddSingleton<IConversationSettingsStore>(new InMemorySettingsStore());
        services.AddSingleton<ILoggerFactory>(NullLoggerFactory.Instance);
        services.AddSingleton(typeof(ILogger<>), typeof(Logger<>));
        services.AddSingleton(new Roles { Importers = ["aad-importer"], Admins = ["admin-1"] });
        services.AddSingleton(new ImportLimits { MaxFileBytes = 1000 });
        services.AddSingleton<IDataImport>(_import);
        services.AddSingleton<IAttachmentReader>(_files);
        services.AddCore();
        _services = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true });
        _router = _services.GetRequiredService<CommandRouter>();
        _files.Content[FileUrl] = "date,shop,channel\n2026-06-18,tmall,search\n";
    }

    public void Dispose() => _services.Dispose();

    [Theory]
    [InlineData("")]
    [InlineData("import")]
    [InlineData("导入")]
    [InlineData("here is yesterday's export")]
    public async Task A_file_with_no_words_with_import_or_with_words_that_are_no_command_is_imported(string text)
    {
        var reply = await SendAsync(text, Importer, File("channel-daily.csv"));

        Assert.Equal(ReplyKind.Answer, reply.Kind);
        var call = Assert.Single(_import.Calls);
        Assert.Null(call.Kind);
        Assert.Equal(_files.Content[FileUrl], call.Content);
        Assert.Equal("chat:Ivy", call.Source);
        Assert.Contains("Imported 40 channel-daily rows", reply.Title, StringComparison.Ordinal);
        Assert.Contains("38 new, 2 replaced", reply.AllText(), StringComparison.Ordinal);
        Assert.Contains("2026-06-14..2026-06-18", reply.AllText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_command_with_a_file_beside_it_is_still_that_command()
    {
        var reply = await SendAsync("help", Importer, File("screenshot.png"));

        Assert.Empty(_import.Calls);
        Assert.Empty(_files.Opened);
        Assert.Contains("funnel", reply.AllText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_named_kind_is_passed_on_and_an_unknown_kind_is_refused_with_the_kinds()
    {
        await SendAsync("import SKU_daily", Importer, File("export.csv"));
        Assert.Equal("sku-daily", Assert.Single(_import.Calls).Kind);
        await SendAsync("import this campaign-costs file please", Importer, File("export.csv"));
        Assert.Equal("campaign-costs", _import.Calls[^1].Kind);
        await SendAsync("导入 这个 文件", Importer, File("export.csv"));
        Assert.Null(_import.Calls[^1].Kind);
        _import.Calls.Clear();

        var refused = await SendAsync("import orders", Importer, File("export.csv"));
        Assert.Equal(ReplyKind.Problem, refused.Kind);
        Assert.Contains("channel-daily, sku-daily", refused.AllText(), StringComparison.Ordinal);
        Assert.Empty(_import.Calls);
    }

    [Fact]
    public async Task Someone_who_is_not_an_importer_is_refused_before_the_file_is_read()
    {
        var reply = await SendAsync(string.Empty, new Caller("29:guest", "Gus", "aad-guest"), File("channel-daily.csv"));

        Assert.Equal(ReplyKind.Problem, reply.Kind);
        Assert.Contains("Roles:Importers", reply.AllText(), StringComparison.Ordinal);
        Assert.Contains("aad-guest", reply.AllText(), StringComparison.Ordinal);
        Assert.Empty(_files.Opened);
        Assert.Empty(_import.Calls);
    }

    [Fact]
    public async Task An_admin_may_import()
    {
        var reply = await SendAsync(string.Empty, new Caller("admin-1", "Ada"), File("channel-daily.csv"));

        Assert.Equal(ReplyKind.Answer, reply.Kind);
        Assert.Single(_import.Calls);
    }

    [Fact]
    public async Task Refused_lines_are_listed_with_their_numbers_and_the_reply_says_nothing_was_written()
    {
        _import.Next = new DataImportReport
        {
            Kind = "channel-daily",
            Errors = [.. Enumerable.Range(2, 12).Select(line => new DataImportIssue(line, "visitors", $"'x{line}' is not a whole number"))],
        };

        var reply = await SendAsync(string.Empty, Importer, File("channel-daily.csv"));

        Assert.Equal(ReplyKind.Problem, reply.Kind);
        Assert.Equal("Nothing imported from channel-daily.csv", reply.Title);
        var table = reply.Table();
        Assert.Equal(ImportCommand.ErrorsShown, table.Rows.Count);
        Assert.Equal(["2", "visitors", "'x2' is not a whole number"], table.Rows[0].Select(c => c.Text));
        Assert.Contains("…and 2 more", reply.AllText(), StringComparison.Ordinal);
        Assert.Contains("nothing from it was written", reply.AllText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_header_that_fits_no_kind_or_two_asks_for_the_kind()
    {
        _import.Next = new DataImportReport { KindCandidates = ["campaigns", "goals"] };
        var two = await SendAsync(string.Empty, Importer, File("x.csv"));
        Assert.Equal(ReplyKind.Problem, two.Kind);
        Assert.Contains("could be campaigns or goals", two.AllText(), StringComparison.Ordinal);
        Assert.Contains("`import campaigns`", two.AllText(), StringComparison.Ordinal);

        _import.Next = new DataImportReport();
        var none = await SendAsync(string.Empty, Importer, File("x.csv"));
        Assert.Contains("none of the kinds", none.AllText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Excel_files_are_refused_with_how_to_save_as_csv()
    {
        var reply = await SendAsync(string.Empty, Importer, new IncomingFile("report.xlsx", new Uri("https://files.example/report.xlsx"), "xlsx"));

        Assert.Equal(ReplyKind.Problem, reply.Kind);
        Assert.Contains("CSV UTF-8", reply.AllText(), StringComparison.Ordinal);
        Assert.Empty(_files.Opened);
    }

    [Fact]
    public async Task A_file_that_cannot_be_read_is_reported_and_the_others_still_import()
    {
        var missing = new IncomingFile("gone.csv", new Uri("https://files.example/gone.csv"), "csv");

        var reply = await SendAsync(string.Empty, Importer, missing, File("channel-daily.csv"));

        Assert.Equal(ReplyKind.Problem, reply.Kind);
        Assert.Equal("Imported 1 of 2 files; nothing from gone.csv", reply.Title);
        Assert.Contains("gone.csv: link expired", reply.AllText(), StringComparison.Ordinal);
        Assert.Single(_import.Calls);
        Assert.Equal(1000, _files.MaxBytesSeen);
    }

    [Fact]
    public async Task Import_without_a_file_says_how_lists_every_kind_and_warns_in_a_channel()
    {
        var reply = await _router.HandleAsync(
            new IncomingMessage(new ConversationKey("msteams", "19:team", "channel"), new Caller("29:guest", "Gus"), "import"),
            CancellationToken.None);

        var text = reply.AllText();
        Assert.Contains("1:1 chat", text, StringComparison.Ordinal);
        Assert.Contains("group conversation", text, StringComparison.Ordinal);
        Assert.Contains("Roles:Importers", text, StringComparison.Ordinal);
        Assert.Equal(_import.Kinds.Select(k => k.Name), reply.Table().Rows.Select(r => r[0].Text));
        Assert.Empty(_import.Calls);
    }

    [Fact]
    public async Task Data_says_yesterday_is_in_for_every_shop_and_lists_the_latest_imports_in_the_team_zone()
    {
        var yesterday = new DateOnly(2026, 6, 18);
        _import.Status = new DataStatus(
            yesterday.AddDays(-6),
            yesterday,
            [new ShopFreshness("tmall-flagship", "天猫旗舰店", yesterday, yesterday, 7), new ShopFreshness("douyin-store", "抖音小店", yesterday, null, 7)],
            [new ImportLogEntry(new DateTimeOffset(2026, 6, 19, 1, 53, 0, TimeSpan.Zero), "channel-daily", "chat:Ivy", 1234, 1200, 34) { FirstDay = yesterday.AddDays(-1), LastDay = yesterday }]);

        var reply = await SendAsync("data", Importer);

        Assert.Equal((new DateOnly(2026, 6, 12), yesterday, DataStatusCommand.ImportsShown, (string?)null), _import.StatusAsked);
        var headline = Assert.IsType<TextBlock>(reply.Blocks[0]);
        Assert.Equal("Yesterday (2026-06-18) is in for every shop (2).", headline.Text);
        Assert.Equal(Tone.Good, headline.Tone);
        Assert.Equal(["抖音小店", "2026-06-18", "—", "7/7"], reply.Table(0).Rows[1].Select(c => c.Text));
        Assert.Equal(["06-19 09:53", "channel-daily", "2026-06-17..2026-06-18", "1,234", "Ivy (chat)"], reply.Table(1).Rows[0].Select(c => c.Text));
    }

    [Fact]
    public async Task Data_names_the_shops_whose_yesterday_is_missing_and_their_gaps()
    {
        var yesterday = new DateOnly(2026, 6, 18);
        _import.Status = new DataStatus(
            yesterday.AddDays(-6),
            yesterday,
            [new ShopFreshness("tmall-flagship", "天猫旗舰店", yesterday, yesterday, 7), new ShopFreshness("jd-outlet", "jd-outlet", yesterday.AddDays(-2), null, 5), new ShopFreshness("pdd", "pdd", null, null, 0)],
            []);

        var reply = await SendAsync("数据", Importer);

        var headline = Assert.IsType<TextBlock>(reply.Blocks[0]);
        Assert.Equal(Tone.Warning, headline.Tone);
        Assert.Equal("Yesterday (2026-06-18) is missing for 2 of 3 shops: jd-outlet (to 06-16), pdd (none).", headline.Text);
        var jd = reply.Table(0).Rows[1];
        Assert.Equal(Tone.Warning, jd[1].Tone);
        Assert.Equal(("5/7", Tone.Warning), (jd[3].Text, jd[3].Tone));
        Assert.Contains("No imports recorded yet.", reply.AllText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Data_for_many_shops_lists_only_those_to_look_at_late_first()
    {
        var yesterday = new DateOnly(2026, 6, 18);
        var shops = Enumerable.Range(1, 40).Select(i => new ShopFreshness($"s{i}", $"Shop {i}", yesterday, yesterday, 7)).ToList();
        shops[10] = shops[10] with { TrafficDaysInWindow = 6 };
        shops[20] = shops[20] with { LastTrafficDay = yesterday.AddDays(-3) };
        shops[30] = shops[30] with { LastTrafficDay = yesterday.AddDays(-1), TrafficDaysInWindow = 6 };
        _import.Status = new DataStatus(yesterday.AddDays(-6), yesterday, shops, []);

        var reply = await SendAsync("data", Importer);

        Assert.Equal(["Shop 21", "Shop 31", "Shop 11"], reply.Table(0).Rows.Select(r => r[0].Text));
        Assert.StartsWith("The 3 of 40 shops to look at", reply.Table(0).Caption, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Data_names_one_shop_when_asked_or_when_the_conversation_uses_one()
    {
        await _router.HandleAsync(new IncomingMessage(new ConversationKey("msteams", "a:1", "personal"), Importer, "data 京东"), CancellationToken.None);

        Assert.Equal("jd", _import.StatusAsked!.Value.Shop);
    }

    private static readonly Caller Importer = new("29:ivy", "Ivy", "aad-importer");

    private static IncomingFile File(string name) =>
        new(name, name.EndsWith(".csv", StringComparison.Ordinal) ? FileUrl : new Uri("https://files.example/" + name), null);

    private Task<Reply> SendAsync(string text, Caller from, params IncomingFile[] files) =>
        _router.HandleAsync(
            new IncomingMessage(new ConversationKey("msteams", "a:1", "personal"), from, text) { Files = files },
            CancellationToken.None);

    private sealed class InMemoryFiles : IAttachmentReader
    {
        public Dictionary<Uri, string> Content { get; } = [];

        public List<Uri> Opened { get; } = [];

        public long MaxBytesSeen { get; private set; }

        public Task<Stream> OpenAsync(IncomingFile file, long maxBytes, CancellationToken cancellationToken)
        {
            Opened.Add(file.Url);
            MaxBytesSeen = maxBytes;
            return Content.TryGetValue(file.Url, out var text)
                ? Task.FromResult<Stream>(new MemoryStream(Encoding.UTF8.GetBytes(text)))
                : throw new AttachmentUnavailableException($"{file.Name}: link expired");
        }
    }
}
