using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Bot.Core.Conversations;
using Bot.Core.Metrics;
using Bot.Core.Periods;
using Bot.Host.Tests.Infrastructure;
using Bot.Storage.Conversations;
using Bot.Storage.Import;
using Bot.Storage.Metrics;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace Bot.Host.Tests;

/// <summary>The host with an ingest key configured and a listener that records what was imported.</summary>
public sealed class IngestHostFactory : BotHostFactory
{
    public const string ApiKey = "test-ingest-key-5f3a";

    public RecordingListener Listener { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Ingest:ApiKey", ApiKey);
        builder.ConfigureServices(services => services.AddSingleton<IDataImportedListener>(Listener));
    }
}

/// <summary>The host as shipped: no ingest key in the configuration.</summary>
public sealed class NoIngestKeyHostFactory : BotHostFactory
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Ingest:ApiKey", string.Empty);
    }
}

public sealed class RecordingListener : IDataImportedListener
{
    public ConcurrentQueue<DataImported> Calls { get; } = new();

    public Task OnDataImportedAsync(DataImported imported, CancellationToken cancellationToken)
    {
        Calls.Enqueue(imported);
        return Task.CompletedTask;
    }
}

public sealed class IngestEndpointTests(IngestHostFactory factory) : IClassFixture<IngestHostFactory>
{
    private const string Header = "date,shop,channel,visitors,page_views,product_visitors,favorite_users,cart_users,orders,order_buyers,paid_orders,paid_buyers,gmv,refund_amount,refund_orders,ad_cost,new_visitors,bounced_visitors,stay_seconds,multi_item_orders";

    private static string Row(string date, string channel = "natural_search", long paidBuyers = 300) =>
        $"{date},ingest-shop,{channel},10000,30000,7000,500,800,330,310,310,{paidBuyers},54000.50,3200.25,18,1000,3000,3800,900000,50";

    private async Task<HttpResponseMessage> PostAsync(string kind, string csv, string? key = IngestHostFactory.ApiKey)
    {
        using var client = factory.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/ingest/{kind}")
        {
            Content = new StringContent(csv, Encoding.UTF8, new MediaTypeHeaderValue("text/csv")),
        };
        if (key is not null)
        {
            request.Headers.Add("X-Api-Key", key);
        }

        return await client.SendAsync(request);
    }

    private async Task<Counters> SumAsync(string day)
    {
        var date = DateOnly.ParseExact(day, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var store = factory.Services.GetRequiredService<IMetricStore>();
        return (await store.SumCountersAsync(new CounterQuery(DateRange.Day(date), "ingest-shop"), CancellationToken.None))[0].Counters;
    }

    [Theory]
    [InlineData(null)]
    [InlineData("wrong-key")]
    [InlineData("test-ingest-key-5f3")]
    public async Task Post_WithoutTheRightKey_Is401AndWritesNothing(string? key)
    {
        using var response = await PostAsync("channel-daily", $"{Header}\n{Row("2026-03-01")}\n", key);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.False((await SumAsync("2026-03-01")).HasData);
    }

    [Fact]
    public async Task Post_ValidCsv_Is200WithTheSummaryAndNotifiesListeners()
    {
        using var response = await PostAsync("channel-daily", $"{Header}\n{Row("2026-03-02")}\n{Row("2026-03-02", "直播")}\n");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var body = json.RootElement;
        Assert.Equal("channel-daily", body.GetProperty("kind").GetString());
        Assert.Equal(2, body.GetProperty("rows").GetInt64());
        Assert.Equal(2, body.GetProperty("inserted").GetInt64());
        Assert.Equal(0, body.GetProperty("replaced").GetInt64());
        Assert.Contains("2 rows imported", body.GetProperty("summary").GetString(), StringComparison.Ordinal);
        Assert.Equal(20_000, (await SumAsync("2026-03-02")).Visitors);
        Assert.Contains(factory.Listener.Calls, c => c.Kind == ImportKind.ChannelDaily && c.Source == "http" && c.Result.Rows == 2);
    }

    [Fact]
    public async Task Post_NewShopAndCampaign_KnownToTheNextMessageWithoutWaitingForTheCache()
    {
        var reference = factory.Services.GetRequiredService<Bot.Core.Commands.Query.ReferenceData>();
        Assert.DoesNotContain((await reference.GetAsync(CancellationToken.None)).Shops, s => s.Code == "late-shop");

        using var rows = await PostAsync("channel-daily", $"{Header}\n{Row("2026-03-05").Replace("ingest-shop", "late-shop", StringComparison.Ordinal)}\n");
        using var campaigns = await PostAsync("campaigns", "name,aliases,shop,start,end,warmup_start,target_gmv\nlate sale 2026,late sale,late-shop,2026-03-01,2026-03-05,,\n");

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (rows.StatusCode, campaigns.StatusCode));
        var snapshot = await reference.GetAsync(CancellationToken.None);
        Assert.Contains(snapshot.Shops, s => s.Code == "late-shop");
        Assert.Contains(snapshot.Campaigns, c => c.Name == "late sale 2026");
    }

