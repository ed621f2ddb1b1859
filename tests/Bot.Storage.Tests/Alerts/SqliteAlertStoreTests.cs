using System.Globalization;
using System.Text;
using Bot.Core.Alerts;
using Bot.Core.Metrics;
using Bot.Core.Time;
using Bot.Storage.Alerts;
using Bot.Storage.Demo;
using Bot.Storage.Import;
using Bot.Storage.Metrics;
using Bot.Storage.Sqlite;
using Bot.Storage.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;

namespace Bot.Storage.Tests.Alerts;

/// <summary>The alert store on a real SQLite file, driven by the real engine over the real metric store and demo data.</summary>
public sealed class SqliteAlertStoreTests : IDisposable
{
    // The demo generator's conversion dip is on the last five days before its "today" (09-10..09-14), in tmall-flagship only.
    private static readonly DateOnly Today = new(2026, 9, 15);
    private static readonly DateTimeOffset Now = new(2026, 9, 15, 2, 0, 0, TimeSpan.Zero);
    private static readonly Lazy<(string Header, List<(DateOnly Day, string Line)> Rows)> Demo = new(() => Generate(recovered: false));
    private static readonly Lazy<(string Header, List<(DateOnly Day, string Line)> Rows)> Recovered = new(() => Generate(recovered: true));
    private static readonly AlertPerson Ana = new("Ana", "29:ana", "aad-ana");

    private readonly TempDatabase _db = new();

    private static AlertRule Rule(string metric = "conversion", int forDays = 3, string? shop = null) =>
        new(0, "conversion below baseline for 3 days", metric, new AlertCondition(AlertKind.Baseline, AlertDirection.Below, 0.85), forDays, new AlertScope(shop, "live", null), Ana, Ana, Now, "a:1");

    /// <summary>A fresh store and engine on the same file, as after a restart or in a second process.</summary>
    private (SqliteAlertStore Store, AlertEngine Engine) Open(AlertOptions? options = null)
    {
        var database = new SqliteDatabase(_db.Path);
        var store = new SqliteAlertStore(database);
        options ??= new AlertOptions();
        var engine = new AlertEngine(store, new MetricStore(database), new AlertEvaluator(new Benchmarks(), options), options, new TeamClock(TimeProvider.System, TimeZoneInfo.Utc), NullLogger<AlertEngine>.Instance);
        return (store, engine);
    }

    private void Import(DateOnly from, DateOnly to, bool recovered = false)
    {
        var (header, rows) = recovered ? Recovered.Value : Demo.Value;
        var csv = new StringBuilder().AppendLine(header);
        foreach (var (_, line) in rows.Where(r => r.Day >= from && r.Day <= to))
        {
            csv.AppendLine(line);
        }

        Assert.True(_db.Import(ImportKind.ChannelDaily, csv.ToString()).Succeeded);
    }

    [Fact]
    public async Task Rule_RoundTrips_AndRemovedRulesAreNotListed()
    {
        var (store, _) = Open();
        var rule = Rule(shop: "tmall-flagship") with { Owner = new AlertPerson("Bo") };

        var saved = await store.AddRuleAsync(rule, CancellationToken.None);
        var listed = Assert.Single(await store.ListRulesAsync(CancellationToken.None));
        await store.RemoveRuleAsync(saved.Id, Ana, Now, CancellationToken.None);

        Assert.Equal(rule with { Id = saved.Id }, listed);
        Assert.Empty(await store.ListRulesAsync(CancellationToken.None));
        Assert.NotNull(await store.GetRuleAsync(saved.Id, CancellationToken.None));
        Assert.Equal(AlertActionKind.RemoveRule, Assert.Single(await store.ListActionsAsync(saved.Id, null, CancellationToken.None)).Kind);
    }

    [Fact]
    public async Task Evaluate_DemoDip_OpensOneIncidentForTheDippedShopOnly()
    {
        Import(Today.AddYears(-1), Today.AddDays(-1));
        var (store, engine) = Open();
        await store.AddRuleAsync(Rule(), CancellationToken.None);

        var summary = await engine.EvaluateAsync(null, CancellationToken.None);

        Assert.Equal((1, 2), (summary.Opened, summary.Scopes));
        var incident = Assert.Single(await store.ListIncidentsAsync(null, openOnly: true, CancellationToken.None));
        Assert.Equal("shop:tmall-flagship|channel:live", incident.TargetKey);
        Assert.True(incident.Latest.Value < incident.Latest.Limit);
        Assert.Equal(1, (await store.ListPendingNoticesAsync(10, CancellationToken.None)).Count(n => n.Kind == AlertNoticeKind.Opened));
    }

