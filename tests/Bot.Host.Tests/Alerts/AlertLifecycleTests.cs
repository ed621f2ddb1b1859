using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting;
using Bot.Core.Alerts;

namespace Bot.Host.Tests.Alerts;

/// <summary>
/// The acceptance scenario on demo data, end to end through HTTP: the demo data up to yesterday (tmall-flagship's conversion
/// dip is its last five days) is imported, `alert conversion below baseline for 3 days` fires at once, one card is posted to
/// the conversation subscribed to alerts, Acknowledge (an adaptiveCard/action invoke) refreshes that card, and importing the
/// recovered numbers of the dip days (what `seed-demo --recovered` imports) resolves the same incident with a resolved notice.
/// </summary>
public sealed class AlertLifecycleTests(AlertHostFactory host) : IClassFixture<AlertHostFactory>
{
    private readonly AlertScenario _scenario = new(host);

    [Fact]
    public async Task DemoDip_FiresAcknowledgesAndResolvesOnTheSameCard()
    {
        var today = AlertScenario.Today;
        await _scenario.IngestAsync(today.AddYears(-1), today.AddDays(-1));
        await _scenario.SayAsync("subscribe alerts");

        // The rule is evaluated at once, on the newest day: the dip has lasted five days by then; douyin-store has no dip.
        var saved = await _scenario.SayAsync("alert conversion below baseline for 3 days");
        await _scenario.DispatchAsync();

        Assert.Contains("firing (#1)", (string?)saved["fallbackText"], StringComparison.Ordinal);
        var tmall = Assert.Single(await _scenario.Store.ListIncidentsAsync(null, openOnly: true, CancellationToken.None));
        Assert.Equal(("shop:tmall-flagship", today.AddDays(-1)), (tmall.TargetKey, tmall.OpenedDay));
        var cards = await _scenario.PostedAsync("🔴 Alert: Conversion 15% below baseline for 3 days in a row", count: 1);
        var cardId = await _scenario.CardActivityIdAsync(tmall.Id);
        var tmallCard = AlertScenario.Card(Assert.Single(cards))!;
        Assert.Contains(tmall.TargetLabel, (string?)tmallCard["fallbackText"], StringComparison.Ordinal);
        Assert.Equal(AlertScenario.LiWeiId, (string?)tmallCard["msteams"]!["entities"]![0]!["mentioned"]!["id"]);
        Assert.Contains(AlertScenario.Strings(tmallCard), s => s.Contains("<at>Li Wei</at>", StringComparison.Ordinal));
        Assert.Equal(["Acknowledge", "Mute 1 day", "Mute until next import", "Assign to me"], tmallCard["actions"]!.AsArray().Select(a => (string?)a!["title"]));
        Assert.Equal("Action.Submit", (string?)tmallCard["actions"]![0]!["fallback"]!["type"]);

        // Acknowledge: the clicker gets the refreshed card at once, everyone else through the PUT of the shared card.
        var invoke = await _scenario.InvokeAsync(AlertVerbs.Acknowledge, tmall.Id, cardId);

        Assert.Equal(200, (int?)invoke["statusCode"]);
        Assert.Equal("application/vnd.microsoft.card.adaptive", (string?)invoke["type"]);
        Assert.Contains("acknowledged by Li Wei", invoke["value"]!.ToJsonString(), StringComparison.Ordinal);
        await _scenario.UpdatedAsync(cardId, text => text.Contains("acknowledged by Li Wei", StringComparison.Ordinal));
        var logged = Assert.Single(await _scenario.Store.ListActionsAsync(tmall.RuleId, tmall.Id, CancellationToken.None));
        Assert.Equal((AlertActionKind.Acknowledge, AlertScenario.LiWeiId, "6f1f5a1e-8c2b-4f3e-9a7d-2b1c0d9e8f7a"), (logged.Kind, logged.Actor.Id, logged.Actor.AadObjectId));

        // Recovered numbers of the dip days are imported: the same incident resolves, its card is updated and a short notice is posted.
        await _scenario.IngestAsync(AlertScenario.Dip.Start, AlertScenario.Dip.End, recovered: true);

        var resolved = Assert.Single(await _scenario.PostedAsync("✅ Resolved: Conversion 15% below baseline", count: 1));
        await _scenario.UpdatedAsync(cardId, text => text.StartsWith("✅ Resolved", StringComparison.Ordinal));
        var after = await _scenario.Store.GetIncidentAsync(tmall.Id, CancellationToken.None);
        Assert.Equal((IncidentStatus.Resolved, today.AddDays(-1)), (after!.Status, after.ResolvedDay));
        Assert.Single(await _scenario.Store.ListIncidentsAsync(null, openOnly: false, CancellationToken.None));
        Assert.Contains($"alert #{tmall.Id} cleared", AlertScenario.Card(resolved)!.ToJsonString(), StringComparison.Ordinal);

        // Nothing more goes out on another pass: every notice was handled exactly once.
        var before = host.Connector.Requests.Count;
        await _scenario.DispatchAsync();
        Assert.Equal(before, host.Connector.Requests.Count);
        Assert.Equal(1, host.Connector.Requests.Count(r => r.Method == "POST" && AlertScenario.Title(r)?.StartsWith("🔴 Alert", StringComparison.Ordinal) == true));
    }
}

