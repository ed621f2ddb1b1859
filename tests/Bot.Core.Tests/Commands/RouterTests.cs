using Bot.Core.Commands;
using Bot.Core.Replies;
using Bot.Core.Tests.Fakes;

namespace Bot.Core.Tests.Commands;

public sealed class RouterTests : IDisposable
{
    private readonly TestBot _bot = new(TestData.Build());

    public void Dispose() => _bot.Dispose();

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("help")]
    [InlineData("帮助")]
    [InlineData("HELP")]
    public async Task Help_EmptyOrHelpWord_ListsEveryVisibleCommand(string text)
    {
        var reply = await _bot.AskAsync(text);

        var registry = (CommandRegistry)_bot.Services.GetService(typeof(CommandRegistry))!;
        var listed = reply.Blocks.OfType<TableBlock>().SelectMany(t => t.Rows).Select(r => r[0].Text).ToList();
        Assert.All(registry.Commands.Where(c => !c.Info.Hidden), c => Assert.Contains(listed, l => l.StartsWith(c.Info.Verb, StringComparison.Ordinal)));
        Assert.Equal(registry.Commands.Count(c => !c.Info.Hidden), listed.Count);
        Assert.Equal(ReplyKind.Answer, reply.Kind);
    }

    [Fact]
    public async Task Help_ListsCommandsBySectionInTheSectionOrder_WithAChineseName()
    {
        var reply = await _bot.AskAsync("help");

        var headings = reply.Blocks.OfType<TextBlock>().Where(b => b.Heading).Select(b => b.Text).ToList();
        Assert.Equal(CommandGroups.Order, headings);
        var ask = reply.Table(0).Rows.Select(r => r[0].Text).ToList();
        Assert.Contains("funnel · 漏斗", ask);
        Assert.DoesNotContain(ask, n => n.StartsWith("plan ", StringComparison.Ordinal) || n.StartsWith("alert", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("help alert test", "alert test")]
    [InlineData("help 漏斗", "funnel")]
    [InlineData("帮助 订阅", "subscribe")]
    [InlineData("help gmv", "metric")]
    public async Task HelpCommand_ShowsThatCommandInFull(string text, string verb)
    {
        var registry = (CommandRegistry)_bot.Services.GetService(typeof(CommandRegistry))!;
        var info = registry.Commands.Single(c => c.Info.Verb == verb).Info;

        var reply = await _bot.AskAsync(text);

        Assert.StartsWith($"help: {verb}", reply.Title, StringComparison.Ordinal);
        var facts = reply.Blocks.OfType<FactBlock>().Single().Facts.ToDictionary(f => f.Label, f => f.Value);
        Assert.Equal(info.Usage, facts["Usage"]);
        Assert.All(info.Aliases, a => Assert.Contains(a, facts["Also"], StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("help import", "Roles:Importers")]
    [InlineData("help alert", "Roles:AlertEditors")]
    [InlineData("help plan approve", "Roles:Managers")]
    [InlineData("help deliveries", "admins only")]
    public async Task HelpCommand_SaysWhoMayRunIt(string text, string who)
    {
        var reply = await _bot.AskAsync(text);

        var facts = reply.Blocks.OfType<FactBlock>().Single().Facts.ToDictionary(f => f.Label, f => f.Value);
        Assert.Contains(who, facts["Who"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task HelpCommand_ForACommandAnyoneMayRun_SaysNothingAboutWho()
    {
        var reply = await _bot.AskAsync("help funnel");

        Assert.DoesNotContain(reply.Blocks.OfType<FactBlock>().Single().Facts, f => f.Label == "Who");
    }

    [Fact]
    public void Welcome_OffersSixThingsToTry_FromTheCatalogue_AndPointsToHelp()
    {
        var registry = (CommandRegistry)_bot.Services.GetService(typeof(CommandRegistry))!;

        var welcome = _bot.Router.Welcome();

        var examples = CommandRouter.WelcomeVerbs.Select(v => registry.Commands.Single(c => c.Info.Verb == v).Info.Example);
        Assert.Equal(examples, welcome.Table().Rows.Select(r => r[0].Text));
        Assert.Contains("`help`", welcome.AllText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task HelpCommand_UnknownTopic_SuggestsOne()
    {
        var reply = await _bot.AskAsync("help fnnel");

        Assert.Equal(ReplyKind.Problem, reply.Kind);
        Assert.Contains("`help funnel`", reply.AllText(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("fnnel", "funnel")]
    [InlineData("fnnel lst week", "funnel last week")]
    [InlineData("funel last week", "funnel last week")]
    [InlineData("trafic", "traffic")]
    [InlineData("breif yesterday", "brief yesterday")]
    public async Task Unknown_Typo_SuggestsCorrectedPhrase(string text, string suggestion)
    {
        var reply = await _bot.AskAsync(text);

        Assert.Equal(ReplyKind.Problem, reply.Kind);
        Assert.Contains($"did you mean '{suggestion}'", reply.AllText(), StringComparison.Ordinal);
        Assert.Contains("help", reply.AllText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unknown_Gibberish_SaysSoAndHintsHelp()
    {
        var reply = await _bot.AskAsync("zzqx");

        Assert.Contains("I don't know 'zzqx'", reply.AllText(), StringComparison.Ordinal);
        Assert.DoesNotContain("did you mean", reply.AllText(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("funnel last week", "Conversion funnel")]
    [InlineData("show me the funnel for last week please", "Conversion funnel")]
    [InlineData("last week funnel", "Conversion funnel")]
    [InlineData("漏斗 上周", "Conversion funnel")]
    [InlineData("上周漏斗", "Conversion funnel")]
    [InlineData("上周 漏斗 按渠道", "Conversion funnel")]
    [InlineData("FUNNEL Last Week", "Conversion funnel")]
    [InlineData("funnel by channel last week", "Conversion funnel")]
    [InlineData("流量 近7天", "Traffic")]
    [InlineData("campaign roi 618", "Campaign ROI")]
    [InlineData("活动ROI 618", "Campaign ROI")]
    [InlineData("why gmv down last week", "Why GMV")]
    [InlineData("kpi", "KPI overview")]
    [InlineData("概览 上周", "KPI overview")]
    [InlineData("活动 ROI 618", "Campaign ROI")]
    [InlineData("转化 漏斗 上周", "Conversion funnel")]
    public async Task Route_AnyOrderAnyLanguage_ReachesCommand(string text, string title)
    {
        var reply = await _bot.AskAsync(text);

        Assert.StartsWith(title, reply.Title, StringComparison.Ordinal);
        Assert.Equal(ReplyKind.Answer, reply.Kind);
    }

    [Fact]
    public async Task Route_BareRoi_AsksWhichRoi()
    {
        var reply = await _bot.AskAsync("roi");

        Assert.Equal(ReplyKind.Question, reply.Kind);
        Assert.Contains("channel roi", reply.AllText(), StringComparison.Ordinal);
        Assert.Contains("campaign roi", reply.AllText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Route_TwoCommandsMidSentence_AsksWhich()
    {
        var reply = await _bot.AskAsync("last week traffic funnel");

        Assert.Equal(ReplyKind.Question, reply.Kind);
        Assert.Contains("`funnel`", reply.AllText(), StringComparison.Ordinal);
        Assert.Contains("`traffic`", reply.AllText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task UseShop_IsRememberedPerConversation()
    {
        await _bot.AskAsync("use shop jd", conversation: "a");

        var inA = await _bot.AskAsync("kpi last week", conversation: "a");
        var inB = await _bot.AskAsync("kpi last week", conversation: "b");

        Assert.StartsWith("JD store", inA.Subtitle, StringComparison.Ordinal);
        Assert.StartsWith("All shops", inB.Subtitle, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CommandThrows_ApologyWithReference_NoStackTrace()
    {
        _bot.Store.Days.Add(null!);

        var reply = await _bot.AskAsync("kpi last week");

        Assert.Equal(ReplyKind.Problem, reply.Kind);
        Assert.Matches("ref [0-9A-F]{6}", reply.AllText());
        Assert.DoesNotContain("Exception", reply.AllText(), StringComparison.Ordinal);
        Assert.DoesNotContain(" at ", reply.AllText(), StringComparison.Ordinal);
    }

    [Fact]
    public void Registry_DuplicateAlias_FailsAtStartup()
    {
        var a = new HelpCommand(null!);
        var b = new HelpCommand(null!);

        Assert.Throws<InvalidOperationException>(() => new CommandRegistry([a, b], []));
    }
}
