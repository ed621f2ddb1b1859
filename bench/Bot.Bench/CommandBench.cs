using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Bot.Channel.Cards;
using Bot.Core.Commands;
using Bot.Core.Commands.Query;
using Bot.Core.Messaging;
using Bot.Core.Replies;
using Microsoft.Extensions.DependencyInjection;

namespace Bot.Bench;

/// <summary><c>commands</c>: every query command end to end in-process — router → handler → store → Adaptive Card JSON.</summary>
/// <remarks>
/// Two scopes: one shop (the conversation said <c>use shop &lt;code&gt;</c>; each iteration picks one of the shops'
/// conversations at random) and all shops (no shop chosen: the default of a fresh conversation). Per iteration the
/// end-to-end time (HandleAsync + AdaptiveCardRenderer.Render + UTF-8 JSON) and the time spent inside the store
/// calls the command made (IMetricStore and the settings read) are taken from the same run.
/// </remarks>
internal static class CommandBench
{
    private const double TargetP99Ms = 5.0;
    private const double TargetRatio = 1.5;

    /// <summary>The commands of issue 4 item 6, plus inventory, campaigns, one Chinese phrasing, two metric questions (no verb) and <c>data</c>.</summary>
    public static readonly string[] Commands =
    [
        "brief",
        "kpi last week",
        "funnel last week",
        "funnel last week by channel",
        "traffic last 30 days",
        "channel roi",
        "campaign roi 618",
        "trend gmv last 30 days",
        "why gmv last week",
        "top products",
        "goals",
        "users",
        "inventory",
        "campaigns",
        "漏斗 上周 按渠道",
        "conversion yesterday",
        "gmv last week",
        "data",
    ];

