using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Bot.Bench;

/// <summary><c>http</c>: the built Bot.Host.dll as a separate process on loopback, a local fake Bot Connector, N concurrent conversations.</summary>
/// <remarks>
/// The host acknowledges a message with HTTP 200 at once and answers from per-conversation ordered queues
/// (TurnRunner), so the latency that matters is the reply: send → the reply's POST arriving at the fake connector.
/// Modes: <c>closed</c> — each conversation sends its next command when the reply to the previous one has arrived
/// (a user waiting for the answer); <c>paced</c> — each conversation sends at <c>--rate</c> messages per second
/// without waiting (open loop); <c>fresh</c> — N workers in the closed loop, every message a new conversation
/// naming its shop in the text, so the host's per-conversation reply pacing (Teams' 7 per 2 s, 55 per 30 s) never
/// applies: the host's capacity; <c>mixed</c> — <c>--chatty</c> conversations in the closed loop, the rest paced (do steady
/// conversations wait behind chatty ones?). An error is a non-200 answer, a failed request, a reply that did not arrive within
/// 60 s, or a reply that is not an Adaptive Card answer (an apology or usage hint).
/// </remarks>
internal static class HttpLoadBench
{
    private const string BotId = "28:bench-bot";
    private const string Tenant = "bench-tenant";
    private static readonly TimeSpan ReplyTimeout = TimeSpan.FromSeconds(60);

