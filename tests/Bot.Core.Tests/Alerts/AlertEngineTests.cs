using Bot.Core.Alerts;
using Bot.Core.Tests.Fakes;

namespace Bot.Core.Tests.Alerts;

/// <summary>The live evaluation: incidents, notices, reminders, restarts — through the real engine and an in-memory alert store.</summary>
public sealed class AlertEngineTests
{
    // 2026-03-16 10:00 in Shanghai.
    private static readonly DateTimeOffset Now = new(2026, 3, 16, 2, 0, 0, TimeSpan.Zero);

    private static InMemoryMetricStore Dip(string last) =>
        A.Store().Fill("tmall", "2026-01-01", last, d => A.Row(conversion: d >= A.Day("2026-03-10") && d <= A.Day("2026-03-14") ? 0.02 : 0.03));

    private static void AddDays(InMemoryMetricStore store, string from, string to, double conversion = 0.03) => store.Fill("tmall", from, to, _ => A.Row(conversion: conversion));

    private static async Task<AlertRule> AddRuleAsync(AlertBot bot, string text = "conversion below baseline for 3 days shop tmall") =>
        await bot.Store.AddRuleAsync(A.Rule(text, bot.Metrics) with { Id = 0 }, CancellationToken.None);

    [Fact]
    public async Task Evaluate_DataUpToTheThirdDipDay_OpensOneIncidentWithOneCardNotice()
    {
        using var bot = new AlertBot(Dip("2026-03-12"), Now);
        await AddRuleAsync(bot);

        var summary = await bot.Engine.EvaluateAsync(null, CancellationToken.None);

        Assert.Equal(1, summary.Opened);
        var incident = Assert.Single(bot.Store.Incidents);
        Assert.Equal(A.Day("2026-03-12"), incident.OpenedDay);
        Assert.Equal(AlertNoticeKind.Opened, Assert.Single(bot.Store.Notices).Kind);
    }

    [Fact]
    public async Task Evaluate_SecondDipDayOnly_IsPendingWithoutIncident()
    {
        using var bot = new AlertBot(Dip("2026-03-11"), Now);
        var rule = await AddRuleAsync(bot);

        await bot.Engine.EvaluateAsync(null, CancellationToken.None);

        Assert.Empty(bot.Store.Incidents);
        Assert.Equal(AlertState.Pending, Assert.Single(await bot.Store.ListStatesAsync(rule.Id, CancellationToken.None)).State.State);
    }

    [Fact]
    public async Task Evaluate_SeveralDaysImportedAtOnce_FiresOnTheRightDay()
    {
        var store = Dip("2026-03-09");
        using var bot = new AlertBot(store, Now);
        await AddRuleAsync(bot);
        await bot.Engine.EvaluateAsync(null, CancellationToken.None);
        store.Days.RemoveAll(d => d.Day > A.Day("2026-03-09"));
        store.Fill("tmall", "2026-03-10", "2026-03-14", _ => A.Row(conversion: 0.02));

        await bot.Engine.EvaluateAsync(null, CancellationToken.None);

        Assert.Equal(A.Day("2026-03-12"), Assert.Single(bot.Store.Incidents).OpenedDay);
    }

    [Fact]
    public async Task Evaluate_RestartBetweenEvaluations_NeitherLosesNorDuplicatesTheIncident()
    {
        var store = Dip("2026-03-12");
        var alerts = new InMemoryAlertStore();
        using (var before = new AlertBot(store, Now, alerts: alerts))
        {
            await AddRuleAsync(before);
            await before.Engine.EvaluateAsync(null, CancellationToken.None);
        }

        using var after = new AlertBot(store, Now.AddHours(1), alerts: alerts);
        await after.Engine.EvaluateAsync(null, CancellationToken.None);
        AddDays(store, "2026-03-13", "2026-03-13", 0.02);
        await after.Engine.EvaluateAsync(null, CancellationToken.None);

        var incident = Assert.Single(alerts.Incidents);
        Assert.True(incident.IsOpen);
        Assert.Equal(A.Day("2026-03-13"), incident.Latest.Day);
        Assert.Single(alerts.Notices, n => n.Kind == AlertNoticeKind.Opened);
    }

    [Fact]
    public async Task Evaluate_RecoveredNumbersImported_ResolvesTheSameIncident()
    {
        var store = Dip("2026-03-12");
        using var bot = new AlertBot(store, Now);
        await AddRuleAsync(bot);
        await bot.Engine.EvaluateAsync(null, CancellationToken.None);
        var opened = Assert.Single(bot.Store.Incidents);

        AddDays(store, "2026-03-13", "2026-03-13");
        await bot.Engine.OnDataImportedAsync(CancellationToken.None);

        var resolved = Assert.Single(bot.Store.Incidents);
        Assert.Equal(opened.Id, resolved.Id);
        Assert.Equal(IncidentStatus.Resolved, resolved.Status);
        Assert.Equal([AlertNoticeKind.Opened, AlertNoticeKind.Resolved], bot.Store.Notices.Select(n => n.Kind));
    }

    [Fact]
    public async Task Evaluate_SameDataAgain_WritesNothing()
    {
        using var bot = new AlertBot(Dip("2026-03-12"), Now);
        var rule = await AddRuleAsync(bot);
        await bot.Engine.EvaluateAsync(null, CancellationToken.None);
        var state = Assert.Single(await bot.Store.ListStatesAsync(rule.Id, CancellationToken.None));

        await bot.Engine.EvaluateAsync(null, CancellationToken.None);

        Assert.Equal(state, Assert.Single(await bot.Store.ListStatesAsync(rule.Id, CancellationToken.None)));
        Assert.Single(bot.Store.Notices);
    }

