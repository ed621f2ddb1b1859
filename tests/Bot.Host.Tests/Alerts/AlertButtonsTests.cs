using Bot.Core.Alerts;

namespace Bot.Host.Tests.Alerts;

/// <summary>The alert card's buttons through real POSTs to /api/messages: who may do what, both click paths, the shared card refreshed.</summary>
public sealed class AlertButtonsTests(AlertHostFactory host) : IClassFixture<AlertHostFactory>, IAsyncLifetime
{
    private const string StrangerId = "29:stranger";
    private const string StrangerAad = "11111111-2222-4333-8444-555555555555";

    private readonly AlertScenario _scenario = new(host);
    private AlertIncident _incident = null!;
    private string _cardId = null!;

    public async Task InitializeAsync()
    {
        if ((await _scenario.Store.ListRulesAsync(CancellationToken.None)).Count == 0)
        {
            await _scenario.IngestAsync(AlertScenario.Today.AddYears(-1), AlertScenario.Today.AddDays(-1));
        }

        await _scenario.SayAsync("subscribe alerts");
        await _scenario.SayAsync("alert conversion below baseline for 3 days shop tmall-flagship");
        var rules = await _scenario.Store.ListRulesAsync(CancellationToken.None);
        _incident = (await _scenario.Store.ListIncidentsAsync(rules[^1].Id, openOnly: true, CancellationToken.None)).Single();
        await _scenario.DispatchAsync();
        _cardId = await _scenario.CardActivityIdAsync(_incident.Id);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Mute_BySomeoneElse_IsRefusedToTheClickerOnlyAndChangesNothing()
    {
        var requests = host.Connector.Requests.Count;

        var response = await _scenario.InvokeAsync(AlertVerbs.MuteDay, _incident.Id, _cardId, StrangerId, StrangerAad, "Stranger");

        Assert.Equal(200, (int?)response["statusCode"]);
        Assert.Equal("application/vnd.microsoft.activity.message", (string?)response["type"]);
        Assert.Contains("Only the owner, the assignee or an admin can mute", (string?)response["value"], StringComparison.Ordinal);
        var incident = await _scenario.Store.GetIncidentAsync(_incident.Id, CancellationToken.None);
        Assert.Null(incident!.MutedUntil);
        Assert.DoesNotContain(host.Connector.Requests.Skip(requests), r => r.Method == "PUT" && r.RawTarget.EndsWith(Uri.EscapeDataString(_cardId), StringComparison.Ordinal));
    }

    [Fact]
    public async Task Mute_ByTheOwner_MutesAndRefreshesTheSharedCard()
    {
        var response = await _scenario.InvokeAsync(AlertVerbs.MuteUntilImport, _incident.Id, _cardId);

        Assert.Contains("muted until the next import by Li Wei", response["value"]!.ToJsonString(), StringComparison.Ordinal);
        await _scenario.UpdatedAsync(_cardId, text => text.Contains("muted until the next import by Li Wei", StringComparison.Ordinal));
        Assert.True((await _scenario.Store.GetIncidentAsync(_incident.Id, CancellationToken.None))!.MutedUntilImport);
    }

    [Fact]
    public async Task Mute_ByAnAdmin_IsAllowed()
    {
        var response = await _scenario.InvokeAsync(AlertVerbs.MuteDay, _incident.Id, _cardId, "29:admin", AlertHostFactory.AdminAad, "Ops Admin");

        Assert.Equal("application/vnd.microsoft.card.adaptive", (string?)response["type"]);
        Assert.Contains("by Ops Admin", response["value"]!.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AssignToMe_WithActionSubmitFallback_RecordsItAndUpdatesTheCard_ThenTheAssigneeMayMute()
    {
        await _scenario.SubmitAsync(AlertVerbs.AssignToMe, _incident.Id, _cardId);

        await _scenario.UpdatedAsync(_cardId, text => text.Contains("Assigned to", StringComparison.Ordinal) && text.Contains("Li Wei took it", StringComparison.Ordinal));
        var assignee = (await _scenario.Store.GetIncidentAsync(_incident.Id, CancellationToken.None))!.Assignee;
        Assert.Equal(AlertScenario.LiWeiId, assignee!.Id);

        // A stranger takes it over (anyone may), and as the assignee may now mute it.
        await _scenario.InvokeAsync(AlertVerbs.AssignToMe, _incident.Id, _cardId, StrangerId, StrangerAad, "Stranger");
        var muted = await _scenario.InvokeAsync(AlertVerbs.MuteDay, _incident.Id, _cardId, StrangerId, StrangerAad, "Stranger");

        Assert.Equal("application/vnd.microsoft.card.adaptive", (string?)muted["type"]);
        var log = await _scenario.Store.ListActionsAsync(_incident.RuleId, _incident.Id, CancellationToken.None);
        Assert.Equal(
            [(AlertActionKind.AssignToSelf, AlertScenario.LiWeiId), (AlertActionKind.AssignToSelf, StrangerId), (AlertActionKind.MuteDay, StrangerId)],
            log.Select(a => (a.Kind, a.Actor.Id!)).TakeLast(3));
    }

    [Fact]
    public async Task Acknowledge_Twice_SecondClickSaysWhoAcknowledged()
    {
        await _scenario.InvokeAsync(AlertVerbs.Acknowledge, _incident.Id, _cardId);

        var second = await _scenario.InvokeAsync(AlertVerbs.Acknowledge, _incident.Id, _cardId, StrangerId, StrangerAad, "Stranger");

        Assert.Equal("application/vnd.microsoft.activity.message", (string?)second["type"]);
        Assert.Contains("Li Wei acknowledged", (string?)second["value"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task RemoveRule_ByTheOwner_ClosesTheCard()
    {
        var rule = (await _scenario.Store.GetRuleAsync(_incident.RuleId, CancellationToken.None))!;

        var reply = await _scenario.SayAsync($"alert remove {rule.Id}");

        // Li Wei owns it (refusals for others are covered in Core); removing it closes the open alert on its card.
        Assert.Contains($"Alert rule #{rule.Id} removed", (string?)reply["fallbackText"], StringComparison.Ordinal);
        await _scenario.DispatchAsync();
        await _scenario.UpdatedAsync(_cardId, text => text.StartsWith("⚪ Closed", StringComparison.Ordinal));
    }
}