    [Fact]
    public async Task Restart_BetweenEvaluations_NeitherLosesNorDuplicatesAnIncident()
    {
        // Two dip days (pending), then the third (firing).
        Import(Today.AddYears(-1), Today.AddDays(-4));
        var (store, engine) = Open();
        await store.AddRuleAsync(Rule(), CancellationToken.None);
        await engine.EvaluateAsync(null, CancellationToken.None);
        Import(Today.AddDays(-3), Today.AddDays(-3));
        await engine.EvaluateAsync(null, CancellationToken.None);
        var before = await store.ListIncidentsAsync(null, openOnly: false, CancellationToken.None);
        engine.Dispose();

        // "Restart": new connections, store and engine on the same file; the same data, then a recovered next day.
        var (restarted, again) = Open();
        await again.EvaluateAsync(null, CancellationToken.None);
        var same = await restarted.ListIncidentsAsync(null, openOnly: false, CancellationToken.None);
        Import(Today.AddDays(-2), Today.AddDays(-2), recovered: true);
        await again.EvaluateAsync(null, CancellationToken.None);
        var after = await restarted.ListIncidentsAsync(null, openOnly: false, CancellationToken.None);

        var opened = Assert.Single(before);
        Assert.Equal(Today.AddDays(-3), opened.OpenedDay);
        Assert.Equal(before, same);
        var resolved = Assert.Single(after);
        Assert.Equal((opened.Id, IncidentStatus.Resolved, Today.AddDays(-2)), (resolved.Id, resolved.Status, resolved.ResolvedDay));
        var notices = await restarted.ListPendingNoticesAsync(50, CancellationToken.None);
        Assert.Equal(1, notices.Count(n => n.Kind == AlertNoticeKind.Opened));
        Assert.Equal(1, notices.Count(n => n.Kind == AlertNoticeKind.Resolved));
    }

    [Fact]
    public async Task Evaluate_TwoProcessesAtOnce_OpenOneIncidentPerScope()
    {
        Import(Today.AddYears(-1), Today.AddDays(-1));
        var (store, _) = Open();
        await store.AddRuleAsync(Rule(), CancellationToken.None);
        var engines = Enumerable.Range(0, 4).Select(_ => Open().Engine).ToList();

        await Task.WhenAll(engines.Select(e => Task.Run(() => e.EvaluateAsync(null, CancellationToken.None))));

        Assert.Single(await store.ListIncidentsAsync(null, openOnly: false, CancellationToken.None));
        Assert.Single(await store.ListPendingNoticesAsync(50, CancellationToken.None));
        Assert.Equal(2, (await store.ListStatesAsync(null, CancellationToken.None)).Count);
    }

    [Fact]
    public async Task SaveSteps_StaleVersion_IsRefused()
    {
        var (store, _) = Open();
        var rule = await store.AddRuleAsync(Rule(), CancellationToken.None);
        var outcome = new DayOutcome(Today, 0.01, 0.03, 0.0255, true);
        var firing = new ScopeState(AlertState.Firing, Today, 1, 3, null, true, null, outcome);
        var batch = new AlertStepBatch(rule.Id, "shop:x", "X", 0, [(firing, AlertTransition.Open)], Now);

        var first = await store.SaveStepsAsync(batch, CancellationToken.None);
        var second = await store.SaveStepsAsync(batch, CancellationToken.None);

        Assert.NotNull(first);
        Assert.Equal(1, first.Version);
        Assert.NotNull(first.State.IncidentId);
        Assert.Null(second);
        Assert.Single(await store.ListIncidentsAsync(null, openOnly: false, CancellationToken.None));
        Assert.Equal(first, Assert.Single(await store.ListStatesAsync(rule.Id, CancellationToken.None)));
    }

