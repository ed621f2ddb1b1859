using System.Globalization;
using System.Text;
using Bot.Channel.Cards;
using Bot.Core.Commands;
using Bot.Core.Messaging;
using Microsoft.Extensions.DependencyInjection;

namespace Bot.Bench;

/// <summary><c>answers</c>: every benchmarked command's card JSON for some shops and for all shops, written to one file.</summary>
/// <remarks>
/// Not a timing: a change meant to make commands faster must not change what they answer, so the file of one build
/// is compared with the file of the next (<c>diff</c> or <c>cmp</c>). The host is the same as for <c>commands</c>.
/// </remarks>
internal static class AnswersDump
{
    /// <summary>More phrasings than the timed ones: campaigns by year and alias, channel filters, other periods.</summary>
    private static readonly string[] Extra =
    [
        "campaign roi 双11 2025",
        "campaign roi double 11",
        "kpi 618",
        "funnel live last week",
        "traffic last month by channel",
        "goals this quarter",
        "goals 2026",
        "brief 2026-11-01",
        "brief live",
        "why conversion last month",
        "channel roi 双11 2025",
    ];

    public static async Task<int> RunAsync(BenchOptions options)
    {
        var set = LargeSetInfo.Load(options.SetFile);
        var shops = options.Int("shops", 8);
        var output = options.Get("out", Path.Combine(options.ResultsDirectory, "answers.txt"));
        await using var host = new InProcessHost(options.DatabasePath, TickingClock.At(set.Today));
        var router = host.Services.GetRequiredService<CommandRouter>();

        var conversations = new List<(string Scope, ConversationKey Key)>();
        foreach (var code in set.ShopCodes.Where((_, i) => i % Math.Max(1, set.ShopCodes.Count / shops) == 0).Take(shops))
        {
            var key = new ConversationKey("msteams", "answers-" + code, "personal", "bench-tenant");
            await router.HandleAsync(Message(key, "use shop " + code), CancellationToken.None);
            conversations.Add((code, key));
        }

        conversations.Add(("all shops", new ConversationKey("msteams", "answers-all-shops", "personal", "bench-tenant")));
        var text = new StringBuilder();
        var count = 0;
        foreach (var command in CommandBench.Commands.Concat(Extra))
        {
            foreach (var (scope, key) in conversations)
            {
                var reply = await router.HandleAsync(Message(key, command), CancellationToken.None);
                text.Append(CultureInfo.InvariantCulture, $"### {scope} · {command} · {reply.Kind}\n")
                    .Append(AdaptiveCardRenderer.Render(reply).ToJsonString())
                    .Append('\n');
                count++;
            }
        }

        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(output))!);
        await File.WriteAllTextAsync(output, text.ToString());
        Console.WriteLine($"{count} answers ({conversations.Count} scopes) written to {output}");
        return 0;
    }

    private static IncomingMessage Message(ConversationKey conversation, string text) =>
        new(conversation, new Caller("29:bench-user", "Bench User", "00000000-0000-0000-0000-00000000be9c"), text, null, "en-US");
}
