using System.Text;
using Bot.Core.Replies;
using Bot.Core.Tests.Fakes;

namespace Bot.Core.Tests.Commands;

/// <summary>Feeds generated junk through the real router and every command: nothing may escape, every reply must help.</summary>
public sealed class RouterFuzzTests : IDisposable
{
    private static readonly string[] Pieces =
    [
        "funnel", "漏斗", "kpi", "traffic", "流量", "brief", "日报", "campaign roi", "618", "双11", "why", "gmv", "down", "trend", "conversion",
        "top products", "by units", "inventory", "goals", "goal plan", "users", "use shop", "channels", "by channel", "按渠道",
        "last week", "上周", "yesterday", "近7天", "last 30 days", "2026-02-30", "2026-13-01", "2026-06-01..2026-06-18", "2026-06-18..2026-06-01",
        "Q5", "Q1 2019", "last 0 days", "last 99999999999999999999 days", "last -3 days", "'; DROP TABLE channel_daily; --", "\" OR 1=1 --",
        "<at>OpsBot</at>", "<script>alert(1)</script>", "&amp;&lt;&gt;", "%s%n%x", "{0}", "\u0000", "\u202E", "\uFEFF", "😀", "ｆｕｎｎｅｌ", "1e309",
        "-1", "NaN", "∞", "9999-12-31", "0001-01-01", "tmall", "jd", "live", "直播", "search", "goal plan 1e30", "goal plan -5", "goal plan 0",
    ];

    private readonly TestBot _bot = new(TestData.Build());

    public void Dispose() => _bot.Dispose();

    [Fact]
    public async Task Router_TenThousandGeneratedInputs_NoExceptionAndAlwaysHelpful()
    {
        var random = new Random(20261121);
        var failures = new List<string>();
        for (var i = 0; i < 10_000; i++)
        {
            var input = Generate(random, i);
            Reply reply;
            try
            {
                reply = await _bot.AskAsync(input, conversation: "fuzz" + (i % 7));
            }
            catch (Exception ex)
            {
                failures.Add($"{Escape(input)} → {ex.GetType().Name}: {ex.Message}");
                continue;
            }

            var text = ReplyText.Render(reply);
            if (string.IsNullOrWhiteSpace(reply.Title) || text.Length < 10)
            {
                failures.Add($"{Escape(input)} → empty reply");
            }
            else if (text.Contains("Sorry, that failed", StringComparison.Ordinal))
            {
                failures.Add($"{Escape(input)} → apology (a command threw: {_bot.Logger.LastError})");
            }
            else if (text.Contains("Exception", StringComparison.Ordinal) || text.Contains("   at ", StringComparison.Ordinal))
            {
                failures.Add($"{Escape(input)} → looks like a stack trace");
            }
        }

        Assert.True(failures.Count == 0, $"{failures.Count} bad replies, e.g.:\n" + string.Join("\n", failures.Take(15)));
    }

    private static string Generate(Random random, int i)
    {
        switch (i % 5)
        {
            case 0:
                // Random Unicode soup, control characters included.
                var chars = new char[random.Next(0, 60)];
                for (var c = 0; c < chars.Length; c++)
                {
                    chars[c] = (char)random.Next(0, 0xFFFF);
                }

                return new string(chars);
            case 1:
                // Very long text.
                return string.Concat(Enumerable.Repeat(Pieces[random.Next(Pieces.Length)] + " ", random.Next(200, 2000)));
            default:
                // Plausible words in random order, some mangled.
                var words = new StringBuilder();
                var count = random.Next(1, 7);
                for (var w = 0; w < count; w++)
                {
                    var piece = Pieces[random.Next(Pieces.Length)];
                    if (random.Next(6) == 0 && piece.Length > 3)
                    {
                        var at = random.Next(piece.Length);
                        piece = piece.Remove(at, 1);
                    }

                    words.Append(piece).Append(random.Next(4) == 0 ? "" : " ");
                }

                return words.ToString();
        }
    }

    private static string Escape(string s) => s.Length > 80 ? s[..80] + "…" : s.Replace("\0", "\\0", StringComparison.Ordinal);
}
