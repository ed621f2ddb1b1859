using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Bot.Channel.Tests.Fakes;
using Bot.Core.Alerts;
using Bot.Core.Push;
using Bot.Host.Alerts;
using Bot.Host.Tests.Infrastructure;
using Bot.Storage.Demo;
using Bot.Storage.Import;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace Bot.Host.Tests.Alerts;

/// <summary>The real host with HTTP ingest on and an admin configured; demo data is loaded through <c>POST /api/ingest</c> by the tests.</summary>
public class AlertHostFactory : BotHostFactory
{
    public const string ApiKey = "alert-tests-key";
    public const string AdminAad = "0c0ffee0-0000-4000-8000-00000000ad01";

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Ingest:ApiKey", ApiKey);
        builder.UseSetting("Roles:Admins:0", AdminAad);
    }
}

/// <summary>What the alert host tests do: load demo data by day, talk and click as Teams would, read what reached the fake connector.</summary>
public sealed class AlertScenario(AlertHostFactory host)
{
    /// <summary>A fixed "today" for the demo generator, far from 618 and 双11: tmall-flagship's conversion dip is on 09-10..09-14.</summary>
    public static readonly DateOnly Today = new(2026, 9, 15);

    /// <summary>The demo's conversion dip (tmall-flagship only): the last five days.</summary>
    public static readonly (DateOnly Start, DateOnly End) Dip = DemoDataOptions.Demo(Today).ConversionDip;

    public const string LiWeiId = "29:1GcS4EyB_oSI8A88XmWBN7NKFMZ1Yrc2Rx-tD1S0cG2kDLF9D2xXjnQ";

    private static readonly Lazy<(string Header, List<(DateOnly Day, string Line)> Rows)> Demo = new(() => Generate(recovered: false));

    private static readonly Lazy<(string Header, List<(DateOnly Day, string Line)> Rows)> Recovered = new(() => Generate(recovered: true));

    private readonly HttpClient _client = host.CreateClient();

    public AlertHostFactory Host { get; } = host;

    public IAlertStore Store => Host.Services.GetRequiredService<IAlertStore>();

    public IOutbox Outbox => Host.Services.GetRequiredService<IOutbox>();

    public string ConversationId { get; } = $"a:{Guid.NewGuid():N}";