    [Fact]
    public async Task Actions_AreLoggedAppliedAndAnnounced()
    {
        var (store, _) = Open();
        var rule = await store.AddRuleAsync(Rule(), CancellationToken.None);
        var outcome = new DayOutcome(Today, 0.01, 0.03, 0.0255, true);
        var saved = await store.SaveStepsAsync(new AlertStepBatch(rule.Id, "shop:x", "X", 0, [(new ScopeState(AlertState.Firing, Today, 1, 3, null, true, null, outcome), AlertTransition.Open)], Now), CancellationToken.None);
        var id = saved!.State.IncidentId!.Value;
        var bo = new AlertPerson("Bo", "29:bo", "aad-bo");

        await store.ApplyActionAsync(new AlertAction(0, rule.Id, id, AlertActionKind.Acknowledge, bo, Now.AddMinutes(1)), CancellationToken.None);
        await store.ApplyActionAsync(new AlertAction(0, rule.Id, id, AlertActionKind.AssignToSelf, bo, Now.AddMinutes(2)), CancellationToken.None);
        var muted = await store.ApplyActionAsync(new AlertAction(0, rule.Id, id, AlertActionKind.MuteUntilImport, Ana, Now.AddMinutes(3)), CancellationToken.None);
        var unmuted = await store.EndImportMutesAsync(Now.AddHours(1), CancellationToken.None);

        Assert.Equal((bo, Now.AddMinutes(1), bo, Ana), (muted!.AcknowledgedBy, muted.AcknowledgedAt, muted.Assignee, muted.MutedBy));
        Assert.True(muted.MutedUntilImport);
        Assert.Equal([id], unmuted);
        Assert.False((await store.GetIncidentAsync(id, CancellationToken.None))!.MutedUntilImport);
        var log = await store.ListActionsAsync(rule.Id, id, CancellationToken.None);
        Assert.Equal([AlertActionKind.Acknowledge, AlertActionKind.AssignToSelf, AlertActionKind.MuteUntilImport], log.Select(a => a.Kind));
        Assert.Equal([Now.AddMinutes(1), Now.AddMinutes(2), Now.AddMinutes(3)], log.Select(a => a.At));
        Assert.Equal(4, (await store.ListPendingNoticesAsync(10, CancellationToken.None)).Count(n => n.Kind == AlertNoticeKind.Updated));
    }

    [Fact]
    public async Task Reminder_IsQueuedOncePerCooldown()
    {
        var (store, _) = Open();
        var rule = await store.AddRuleAsync(Rule(), CancellationToken.None);
        var outcome = new DayOutcome(Today, 0.01, 0.03, 0.0255, true);
        var saved = await store.SaveStepsAsync(new AlertStepBatch(rule.Id, "shop:x", "X", 0, [(new ScopeState(AlertState.Firing, Today, 1, 3, null, true, null, outcome), AlertTransition.Open)], Now), CancellationToken.None);
        var id = saved!.State.IncidentId!.Value;
        var later = Now.AddHours(25);

        var first = await store.AddReminderAsync(id, later, later.AddHours(-24), CancellationToken.None);
        var second = await store.AddReminderAsync(id, later, later.AddHours(-24), CancellationToken.None);

        Assert.True(first);
        Assert.False(second);
        Assert.Equal(1, (await store.GetIncidentAsync(id, CancellationToken.None))!.Reminders);
    }

    [Fact]
    public async Task Cards_AreKeptPerConversationNewestIdWins()
    {
        var (store, _) = Open();
        var rule = await store.AddRuleAsync(Rule(), CancellationToken.None);
        var outcome = new DayOutcome(Today, 0.01, 0.03, 0.0255, true);
        var saved = await store.SaveStepsAsync(new AlertStepBatch(rule.Id, "shop:x", "X", 0, [(new ScopeState(AlertState.Firing, Today, 1, 3, null, true, null, outcome), AlertTransition.Open)], Now), CancellationToken.None);
        var id = saved!.State.IncidentId!.Value;

        await store.SaveCardAsync(new AlertCardPost(id, "msteams", "a:1", "1:one", Now), CancellationToken.None);
        await store.SaveCardAsync(new AlertCardPost(id, "msteams", "a:1", "1:two", Now), CancellationToken.None);
        await store.SaveCardAsync(new AlertCardPost(id, "msteams", "a:2", "1:three", Now), CancellationToken.None);

        Assert.Equal(["1:three", "1:two"], (await store.ListCardsAsync(id, CancellationToken.None)).Select(c => c.ActivityId).Order(StringComparer.Ordinal));
    }

    public void Dispose() => _db.Dispose();

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
        return (lines[0], [.. lines.Skip(1).Select(l => (DateOnly.ParseExact(l[..10], "yyyy-MM-dd", CultureInfo.InvariantCulture), l))]);
    }
}
