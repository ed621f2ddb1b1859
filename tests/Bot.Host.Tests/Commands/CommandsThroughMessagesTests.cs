using System.Text;
using System.Text.Json.Nodes;
using Bot.Core.Commands;
using Bot.Core.Formatting;
using Bot.Core.Messaging;
using Bot.Core.Replies;
using Bot.Core.Periods;
using Bot.Core.Time;
using Bot.Host.Tests.Infrastructure;
using Bot.Storage;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Bot.Host.Tests.Commands;

/// <summary>
/// Commands end to end on the demo data: Teams-shaped POSTs to /api/messages, replies read from the fake connector,
/// numbers spot-checked against SQL run directly on the same SQLite file.
/// </summary>
public sealed class CommandsThroughMessagesTests(DemoHostFactory host) : IClassFixture<DemoHostFactory>
{
    private static readonly NumberFormat English = NumberFormat.English;
    private readonly HttpClient _client = host.CreateClient();

    public static TheoryData<string, string> EveryCommand => new()
    {
        { "brief", "Daily brief" },
        { "日报", "Daily brief" },
        { "kpi last week", "KPI overview" },
        { "概览 上周", "KPI overview" },
        { "funnel last week", "Conversion funnel" },
        { "漏斗 上周 按渠道", "Conversion funnel" },
        { "traffic last 30 days", "Traffic" },
        { "流量 近30天", "Traffic" },
        { "channel roi last month", "Channel ROI" },
        { "渠道 上月", "Channel ROI" },
        { "campaign roi 618", "Campaign ROI" },
        { "活动ROI 双11 2025", "Campaign ROI" },
        { "campaigns", "Campaigns" },
        { "trend conversion last 30 days", "Trend" },
        { "趋势 访客数 近14天", "Trend" },
        { "why gmv down last week", "Why GMV" },
        { "为什么 转化率 上周", "Why Conversion" },
        { "top products last week by units", "Top products" },
        { "爆款 上周", "Top products" },
        { "inventory", "Inventory" },
        { "库存", "Inventory" },
        { "goals", "Goals" },
        { "目标", "Goals" },
        { "goal plan 5000000", "Goal plan" },
        { "users", "Users" },
        { "用户", "Users" },
    };

    [Theory]
    [MemberData(nameof(EveryCommand))]
    public async Task Command_EnglishAndChinese_AnswersWithAValidCard(string text, string title)
    {
        var card = await AskAsync(text);

        Assert.Equal("AdaptiveCard", (string?)card["type"]);
        Assert.Equal("1.5", (string?)card["version"]);
        Assert.StartsWith(title, (string?)card["body"]![0]!["text"], StringComparison.Ordinal);
        Assert.False(string.IsNullOrWhiteSpace((string?)card["fallbackText"]));
        Assert.True(Encoding.UTF8.GetByteCount(card.ToJsonString()) < 80 * 1024, "card must stay well under the Teams message limit");
        Assert.Matches("[0-9]", (string?)card["fallbackText"]);
        Assert.DoesNotContain("Sorry, that failed", (string?)card["fallbackText"], StringComparison.Ordinal);
        Assert.DoesNotContain("No data", (string?)card["fallbackText"], StringComparison.Ordinal);
    }

    /// <summary>An admin in <see cref="DemoHostFactory"/>.</summary>
    public const string ExamplesCaller = "29:examples";

    /// <summary>Examples that need something done first (a submitted plan, rule #3, a plan with that many items).</summary>
    private static readonly HashSet<string> ExamplesNeedingContext = ["plan approve", "plan reject", "plan request changes", "alert remove", "plan remove", "plan assign"];

