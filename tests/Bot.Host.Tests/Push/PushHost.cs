using System.Net;
using System.Text.Json.Nodes;
using Bot.Channel.Tests.Fakes;
using Bot.Core.Push;
using Bot.Host.Push;
using Bot.Host.Tests.Infrastructure;
using Bot.Storage.Demo;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Bot.Host.Tests.Push;

/// <summary>
/// The real host for push tests: a storage file the test chooses (two hosts may share one, as two processes would),
/// a settable clock, and no background delivery worker — tests call the dispatcher and the deliverer themselves.
/// </summary>
public sealed class PushHost(string storagePath, TestClock? clock = null, bool quartz = false, Action<IServiceCollection>? services = null) : BotHostFactory
{
    public TestClock? Clock { get; } = clock;

    public string StoragePath { get; } = storagePath;

    public PushDispatcher Dispatcher => Services.GetRequiredService<PushDispatcher>();

    public OutboxDeliverer Deliverer => Services.GetRequiredService<OutboxDeliverer>();

    public ISubscriptionStore Subscriptions => Services.GetRequiredService<ISubscriptionStore>();

    public IOutbox Outbox => Services.GetRequiredService<IOutbox>();

    public static string NewStoragePath() => Path.Combine(Path.GetTempPath(), $"opsbot-push-tests-{Guid.NewGuid():N}.db");

    public static void DeleteStorage(string path)
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var file in new[] { path, path + "-wal", path + "-shm" })
        {
            File.Delete(file);
        }
    }

    /// <summary>Small demo data whose last day is the day before <paramref name="today"/>.</summary>
    public Task SeedAsync(DateOnly today) =>
        Services.GetRequiredService<DemoSeeder>().SeedAsync(new DemoDataOptions { Today = today, Years = 1, Shops = 1, Channels = 4, SkusPerShop = 20, BuyersPerShop = 500 }, CancellationToken.None);

    /// <summary>Says <paramref name="text"/> in a new personal chat whose serviceUrl is <paramref name="serviceUrl"/>; returns the conversation id and the reply.</summary>
    public async Task<(string ConversationId, string Reply)> SayAsync(string text, string? conversationId = null, string? serviceUrl = null)
    {
        var activity = TeamsActivity.Load("message-personal.json", serviceUrl ?? Connector.ServiceUrl, conversationId).WithText(text)
            .Set("id", "m-" + Guid.NewGuid().ToString("N"));
        using var client = CreateClient();
        using var content = activity.ToContent();
        var response = await client.PostAsync(new Uri("/api/messages", UriKind.Relative), content);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var reply = (await SentAsync(r => r.IsFor(activity.ConversationId) && r.RawTarget.EndsWith("/" + activity.Id, StringComparison.Ordinal)))[0];
        return (activity.ConversationId, CardText(reply.Json!));
    }

    public async Task<Subscription> SubscriptionAsync(string conversationId, SubscriptionKind kind = SubscriptionKind.Brief) =>
        (await Subscriptions.ListForConversationAsync("msteams", conversationId, CancellationToken.None)).Single(s => s.Kind == kind);

    /// <summary>Proactive sends to a conversation (the send-to-conversation route, not replies).</summary>
    public IReadOnlyList<RecordedRequest> Proactive(string conversationId) =>
        Connector.Requests.Where(r => r.Method == "POST" && r.RawTarget == $"/v3/conversations/{Uri.EscapeDataString(conversationId)}/activities").ToList();

    public static string CardText(JsonNode activity) => JsonText.Lines(activity["text"], activity["summary"], activity["attachments"]);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Storage:Path", StoragePath);
        builder.UseSetting("Schedule:Enabled", quartz ? "true" : "false");
        builder.UseSetting("Schedule:Outbox:WorkerEnabled", "false");
        builder.ConfigureTestServices(s =>
        {
            if (Clock is not null)
            {
                s.AddSingleton<TimeProvider>(Clock);
            }

            services?.Invoke(s);
        });
    }
}
