using System.Globalization;
using System.Text;
using System.Text.Json;
using Bot.Channel.Cards;
using Bot.Channel.Protocol;
using Bot.Core.Commands;
using Bot.Core.Messaging;
using Bot.Core.Replies;
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
        "shops",
        "goals this year",
        "alerts",
        "alerts firing",
        "alerts conversion",
        "plan",
        "help",
        "top products last week",
        "top 30 products",
        "channels last month",
    ];

    /// <summary>
    /// With <c>--save-alert true</c>, sent last and in the all-shops conversation only: it saves a rule (one more each run)
    /// and evaluates it over every shop, so run it on a copy of the file (e.g. the alerts bench's, with its 1,000 rules).
    /// </summary>
    private static readonly string[] Writes = ["alert conversion below baseline for 3 days"];

    /// <summary>Teams refuses a bot message above ~100 KB (UTF-16) with 413; 80 KB is the budget, 60 KB gets flagged.</summary>
    private const int FlagBytes = 60 * 1024;

    public static async Task<int> RunAsync(BenchOptions options)
    {
        var set = options.LoadSet();
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
        var sizes = new List<(string Scope, string Command, ReplyKind Kind, int Utf8, int Utf16, int Escaped, string Contents)>();
        var allShops = conversations[^1];
        var messages = CommandBench.Commands.Concat(Extra).Select(c => (Command: c, Scopes: conversations))
            .Concat(options.Flag("save-alert") ? Writes.Select(c => (Command: c, Scopes: new List<(string Scope, ConversationKey Key)> { allShops })) : []);
        foreach (var (command, scopes) in messages)
        {
            foreach (var (scope, key) in scopes)
            {
                var reply = await router.HandleAsync(Message(key, command), CancellationToken.None);
                var card = AdaptiveCardRenderer.Render(reply);
                text.Append(CultureInfo.InvariantCulture, $"### {scope} · {command} · {reply.Kind}\n")
                    .Append(card.ToJsonString())
                    .Append('\n');
                var wire = JsonSerializer.Serialize(card, ProtocolJson.Options);
                sizes.Add((scope, command, reply.Kind, Encoding.UTF8.GetByteCount(wire), wire.Length * 2, JsonSerializer.SerializeToUtf8Bytes(card).Length, Contents(reply)));
                count++;
            }
        }

        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(output))!);
        await File.WriteAllTextAsync(output, text.ToString());
        Console.WriteLine($"{count} answers ({conversations.Count} scopes) written to {output}");
        PublishSizes(options, sizes, conversations.Count - 1);
        return 0;
    }

    /// <summary>
    /// <c>answer-sizes.md</c>: each card's size as the connector sends it (<see cref="ProtocolJson"/>: UTF-8, Chinese
    /// unescaped), the same text counted as UTF-16 (what Teams' limit counts), and as the <c>commands</c> verb's
    /// "card bytes" column counts it (default encoder: non-ASCII as \uXXXX). One shop: the largest of the shops.
    /// </summary>
    private static void PublishSizes(BenchOptions options, List<(string Scope, string Command, ReplyKind Kind, int Utf8, int Utf16, int Escaped, string Contents)> sizes, int shops)
    {
        var rows = sizes
            .GroupBy(s => (s.Command, All: s.Scope == "all shops"))
            .Select(g =>
            {
                var largest = g.MaxBy(s => s.Utf8);
                var scope = g.Key.All ? "all shops" : $"one shop (largest of {shops}: {largest.Scope}; smallest {Report.N(g.Min(s => s.Utf8))})";
                return (largest.Utf8, Row: (IReadOnlyList<string>)
                [
                    $"`{g.Key.Command}`", scope, largest.Kind.ToString(), Report.N(largest.Utf8), Report.N(largest.Utf16), Report.N(largest.Escaped),
                    largest.Utf8 > FlagBytes || largest.Utf16 > FlagBytes ? "**> 60 KB**" : string.Empty, largest.Contents,
                ]);
            })
            .OrderByDescending(r => r.Utf8)
            .Select(r => r.Row);
        var markdown = new StringBuilder()
            .AppendLine("Card sizes, largest first: UTF-8 as sent (connector JSON options), UTF-16 bytes of the same text (Teams' ~100 KB limit), UTF-8 with the default encoder (`commands`' \"card bytes\"). 1 KB = 1,024 bytes.")
            .AppendLine()
            .Append(Report.Table(["message", "scope", "kind", "UTF-8 bytes", "UTF-16 bytes", "escaped UTF-8 bytes", "over 60 KB", "what is in it"], rows))
            .ToString();
        Report.Publish(options, "answer-sizes", markdown);
    }

    /// <summary>What makes a card big: its blocks with their row counts, its buttons, its fallback text.</summary>
    private static string Contents(Reply reply)
    {
        var parts = reply.Blocks.Select(b => b switch
        {
            TableBlock t => $"table {t.Rows.Count}×{t.Headers.Count} ({string.Join("/", t.Headers)})",
            FactBlock f => $"facts {f.Facts.Count}",
            MetricBlock m => $"metric lines {m.Lines.Count}",
            ChartBlock c => $"chart {c.Points.Count} pts",
            Bot.Core.Replies.TextBlock x => $"text {x.Text.Length} ch",
            _ => b.GetType().Name,
        }).ToList();
        if (reply.Buttons.Count > 0)
        {
            parts.Add($"buttons {reply.Buttons.Count}");
        }

        parts.Add($"fallbackText {Report.N(Encoding.UTF8.GetByteCount(ReplyText.Render(reply)))} B");
        return string.Join("; ", parts).Replace("|", "\\|", StringComparison.Ordinal);
    }

    private static IncomingMessage Message(ConversationKey conversation, string text) =>
        new(conversation, new Caller("29:bench-user", "Bench User", "00000000-0000-0000-0000-00000000be9c"), text, null, "en-US");
}
