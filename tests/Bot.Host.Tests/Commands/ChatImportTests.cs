using System.Text;
using System.Text.Json.Nodes;
using Bot.Host.Tests.Infrastructure;
using Bot.Storage.Sqlite;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace Bot.Host.Tests.Commands;

/// <summary>
/// A CSV sent in a Teams 1:1 chat, end to end: the file.download.info attachment POSTed to /api/messages, the file
/// fetched from a real HTTP host on loopback, imported into the real SQLite file, and the answer read off the connector.
/// </summary>
public sealed class ChatImportTests(ChatImportTests.ImporterHostFactory host) : IClassFixture<ChatImportTests.ImporterHostFactory>
{
    /// <summary>The aadObjectId of the fixture's sender (message-personal.json), configured as an importer.</summary>
    public const string ImporterAadId = "6f1f5a1e-8c2b-4f3e-9a7d-2b1c0d9e8f7a";

    private const string Header = "日期,店铺,渠道,访客数,浏览量,商品访客数,收藏人数,加购人数,下单数,下单买家数,支付订单数,支付买家数,支付金额,退款金额,退款订单数,推广花费,新访客数,跳失访客数,停留时长,联合购买订单数";
    private const string Row = "natural_search,10000,30000,7000,500,800,330,310,310,300,54000.50,3200.25,18,1000,3000,3800,900000,50";

    private readonly HttpClient _client = host.CreateClient();

    [Fact]
    public async Task An_importer_sends_a_file_it_is_imported_and_the_new_shop_answers()
    {
        var csv = $"{Header}\n2026-06-01,jd-outlet,{Row}\n2026-06-02,jd-outlet,{Row}\n";
        var url = host.Connector.ServeFile("/files/jd.csv", Encoding.UTF8.GetBytes(csv));

        var reply = await SendFileAsync("jd.csv", url, fromImporter: true);

        Assert.StartsWith("Imported 2 channel-daily rows", Title(reply), StringComparison.Ordinal);
        Assert.Contains("jd-outlet", (string)reply["fallbackText"]!, StringComparison.Ordinal);
        Assert.Equal(2, Count("SELECT COUNT(*) FROM channel_daily d JOIN shop s ON s.id = d.shop WHERE s.code = 'jd-outlet'"));
        Assert.Contains("jd-outlet", (string)(await SendFileAsync(null, null, fromImporter: true, text: "shops"))["fallbackText"]!, StringComparison.Ordinal);

        // `data`: the import is in the log with who sent it, and jd-outlet's newest day is the file's last.
        var data = (string)(await SendFileAsync(null, null, fromImporter: true, text: "data"))["fallbackText"]!;
        Assert.Matches(@"channel-daily\s+2026-06-01\.\.2026-06-02\s+2\s+Li Wei \(chat\)", data);
        Assert.Matches(@"jd-outlet\s+2026-06-02", data);
    }

    [Fact]
    public async Task A_shop_registered_by_an_import_is_named_and_then_answers_to_its_new_names()
    {
        var url = host.Connector.ServeFile("/files/pdd.csv", Encoding.UTF8.GetBytes($"{Header}\n2026-06-01,pdd-store,{Row}\n"));
        await SendFileAsync("pdd.csv", url, fromImporter: true);

        var named = await SendFileAsync(null, null, fromImporter: true, text: "shop name pdd-store 拼多多旗舰店 aka PDD, 拼多多");
        var kpi = await SendFileAsync(null, null, fromImporter: true, text: "kpi 2026-06-01 拼多多");
        var refused = await SendFileAsync(null, null, fromImporter: false, text: "shop name pdd-store Other name");

        Assert.Equal("Shop pdd-store is now 拼多多旗舰店", Title(named));
        Assert.StartsWith("拼多多旗舰店 · ", (string)kpi["body"]![1]!["text"]!, StringComparison.Ordinal);
        Assert.Equal("Only importers can name shops", Title(refused));
        Assert.Equal(1, Count("SELECT COUNT(*) FROM shop WHERE code = 'pdd-store' AND name = '拼多多旗舰店'"));
    }

    [Fact]
    public async Task A_file_with_a_bad_line_writes_nothing_and_the_answer_names_the_line()
    {
        var csv = $"{Header}\n2026-06-01,tb-bad,{Row}\n2026-06-32,tb-bad,{Row}\n";
        var url = host.Connector.ServeFile("/files/bad.csv", Encoding.UTF8.GetBytes(csv));

        var reply = await SendFileAsync("bad.csv", url, fromImporter: true);

        Assert.Equal("Nothing imported from bad.csv", Title(reply));
        var text = JsonText.Lines(reply);
        Assert.Matches(@"\n3\s+日期\s+'2026-06-32' is not a calendar date", (string)reply["fallbackText"]!);
        Assert.Contains("nothing from it was written", text, StringComparison.Ordinal);
        Assert.Equal(0, Count("SELECT COUNT(*) FROM shop WHERE code = 'tb-bad'"));
    }

    [Fact]
    public async Task Someone_else_is_refused_and_the_file_is_not_even_fetched()
    {
        var url = host.Connector.ServeFile("/files/not-mine.csv", Encoding.UTF8.GetBytes($"{Header}\n2026-06-01,pdd-x,{Row}\n"));

        var reply = await SendFileAsync("not-mine.csv", url, fromImporter: false);

        Assert.Equal("Only importers can import data", Title(reply));
        Assert.DoesNotContain(host.Connector.Requests, r => r.Method == "GET" && r.RawTarget == "/files/not-mine.csv");
        Assert.Equal(0, Count("SELECT COUNT(*) FROM shop WHERE code = 'pdd-x'"));
    }

    private static string Title(JsonObject card) => (string)card["body"]![0]!["text"]!;

    private long Count(string sql)
    {
        using var connection = host.Services.GetRequiredService<SqliteDatabase>().Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (long)command.ExecuteScalar()!;
    }

    private async Task<JsonObject> SendFileAsync(string? name, Uri? url, bool fromImporter, string text = "")
    {
        var activity = TeamsActivity.Load("message-personal.json", host.Connector.ServiceUrl).WithText(text).Set("id", Guid.NewGuid().ToString("N"));
        if (!fromImporter)
        {
            activity.Set("from", new JsonObject { ["id"] = "29:someone-else", ["name"] = "Sam", ["aadObjectId"] = "0b0b0b0b-0000-4000-8000-000000000000" });
        }

        if (name is not null)
        {
            // The shape Teams sends for a file in a personal chat (supportsFiles in the manifest).
            activity.Set("attachments", new JsonArray(new JsonObject
            {
                ["contentType"] = "application/vnd.microsoft.teams.file.download.info",
                ["contentUrl"] = "https://contoso.sharepoint.com/personal/li/Documents/Microsoft Teams Chat Files/" + name,
                ["name"] = name,
                ["content"] = new JsonObject { ["downloadUrl"] = url!.ToString(), ["uniqueId"] = Guid.NewGuid().ToString(), ["fileType"] = "csv" },
            }));
        }

        using var response = await _client.PostAsync(new Uri("/api/messages", UriKind.Relative), activity.ToContent());
        response.EnsureSuccessStatusCode();
        var sent = await host.SentAsync(r => r.IsFor(activity.ConversationId) && r.RawTarget.EndsWith(Uri.EscapeDataString(activity.Id), StringComparison.Ordinal));
        return sent[0].Json!["attachments"]![0]!["content"]!.AsObject();
    }

    /// <summary>The real host with the fixture's sender listed in Roles:Importers.</summary>
    public sealed class ImporterHostFactory : BotHostFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Roles:Importers:0", ImporterAadId);
        }
    }
}
