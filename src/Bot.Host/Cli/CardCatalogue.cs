using System.Text;
using System.Text.Json;
using Bot.Channel.Cards;
using Bot.Channel.Protocol;
using Bot.Core.Commands;
using Bot.Core.Messaging;
using Bot.Core.Replies;

namespace Bot.Host.Cli;

/// <summary><c>-- dump-cards &lt;dir&gt;</c>: every card the commands send, as JSON files, for schema and render checks.</summary>
/// <remarks>Runs each command's catalogue example plus Chinese forms and problem replies through the real router.</remarks>
internal static class CardCatalogue
{
    private static readonly string[] Extra =
    [
        "漏斗 上周", "流量 近30天", "概览 上月", "日报", "funnel last week by channel", "why conversion last week", "top products by units",
        "campaign roi 双11", "fnnel lst week", "kpi 2026-02-30", "roi",
    ];

    public static async Task<int> RunAsync(WebApplication app, string[] args)
    {
        var folder = args.Length > 0 ? args[0] : "artifacts/card-catalogue";
        Directory.CreateDirectory(folder);
        var router = app.Services.GetRequiredService<CommandRouter>();
        var registry = app.Services.GetRequiredService<CommandRegistry>();
        var inputs = registry.Commands.Select(c => c.Info.Example).Concat(Extra).Distinct().ToList();
        var conversation = new ConversationKey("console", "card-catalogue", "personal");
        var caller = new Caller("catalogue", "Catalogue", "catalogue");
        var index = 0;
        await WriteAsync(folder, ++index, "welcome", router.Welcome());
        foreach (var input in inputs)
        {
            var reply = await router.HandleAsync(new IncomingMessage(conversation, caller, input), CancellationToken.None);
            await WriteAsync(folder, ++index, input, reply);
        }

        Console.WriteLine($"Wrote {index} cards to {Path.GetFullPath(folder)}");
        return 0;
    }

    private static async Task WriteAsync(string folder, int index, string input, Reply reply)
    {
        var card = AdaptiveCardRenderer.Render(reply);
        var name = new StringBuilder();
        foreach (var ch in input)
        {
            name.Append(char.IsAsciiLetterOrDigit(ch) ? ch : '_');
        }

        var path = Path.Combine(folder, $"{index:00}-{name}.json");
        await File.WriteAllTextAsync(path, JsonSerializer.Serialize(card, ProtocolJson.Options));
    }
}
