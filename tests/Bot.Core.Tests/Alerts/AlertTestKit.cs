using System.Globalization;
using Bot.Core.Alerts;
using Bot.Core.Commands;
using Bot.Core.Commands.Query;
using Bot.Core.Conversations;
using Bot.Core.Messaging;
using Bot.Core.Metrics;
using Bot.Core.Periods;
using Bot.Core.Replies;
using Bot.Core.Security;
using Bot.Core.Tests.Fakes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Bot.Core.Tests.Alerts;

/// <summary>Hand-made daily series and rules for the alert tests.</summary>
public static class A
{
    public static DateOnly Day(string day) => DateOnly.ParseExact(day, "yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>One channel-day of counters with the given visitors, conversion, AOV and refund rate.</summary>
    public static Counters Row(long visitors = 10_000, double conversion = 0.03, decimal aov = 150m, double refundRate = 0.05)
    {
        var buyers = (long)Math.Round(visitors * conversion);
        var gmv = buyers * aov;
        return new Counters
        {
            DaysWithData = 1,
            Visitors = visitors,
            PageViews = visitors * 3,
            ProductVisitors = visitors / 2,
            CartUsers = visitors / 10,
            OrderBuyers = buyers,
            Orders = buyers,
            PaidOrders = buyers,
            PaidBuyers = buyers,
            Gmv = gmv,
            RefundAmount = Math.Round(gmv * (decimal)refundRate, 2),
            NewVisitors = visitors * 3 / 10,
            BouncedVisitors = visitors * 4 / 10,
            StaySeconds = visitors * 100,
        };
    }

    /// <summary>Adds one row per day from <paramref name="from"/> to <paramref name="to"/>.</summary>
    public static InMemoryMetricStore Fill(this InMemoryMetricStore store, string shop, string from, string to, Func<DateOnly, Counters> row, string channel = "natural_search")
    {
        for (var day = Day(from); day <= Day(to); day = day.AddDays(1))
        {
            store.Days.Add(new DayRow(day, shop, channel, row(day)));
        }

        return store;
    }

    /// <summary>A store with the two fake shops and no rows.</summary>
    public static InMemoryMetricStore Store() => new();

    public static ReferenceData.Snapshot Refs(InMemoryMetricStore store) => new(store.Shops, store.Channels, store.Campaigns, DateTimeOffset.UnixEpoch);

    public static AlertRule Rule(string text, InMemoryMetricStore store, double margin = 0.15)
    {
        var parsed = AlertRuleParser.Parse(TextNormalizer.Normalize(text), text, Refs(store), margin);
        Assert.True(parsed.Success, parsed.Error);
        var owner = new AlertPerson("Ana", "u-ana", "aad-ana");
        return AlertRule.FromDraft(parsed.Value!, text, owner, owner, DateTimeOffset.UnixEpoch, "c1") with { Id = 1 };
    }

    /// <summary>Evaluates the rule in every scope over the days and replays the state machine from a fresh state.</summary>
    public static async Task<Dictionary<string, SimulationResult>> SimulateAsync(
        AlertRule rule, InMemoryMetricStore store, string from, string to, AlertOptions? options = null)
    {
        options ??= new AlertOptions();
        var evaluator = new AlertEvaluator(new Benchmarks(), options);
        var days = new DateRange(Day(from), Day(to));
        var data = new AlertData(store, new DateRange(days.From.AddDays(-evaluator.HistoryDays(rule)), days.To));
        var results = new Dictionary<string, SimulationResult>(StringComparer.Ordinal);
        foreach (var target in await AlertEvaluator.TargetsAsync(rule, data, days.To, CancellationToken.None))
        {
            var outcomes = await evaluator.OutcomesAsync(rule, target, new DateRange(days.From.AddDays(-rule.ForDays), days.To), data, CancellationToken.None);
            results[target.Key] = AlertSimulation.Run(outcomes, days.From, rule.ForDays, options.FlapDampingEvaluations, AlertSimulation.WorseFor(rule.Condition));
        }

        return results;
    }

    public static AlertState StateOn(this SimulationResult result, string day) => result.Steps.Single(s => s.Outcome.Day == Day(day)).State;
}

/// <summary>The real Core with the alert services over in-memory stores, at a settable time in Asia/Shanghai.</summary>
public sealed class AlertBot : IDisposable
{
    public static readonly Caller Ana = new("u-ana", "Ana", "aad-ana");
    public static readonly Caller Bo = new("u-bo", "Bo", "aad-bo");
    public static readonly Caller Admin = new("u-admin", "Admin", "aad-admin");

    private readonly ServiceProvider _services;

    public AlertBot(InMemoryMetricStore metrics, DateTimeOffset now, AlertOptions? options = null, InMemoryAlertStore? alerts = null, Roles? roles = null)
    {
        Metrics = metrics;
        Store = alerts ?? new InMemoryAlertStore();
        Clock = new TestClock(now);
        Options = options ?? new AlertOptions();
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(Clock);
        services.AddSingleton(new TeamOptionsZone(TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai")));
        services.AddSingleton<IMetricStore>(metrics);
        services.AddSingleton<IConversationSettingsStore>(new InMemorySettingsStore());
        services.AddSingleton<ILoggerFactory>(new RecordingLoggerFactory(Logger));
        services.AddSingleton(typeof(ILogger<>), typeof(Logger<>));
        services.AddSingleton(roles ?? new Roles { Admins = ["aad-admin"] });
        services.AddSingleton(Options);
        services.AddSingleton<IAlertStore>(Store);
        services.AddSingleton<AlertEvaluator>();
        services.AddSingleton<AlertEngine>();
        services.AddSingleton<AlertServices>();
        services.AddCore();
        _services = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
        Router = _services.GetRequiredService<CommandRouter>();
        Engine = _services.GetRequiredService<AlertEngine>();
    }

    public InMemoryMetricStore Metrics { get; }

    public InMemoryAlertStore Store { get; }

    public TestClock Clock { get; }

    public AlertOptions Options { get; }

    public RecordingLogger Logger { get; } = new();

    public CommandRouter Router { get; }

    public AlertEngine Engine { get; }

    public Task<Reply> AskAsync(string text, Caller? from = null) =>
        Router.HandleAsync(new IncomingMessage(new ConversationKey("test", "c1", "channel"), from ?? Ana, text), CancellationToken.None);

    public Task<Reply> ClickAsync(string verb, long incident, Caller from) =>
        Router.HandleAsync(
            new IncomingMessage(new ConversationKey("test", "c1", "channel"), from, string.Empty, new CardAction(verb, new Dictionary<string, string> { ["verb"] = verb, [AlertVerbs.Incident] = incident.ToString(CultureInfo.InvariantCulture) })),
            CancellationToken.None);

    public void Dispose() => _services.Dispose();
}