    [Fact]
    public async Task Evaluate_FlappingDays_ProduceOneIncident()
    {
        var store = A.Store().Fill("tmall", "2026-01-01", "2026-03-09", _ => A.Row());
        using var bot = new AlertBot(store, Now);
        await AddRuleAsync(bot, "refund rate above 8% shop tmall");
        await bot.Engine.EvaluateAsync(null, CancellationToken.None);

        // One day at a time, as daily imports would: high, normal, high, normal …
        for (var i = 0; i < 8; i++)
        {
            var day = A.Day("2026-03-10").AddDays(i);
            store.Days.Add(new DayRow(day, "tmall", "natural_search", A.Row(refundRate: i % 2 == 0 ? 0.1 : 0.05)));
            await bot.Engine.OnDataImportedAsync(CancellationToken.None);
        }

        var incident = Assert.Single(bot.Store.Incidents);
        Assert.Equal(3, incident.Reopens);
        Assert.Equal(4, bot.Store.Notices.Count(n => n.Kind == AlertNoticeKind.Resolved));
    }

    [Fact]
    public async Task Evaluate_DayWithoutData_IsNoDataAndKeepsTheIncidentOpen()
    {
        var store = Dip("2026-03-12");
        using var bot = new AlertBot(store, Now);
        var rule = await AddRuleAsync(bot);
        await bot.Engine.EvaluateAsync(null, CancellationToken.None);

        // Another shop reports 03-13; tmall does not.
        store.Fill("jd", "2026-03-13", "2026-03-13", _ => A.Row());
        await bot.Engine.EvaluateAsync(null, CancellationToken.None);

        var state = Assert.Single(await bot.Store.ListStatesAsync(rule.Id, CancellationToken.None));
        Assert.Equal(AlertState.NoData, state.State.State);
        var incident = Assert.Single(bot.Store.Incidents);
        Assert.True(incident.IsOpen);
        Assert.True(incident.DataMissing);
    }

    [Fact]
    public async Task Evaluate_AfterTheCooldown_RemindsOnceUnlessAcknowledged()
    {
        using var bot = new AlertBot(Dip("2026-03-12"), Now, new AlertOptions { ReminderCooldownHours = 24 });
        await AddRuleAsync(bot);
        await bot.Engine.EvaluateAsync(null, CancellationToken.None);

        bot.Clock.Now = Now.AddHours(23);
        await bot.Engine.EvaluateAsync(null, CancellationToken.None);
        bot.Clock.Now = Now.AddHours(25);
        await bot.Engine.EvaluateAsync(null, CancellationToken.None);
        await bot.Engine.EvaluateAsync(null, CancellationToken.None);
        var incident = Assert.Single(bot.Store.Incidents);
        await bot.ClickAsync(AlertVerbs.Acknowledge, incident.Id, AlertBot.Bo);
        bot.Clock.Now = Now.AddHours(60);
        await bot.Engine.EvaluateAsync(null, CancellationToken.None);

        Assert.Single(bot.Store.Notices, n => n.Kind == AlertNoticeKind.Reminder);
        Assert.Equal(1, bot.Store.Incidents[0].Reminders);
    }

    [Fact]
    public async Task Evaluate_MutedUntilNextImport_NoReminderUntilDataArrives()
    {
        var store = Dip("2026-03-12");
        using var bot = new AlertBot(store, Now, new AlertOptions { ReminderCooldownHours = 1 });
        await AddRuleAsync(bot);
        await bot.Engine.EvaluateAsync(null, CancellationToken.None);
        await bot.ClickAsync(AlertVerbs.MuteUntilImport, bot.Store.Incidents[0].Id, AlertBot.Ana);

        bot.Clock.Now = Now.AddHours(5);
        await bot.Engine.EvaluateAsync(null, CancellationToken.None);
        var whileMuted = bot.Store.Notices.Count(n => n.Kind == AlertNoticeKind.Reminder);
        AddDays(store, "2026-03-13", "2026-03-13", 0.02);
        await bot.Engine.OnDataImportedAsync(CancellationToken.None);

        Assert.Equal(0, whileMuted);
        Assert.False(bot.Store.Incidents[0].MutedUntilImport);
        Assert.Single(bot.Store.Notices, n => n.Kind == AlertNoticeKind.Reminder);
    }

    [Fact]
    public async Task Evaluate_GoalPeriodOver_ClosesItsOpenIncident()
    {
        var store = A.Store().Fill("tmall", "2026-01-01", "2026-03-31", d => A.Row(aov: d >= A.Day("2026-03-11") ? 75m : 150m));
        store.Goals.Add(new Bot.Core.Metrics.Goal("tmall", "gmv", "2026-03", 1_395_000m, null));
        using var bot = new AlertBot(store, Now);
        await AddRuleAsync(bot, "gmv goal behind pace");
        await bot.Engine.EvaluateAsync(null, CancellationToken.None);
        Assert.True(Assert.Single(bot.Store.Incidents).IsOpen);

        store.Fill("tmall", "2026-04-01", "2026-04-01", _ => A.Row());
        await bot.Engine.EvaluateAsync(null, CancellationToken.None);

        Assert.Equal(IncidentStatus.Closed, Assert.Single(bot.Store.Incidents).Status);
        Assert.Contains(bot.Store.Notices, n => n.Kind == AlertNoticeKind.Closed);
    }
}