    public static async Task<int> RunAsync(BenchOptions options)
    {
        var set = LargeSetInfo.Load(options.SetFile);
        var mode = options.Get("mode", "closed");
        var conversations = options.Int("conversations", 50);
        var duration = TimeSpan.FromSeconds(options.Int("duration", 60));
        var warmup = TimeSpan.FromSeconds(options.Int("warmup", 10));
        var rate = double.Parse(options.Get("rate", "1.0"), CultureInfo.InvariantCulture);
        var port = options.Int("port", 5391);
        var hostDll = Path.GetFullPath(options.Get("host-dll", Path.Combine(RepoRoot(), "src/Bot.Host/bin/Release/net10.0/Bot.Host.dll")));
        if (!File.Exists(hostDll))
        {
            Console.Error.WriteLine($"{hostDll} not found: build it first (dotnet build src/Bot.Host -c Release).");
            return 2;
        }

        var today = BenchOptions.TeamToday();
        if (today != set.Today)
        {
            Console.Error.WriteLine($"WARNING: the set was generated for today = {set.Today:yyyy-MM-dd} but the host's today is {today:yyyy-MM-dd}; relative periods will reach past the data.");
        }

        await MachineLoad.WaitQuietAsync(options);
        var loadBefore = MachineLoad.Averages();
        await using var connector = await FakeConnector.StartAsync();
        var url = string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{port}");
        using var host = StartHost(hostDll, url, options);
        using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = 4096, PooledConnectionLifetime = TimeSpan.FromMinutes(10) };
        using var client = new HttpClient(handler) { BaseAddress = new Uri(url), Timeout = TimeSpan.FromSeconds(120) };
        try
        {
            await WaitHealthyAsync(client, host.Process);
            Console.WriteLine($"Host {hostDll} (pid {host.Process.Id}) up on {url}; fake connector on {connector.ServiceUrl}; mode {mode}, {conversations} conversations, {duration.TotalSeconds:F0} s");

            var load = new LoadRun(client, connector, set, mode, rate, options.Int("chatty", 5));

            // Warm-up on conversations of their own (JIT, SQLite page cache, connection pools), not counted.
            await load.RunAsync("warm", conversations, warmup);
            connector.Scopes.Clear();

            var cpuBefore = host.Process.TotalProcessorTime;
            var selfCpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
            var wall = Stopwatch.StartNew();
            var results = await load.RunAsync("run", conversations, duration);
            wall.Stop();
            host.Process.Refresh();
            var hostCpu = host.Process.TotalProcessorTime - cpuBefore;
            var selfCpu = Process.GetCurrentProcess().TotalProcessorTime - selfCpuBefore;
            var hostPeak = host.Process.PeakWorkingSet64;
            Publish(new RunInfo(options, mode, conversations, rate, duration, wall.Elapsed, hostCpu, selfCpu, hostPeak, hostDll, url, loadBefore), results, connector);
            return 0;
        }
        finally
        {
            host.Stop();
        }
    }

    private static void Publish(RunInfo run, IReadOnlyList<RequestResult> results, FakeConnector connector)
    {
        var ack = new Samples(results.Count);
        var replies = new Samples(results.Count);
        var byCommand = new Dictionary<string, (Samples Ack, Samples Reply)>(StringComparer.Ordinal);
        int non200 = 0, failed = 0, missing = 0, notAnswers = 0;
        foreach (var r in results)
        {
            if (r.Status is null)
            {
                failed++;
                continue;
            }

            if (r.Status != 200)
            {
                non200++;
                continue;
            }

            var command = r.Command.StartsWith("use shop", StringComparison.Ordinal) ? "use shop <code>" : r.Command;
            if (!byCommand.TryGetValue(command, out var samples))
            {
                byCommand[command] = samples = (new Samples(), new Samples());
            }

            ack.Add(r.Acknowledged - r.Start);
            samples.Ack.Add(r.Acknowledged - r.Start);
            if (r.Replied is not { } replied)
            {
                missing++;
                continue;
            }

            replies.Add(replied - r.Start);
            samples.Reply.Add(replied - r.Start);
            notAnswers += r.IsAnswer ? 0 : 1;
        }

        var errors = non200 + failed + missing + notAnswers;
        var answered = results.Count(r => r.Replied is not null);
        var throughput = answered / run.Wall.TotalSeconds;
        var cores = Environment.ProcessorCount;
        var scopes = string.Join(", ", connector.Scopes.OrderByDescending(x => x.Value).Take(4).Select(x => $"'{x.Key}' × {x.Value}"));
        Console.WriteLine("  connector routes: " + string.Join(", ", connector.Routes.Select(r => $"{r.Key} × {r.Value}")));
        Console.WriteLine("  reply scopes (top 4): " + scopes);
        var what = run.Mode switch
        {
            "paced" => string.Create(CultureInfo.InvariantCulture, $"{run.Conversations} conversations, each sending {run.Rate:F1} message/s without waiting for the reply (open loop), each after `use shop <code>`"),
            "mixed" => string.Create(CultureInfo.InvariantCulture, $"{run.Conversations} conversations after `use shop <code>`: {run.Options.Int("chatty", 5)} chatty ones send their next command as soon as the reply arrives (they run into the per-conversation reply pacing), the others steadily send {run.Rate:F1} message/s"),
            "fresh" => string.Create(CultureInfo.InvariantCulture, $"{run.Conversations} concurrent workers, each sending its next message when the reply to the previous one has arrived; every message a new conversation naming its shop in the text (`kpi last week shop-017`), so no per-conversation reply pacing applies"),
            _ => string.Create(CultureInfo.InvariantCulture, $"{run.Conversations} conversations, each sending its next command when the reply to the previous one has arrived (a user waiting for the answer), each after `use shop <code>`"),
        };
        var markdown = new StringBuilder()
            .AppendLine(CultureInfo.InvariantCulture, $"HTTP load, mode **{run.Mode}**: {what}; {run.Duration.TotalSeconds:F0} s measured after a warm-up on other conversations; mixed commands ({CommandBench.Commands.Length} phrasings in turn). Host: `dotnet {Path.GetFileName(run.HostDll)}` on {run.Url} (Release build, local loopback mode, Storage__Path = the large set, Demo__Seed=false, Schedule__Enabled=false). Load generator, fake connector and host share the machine's {cores} cores. Load average before {run.LoadBefore}, after {MachineLoad.Averages()}.")
            .AppendLine()
            .Append(Report.Table(
                ["measure", "result", "target", "verdict"],
                [
                    ["messages sent (POST /api/messages)", Report.N(results.Count), "—", "—"],
                    ["errors: non-200 / request failed / no reply within 60 s / reply not an answer", string.Create(CultureInfo.InvariantCulture, $"{errors} ({non200} / {failed} / {missing} / {notAnswers})"), "0", Report.Verdict(errors == 0)],
                    ["throughput (replies received per second)", string.Create(CultureInfo.InvariantCulture, $"{throughput:N1} /s"), "report", "—"],
                    ["reply latency (send → reply at the fake connector) p50 / p90 / p99 / max", $"{Report.F(replies.P50, 1)} / {Report.F(replies.P90, 1)} / {Report.F(replies.P99, 1)} / {Report.F(replies.Max, 1)} ms", "report", "—"],
                    .. GroupRows(results),
                    ["HTTP acknowledgement (200) p50 / p99", $"{Report.F(ack.P50, 1)} / {Report.F(ack.P99, 1)} ms", "report", "—"],
                    ["host CPU during the run", string.Create(CultureInfo.InvariantCulture, $"{run.HostCpu.TotalSeconds:F1} s = {run.HostCpu.TotalSeconds / run.Wall.TotalSeconds / cores * 100:F0} % of {cores} cores (load generator + fake connector: {run.SelfCpu.TotalSeconds / run.Wall.TotalSeconds / cores * 100:F0} %)"), "report", "—"],
                    ["host peak working set", string.Create(CultureInfo.InvariantCulture, $"{run.HostPeak / 1048576.0:N0} MiB"), "report", "—"],
                    ["answers were about (scope line, top 4)", scopes.Replace("|", "\\|", StringComparison.Ordinal), "one shop each", "—"],
                ]))
            .AppendLine()
            .AppendLine("Reply latency by command:")
            .AppendLine()
            .Append(Report.Table(
                ["command", "replies", "p50 ms", "p90 ms", "p99 ms", "max ms"],
                byCommand.OrderBy(c => Array.IndexOf(CommandBench.Commands, c.Key)).Select(c => (IReadOnlyList<string>)[$"`{c.Key}`", Report.N(c.Value.Reply.Count), Report.F(c.Value.Reply.P50, 1), Report.F(c.Value.Reply.P90, 1), Report.F(c.Value.Reply.P99, 1), Report.F(c.Value.Reply.Max, 1)])))
            .ToString();
        Report.Publish(run.Options, "http-" + run.Mode, markdown);
    }

    /// <summary>Mode mixed: reply latency of the chatty and of the steady conversations separately.</summary>
    private static IEnumerable<IReadOnlyList<string>> GroupRows(IReadOnlyList<RequestResult> results)
    {
        foreach (var group in results.Where(r => r.Group.Length > 0).GroupBy(r => r.Group).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var samples = new Samples();
            foreach (var r in group)
            {
                if (r.Replied is { } replied)
                {
                    samples.Add(replied - r.Start);
                }
            }

            yield return [$"reply latency, {group.Key} conversations ({Report.N(group.Count())} messages) p50 / p90 / p99 / max", $"{Report.F(samples.P50, 1)} / {Report.F(samples.P90, 1)} / {Report.F(samples.P99, 1)} / {Report.F(samples.Max, 1)} ms", "report", "—"];
        }
    }

    private sealed record RunInfo(
        BenchOptions Options,
        string Mode,
        int Conversations,
        double Rate,
        TimeSpan Duration,
        TimeSpan Wall,
        TimeSpan HostCpu,
        TimeSpan SelfCpu,
        long HostPeak,
        string HostDll,
        string Url,
        string LoadBefore);

    private static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Bot.sln")))
            {
                return dir.FullName;
            }
        }

        return Directory.GetCurrentDirectory();
    }

    private static HostProcess StartHost(string hostDll, string url, BenchOptions options)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(hostDll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(hostDll);
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add(url);
        start.Environment["Storage__Path"] = options.DatabasePath;
        start.Environment["Demo__Seed"] = "false";
        start.Environment["Schedule__Enabled"] = "false";
        start.Environment["MicrosoftAppId"] = string.Empty;
        start.Environment["MicrosoftAppPassword"] = string.Empty;
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        Directory.CreateDirectory(options.ResultsDirectory);
        return new HostProcess(Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start"), Path.Combine(options.ResultsDirectory, "host.log"));
    }

    private static async Task WaitHealthyAsync(HttpClient client, Process host)
    {
        var started = Stopwatch.StartNew();
        while (started.Elapsed < TimeSpan.FromSeconds(90))
        {
            if (host.HasExited)
            {
                throw new InvalidOperationException($"The host exited with code {host.ExitCode} during startup; see host.log.");
            }

            try
            {
                using var response = await client.GetAsync(new Uri("/healthz", UriKind.Relative));
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }

            await Task.Delay(200);
        }

        throw new TimeoutException("The host did not become healthy in 90 s.");
    }

    /// <summary>The host child process: output copied to a log file, killed (this process only, by its id) when done.</summary>
    private sealed class HostProcess : IDisposable
    {
        private readonly StreamWriter _log;

        public HostProcess(Process process, string logPath)
        {
            Process = process;
            _log = new StreamWriter(logPath, append: false) { AutoFlush = true };
            process.OutputDataReceived += (_, e) => Write(e.Data);
            process.ErrorDataReceived += (_, e) => Write(e.Data);
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
        }

        public Process Process { get; }

        public void Stop()
        {
            if (!Process.HasExited)
            {
                Process.Kill();
                Process.WaitForExit(10_000);
            }
        }

        public void Dispose()
        {
            Stop();
            Process.Dispose();
            lock (_log)
            {
                _log.Dispose();
            }
        }

        private void Write(string? line)
        {
            if (line is null)
            {
                return;
            }

            lock (_log)
            {
                _log.WriteLine(line);
            }
        }
    }

    internal sealed record RequestResult(string Command, string ActivityId, long Start, long Acknowledged, int? Status, long? Replied, bool IsAnswer)
    {
        /// <summary>In mode mixed: "chatty" (closed loop) or "steady" (paced) conversation.</summary>
        public string Group { get; init; } = string.Empty;
    }

    /// <summary>The load: conversations (or workers) sending Teams-shaped message activities.</summary>
    private sealed class LoadRun(HttpClient client, FakeConnector connector, LargeSetInfo set, string mode, double rate, int chatty)
    {
        private int _sequence;

        public async Task<IReadOnlyList<RequestResult>> RunAsync(string run, int conversations, TimeSpan duration)
        {
            var results = new ConcurrentBag<RequestResult>();
            var deadline = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
            var workers = Enumerable.Range(0, conversations).Select(i => Task.Run(() => WorkerAsync(run, i, conversations, deadline, results))).ToArray();
            await Task.WhenAll(workers);
            return [.. results];
        }

        private async Task WorkerAsync(string run, int index, int conversations, long deadline, ConcurrentBag<RequestResult> results)
        {
            // mixed: the first `chatty` conversations send as fast as they are answered (they hit the reply pacing),
            // the others send one message a second: do the steady ones wait behind the chatty ones?
            var effective = mode == "mixed" ? (index < chatty ? "closed" : "paced") : mode;
            var group = mode == "mixed" ? (index < chatty ? "chatty" : "steady") : string.Empty;
            var shop = set.ShopCodes[(index * 7) % set.ShopCodes.Count];
            var conversation = string.Create(CultureInfo.InvariantCulture, $"a:bench-{run}-{index:000}");
            if (effective != "fresh")
            {
                results.Add(await SendAsync(conversation, "use shop " + shop, null, waitForReply: true) with { Group = group });
            }

            var pending = new List<Task<RequestResult>>();
            var interval = (long)(Stopwatch.Frequency / rate);
            var next = Stopwatch.GetTimestamp() + (interval * index / Math.Max(1, conversations));
            for (var n = index; Stopwatch.GetTimestamp() < deadline; n++)
            {
                var command = CommandBench.Commands[n % CommandBench.Commands.Length];
                if (effective == "paced")
                {
                    var wait = next - Stopwatch.GetTimestamp();
                    if (wait > 0)
                    {
                        await Task.Delay(TimeSpan.FromSeconds((double)wait / Stopwatch.Frequency));
                    }

                    next += interval;
                    if (Stopwatch.GetTimestamp() >= deadline)
                    {
                        break;
                    }

                    pending.Add(SendAsync(conversation, command, null, waitForReply: true));
                    continue;
                }

                var result = effective == "fresh"
                    ? await SendAsync(string.Create(CultureInfo.InvariantCulture, $"a:bench-{run}-{index:000}-{n}"), command + " " + shop, command, waitForReply: true)
                    : await SendAsync(conversation, command, null, waitForReply: true);
                results.Add(result with { Group = group });
            }

            foreach (var result in await Task.WhenAll(pending))
            {
                results.Add(result with { Group = group });
            }
        }

        /// <summary>Posts the activity; then (when asked) waits up to 60 s for its reply at the fake connector.</summary>
        private async Task<RequestResult> SendAsync(string conversation, string text, string? label, bool waitForReply)
        {
            var id = string.Create(CultureInfo.InvariantCulture, $"bench{Interlocked.Increment(ref _sequence)}");
            var reply = connector.Expect(id);
            using var content = new ByteArrayContent(Activity(conversation, id, text));
            content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
            var start = Stopwatch.GetTimestamp();
            int status;
            long acknowledged;
            try
            {
                using var response = await client.PostAsync(new Uri("/api/messages", UriKind.Relative), content);
                await response.Content.ReadAsByteArrayAsync();
                acknowledged = Stopwatch.GetTimestamp();
                status = (int)response.StatusCode;
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                Console.Error.WriteLine($"  request failed: {ex.Message}");
                return new RequestResult(label ?? text, id, start, Stopwatch.GetTimestamp(), null, null, false);
            }

            if (!waitForReply || status != 200)
            {
                return new RequestResult(label ?? text, id, start, acknowledged, status, null, false);
            }

            try
            {
                var (arrived, isAnswer) = await reply.WaitAsync(ReplyTimeout);
                return new RequestResult(label ?? text, id, start, acknowledged, status, arrived, isAnswer);
            }
            catch (TimeoutException)
            {
                return new RequestResult(label ?? text, id, start, acknowledged, status, null, false);
            }
        }

        /// <summary>A Teams personal-chat message activity (the shape of tests/Bot.Host.Tests/Fixtures/message-personal.json).</summary>
        private byte[] Activity(string conversation, string id, string text)
        {
            using var buffer = new MemoryStream();
            using (var json = new Utf8JsonWriter(buffer))
            {
                json.WriteStartObject();
                json.WriteString("type", "message");
                json.WriteString("id", id);
                json.WriteString("timestamp", TimeProvider.System.GetUtcNow());
                json.WriteString("channelId", "msteams");
                json.WriteString("serviceUrl", connector.ServiceUrl);
                json.WriteStartObject("from");
                json.WriteString("id", "29:bench-user-" + conversation);
                json.WriteString("name", "Bench User");
                json.WriteString("aadObjectId", "00000000-0000-0000-0000-00000000be9c");
                json.WriteEndObject();
                json.WriteStartObject("conversation");
                json.WriteString("conversationType", "personal");
                json.WriteString("tenantId", Tenant);
                json.WriteString("id", conversation);
                json.WriteEndObject();
                json.WriteStartObject("recipient");
                json.WriteString("id", BotId);
                json.WriteString("name", "OpsBot");
                json.WriteEndObject();
                json.WriteString("text", text);
                json.WriteString("textFormat", "plain");
                json.WriteString("locale", "en-US");
                json.WriteStartObject("channelData");
                json.WriteStartObject("tenant");
                json.WriteString("id", Tenant);
                json.WriteEndObject();
                json.WriteEndObject();
                json.WriteEndObject();
            }

            return buffer.ToArray();
        }
    }
}