    public static async Task<int> RunAsync(BenchOptions options)
    {
        var set = options.LoadSet();
        await MachineLoad.WaitQuietAsync(options);
        var loadBefore = MachineLoad.Averages();
        var iterations = options.Int("iterations", 2_000);
        var warmup = options.Int("warmup", 200);
        var budget = TimeSpan.FromSeconds(options.Int("seconds", 15));
        var scopes = options.Get("scopes", "shop,all").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var commands = Select(options.Get("only", string.Empty));

        var clock = TickingClock.At(set.Today);
        await using var host = new InProcessHost(options.DatabasePath, clock);
        var services = host.Services;
        var router = services.GetRequiredService<CommandRouter>();
        var store = services.GetRequiredService<TimingMetricStore>();
        var settings = services.GetRequiredService<TimingSettingsStore>();
        var imports = services.GetRequiredService<TimingDataImport>();
        Console.WriteLine($"In-process commands on {options.DatabasePath}, today = {set.Today:yyyy-MM-dd} (10:00 Asia/Shanghai, ticking); up to {iterations:N0} iterations or {budget.TotalSeconds:F0} s per command after {warmup} warm-up");

        // One conversation per shop, each remembering its shop (what `use shop` does in Teams).
        var shopConversations = new List<ConversationKey>();
        foreach (var (code, i) in set.ShopCodes.Select((c, i) => (c, i)))
        {
            var key = new ConversationKey("msteams", string.Create(CultureInfo.InvariantCulture, $"bench-shop-{i:000}"), "personal", "bench-tenant");
            var reply = await router.HandleAsync(Message(key, "use shop " + code), CancellationToken.None);
            if (reply.Kind != ReplyKind.Answer)
            {
                throw new InvalidOperationException($"'use shop {code}' was refused: {ReplyText.Render(reply)}");
            }

            shopConversations.Add(key);
        }

        var allShops = new ConversationKey("msteams", "bench-all-shops", "personal", "bench-tenant");
        var markdown = new StringBuilder();
        var probes = new List<IReadOnlyList<string>>();
        var breakdown = new List<IReadOnlyList<string>>();
        var log = new List<(string Label, long Ticks)>();
        foreach (var scope in scopes)
        {
            var conversations = scope == "all" ? [allShops] : shopConversations;
            var rows = new List<IReadOnlyList<string>>();
            var random = new Random(7);
            foreach (var text in commands)
            {
                // Probe: what the command answers (title and scope line), so the table shows it hit the data.
                var probe = await router.HandleAsync(Message(conversations[0], text), CancellationToken.None);
                probes.Add([scope == "all" ? "all shops" : "one shop", $"`{text}`", probe.Kind.ToString(), Escape(probe.Title), Escape(probe.Subtitle ?? string.Empty), Report.N(Render(probe))]);
                if (probe.Kind != ReplyKind.Answer)
                {
                    Console.Error.WriteLine($"  WARNING '{text}' ({scope}) answered {probe.Kind}: {ReplyText.Render(probe)}");
                }

                var e2e = new Samples(iterations);
                var sql = new Samples(iterations);
                var render = new Samples(iterations);
                var ratios = new List<double>(iterations);
                long calls = 0;
                var problems = 0;
                var perCall = new Dictionary<string, Samples>(StringComparer.Ordinal);
                store.Log = settings.Log = imports.Log = scope == "all" ? null : log;
                var started = Stopwatch.GetTimestamp();
                for (var i = -warmup; i < iterations; i++)
                {
                    if (i >= 0 && i >= 100 && Stopwatch.GetElapsedTime(started) > budget)
                    {
                        break;
                    }

                    if (i == 0)
                    {
                        started = Stopwatch.GetTimestamp();
                    }

                    var message = Message(conversations[random.Next(conversations.Count)], text);
                    store.Reset();
                    settings.Reset();
                    imports.Reset();
                    var start = Stopwatch.GetTimestamp();
                    var reply = await router.HandleAsync(message, CancellationToken.None);
                    var handled = Stopwatch.GetTimestamp();
                    var bytes = Render(reply);
                    var end = Stopwatch.GetTimestamp();
                    var elapsed = end - start;
                    if (i < 0)
                    {
                        continue;
                    }

                    var inStore = store.Ticks + settings.Ticks + imports.Ticks;
                    e2e.Add(elapsed);
                    render.Add(end - handled);
                    sql.Add(inStore);
                    ratios.Add((double)elapsed / Math.Max(1, inStore));
                    calls += store.Calls + settings.Calls + imports.Calls;
                    problems += reply.Kind == ReplyKind.Answer && bytes > 0 ? 0 : 1;
                    foreach (var (label, ticks) in log)
                    {
                        if (!perCall.TryGetValue(label, out var callSamples))
                        {
                            perCall[label] = callSamples = new Samples();
                        }

                        callSamples.Add(ticks);
                    }

                    log.Clear();
                }

                store.Log = settings.Log = imports.Log = null;
                foreach (var (label, callSamples) in perCall.OrderByDescending(c => c.Value.Mean * c.Value.Count))
                {
                    breakdown.Add([$"`{text}`", label, Report.F((double)callSamples.Count / e2e.Count, 1), Report.F(callSamples.P50), Report.F(callSamples.Mean), Report.F(callSamples.P99)]);
                }

                if (perCall.Count > 0)
                {
                    breakdown.Add([$"`{text}`", "**bot (e2e − SQL), p50**", "—", Report.F(e2e.P50 - sql.P50), "—", "—"]);
                    breakdown.Add([$"`{text}`", "bot: of which card render + UTF-8 JSON", "—", Report.F(render.P50), Report.F(render.Mean), Report.F(render.P99)]);
                }

                ratios.Sort();
                var ratio = ratios[ratios.Count / 2];
                rows.Add([
                    $"`{text}`",
                    Report.N(e2e.Count),
                    Report.F(e2e.P50),
                    Report.F(e2e.P90),
                    Report.F(e2e.P99),
                    Report.F(e2e.Max, 1),
                    Report.F((double)calls / e2e.Count, 1),
                    Report.F(sql.P50),
                    Report.F(sql.P99),
                    Report.F(ratio, 2) + "×",
                    Report.Verdict(e2e.P99 <= TargetP99Ms),
                    Report.Verdict(ratio <= TargetRatio),
                    problems == 0 ? "0" : Report.N(problems),
                ]);
                Console.WriteLine($"  [{scope}] {text,-28} n={e2e.Count,5} p50={e2e.P50,8:F3} p99={e2e.P99,8:F3} ms  sql p50={sql.P50,8:F3} ms  calls={(double)calls / e2e.Count,4:F1}  ratio={ratio:F2}  problems={problems}");
            }

            markdown
                .AppendLine(scope == "all"
                    ? "All shops (a conversation without `use shop`: the command's default scope, 200 shops):"
                    : string.Create(CultureInfo.InvariantCulture, $"One shop (each iteration a random one of {shopConversations.Count} conversations, each after `use shop <code>`):"))
                .AppendLine()
                .Append(Report.Table(
                    ["command", "n", "p50 ms", "p90 ms", "p99 ms", "max ms", "SQL calls", "SQL p50 ms", "SQL p99 ms", "e2e ÷ SQL (median)", "p99 ≤ 5 ms", "≤ 1.5× SQL", "non-answers"],
                    rows))
                .AppendLine();
        }

        markdown
            .AppendLine("Where the one-shop time goes, per store call (p50 / mean / p99 of each call, ms):")
            .AppendLine()
            .Append(Report.Table(["command", "call", "per command", "p50 ms", "mean ms", "p99 ms"], breakdown))
            .AppendLine()
            .Append(await OverheadProbeAsync(services))
            .AppendLine()
            .AppendLine(CultureInfo.InvariantCulture, $"Today = {set.Today:yyyy-MM-dd} (fixed start, 10:00 Asia/Shanghai, then ticking). SQL = time inside the IMetricStore calls, IDataImport.GetStatusAsync (`data`) and the conversation-settings read of that iteration (pooled open + query + reading rows). Load average before {loadBefore}, after {MachineLoad.Averages()}.")
            .AppendLine()
            .AppendLine("What each command answered (first iteration; Kind = Answer means a real answer, not a usage hint or apology):")
            .AppendLine()
            .Append(Report.Table(["scope", "command", "kind", "title", "scope line", "card bytes"], probes));
        Report.Publish(options, "commands", markdown.ToString());
        return 0;
    }

