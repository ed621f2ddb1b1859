using System.Globalization;
using Bot.Core.Alerts;
using Bot.Core.Commands.Alerts;
using Bot.Core.Metrics;
using Bot.Core.Replies;
using Bot.Core.Security;
using Bot.Core.Tests.Fakes;

namespace Bot.Core.Tests.Alerts;

/// <summary>The alert commands and card buttons through the real router.</summary>
public sealed class AlertCommandTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 16, 2, 0, 0, TimeSpan.Zero);

    private static AlertBot Bot(string last = "2026-03-12") =>
        new(A.Store()
            .Fill("tmall", "2026-01-01", last, d => A.Row(conversion: d >= A.Day("2026-03-10") && d <= A.Day("2026-03-14") ? 0.02 : 0.03))
            .Fill("jd", "2026-01-01", last, _ => A.Row()), Now);

    private static async Task<AlertIncident> FiringAsync(AlertBot bot)
    {
        var reply = await bot.AskAsync("alert conversion below baseline for 3 days");
        Assert.Equal(ReplyKind.Answer, reply.Kind);
        return Assert.Single(bot.Store.Incidents);
    }

    [Fact]
    public async Task Alert_ValidRule_SavesItEvaluatesItAndShowsEachShopsState()
    {
        using var bot = Bot();

        var reply = await bot.AskAsync("alert conversion below baseline for 3 days");

        Assert.Equal("Alert rule #1 saved", reply.Title);
        var text = reply.AllText();
        Assert.Contains("Conversion 15% below baseline for 3 days in a row", text, StringComparison.Ordinal);
        Assert.Contains("firing (#1)", text, StringComparison.Ordinal);
        Assert.Contains("JD store", text, StringComparison.Ordinal);
        Assert.Equal(AlertState.Ok, (await bot.Store.ListStatesAsync(1, CancellationToken.None)).Single(s => s.TargetKey == "shop:jd").State.State);
        Assert.Equal("Ana", (await bot.Store.GetRuleAsync(1, CancellationToken.None))!.Owner.Name);
    }

    [Fact]
    public async Task Alert_ChineseVerb_SavesTheRule()
    {
        using var bot = Bot();

        var reply = await bot.AskAsync("告警 转化率 连续3天 低于 基线 店铺 天猫");

        Assert.Equal("Alert rule #1 saved", reply.Title);
        Assert.Equal("tmall", Assert.Single(await bot.Store.ListRulesAsync(CancellationToken.None)).Scope.Shop);
    }

    [Fact]
    public async Task Alert_BadRule_ExplainsAndShowsExamples()
    {
        using var bot = Bot();

        var reply = await bot.AskAsync("alert conversion sideways");

        Assert.Equal(ReplyKind.Problem, reply.Kind);
        var text = reply.AllText();
        Assert.Contains("below", text, StringComparison.Ordinal);
        Assert.Contains("alert refund rate above 8%", text, StringComparison.Ordinal);
        Assert.Empty(await bot.Store.ListRulesAsync(CancellationToken.None));
    }

    [Theory]
    [InlineData("u-ana", false)]
    [InlineData("u-bo", true)]
    [InlineData("u-admin", true)]
    public async Task Alert_WithAlertEditorsConfigured_OnlyTheyAndAdminsAddRules(string who, bool allowed)
    {
        var roles = new Roles { Admins = ["aad-admin"], AlertEditors = ["aad-bo"] };
        using var bot = new AlertBot(A.Store().Fill("tmall", "2026-01-01", "2026-03-12", _ => A.Row()), Now, roles: roles);
        var caller = new[] { AlertBot.Ana, AlertBot.Bo, AlertBot.Admin }.Single(c => c.Id == who);

        var reply = await bot.AskAsync("alert refund rate above 8%", caller);

        Assert.Equal(allowed ? ReplyKind.Answer : ReplyKind.Problem, reply.Kind);
        Assert.Equal(allowed ? 1 : 0, (await bot.Store.ListRulesAsync(CancellationToken.None)).Count);
        if (!allowed)
        {
            Assert.Contains("aad-ana", reply.AllText(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Alert_OwnerByName_IsKeptButCannotAuthorize()
    {
        using var bot = Bot();

        var reply = await bot.AskAsync("alert refund rate above 8% owner @Carol Wu");

        var rule = Assert.Single(await bot.Store.ListRulesAsync(CancellationToken.None));
        Assert.Equal(new AlertPerson("Carol Wu"), rule.Owner);
        Assert.Contains("I only know Carol Wu by name", reply.AllText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Alerts_ListsOpenAlertsFirstThenRulesWithTheirState()
    {
        using var bot = Bot();
        await bot.AskAsync("alert refund rate above 8% shop jd");
        await bot.AskAsync("alert conversion below baseline for 3 days");

        var reply = await bot.AskAsync("告警列表");

        var open = reply.Table(0);
        Assert.Equal("Open alerts", open.Caption);
        Assert.Equal("#1", Assert.Single(open.Rows)[0].Text);
        var rules = reply.Table(1);
        Assert.Equal(["#2", "#1"], rules.Rows.Select(r => r[0].Text));
        Assert.Contains("firing: Tmall flagship (#1)", rules.Rows[0][4].Text, StringComparison.Ordinal);
        Assert.Equal("ok", rules.Rows[1][4].Text);
        Assert.Contains("2 rule(s) · 1 open alert(s), 1 not acknowledged · scopes: 1 firing, 0 pending, 0 no data, 2 ok", reply.AllText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Alerts_StatesOfSeveralScopes_AreCountedInWholeWords()
    {
        var store = A.Store()
            .Fill("tmall", "2026-01-01", "2026-03-12", _ => A.Row())
            .Fill("jd", "2026-01-01", "2026-03-12", _ => A.Row())
            .Fill("dy", "2026-01-01", "2026-02-01", _ => A.Row());
        store.Shops.Add(new ShopInfo("dy", "Douyin store", []));
        using var bot = new AlertBot(store, Now);
        await bot.AskAsync("alert refund rate above 8%");

        var reply = await bot.AskAsync("alerts");

        Assert.Equal("1 no data, 2 ok", reply.Table(0).Rows[0][4].Text);
        Assert.False(reply.Table(0).Rows[0][4].LooksNumeric);
    }

    [Fact]
    public async Task Alerts_Firing_ListsOnlyTheRulesThatNeedSomeone()
    {
        using var bot = Bot();
        await bot.AskAsync("alert refund rate above 8% shop jd");
        await bot.AskAsync("alert conversion below baseline for 3 days");

        var reply = await bot.AskAsync("alerts firing");

        var rules = reply.Table(1);
        Assert.Equal("#2", Assert.Single(rules.Rows)[0].Text);
        Assert.Equal("Rules (1 of 2)", rules.Caption);
    }

    [Fact]
    public async Task Alerts_Mine_ListsTheRulesIOwnAndTheAlertsAssignedToMe()
    {
        using var bot = Bot();
        var incident = await FiringAsync(bot);
        await bot.AskAsync("alert refund rate above 8% shop jd", AlertBot.Bo);

        var before = await bot.AskAsync("alerts mine", AlertBot.Bo);
        await bot.ClickAsync(AlertVerbs.AssignToMe, incident.Id, AlertBot.Bo);
        var after = await bot.AskAsync("alerts mine", AlertBot.Bo);

        Assert.Equal("#2", Assert.Single(before.Table(0).Rows)[0].Text);
        Assert.Equal("Open alerts", after.Table(0).Caption);
        Assert.Equal(["#1", "#2"], after.Table(1).Rows.Select(r => r[0].Text));
    }

    [Fact]
    public async Task Alerts_Words_NarrowByMetricShopOrOwner_AndWordsMatchingNothingSaySoAndShowAll()
    {
        using var bot = Bot();
        await bot.AskAsync("alert conversion below baseline for 3 days");
        await bot.AskAsync("alert refund rate above 8% shop jd", AlertBot.Bo);

        var refund = await bot.AskAsync("alerts refund");
        var bo = await bot.AskAsync("alerts bo");
        var none = await bot.AskAsync("alerts margin");

        Assert.Equal("#2", Assert.Single(refund.Table(0).Rows)[0].Text);
        Assert.Equal("#2", Assert.Single(bo.Table(0).Rows)[0].Text);
        Assert.Contains("No rule's metric, scope or owner contains 'margin'", none.AllText(), StringComparison.Ordinal);
        Assert.Equal(2, none.Table(1).Rows.Count);
    }

    [Fact]
    public async Task Alerts_ManyRules_ListsTheFiringOnesFirstAndCountsTheRest()
    {
        using var bot = Bot();
        for (var i = 0; i < AlertsCommand.MaxRuleRows + 4; i++)
        {
            await bot.AskAsync(string.Create(CultureInfo.InvariantCulture, $"alert refund rate above {10 + i}%"));
        }

        await bot.AskAsync("alert conversion below baseline for 3 days");

        var reply = await bot.AskAsync("alerts");

        var rules = reply.Table(1);
        Assert.Equal(AlertsCommand.MaxRuleRows, rules.Rows.Count);
        Assert.Equal(string.Create(CultureInfo.InvariantCulture, $"#{AlertsCommand.MaxRuleRows + 5}"), rules.Rows[0][0].Text);
        Assert.Contains("…and 5 more rules", reply.AllText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ManyShops_SavedRuleAndListNameTheFirstFiringScopesAndCountTheRest()
    {
        var store = A.Store();
        store.Shops.Clear();
        for (var s = 0; s < AlertReplies.MaxStateRows + 5; s++)
        {
            var code = string.Create(CultureInfo.InvariantCulture, $"s{s:00}");
            store.Shops.Add(new ShopInfo(code, "Shop " + code, []));
            var dips = s % 5 == 0;
            store.Fill(code, "2026-01-01", "2026-03-12", d => A.Row(conversion: dips && d >= A.Day("2026-03-10") ? 0.02 : 0.03));
        }

        using var bot = new AlertBot(store, Now);

        var saved = await bot.AskAsync("alert conversion below baseline for 3 days");
        var list = await bot.AskAsync("alerts");

        var scopes = saved.Table(0);
        Assert.Equal(AlertReplies.MaxStateRows, scopes.Rows.Count);
        Assert.All(scopes.Rows.Take(5), r => Assert.StartsWith("firing", r[1].Text, StringComparison.Ordinal));
        Assert.Contains("…and 5 more scopes: 5 ok.", saved.AllText(), StringComparison.Ordinal);
        Assert.Equal("firing: Shop s00 (#1), Shop s05 (#2), Shop s10 (#3) +2 more; 20 ok", list.Table(1).Rows[0][4].Text);
    }

    [Fact]
    public async Task AlertTest_DryRun_ShowsTheDayItWouldHaveFiredAndSavesNothing()
    {
        using var bot = Bot(last: "2026-03-31");

        var reply = await bot.AskAsync("alert test conversion below baseline for 3 days shop tmall");

        var row = Assert.Single(reply.Table().Rows);
        Assert.Equal("2026-03-12", row[1].Text);
        Assert.Equal("2026-03-15", row[2].Text);
        Assert.Empty(await bot.Store.ListRulesAsync(CancellationToken.None));
        Assert.Empty(bot.Store.Incidents);
    }

    [Theory]
    [InlineData("告警 测试 转化率 连续3天 低于 基线 店铺 天猫")]
    [InlineData("测试告警 转化率 连续3天 低于 基线 店铺 天猫")]
    public async Task AlertTest_InChineseWithOrWithoutASpace_IsTheDryRun(string text)
    {
        using var bot = Bot(last: "2026-03-31");

        var reply = await bot.AskAsync(text);

        Assert.Equal("2026-03-12", Assert.Single(reply.Table().Rows)[1].Text);
        Assert.Empty(await bot.Store.ListRulesAsync(CancellationToken.None));
    }

    [Theory]
    [InlineData("告警 删除 1")]
    [InlineData("删除 告警 #1")]
    public async Task AlertRemove_InChineseWithASpace_RemovesTheRule(string text)
    {
        using var bot = Bot();
        await FiringAsync(bot);

        var reply = await bot.AskAsync(text);

        Assert.Equal("Alert rule #1 removed", reply.Title);
    }

    [Theory]
    [InlineData("my alerts")]
    [InlineData("我的告警")]
    public async Task MyAlerts_IsAlertsMine(string text)
    {
        using var bot = Bot();
        await bot.AskAsync("alert conversion below baseline for 3 days");
        await bot.AskAsync("alert refund rate above 8% shop jd", AlertBot.Bo);

        var reply = await bot.AskAsync(text, AlertBot.Bo);

        Assert.Equal("#2", Assert.Single(reply.Table(0).Rows)[0].Text);
    }

    [Fact]
    public async Task AlertTest_ManyShops_ReplaysEveryOne_AndListsWhereItWouldHaveFiredFirst()
    {
        var store = A.Store();
        store.Shops.Clear();
        for (var s = 0; s < 40; s++)
        {
            var code = string.Create(CultureInfo.InvariantCulture, $"s{s:00}");
            store.Shops.Add(new ShopInfo(code, "Shop " + code, []));
            var dips = s == 39;
            store.Fill(code, "2026-01-01", "2026-03-12", d => A.Row(conversion: dips && d >= A.Day("2026-03-10") ? 0.02 : 0.03));
        }

        using var bot = new AlertBot(store, Now);

        var reply = await bot.AskAsync("alert test conversion below baseline for 3 days");

        var rows = reply.Table().Rows;
        Assert.Equal(("Shop s39", "2026-03-12"), (rows[0][0].Text, rows[0][1].Text));
        Assert.All(rows.Skip(1), r => Assert.Equal("never", r[1].Text));
        var text = reply.AllText();
        Assert.Contains("It would have fired 1 time(s) in the last 90 days, in 1 of 40 scopes.", text, StringComparison.Ordinal);
        Assert.Contains($"…and {40 - rows.Count} more scopes not listed, none of which would have fired", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AlertTest_NoDayBreached_SaysSoInsteadOfCountingZeroDays()
    {
        using var bot = Bot(last: "2026-03-31");

        var reply = await bot.AskAsync("alert test conversion below baseline for 3 days shop jd");

        var row = Assert.Single(reply.Table().Rows);
        Assert.Equal(("never", "no day breached"), (row[1].Text, row[3].Text));
        Assert.Contains("would not have fired", reply.AllText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AlertRemove_BySomeoneElse_IsRefused()
    {
        using var bot = Bot();
        await bot.AskAsync("alert refund rate above 8%");

        var reply = await bot.AskAsync("alert remove 1", AlertBot.Bo);

        Assert.Equal(ReplyKind.Problem, reply.Kind);
        Assert.Single(await bot.Store.ListRulesAsync(CancellationToken.None));
    }

    [Theory]
    [InlineData("u-ana")]
    [InlineData("u-admin")]
    public async Task AlertRemove_ByOwnerOrAdmin_RemovesItAndClosesItsAlerts(string who)
    {
        using var bot = Bot();
        var incident = await FiringAsync(bot);
        var caller = who == "u-ana" ? AlertBot.Ana : AlertBot.Admin;

        var reply = await bot.AskAsync("remove alert #1", caller);

        Assert.Equal("Alert rule #1 removed", reply.Title);
        Assert.Empty(await bot.Store.ListRulesAsync(CancellationToken.None));
        Assert.Equal(IncidentStatus.Closed, (await bot.Store.GetIncidentAsync(incident.Id, CancellationToken.None))!.Status);
        Assert.Equal(AlertActionKind.RemoveRule, bot.Store.Actions.Single().Kind);
    }

    [Fact]
    public async Task AlertRemove_ByTheAssignee_IsAllowed()
    {
        using var bot = Bot();
        var incident = await FiringAsync(bot);
        await bot.ClickAsync(AlertVerbs.AssignToMe, incident.Id, AlertBot.Bo);

        var reply = await bot.AskAsync("alert remove 1", AlertBot.Bo);

        Assert.Equal(ReplyKind.Answer, reply.Kind);
    }

    [Fact]
    public async Task Acknowledge_ByAnyone_RefreshesTheCardAndLogsWhoAndWhen()
    {
        using var bot = Bot();
        var incident = await FiringAsync(bot);

        var card = await bot.ClickAsync(AlertVerbs.Acknowledge, incident.Id, AlertBot.Bo);

        Assert.Equal(ReplyKind.Answer, card.Kind);
        Assert.Contains("acknowledged by Bo at 2026-03-16 10:00", card.AllText(), StringComparison.Ordinal);
        Assert.DoesNotContain(card.Buttons, b => b.Verb == AlertVerbs.Acknowledge);
        var logged = Assert.Single(bot.Store.Actions);
        Assert.Equal((AlertActionKind.Acknowledge, "u-bo", Now), (logged.Kind, logged.Actor.Id, logged.At));
        Assert.Equal(AlertNoticeKind.Updated, bot.Store.Notices[^1].Kind);
    }

    [Fact]
    public async Task Acknowledge_Twice_SaysWhoDidItFirst()
    {
        using var bot = Bot();
        var incident = await FiringAsync(bot);
        await bot.ClickAsync(AlertVerbs.Acknowledge, incident.Id, AlertBot.Bo);

        var second = await bot.ClickAsync(AlertVerbs.Acknowledge, incident.Id, AlertBot.Ana);

        Assert.Equal(ReplyKind.Problem, second.Kind);
        Assert.Contains("Bo acknowledged", second.AllText(), StringComparison.Ordinal);
        Assert.Single(bot.Store.Actions);
    }

    [Fact]
    public async Task Mute_BySomeoneWhoIsNotOwnerAssigneeOrAdmin_IsRefused()
    {
        using var bot = Bot();
        var incident = await FiringAsync(bot);

        var reply = await bot.ClickAsync(AlertVerbs.MuteDay, incident.Id, AlertBot.Bo);

        Assert.Equal(ReplyKind.Problem, reply.Kind);
        Assert.Null(bot.Store.Incidents[0].MutedUntil);
        Assert.Empty(bot.Store.Actions);
    }

    [Fact]
    public async Task Mute_ByTheOwner_MutesForADay()
    {
        using var bot = Bot();
        var incident = await FiringAsync(bot);

        var card = await bot.ClickAsync(AlertVerbs.MuteDay, incident.Id, AlertBot.Ana);

        Assert.Contains("muted until 2026-03-17 10:00 by Ana", card.AllText(), StringComparison.Ordinal);
        Assert.Equal(Now.AddDays(1), bot.Store.Incidents[0].MutedUntil);
    }

    [Fact]
    public async Task Mute_ByAnAdmin_IsAllowed()
    {
        using var bot = Bot();
        var incident = await FiringAsync(bot);

        var card = await bot.ClickAsync(AlertVerbs.MuteUntilImport, incident.Id, AlertBot.Admin);

        Assert.Contains("muted until the next import by Admin", card.AllText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AssignToMe_ThenTheAssigneeMayMute()
    {
        using var bot = Bot();
        var incident = await FiringAsync(bot);

        var assigned = await bot.ClickAsync(AlertVerbs.AssignToMe, incident.Id, AlertBot.Bo);
        var muted = await bot.ClickAsync(AlertVerbs.MuteDay, incident.Id, AlertBot.Bo);

        Assert.Contains("@Bo", assigned.AllText(), StringComparison.Ordinal);
        Assert.Equal(ReplyKind.Answer, muted.Kind);
        Assert.Contains("Bo took it", muted.AllText(), StringComparison.Ordinal);
        Assert.Equal([AlertActionKind.AssignToSelf, AlertActionKind.MuteDay], bot.Store.Actions.Select(a => a.Kind));
    }

    [Theory]
    [InlineData("alert ack 1", AlertActionKind.Acknowledge)]
    [InlineData("确认告警 #1", AlertActionKind.Acknowledge)]
    [InlineData("alert take 1", AlertActionKind.AssignToSelf)]
    [InlineData("认领告警 1", AlertActionKind.AssignToSelf)]
    public async Task TypedButtons_ByAnyone_DoWhatTheButtonDoes(string text, AlertActionKind kind)
    {
        using var bot = Bot();
        await FiringAsync(bot);

        var reply = await bot.AskAsync(text, AlertBot.Bo);

        Assert.Equal(ReplyKind.Answer, reply.Kind);
        var action = Assert.Single(bot.Store.Actions);
        Assert.Equal((kind, "Bo"), (action.Kind, action.Actor.Name));
    }

    [Theory]
    [InlineData("alert mute 1", AlertActionKind.MuteDay)]
    [InlineData("alert mute until import 1", AlertActionKind.MuteUntilImport)]
    [InlineData("静音告警 1 直到导入", AlertActionKind.MuteUntilImport)]
    public async Task TypedMute_ByTheOwner_Mutes_BySomeoneElse_IsRefused(string text, AlertActionKind kind)
    {
        using var bot = Bot();
        await FiringAsync(bot);

        var refused = await bot.AskAsync(text, AlertBot.Bo);
        var muted = await bot.AskAsync(text, AlertBot.Ana);

        Assert.Equal(ReplyKind.Problem, refused.Kind);
        Assert.Equal(ReplyKind.Answer, muted.Kind);
        Assert.Equal(kind, Assert.Single(bot.Store.Actions).Kind);
    }

    [Fact]
    public async Task TypedButton_WithoutANumber_AsksWhichAlert()
    {
        using var bot = Bot();

        var reply = await bot.AskAsync("alert ack");

        Assert.Equal("Which alert?", reply.Title);
    }

    [Fact]
    public async Task Click_OnAResolvedAlert_SaysThereIsNothingToDo()
    {
        using var bot = Bot();
        var incident = await FiringAsync(bot);
        bot.Metrics.Fill("tmall", "2026-03-13", "2026-03-13", _ => A.Row());
        await bot.Engine.EvaluateAsync(null, CancellationToken.None);

        var reply = await bot.ClickAsync(AlertVerbs.Acknowledge, incident.Id, AlertBot.Bo);

        Assert.Equal(ReplyKind.Problem, reply.Kind);
        Assert.Contains("resolved", reply.Title, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Click_UnknownIncident_IsAProblemNotACrash()
    {
        using var bot = Bot();

        var reply = await bot.ClickAsync(AlertVerbs.Acknowledge, 42, AlertBot.Bo);

        Assert.Equal(ReplyKind.Problem, reply.Kind);
        Assert.Null(bot.Logger.LastError);
    }

    [Fact]
    public async Task Card_FiringIncident_ShowsValuesOwnerAndTheFourButtons()
    {
        using var bot = Bot();
        var incident = await FiringAsync(bot);
        var rule = (await bot.Store.GetRuleAsync(incident.RuleId, CancellationToken.None))!;

        var card = AlertCard.Compose(incident, rule, [], Formatting.NumberFormat.English, TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai"), Now);

        Assert.StartsWith("🔴 Alert: Conversion 15% below baseline for 3 days in a row — Tmall flagship", card.Title, StringComparison.Ordinal);
        var text = card.AllText();
        Assert.Contains("2.00% (alert when < 2.55%; baseline 3.00%)", text, StringComparison.Ordinal);
        Assert.Contains("@Ana", text, StringComparison.Ordinal);
        Assert.Equal([AlertVerbs.Acknowledge, AlertVerbs.MuteDay, AlertVerbs.MuteUntilImport, AlertVerbs.AssignToMe], card.Buttons.Select(b => b.Verb));
        Assert.All(card.Buttons, b => Assert.Equal(incident.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), b.Data[AlertVerbs.Incident]));
    }

    [Fact]
    public async Task Resolved_ByCorrectedNumbersForTheDayItFired_SaysSoInsteadOfClearedOnAndFiredOnTheSameDay()
    {
        using var bot = Bot();
        var incident = await FiringAsync(bot);
        var rule = (await bot.Store.GetRuleAsync(incident.RuleId, CancellationToken.None))!;
        var corrected = incident with
        {
            Status = IncidentStatus.Resolved,
            ResolvedDay = incident.OpenedDay,
            Latest = incident.First with { Value = 0.029, Breached = false },
        };
        var nextDay = corrected with { ResolvedDay = incident.OpenedDay.AddDays(1), Latest = corrected.Latest with { Day = incident.OpenedDay.AddDays(1) } };
        var zone = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

        var sameDay = AlertCard.Resolved(corrected, rule, Formatting.NumberFormat.English).AllText();
        var later = AlertCard.Resolved(nextDay, rule, Formatting.NumberFormat.English).AllText();
        var card = AlertCard.Compose(corrected, rule, [], Formatting.NumberFormat.English, zone, Now).AllText();

        var day = incident.OpenedDay.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        Assert.Contains($"the numbers for {day}, the day it fired, were updated and now read 2.90%", sameDay, StringComparison.Ordinal);
        Assert.Contains($"cleared on {incident.OpenedDay.AddDays(1):yyyy-MM-dd}", later, StringComparison.Ordinal);
        Assert.Contains($"it fired on {day}", later, StringComparison.Ordinal);
        Assert.Contains($"{day} now", card, StringComparison.Ordinal);
        Assert.DoesNotContain($"Latest ({day})", card, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Commands_WithoutAlertServices_SayAlertsAreNotSetUp()
    {
        using var plain = new TestBot(A.Store());

        var reply = await plain.AskAsync("alert refund rate above 8%");

        Assert.Equal("Alerts are not set up", reply.Title);
    }
}
