using System.Diagnostics;
using System.Globalization;
using Bot.Core.Conversations;
using Bot.Core.Messaging;
using Bot.Core.Metrics;
using Bot.Core.Push;
using Bot.Core.Time;
using Bot.Host.Push;
using Bot.Storage.Demo;
using Bot.Storage.Import;
using Bot.Storage.Registry;
using Bot.Storage.Sqlite;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace Bot.Bench.Push;

// Daily-brief firing on the large set (issue 5 item 8): N brief subscriptions spread over the shops, all due at the same
// slot, fired through PushDispatcher.FireAsync — the method DailyBriefJob calls per trigger — with a fixed clock.
// Usage (Release):
//   dotnet run -c Release --project bench/Bot.Bench.Push -- [--db /tmp/opsbot-bench-push/large.db]
//       [--source /tmp/opsbot-bench/large.db] [--subscriptions 1000] [--parallel 1] [--runs 2]
// The database is a VACUUM INTO copy of --source when that exists (the large set of the store bench), else generated
// (demo generator, large profile: 200 shops × 12 channels × 5 years, through the real CsvImporter).

/// <summary>Entry point (a class, not top-level statements: Bot.Host already has a <c>Program</c>).</summary>
internal static class PushBenchMain
{
    public static async Task<int> Main(string[] args)
    {
        var culture = CultureInfo.InvariantCulture;
        var options = BenchOptions.Parse(args);
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(options.Db))!);
        if (!File.Exists(options.Db))
        {
            var started = Stopwatch.StartNew();
            if (File.Exists(options.Source))
            {
                await using var source = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = options.Source, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
                await source.OpenAsync();
                await using var copy = source.CreateCommand();
                copy.CommandText = "VACUUM INTO $target";
                copy.Parameters.AddWithValue("$target", Path.GetFullPath(options.Db));
                await copy.ExecuteNonQueryAsync();
                Console.WriteLine(string.Create(culture, $"Copied the large set from {options.Source} in {started.Elapsed.TotalSeconds:0.0} s: {options.Db}"));
            }
            else
            {
                TeamClock.TryFindZone("Asia/Shanghai", out var shanghai);
                var generationClock = new TeamClock(TimeProvider.System, shanghai);
                var database = new SqliteDatabase(options.Db);
                new SchemaMigrator(database, TimeProvider.System).Migrate();
                var demo = DemoDataOptions.Large(generationClock.Today(), 200, 12, 5);
                await new DemoSeeder(database, new CsvImporter(database), new RegistryStore(database)).SeedAsync(demo, CancellationToken.None);
                Console.WriteLine(string.Create(culture, $"Generated the large set (200 shops × 12 channels × 5 years) in {started.Elapsed.TotalSeconds:0} s: {options.Db}"));
            }
        }

        SqliteConnection.ClearAllPools();
        var clock = new FixedClock(DateTimeOffset.UnixEpoch);
        await using var host = new PushBenchHost(options.Db, clock);
        var services = host.Services;
        var metrics = services.GetRequiredService<IMetricStore>();
        var lastDay = await metrics.GetLastDataDayAsync(null, CancellationToken.None) ?? throw new InvalidOperationException("The database has no data.");
        var shops = await metrics.ListShopsAsync(CancellationToken.None);

        // The slot: 09:00 Shanghai on the day after the last data day (the brief reports the last data day); now = slot + 1 s.
        TeamClock.TryFindZone("Asia/Shanghai", out var zone);
        var schedule = new PushSchedule(new TimeOnly(9, 0), WeekDays.Daily, zone);
        var sendDay = lastDay.AddDays(1);
        var slot = schedule.On(sendDay)!.Value;
        clock.Now = slot.AddSeconds(1);

        // Fresh subscriptions, references and settings for the bench conversations (this file is the bench's own copy).
        Sql(services, "DELETE FROM outbox; DELETE FROM subscriptions; DELETE FROM conversation_settings WHERE conversation_id LIKE '19:bench-%'; DELETE FROM conversation_refs WHERE conversation_id LIKE '19:bench-%';");
        var directory = services.GetRequiredService<IConversationDirectory>();
        var settings = services.GetRequiredService<IConversationSettingsStore>();
        var store = services.GetRequiredService<ISubscriptionStore>();
        var subscriptions = new List<Subscription>(options.Subscriptions);
        var setup = Stopwatch.StartNew();
        for (var i = 0; i < options.Subscriptions; i++)
        {
            var id = string.Create(culture, $"19:bench-{i:0000}@thread.tacv2");
            var locale = i % 4 == 3 ? "zh-CN" : "en-US";
            await directory.RecordSeenAsync(new ConversationRecord("msteams", id, "channel", "bench-tenant", "https://smba.trafficmanager.net/emea/", true, "28:bench-bot", "OpsBot", "29:bench-user", locale), CancellationToken.None);
            await settings.SaveAsync(new ConversationKey("msteams", id), new ConversationSettings(shops[i % shops.Count].Code), CancellationToken.None);
            subscriptions.Add(await store.UpsertAsync(new SubscriptionRequest("msteams", id, SubscriptionKind.Brief, schedule, "bench"), slot.AddDays(-2), CancellationToken.None));
        }

        Console.WriteLine(string.Create(culture, $"{options.Subscriptions} brief subscriptions (daily 09:00 Asia/Shanghai) over {Math.Min(shops.Count, options.Subscriptions)} shops, 1 in 4 zh-CN; set up in {setup.Elapsed.TotalSeconds:0.0} s"));
        Console.WriteLine(string.Create(culture, $"Slot {slot:yyyy-MM-dd HH:mm} +08:00 (brief for {lastDay:yyyy-MM-dd}); clock fixed at slot + 1 s; {options.Parallel} concurrent firing(s)"));
        Console.WriteLine();
        Console.WriteLine("| run | total s | per brief p50 ms | p99 ms | max ms | queued | already queued | other | outbox rows added |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
        var dispatcher = services.GetRequiredService<PushDispatcher>();
        var failed = false;
        for (var run = 1; run <= options.Runs; run++)
        {
            if (run > 1)
            {
                // Same slot again from an empty outbox, a few minutes later (past the slot cache): the process is warm (JIT, page cache, connection pool).
                Sql(services, "DELETE FROM outbox");
                clock.Now = slot.AddSeconds(1).AddMinutes(5 * (run - 1));
            }

            var first = await FireAllAsync(run == 1 ? "first firing of the slot (cold process)" : string.Create(culture, $"same slot, outbox emptied (warm, run {run})"));
            var again = await FireAllAsync("the same slot fired again");
            failed |= first.Added != options.Subscriptions || first.Queued != options.Subscriptions || again.Added != 0 || again.AlreadyQueued != options.Subscriptions;
        }

        var outboxRows = Count(services, "SELECT COUNT(*) FROM outbox");

        // Where a firing's time goes: each step FireAsync takes, timed on its own over the same conversations (warm).
        Console.WriteLine();
        Console.WriteLine("| step (warm, each timed alone) | calls | total s | per call ms |");
        Console.WriteLine("|---|---:|---:|---:|");
        var brief = services.GetRequiredService<Bot.Core.Commands.Brief.BriefCommand>();
        var outbox = services.GetRequiredService<IOutbox>();
        var distinctShops = subscriptions.Count < shops.Count ? subscriptions.Count : shops.Count;
        await StepAsync("brief.LoadAsync (one shop, the brief's 8 queries)", distinctShops, i => brief.LoadAsync(lastDay.AddDays(-7), shops[i].Code, [], "bench", CancellationToken.None));
        await StepAsync("ISubscriptionStore.GetAsync", subscriptions.Count, i => store.GetAsync(subscriptions[i].Id, CancellationToken.None));
        await StepAsync("IOutbox.ExistsAsync", subscriptions.Count, i => outbox.ExistsAsync("bench-missing-" + i.ToString(culture), CancellationToken.None));
        await StepAsync("IConversationDirectory.FindAsync", subscriptions.Count, i => directory.FindAsync("msteams", subscriptions[i].ConversationId, CancellationToken.None));
        await StepAsync("IConversationSettingsStore.GetAsync", subscriptions.Count, i => settings.GetAsync(new ConversationKey("msteams", subscriptions[i].ConversationId), CancellationToken.None));
        var refs = await services.GetRequiredService<Bot.Core.Commands.Query.QueryServices>().Reference.GetAsync(CancellationToken.None);
        var briefData = (await brief.LoadAsync(lastDay, shops[0].Code, [], "bench", CancellationToken.None))!;
        var english = Bot.Core.Formatting.NumberFormat.English;
        await StepAsync("DailyBriefComposer.Compose (loaded data to reply)", subscriptions.Count, i => Task.FromResult(Bot.Core.Commands.Brief.DailyBriefComposer.Compose(briefData, refs, english)));
        var composed = Bot.Core.Commands.Brief.DailyBriefComposer.Compose(briefData, refs, english);
        await StepAsync("render the outbox row (activity JSON + plain text)", subscriptions.Count, i => Task.FromResult(Bot.Channel.Protocol.ProtocolJson.Write(Bot.Channel.Protocol.OutboundActivity.FromReply(composed)) + Bot.Core.Replies.ReplyText.Render(composed)));
        var sample = await outbox.GetAsync(PushKinds.BriefKey(subscriptions[0].ConversationId, sendDay), CancellationToken.None);
        await StepAsync("IOutbox.EnqueueAsync (one row, its own transaction)", subscriptions.Count, i => outbox.EnqueueAsync(
            new OutboxMessage("bench-step-" + i.ToString(culture), SubscriptionKind.Brief, "msteams", subscriptions[i].ConversationId, sample!.Title, sample.Payload, sample.Text),
            clock.Now,
            CancellationToken.None));
        Sql(services, "DELETE FROM outbox WHERE idempotency_key LIKE 'bench-step-%'");
        Console.WriteLine();
        Console.WriteLine(string.Create(culture, $"Outbox rows for the slot: {outboxRows} (expected {options.Subscriptions}); distinct keys: {Count(services, "SELECT COUNT(DISTINCT idempotency_key) FROM outbox")}"));
        return failed || outboxRows != options.Subscriptions ? 1 : 0;

        async Task<(long Added, int Queued, int AlreadyQueued)> FireAllAsync(string what)
        {
            var before = Count(services, "SELECT COUNT(*) FROM outbox");
            var times = new double[subscriptions.Count];
            var outcomes = new int[Enum.GetValues<FireOutcome>().Length];
            var next = -1;
            var total = Stopwatch.StartNew();
            await Task.WhenAll(Enumerable.Range(0, options.Parallel).Select(_ => Task.Run(async () =>
            {
                int i;
                while ((i = Interlocked.Increment(ref next)) < subscriptions.Count)
                {
                    var start = Stopwatch.GetTimestamp();
                    var result = await dispatcher.FireAsync(subscriptions[i].Id, slot, null, CancellationToken.None);
                    times[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
                    Interlocked.Increment(ref outcomes[(int)result.Outcome]);
                }
            })));
            var seconds = total.Elapsed.TotalSeconds;
            var added = Count(services, "SELECT COUNT(*) FROM outbox") - before;
            Array.Sort(times);
            var queued = outcomes[(int)FireOutcome.Queued];
            var already = outcomes[(int)FireOutcome.AlreadyQueued];
            Console.WriteLine(string.Create(culture, $"| {what} | {seconds:0.00} | {Percentile(times, 0.50):0.0} | {Percentile(times, 0.99):0.0} | {times[^1]:0.0} | {queued} | {already} | {subscriptions.Count - queued - already} | {added} |"));
            return (added, queued, already);
        }

        async Task StepAsync<T>(string what, int calls, Func<int, Task<T>> step)
        {
            var watch = Stopwatch.StartNew();
            for (var i = 0; i < calls; i++)
            {
                await step(i);
            }

            var seconds = watch.Elapsed.TotalSeconds;
            Console.WriteLine(string.Create(culture, $"| {what} | {calls} | {seconds:0.00} | {seconds * 1000 / calls:0.00} |"));
        }

        static double Percentile(double[] sorted, double p) => sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];

        static long Count(IServiceProvider services, string sql)
        {
            using var connection = services.GetRequiredService<SqliteDatabase>().Open();
            using var command = connection.CreateCommand();
            command.CommandText = sql;
            return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
        }

        static void Sql(IServiceProvider services, string sql)
        {
            using var connection = services.GetRequiredService<SqliteDatabase>().Open();
            using var command = connection.CreateCommand();
            command.CommandText = sql;
            command.ExecuteNonQuery();
        }
    }
}