    /// <summary>
    /// <c>--only</c>: a comma-separated list; an item equal to a message selects that message only (<c>gmv last week</c>,
    /// not <c>why gmv last week</c>), any other item every message containing it (<c>funnel</c>), and an item that is in
    /// no listed message is sent as it is (<c>alerts</c>). Empty: every message.
    /// </summary>
    internal static string[] Select(string only)
    {
        var items = only.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (items.Length == 0)
        {
            return Commands;
        }

        var selected = Commands
            .Where(c => items.Any(item => Commands.Any(x => x.Equals(item, StringComparison.OrdinalIgnoreCase))
                ? c.Equals(item, StringComparison.OrdinalIgnoreCase)
                : c.Contains(item, StringComparison.OrdinalIgnoreCase)))
            .Concat(items.Where(item => !Commands.Any(c => c.Contains(item, StringComparison.OrdinalIgnoreCase))))
            .ToArray();
        return selected;
    }

    /// <summary>What the name lists the argument parsers walk cost: built once per reference-data snapshot, no longer per message.</summary>
    private static async Task<string> OverheadProbeAsync(IServiceProvider services)
    {
        var refs = await services.GetRequiredService<ReferenceData>().GetAsync(CancellationToken.None);
        var build = new Samples();
        var perMessage = new Samples();
        var count = 0;
        for (var i = -20; i < 200; i++)
        {
            var start = Stopwatch.GetTimestamp();
            var snapshot = new ReferenceData.Snapshot(refs.Shops, refs.Channels, refs.Campaigns, refs.LoadedAt);
            var middle = Stopwatch.GetTimestamp();
            count += snapshot.ShopNamesLongestFirst.Count + snapshot.ChannelNamesLongestFirst.Count;
            var end = Stopwatch.GetTimestamp();
            if (i >= 0)
            {
                build.Add(middle - start);
                perMessage.Add(end - middle);
            }
        }

        GC.KeepAlive(count);
        return new StringBuilder()
            .AppendLine(CultureInfo.InvariantCulture, $"Name lists and campaign-name indexes, built once per reference-data snapshot (after an import, or a background reload a minute on), no longer per message (QueryArgs and CampaignRoiCommand used to normalize and sort the shop and channel names for each one), {refs.Shops.Count} shops / {refs.Channels.Count} channels / {refs.Campaigns.Count} campaigns:")
            .AppendLine()
            .Append(Report.Table(
                ["step", "p50 ms", "p99 ms"],
                [
                    ["build a snapshot's lists and indexes (`new ReferenceData.Snapshot(…)`, off the message path)", Report.F(build.P50), Report.F(build.P99)],
                    ["per message: take the prebuilt shop and channel lists", Report.F(perMessage.P50), Report.F(perMessage.P99)],
                ]))
            .ToString();
    }

    private static IncomingMessage Message(ConversationKey conversation, string text) =>
        new(conversation, new Caller("29:bench-user", "Bench User", "00000000-0000-0000-0000-00000000be9c"), text, null, "en-US");

    /// <summary>The card as it is sent: Adaptive Card JSON, UTF-8.</summary>
    private static int Render(Reply reply) =>
        JsonSerializer.SerializeToUtf8Bytes(AdaptiveCardRenderer.Render(reply)).Length;

    private static string Escape(string text) =>
        (text.Length > 160 ? text[..160] + " …" : text).Replace("|", "\\|", StringComparison.Ordinal);
}