    [Fact]
    public async Task Post_SameCsvTwice_SecondIsAReplace()
    {
        var csv = $"{Header}\n{Row("2026-03-03")}\n";
        using var first = await PostAsync("channel-daily", csv);

        using var second = await PostAsync("channel-daily", csv);

        using var json = JsonDocument.Parse(await second.Content.ReadAsStringAsync());
        Assert.Equal((0, 1), (json.RootElement.GetProperty("inserted").GetInt64(), json.RootElement.GetProperty("replaced").GetInt64()));
        Assert.Equal(10_000, (await SumAsync("2026-03-03")).Visitors);
    }

    [Fact]
    public async Task Post_CsvWithABadLine_Is400WithLineErrorsAndWritesNothing()
    {
        var calls = factory.Listener.Calls.Count;

        using var response = await PostAsync("channel-daily", $"{Header}\n{Row("2026-03-04")}\n{Row("2026-03-04", "live", paidBuyers: 999)}\n");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var error = Assert.Single(json.RootElement.GetProperty("errors").EnumerateArray());
        Assert.Equal(3, error.GetProperty("line").GetInt64());
        Assert.Equal("paid_buyers", error.GetProperty("column").GetString());
        Assert.Contains("funnel order", error.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.False((await SumAsync("2026-03-04")).HasData);
        Assert.Equal(calls, factory.Listener.Calls.Count);
    }

    [Fact]
    public async Task Post_UnknownKind_Is400ListingTheKinds()
    {
        using var response = await PostAsync("orders", $"{Header}\n{Row("2026-03-05")}\n");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("channel-daily, sku-daily", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Post_UnknownChannelWithRegisterChannels_RegistersIt()
    {
        using var refused = await PostAsync("channel-daily", $"{Header}\n{Row("2026-03-06", "tv_shopping")}\n");
        using var client = factory.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/ingest/channel-daily?registerChannels=true")
        {
            Content = new StringContent($"{Header}\n{Row("2026-03-06", "tv_shopping")}\n", Encoding.UTF8, "text/csv"),
        };
        request.Headers.Add("X-Api-Key", IngestHostFactory.ApiKey);

        using var accepted = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        Assert.Contains("tv_shopping", await accepted.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public void Storage_IsRegisteredWithTheSqlitePorts()
    {
        Assert.IsType<MetricStore>(factory.Services.GetRequiredService<IMetricStore>());
        Assert.IsType<SqliteConversationStore>(factory.Services.GetRequiredService<IConversationDirectory>());
        Assert.IsType<SqliteConversationStore>(factory.Services.GetRequiredService<IConversationSettingsStore>());
    }
}

public sealed class IngestWithoutKeyTests(NoIngestKeyHostFactory factory) : IClassFixture<NoIngestKeyHostFactory>
{
    [Fact]
    public async Task Post_NoKeyConfigured_Is503WithAClearMessage()
    {
        using var client = factory.CreateClient();
        using var content = new StringContent("date\n", Encoding.UTF8, "text/csv");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/ingest/channel-daily") { Content = content };
        request.Headers.Add("X-Api-Key", "anything");

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Contains("Ingest:ApiKey", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