/// <summary>`alert test` on the demo data finds the conversion dip the generator puts on tmall-flagship's last five days.</summary>
public sealed class AlertDryRunTests(AlertHostFactory host) : IClassFixture<AlertHostFactory>
{
    private readonly AlertScenario _scenario = new(host);

    [Fact]
    public async Task AlertTest_OnDemoData_ShowsTheDipDay()
    {
        var today = AlertScenario.Today;
        await _scenario.IngestAsync(today.AddYears(-1), today.AddDays(-1));

        var card = await _scenario.SayAsync("alert test conversion below baseline for 3 days");

        var text = (string?)card["fallbackText"];
        Assert.Contains("It would have fired 1 time(s)", text, StringComparison.Ordinal);
        Assert.Contains(AlertScenario.Dip.Start.AddDays(2).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), text, StringComparison.Ordinal);
        Assert.Contains("Dry run", (string?)((JsonObject)card)["body"]![0]!["text"], StringComparison.Ordinal);
    }
}

/// <summary>A host whose workers poll only once an hour: anything that arrives sooner was sent because something woke them.</summary>
public sealed class SlowPollAlertHostFactory : AlertHostFactory
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Schedule:Outbox:PollSeconds", "3600");
    }
}

/// <summary>A new rule that fires at once posts its card right away, not at the notice worker's next poll.</summary>
public sealed class AlertWakeTests(SlowPollAlertHostFactory host) : IClassFixture<SlowPollAlertHostFactory>
{
    private readonly AlertScenario _scenario = new(host);

    [Fact]
    public async Task NewRule_FiringAtOnce_PostsItsCardWithoutWaitingForThePoll()
    {
        await _scenario.IngestAsync(AlertScenario.Today.AddYears(-1), AlertScenario.Today.AddDays(-1));
        await _scenario.SayAsync("subscribe alerts");

        var saved = await _scenario.SayAsync("alert conversion below baseline for 3 days shop tmall-flagship");
        Assert.Contains("firing (#", (string?)saved["fallbackText"], StringComparison.Ordinal);

        var card = AlertScenario.Card(Assert.Single(await _scenario.PostedAsync("🔴 Alert: Conversion", count: 1)));
        Assert.Contains("tmall-flagship", (string?)card!["fallbackText"], StringComparison.Ordinal);

        // The morning brief lists what is firing in its scope (domain.md §4), and only there.
        var incident = Assert.Single(await _scenario.Store.ListIncidentsAsync(null, openOnly: true, CancellationToken.None));
        var day = AlertScenario.Today.AddDays(-1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var tmall = (string?)(await _scenario.SayAsync($"brief {day} shop tmall-flagship"))["fallbackText"];
        var douyin = (string?)(await _scenario.SayAsync($"brief {day} shop douyin-store"))["fallbackText"];
        Assert.Contains($"Alerts firing: #{incident.Id} Conversion 15% below baseline for 3 days in a row — tmall-flagship, since {day}, not acknowledged", tmall, StringComparison.Ordinal);
        Assert.DoesNotContain("Alerts firing", douyin, StringComparison.Ordinal);
    }
}

/// <summary>The answer to "alert …" comes before the alert card it fired, even when the answer is slow to go out.</summary>
public sealed class AlertOrderTests(AlertHostFactory host) : IClassFixture<AlertHostFactory>
{
    private readonly AlertScenario _scenario = new(host);

    [Fact]
    public async Task NewRule_FiringAtOnce_ItsAnswerArrivesBeforeItsCard()
    {
        await _scenario.IngestAsync(AlertScenario.Today.AddYears(-1), AlertScenario.Today.AddDays(-1));
        await _scenario.SayAsync("subscribe alerts");

        // Replies (POST …/activities/{id}) take a second to be taken in; the card (POST …/activities) is not held.
        host.Connector.Delay((method, target) => method == "POST" && target.Contains("/activities/", StringComparison.Ordinal) && target.Contains(Uri.EscapeDataString(_scenario.ConversationId), StringComparison.Ordinal), TimeSpan.FromSeconds(1));
        try
        {
            await _scenario.SayAsync("alert conversion below baseline for 3 days shop tmall-flagship");
            var card = Assert.Single(await _scenario.PostedAsync("🔴 Alert: Conversion", count: 1));

            var answer = host.Connector.Requests.Single(r => r.IsFor(_scenario.ConversationId) && AlertScenario.Title(r)?.StartsWith("Alert rule #", StringComparison.Ordinal) == true);
            Assert.True(card.ReceivedTimestamp > answer.ReceivedTimestamp, "the alert card arrived before the answer to the message that created the rule");
        }
        finally
        {
            host.Connector.Delay(null);
        }
    }
}
