using System.Text.Json.Nodes;
using Bot.Core.Plans;

namespace Bot.Host.Tests.Plans;

/// <summary>
/// The weekly plan's approval end to end through /api/messages, as Teams sends it: typed commands in a team channel,
/// decisions as Action.Execute invokes (adaptiveCard/action) and as Action.Submit messages, cards read as JSON.
/// </summary>
public sealed class PlanApprovalFlowTests(PlanHostFactory host) : IClassFixture<PlanHostFactory>
{
    private readonly HttpClient _client = host.CreateClient();

    [Fact]
    public async Task Invoke_NonManagerRefused_RejectWithoutReasonRefused_RejectWithReasonUpdatesTheCardForEveryone()
    {
        var channel = PlanHostFactory.NewChannel();
        var look = host.ChannelMessage(channel, PlanHostFactory.Li, "plan");
        await _client.PostAsync(look);
        var overview = await host.ReplyCardAsync(look);
        Assert.StartsWith("Weekly plan 周计划 — 2026-11-23..2026-11-29", (string?)overview["body"]![0]!["text"], StringComparison.Ordinal);
        Assert.Contains("Last week's data report", PlanHttp.Text(overview), StringComparison.Ordinal);

        var add = host.ChannelMessage(channel, PlanHostFactory.Li, "plan add Review live-stream ROI wed owner @Ana Ops metric roas");
        await _client.PostAsync(add);
        Assert.Contains("Review live-stream ROI", PlanHttp.Text(await host.ReplyCardAsync(add)), StringComparison.Ordinal);

        var submit = host.ChannelMessage(channel, PlanHostFactory.Li, "plan submit");
        await _client.PostAsync(submit);
        var approval = await host.ReplyCardAsync(submit);
        Assert.Equal(["Approve", "Reject", "Request changes"], approval["actions"]!.AsArray().Select(a => (string?)a!["title"]));
        Assert.All(approval["actions"]!.AsArray(), a => Assert.Equal("Action.Execute", (string?)a!["type"]));
        Assert.All(approval["actions"]!.AsArray(), a => Assert.Equal("Action.Submit", (string?)a!["fallback"]!["type"]));
        Assert.Contains(approval["body"]!.AsArray(), b => (string?)b!["type"] == "Input.Text" && (string?)b["id"] == PlanReport.NoteInput);
        var submitted = (await host.Plans.FindByWeekAsync(new DateOnly(2026, 11, 23), default))!;
        Assert.Equal(PlanState.Submitted, submitted.State);
        const string cardId = "1:approval-card-a";

        // A team member clicks Approve: a polite refusal to them only; nothing changes, the shared card is not touched.
        var byLi = await InvokeAsync(channel, PlanHostFactory.Li, cardId, approval, "Approve");
        Assert.Equal("application/vnd.microsoft.activity.message", (string?)byLi["type"]);
        Assert.Contains("only the team's managers", (string?)byLi["value"], StringComparison.Ordinal);
        AssertUnchanged(submitted, await ReloadAsync(submitted.Id));

        // A manager rejects without a reason: refused, nothing changes.
        var noReason = await InvokeAsync(channel, PlanHostFactory.Ana, cardId, approval, "Reject", reason: "");
        Assert.Equal("application/vnd.microsoft.activity.message", (string?)noReason["type"]);
        Assert.Contains("Please give a reason to reject", (string?)noReason["value"], StringComparison.Ordinal);
        AssertUnchanged(submitted, await ReloadAsync(submitted.Id));
        Assert.DoesNotContain(host.Connector.For(channel), r => r.Method == "PUT");

        // With a reason: the clicker gets the refreshed card, and the shared card is replaced for everyone (PUT).
        var rejected = await InvokeAsync(channel, PlanHostFactory.Ana, cardId, approval, "Reject", reason: "Too vague: add owners");
        Assert.Equal(200, (int)rejected["statusCode"]!);
        Assert.Equal("application/vnd.microsoft.card.adaptive", (string?)rejected["type"]);
        var refreshed = rejected["value"]!.AsObject();
        Assert.Contains("Rejected by Ana Ops at 2026-11-23 18:04 (Asia/Shanghai): Too vague: add owners", PlanHttp.Text(refreshed), StringComparison.Ordinal);
        Assert.Null(refreshed["actions"]);
        var put = Assert.Single(await host.SentAsync(r => r.Method == "PUT" && r.IsFor(channel)));
        Assert.EndsWith("/activities/" + Uri.EscapeDataString(cardId), put.RawTarget, StringComparison.Ordinal);
        Assert.Contains("Rejected by Ana Ops at 2026-11-23 18:04 (Asia/Shanghai): Too vague: add owners", PlanHttp.Text(PlanHttp.Card(put.Json!)), StringComparison.Ordinal);
        Assert.Equal(PlanState.Rejected, (await ReloadAsync(submitted.Id)).State);

        // A second click on the stale copy: already rejected, the card is not updated again.
        var again = await InvokeAsync(channel, PlanHostFactory.Ana, cardId, approval, "Reject", reason: "Too vague");
        Assert.Contains("Already rejected by Ana Ops", (string?)again["value"], StringComparison.Ordinal);
        Assert.Single(host.Connector.For(channel), r => r.Method == "PUT");

        var history = host.ChannelMessage(channel, PlanHostFactory.Li, "plan history");
        await _client.PostAsync(history);
        var steps = PlanHttp.Text(await host.ReplyCardAsync(history));
        foreach (var step in new[] { "created → draft", "edited (draft)", "draft → submitted", "refused (submitted unchanged)", "submitted → rejected", "Too vague: add owners" })
        {
            Assert.Contains(step, steps, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task ActionSubmit_ManagerApproves_CardUpdatedInPlace_ApprovedPlanPostedToTheChannel_DoubleClickIsIdempotent()
    {
        var channel = PlanHostFactory.NewChannel();
        var submit = host.ChannelMessage(channel, PlanHostFactory.Li, "plan submit next week");
        await _client.PostAsync(submit);
        var approval = await host.ReplyCardAsync(submit);
        Assert.Contains("2026-11-30..2026-12-06", (string?)approval["body"]![0]!["text"], StringComparison.Ordinal);
        var fallback = PlanHttp.Button(approval, "Approve")["fallback"]!["data"]!.AsObject();
        const string cardId = "1:approval-card-b";

        // Action.Submit: the button's data (with the input values merged in) arrives as a message value.
        var click = host.Submit(channel, PlanHostFactory.Bo, cardId, (JsonObject)fallback.DeepClone());
        await _client.PostAsync(click);

        var put = Assert.Single(await host.SentAsync(r => r.Method == "PUT" && r.IsFor(channel)));
        Assert.EndsWith("/activities/" + Uri.EscapeDataString(cardId), put.RawTarget, StringComparison.Ordinal);
        var updated = PlanHttp.Card(put.Json!);
        Assert.Contains("Approved by Bo Manager at 2026-11-23 18:04 (Asia/Shanghai)", PlanHttp.Text(updated), StringComparison.Ordinal);
        Assert.Null(updated["actions"]);
        Assert.DoesNotContain(host.Connector.For(channel), r => r.Method == "POST" && r.RawTarget.EndsWith("/activities/" + Uri.EscapeDataString(click.Id), StringComparison.Ordinal));

        // The approved plan goes to the team channel through the outbox (a new message, not a reply).
        var posted = Assert.Single(await host.SentAsync(r => r.Method == "POST" && r.RawTarget == $"/v3/conversations/{Uri.EscapeDataString(channel)}/activities"));
        Assert.Contains("Approved by Bo Manager", PlanHttp.Text(PlanHttp.Card(posted.Json!)), StringComparison.Ordinal);

        // Double click: told, nothing recorded twice, the card not updated again.
        var second = host.Submit(channel, PlanHostFactory.Bo, cardId, (JsonObject)fallback.DeepClone());
        await _client.PostAsync(second);
        Assert.Contains("Already approved by Bo Manager", PlanHttp.Text(await host.ReplyCardAsync(second)), StringComparison.Ordinal);
        Assert.Single(host.Connector.For(channel), r => r.Method == "PUT");
        var plan = (await host.Plans.FindByWeekAsync(new DateOnly(2026, 11, 30), default))!;
        var history = await host.Plans.GetHistoryAsync(plan.Id, default);
        Assert.Single(history, e => e.Step == PlanStep.Approved);
        Assert.Single(history, e => e.Step == PlanStep.Posted);
    }

    private async Task<JsonObject> InvokeAsync(string channel, JsonObject from, string cardId, JsonObject card, string button, string? reason = null)
    {
        var execute = PlanHttp.Button(card, button);
        var data = (JsonObject)execute["data"]!.DeepClone();
        if (reason is not null)
        {
            data[PlanReport.NoteInput] = reason;
        }

        var action = new JsonObject { ["type"] = "Action.Execute", ["title"] = button, ["verb"] = (string?)execute["verb"], ["data"] = data };
        var response = await _client.PostAsync(host.Invoke(channel, from, cardId, action));
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
    }

    private async Task<Plan> ReloadAsync(long id) => (await host.Plans.GetAsync(id, default))!;

    private static void AssertUnchanged(Plan expected, Plan actual)
    {
        Assert.Equal(expected with { Items = [] }, actual with { Items = [] });
        Assert.Equal(expected.Items, actual.Items);
    }
}