/// <summary>A Bot Connector stand-in on 127.0.0.1: answers 201 {"id":…} and notes when each reply arrived and whether it is a card answer.</summary>
internal sealed class FakeConnector : IAsyncDisposable
{
    private readonly WebApplication _app;
    private int _next;

    private FakeConnector(WebApplication app) => _app = app;

    /// <summary>Replies by the activity id they answer (the last path segment of POST …/activities/{id}).</summary>
    private ConcurrentDictionary<string, TaskCompletionSource<(long Timestamp, bool IsAnswer)>> Replies { get; } = new(StringComparer.Ordinal);

    public string ServiceUrl { get; private set; } = string.Empty;

    /// <summary>Requests by route shape, for the report (replies are POST …/activities/{id}).</summary>
    public ConcurrentDictionary<string, int> Routes { get; } = new(StringComparer.Ordinal);

    /// <summary>The scope line (second TextBlock) of replies, counted: shows which shop the answers were about.</summary>
    public ConcurrentDictionary<string, int> Scopes { get; } = new(StringComparer.Ordinal);

    /// <summary>The reply to activity <paramref name="activityId"/>: when it arrived (Stopwatch timestamp) and whether it is a card answer.</summary>
    public Task<(long Timestamp, bool IsAnswer)> Expect(string activityId) => Completion(activityId).Task;

