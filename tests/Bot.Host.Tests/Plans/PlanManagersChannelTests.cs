using System.Text.Json.Nodes;
using Bot.Core.Plans;
using Bot.Host.Plans;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Moq;
using Quartz;

namespace Bot.Host.Tests.Plans;

/// <summary>A host whose approval cards go to a managers' channel (<c>Plans:ManagersConversation</c>).</summary>
public sealed class ManagersChannelHostFactory : PlanHostFactory
{
    public static readonly string ManagersChannel = NewChannel();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Plans:ManagersConversation", ManagersChannel);
    }

    public static string NewMessageIn(string conversation) => $"/v3/conversations/{Uri.EscapeDataString(conversation)}/activities";

    /// <summary>Sends a channel message and returns the card the bot replied with.</summary>
    public async Task<JsonObject> SayAsync(string conversation, JsonObject from, string text)
    {
        var message = ChannelMessage(conversation, from, text);
        using var client = CreateClient();
        await client.PostAsync(message);
        return await this.ReplyCardAsync(message);
    }

    /// <summary>The bot learns a conversation (and may message it later) when it receives an activity from it.</summary>
    public Task SeeAsync(string conversation) => SayAsync(conversation, Bo, "help");

    /// <summary>The id the connector gave the approval card in the managers' channel, once the outbox delivered it.</summary>
    public async Task<string> ApprovalCardIdAsync(DateOnly week)
    {
        var plan = (await Plans.FindByWeekAsync(week, default))!;
        var outbox = Services.GetRequiredService<Bot.Core.Push.IOutbox>();
        for (var i = 0; i < 200; i++)
        {
            if (await outbox.GetAsync($"plan:{plan.Id}:{plan.Submission}:approval", default) is { State: Bot.Core.Push.OutboxState.Sent, ActivityId: { } id })
            {
                return id;
            }

            await Task.Delay(50);
        }

        throw new TimeoutException("The approval card was not delivered.");
    }
}

/// <summary>Approval cards in the managers' channel, the decision told back to the team, reminders, and two managers racing.</summary>
public sealed class PlanManagersChannelTests(ManagersChannelHostFactory host) : IClassFixture<ManagersChannelHostFactory>
{
    private readonly HttpClient _client = host.CreateClient();