    [Fact]
    public async Task EveryCatalogueExample_OnTheDemoData_IsAnsweredNotRefused()
    {
        var registry = host.Services.GetRequiredService<CommandRegistry>();
        var router = host.Services.GetRequiredService<CommandRouter>();
        var conversation = new ConversationKey("msteams", "a:examples-" + Guid.NewGuid().ToString("N"), "personal");

        foreach (var command in registry.Commands.Where(c => !c.Info.Hidden && !ExamplesNeedingContext.Contains(c.Info.Verb)))
        {
            var reply = await router.HandleAsync(new IncomingMessage(conversation, new Caller(ExamplesCaller, "Eve"), command.Info.Example), CancellationToken.None);

            Assert.True(reply.Kind == ReplyKind.Answer, $"`{command.Info.Example}` ({command.Info.Verb}) answered {reply.Kind}: {ReplyText.Render(reply)}");
        }
    }

    [Fact]
    public async Task Kpi_LastWeek_GmvAndConversionMatchSqlOnTheSameFile()
    {
        var lastWeek = PeriodParser.Parse("last week", Clock.Today()).Value;
        var (gmvCents, paidBuyers, visitors) = await SqlAsync(
            "SELECT SUM(gmv_cents), SUM(paid_buyers), SUM(visitors) FROM channel_daily WHERE day BETWEEN @from AND @to",
            lastWeek);

        var fallback = (string)(await AskAsync("kpi last week"))["fallbackText"]!;

        Assert.Contains($"GMV 成交金额", fallback, StringComparison.Ordinal);
        Assert.Contains(English.Money(gmvCents / 100m), fallback, StringComparison.Ordinal);
        Assert.Contains(English.Rate((double)paidBuyers / visitors), fallback, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Funnel_ChineseLastWeek_SameNumbersAsEnglish()
    {
        var english = (string)(await AskAsync("funnel last week"))["fallbackText"]!;
        var chinese = (string)(await AskAsync("漏斗 上周"))["fallbackText"]!;

        var lastWeek = PeriodParser.Parse("last week", Clock.Today()).Value;
        var (cart, productVisitors, _) = await SqlAsync("SELECT SUM(cart_users), SUM(product_visitors), 0 FROM channel_daily WHERE day BETWEEN @from AND @to", lastWeek);
        Assert.Contains(English.Rate((double)cart / productVisitors), english, StringComparison.Ordinal);
        Assert.Equal(english, chinese);
        Assert.Contains("Weakest step", english, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Typo_FnnelLstWeek_SuggestsFunnelLastWeek()
    {
        var card = await AskAsync("fnnel lst week");

        Assert.Contains("did you mean 'funnel last week'", (string)card["fallbackText"]!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UseShop_IsRememberedForTheConversation()
    {
        var conversation = $"a:{Guid.NewGuid():N}";

        await AskAsync("use shop douyin", conversation);
        var kpi = (string)(await AskAsync("kpi last week", conversation))["fallbackText"]!;

        Assert.Contains("抖音", kpi, StringComparison.Ordinal);
        Assert.DoesNotContain("All shops", kpi, StringComparison.Ordinal);
    }

    private TeamClock Clock => host.Services.GetRequiredService<TeamClock>();

    private async Task<(long A, long B, long C)> SqlAsync(string sql, DateRange range)
    {
        var path = host.Services.GetRequiredService<IOptions<StorageOptions>>().Value.Path;
        await using var connection = new SqliteConnection($"Data Source={Path.GetFullPath(path)};Mode=ReadOnly");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Parameters.AddWithValue("@from", range.From.DayNumber - new DateOnly(1970, 1, 1).DayNumber);
        command.Parameters.AddWithValue("@to", range.To.DayNumber - new DateOnly(1970, 1, 1).DayNumber);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return (reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2));
    }

    private async Task<JsonObject> AskAsync(string text, string? conversationId = null)
    {
        var activity = TeamsActivity.Load("message-personal.json", host.Connector.ServiceUrl, conversationId).WithText(text).Set("id", Guid.NewGuid().ToString("N"));
        using var response = await _client.PostAsync(new Uri("/api/messages", UriKind.Relative), activity.ToContent());
        response.EnsureSuccessStatusCode();
        var sent = await host.SentAsync(r => r.IsFor(activity.ConversationId) && r.RawTarget.EndsWith(Uri.EscapeDataString(activity.Id), StringComparison.Ordinal));
        return sent[0].Json!["attachments"]![0]!["content"]!.AsObject();
    }
}