    public static async Task<FakeConnector> StartAsync()
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var connector = new FakeConnector(builder.Build());
        connector._app.Run(connector.HandleAsync);
        await connector._app.StartAsync();
        connector.ServiceUrl = connector._app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First().TrimEnd('/') + "/";
        return connector;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext context)
    {
        using var body = new MemoryStream();
        await context.Request.Body.CopyToAsync(body, context.RequestAborted);
        var arrived = Stopwatch.GetTimestamp();
        var segments = context.Request.Path.Value?.Split('/', StringSplitOptions.RemoveEmptyEntries) ?? [];
        Routes.AddOrUpdate($"{context.Request.Method} {segments.Length} segments", 1, (_, n) => n + 1);
        if (segments is ["v3", "conversations", _, "activities", var replyTo])
        {
            Completion(Uri.UnescapeDataString(replyTo)).TrySetResult((arrived, IsCardAnswer(body.GetBuffer().AsMemory(0, (int)body.Length), Scopes)));
        }

        context.Response.StatusCode = StatusCodes.Status201Created;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(string.Create(CultureInfo.InvariantCulture, $"{{\"id\":\"reply-{Interlocked.Increment(ref _next)}\"}}"), Encoding.UTF8, context.RequestAborted);
    }

    private TaskCompletionSource<(long Timestamp, bool IsAnswer)> Completion(string activityId) =>
        Replies.GetOrAdd(activityId, _ => new TaskCompletionSource<(long, bool)>(TaskCreationOptions.RunContinuationsAsynchronously));

    /// <summary>An Adaptive Card whose title is not in the problem colour (apologies and usage hints have an Attention title).</summary>
    private static bool IsCardAnswer(ReadOnlyMemory<byte> json, ConcurrentDictionary<string, int> scopes)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            var card = document.RootElement.GetProperty("attachments")[0].GetProperty("content");
            var body = card.GetProperty("body");
            var scope = body.GetArrayLength() > 1 && body[1].TryGetProperty("text", out var text) ? text.GetString() ?? string.Empty : string.Empty;
            scopes.AddOrUpdate(scope.Split(" · ")[0], 1, (_, n) => n + 1);
            return card.GetProperty("type").GetString() == "AdaptiveCard"
                && card.GetProperty("body")[0].GetProperty("color").GetString() != "Attention";
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException or IndexOutOfRangeException)
        {
            return false;
        }
    }
}