    [Fact]
    public async Task Submit_CardGoesToTheManagersChannel_RejectionThereIsToldToTheTeam()
    {
        var team = PlanHostFactory.NewChannel();
        var managers = ManagersChannelHostFactory.ManagersChannel;
        await host.SeeAsync(managers);

        var submitted = await host.SayAsync(team, PlanHostFactory.Li, "plan submit");

        Assert.Contains("the approval card went to the managers' channel", PlanHttp.Text(submitted), StringComparison.Ordinal);
        var delivered = Assert.Single(await host.SentAsync(r => r.Method == "POST" && r.RawTarget == NewMessageIn(managers) && PlanHttp.Text(r.Json!).Contains("Weekly plan 周计划 — 2026-11-23..2026-11-29", StringComparison.Ordinal)));
        var card = PlanHttp.Card(delivered.Json!);
        Assert.Equal(3, card["actions"]!.AsArray().Count);

        var data = (JsonObject)PlanHttp.Button(card, "Reject")["data"]!.DeepClone();
        data[PlanReport.NoteInput] = "Budget is frozen";
        var cardId = await host.ApprovalCardIdAsync(new DateOnly(2026, 11, 23));
        var invoke = host.Invoke(managers, PlanHostFactory.Ana, cardId, new JsonObject { ["type"] = "Action.Execute", ["verb"] = PlanReport.RejectVerb, ["data"] = data });
        await _client.PostAsync(invoke);

        // The clicked card is refreshed once (by the channel layer), not a second time by the plan service.
        await host.SentAsync(r => r.Method == "PUT" && r.RawTarget.EndsWith("/activities/" + Uri.EscapeDataString(cardId), StringComparison.Ordinal));
        await Task.Delay(300);
        Assert.Single(host.Connector.Requests, r => r.Method == "PUT" && r.RawTarget.EndsWith("/activities/" + Uri.EscapeDataString(cardId), StringComparison.Ordinal));
        var told = Assert.Single(await host.SentAsync(r => r.Method == "POST" && r.RawTarget == NewMessageIn(team)));
        Assert.Contains("Rejected by Ana Ops", PlanHttp.Text(told.Json!), StringComparison.Ordinal);
        Assert.Contains("Budget is frozen", PlanHttp.Text(told.Json!), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reminder_UndecidedAfterTheConfiguredHours_RemindsTheManagersOnce()
    {
        var team = PlanHostFactory.NewChannel();
        var managers = ManagersChannelHostFactory.ManagersChannel;
        await host.SeeAsync(managers);
        await host.SayAsync(team, PlanHostFactory.Li, "plan submit next week");
        var plan = (await host.Plans.FindByWeekAsync(new DateOnly(2026, 11, 30), default))!;
        Assert.Equal(PlanState.Submitted, plan.State);

        host.Clock.Now = plan.SubmittedAt!.Value.AddHours(3);
        await RunJobAsync();
        host.Clock.Now = plan.SubmittedAt!.Value.AddHours(5);
        await RunJobAsync();
        await RunJobAsync();

        var reminder = Assert.Single(await host.SentAsync(r => r.Method == "POST" && r.RawTarget == NewMessageIn(managers) && PlanHttp.Text(r.Json!).Contains("Reminder:", StringComparison.Ordinal)));
        Assert.Contains("2026-11-30..2026-12-06", PlanHttp.Text(reminder.Json!), StringComparison.Ordinal);
        await Task.Delay(300);
        Assert.Single(host.Connector.For(managers), r => PlanHttp.Text(r.Json!).Contains("Reminder:", StringComparison.Ordinal) && PlanHttp.Text(r.Json!).Contains("2026-11-30", StringComparison.Ordinal));
        Assert.Single(await host.Plans.GetHistoryAsync(plan.Id, default), e => e.Step == PlanStep.Reminded);
    }

    private async Task RunJobAsync()
    {
        // What Quartz does on each firing: resolve the job in a scope and execute it.
        using var scope = host.Services.CreateScope();
        var job = scope.ServiceProvider.GetRequiredService<PlanReminderJob>();
        await job.Execute(new Mock<IJobExecutionContext>().Object, CancellationToken.None);
    }

    private static string NewMessageIn(string conversation) => ManagersChannelHostFactory.NewMessageIn(conversation);
}

/// <summary>A decision typed in the team chat shows on the approval card in the managers' channel (its own host: the
/// reminder test above needs next week's plan undecided).</summary>
public sealed class PlanTypedDecisionTests(ManagersChannelHostFactory host) : IClassFixture<ManagersChannelHostFactory>
{
    [Fact]
    public async Task TypedDecision_InTheTeamChat_UpdatesTheApprovalCardInTheManagersChannel()
    {
        var team = PlanHostFactory.NewChannel();
        var managers = ManagersChannelHostFactory.ManagersChannel;
        await host.SeeAsync(managers);
        await host.SayAsync(team, PlanHostFactory.Li, "plan submit next week");
        var cardId = await host.ApprovalCardIdAsync(new DateOnly(2026, 11, 30));

        var approved = await host.SayAsync(team, PlanHostFactory.Ana, "plan approve");

        Assert.Contains("Approved by Ana Ops", PlanHttp.Text(approved), StringComparison.Ordinal);
        var updated = Assert.Single(await host.SentAsync(r => r.Method == "PUT" && r.RawTarget.EndsWith("/activities/" + Uri.EscapeDataString(cardId), StringComparison.Ordinal)));
        Assert.Contains("Approved by Ana Ops", PlanHttp.Text(updated.Json!), StringComparison.Ordinal);
        Assert.Empty(PlanHttp.Card(updated.Json!)["actions"]?.AsArray() ?? []);
    }
}

/// <summary>Two managers click at the same moment: the first decision wins, the second is told, the card is updated once.</summary>
public sealed class PlanRaceTests(PlanHostFactory host) : IClassFixture<PlanHostFactory>
{
    private readonly HttpClient _client = host.CreateClient();

    [Fact]
    public async Task TwoManagersInvokeAtOnce_OneDecisionOneRefusalOneCardUpdate()
    {
        var channel = PlanHostFactory.NewChannel();
        var submit = host.ChannelMessage(channel, PlanHostFactory.Li, "plan submit");
        await _client.PostAsync(submit);
        var card = await host.ReplyCardAsync(submit);
        var approve = (JsonObject)PlanHttp.Button(card, "Approve")["data"]!.DeepClone();
        var reject = (JsonObject)PlanHttp.Button(card, "Reject")["data"]!.DeepClone();
        reject[PlanReport.NoteInput] = "not this week";

        var responses = await Task.WhenAll(
            Task.Run(() => _client.PostAsync(host.Invoke(channel, PlanHostFactory.Ana, "1:race-card", new JsonObject { ["type"] = "Action.Execute", ["verb"] = PlanReport.ApproveVerb, ["data"] = approve }))),
            Task.Run(() => _client.PostAsync(host.Invoke(channel, PlanHostFactory.Bo, "1:race-card", new JsonObject { ["type"] = "Action.Execute", ["verb"] = PlanReport.RejectVerb, ["data"] = reject }))));

        var bodies = await Task.WhenAll(responses.Select(async r => JsonNode.Parse(await r.Content.ReadAsStringAsync())!));
        var won = Assert.Single(bodies, b => (string?)b["type"] == "application/vnd.microsoft.card.adaptive");
        var told = Assert.Single(bodies, b => (string?)b["type"] == "application/vnd.microsoft.activity.message");
        var plan = (await host.Plans.FindByWeekAsync(new DateOnly(2026, 11, 23), default))!;
        var winner = plan.Decision!.By.Name;
        Assert.Contains($"by {winner} at", PlanHttp.Text(won["value"]!), StringComparison.Ordinal);
        Assert.Contains($"{winner} already", (string?)told["value"], StringComparison.Ordinal);
        Assert.Single(await host.SentAsync(r => r.Method == "PUT" && r.IsFor(channel)));
        var decisions = (await host.Plans.GetHistoryAsync(plan.Id, default)).Where(e => e.From == PlanState.Submitted && e.IsTransition).ToList();
        Assert.Equal(winner, Assert.Single(decisions).Actor.Name);
    }
}