    /// <summary>Imports the demo channel-daily rows of those days through the HTTP ingest endpoint (which runs the import hook).</summary>
    /// <remarks>With <paramref name="recovered"/>, the dip's rows as the demo's <c>seed-demo --recovered</c> writes them.</remarks>
    public async Task IngestAsync(DateOnly from, DateOnly to, bool recovered = false)
    {
        var (header, rows) = recovered ? Recovered.Value : Demo.Value;
        var csv = new StringBuilder().AppendLine(header);
        foreach (var (_, line) in rows.Where(r => r.Day >= from && r.Day <= to))
        {
            csv.AppendLine(line);
        }

        using var content = new StringContent(csv.ToString(), Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/api/ingest/channel-daily", UriKind.Relative)) { Content = content };
        request.Headers.Add("X-Api-Key", AlertHostFactory.ApiKey);
        using var response = await _client.SendAsync(request);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <summary>Sends a message as Li Wei (personal chat) and returns the card the bot replied with.</summary>
    public async Task<JsonObject> SayAsync(string text)
    {
        var activity = TeamsActivity.Load("message-personal.json", Host.Connector.ServiceUrl, ConversationId).WithText(text).Set("id", Guid.NewGuid().ToString("N"));
        using var response = await _client.PostAsync(new Uri("/api/messages", UriKind.Relative), activity.ToContent());
        response.EnsureSuccessStatusCode();
        var sent = await Host.SentAsync(r => r.IsFor(ConversationId) && r.RawTarget.EndsWith(Uri.EscapeDataString(activity.Id), StringComparison.Ordinal));
        return Card(sent[0])!;
    }

    /// <summary>Clicks a card button as Teams does with Universal Actions (invoke adaptiveCard/action) and returns the invoke response body.</summary>
    public async Task<JsonObject> InvokeAsync(string verb, long incidentId, string cardActivityId, string? fromId = null, string? fromAad = null, string fromName = "Li Wei")
    {
        var data = new JsonObject { ["verb"] = verb, [AlertVerbs.Incident] = incidentId.ToString(CultureInfo.InvariantCulture) };
        var activity = TeamsActivity.Load("invoke-adaptive-card-action.json", Host.Connector.ServiceUrl, ConversationId)
            .Set("id", "f:" + Guid.NewGuid().ToString("N"))
            .Set("replyToId", cardActivityId)
            .Set("value", new JsonObject { ["action"] = new JsonObject { ["type"] = "Action.Execute", ["verb"] = verb, ["data"] = data }, ["trigger"] = "manual" });
        if (fromId is not null)
        {
            activity.Set("from", new JsonObject { ["id"] = fromId, ["name"] = fromName, ["aadObjectId"] = fromAad });
        }

        using var response = await _client.PostAsync(new Uri("/api/messages", UriKind.Relative), activity.ToContent());
        response.EnsureSuccessStatusCode();
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
    }

    /// <summary>Clicks a button in a client without Universal Actions: Action.Submit arrives as a message whose value is the data.</summary>
    public async Task SubmitAsync(string verb, long incidentId, string cardActivityId)
    {
        var activity = TeamsActivity.Load("message-personal.json", Host.Connector.ServiceUrl, ConversationId)
            .Set("id", Guid.NewGuid().ToString("N"))
            .Remove("text")
            .Set("replyToId", cardActivityId)
            .Set("value", new JsonObject { ["verb"] = verb, [AlertVerbs.Incident] = incidentId.ToString(CultureInfo.InvariantCulture) });
        using var response = await _client.PostAsync(new Uri("/api/messages", UriKind.Relative), activity.ToContent());
        response.EnsureSuccessStatusCode();
    }

    /// <summary>Runs the notice dispatcher now (the worker would within a few seconds).</summary>
    public Task DispatchAsync() => Host.Services.GetRequiredService<AlertNoticeDispatcher>().DispatchPendingAsync(CancellationToken.None);

    /// <summary>The id the connector returned for an incident's card here, once the outbox delivered it.</summary>
    public async Task<string> CardActivityIdAsync(long incidentId)
    {
        for (var i = 0; i < 200; i++)
        {
            if (await Outbox.GetAsync(AlertNoticeDispatcher.CardKey(incidentId, ConversationId), CancellationToken.None) is { State: OutboxState.Sent, ActivityId: { } id })
            {
                return id;
            }

            await Task.Delay(50);
        }

        throw new TimeoutException($"The card of incident {incidentId} was not delivered.");
    }

    /// <summary>Proactive posts (not replies) to this conversation whose card title starts with <paramref name="title"/>.</summary>
    public Task<IReadOnlyList<RecordedRequest>> PostedAsync(string title, int count) =>
        Host.SentAsync(r => r.Method == "POST" && r.IsFor(ConversationId) && r.RawTarget.EndsWith("/activities", StringComparison.Ordinal) && Title(r)?.StartsWith(title, StringComparison.Ordinal) == true, count);

    /// <summary>In-place updates (PUT) of one activity.</summary>
    public Task<IReadOnlyList<RecordedRequest>> UpdatedAsync(string activityId, Func<string, bool> fallbackText, int count = 1) =>
        Host.SentAsync(r => r.Method == "PUT" && r.RawTarget.EndsWith("/activities/" + Uri.EscapeDataString(activityId), StringComparison.Ordinal) && fallbackText((string?)Card(r)?["fallbackText"] ?? string.Empty), count);

    public static JsonObject? Card(RecordedRequest request) => request.Json?["attachments"]?[0]?["content"]?.AsObject();

    public static IEnumerable<string> Strings(JsonNode? node) => JsonText.Strings(node);

    public static string? Title(RecordedRequest request) => (string?)Card(request)?["body"]?[0]?["text"];

    private static (string, List<(DateOnly, string)>) Generate(bool recovered)
    {
        var generator = new DemoDataGenerator(DemoDataOptions.Demo(Today) with { Years = 1, SkusPerShop = 1, BuyersPerShop = 0 });
        using var writer = new StringWriter(CultureInfo.InvariantCulture);
        if (recovered)
        {
            generator.WriteRecoveredDip(writer);
        }
        else
        {
            generator.Write(ImportKind.ChannelDaily, writer);
        }

        var lines = writer.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var rows = lines.Skip(1).Select(l => (DateOnly.ParseExact(l[..10], "yyyy-MM-dd", CultureInfo.InvariantCulture), l)).ToList();
        return (lines[0], rows);
    }
}
