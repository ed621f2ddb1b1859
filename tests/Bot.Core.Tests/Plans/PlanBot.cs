using Bot.Core.Commands;
using Bot.Core.Conversations;
using Bot.Core.Messaging;
using Bot.Core.Metrics;
using Bot.Core.Plans;
using Bot.Core.Replies;
using Bot.Core.Security;
using Bot.Core.Tests.Fakes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Bot.Core.Tests.Plans;

/// <summary>The real Core with the plan feature, two managers (Ana, Bo) and a team member (Li), at Monday 2026-06-15 10:00 in Shanghai.</summary>
public sealed class PlanBot : IDisposable
{
    public static readonly Caller Li = new("29:li", "Li Lei", "aad-li");
    public static readonly Caller Ana = new("29:ana", "Ana Ops", "aad-ana");
    public static readonly Caller Bo = new("29:bo", "Bo Manager", "aad-bo");
    public static readonly ConversationKey Team = new("msteams", "19:team@thread.tacv2", "channel");

    private readonly ServiceProvider _services;

    public PlanBot(PlanOptions? options = null, Func<IPlanStore, IPlanStore>? decorateStore = null)
    {
        Clock = new TestClock(new DateTimeOffset(2026, 6, 15, 2, 0, 0, TimeSpan.Zero));
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(Clock);
        services.AddSingleton(new TeamOptionsZone(TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai")));
        services.AddSingleton<IMetricStore>(TestData.Build());
        services.AddSingleton<IConversationSettingsStore>(new InMemorySettingsStore());
        services.AddSingleton<ILoggerFactory>(NullLoggerFactory.Instance);
        services.AddSingleton(typeof(ILogger<>), typeof(Logger<>));
        services.AddSingleton(new Roles { Managers = ["aad-ana", "29:bo"] });
        services.AddSingleton<IPlanNotifier>(Notifier);
        services.AddSingleton(options ?? new PlanOptions());
        services.AddSingleton<IPlanStore>(decorateStore is null ? Store : decorateStore(Store));
        services.AddCore();
        _services = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
        Router = _services.GetRequiredService<CommandRouter>();
    }

    public TestClock Clock { get; }

    public InMemoryPlanStore Store { get; } = new();

    public RecordingNotifier Notifier { get; } = new();

    public CommandRouter Router { get; }

    public PlanService Plans => _services.GetRequiredService<PlanService>();

    public Task<Reply> SayAsync(string text, Caller? from = null, ConversationKey? conversation = null) =>
        Router.HandleAsync(new IncomingMessage(conversation ?? Team, from ?? Li, text, Locale: "en-US"), CancellationToken.None);

    /// <summary>Clicks a button of a card as <paramref name="who"/>, with <paramref name="reason"/> typed in the card's text box.</summary>
    public Task<Reply> ClickAsync(Reply card, string button, Caller who, string? reason = null)
    {
        var b = card.Buttons.Single(x => x.Title == button);
        var data = new Dictionary<string, string>(b.Data) { ["verb"] = b.Verb };
        if (reason is not null)
        {
            data[PlanReport.NoteInput] = reason;
        }

        return Router.HandleAsync(new IncomingMessage(Team, who, string.Empty, new CardAction(b.Verb, data)), CancellationToken.None);
    }

    public async Task<Plan> CurrentPlanAsync() => (await Store.FindByWeekAsync(new DateOnly(2026, 6, 15), CancellationToken.None))!;

    public void Dispose() => _services.Dispose();
}

/// <summary>Records what would have gone to the outbox.</summary>
public sealed class RecordingNotifier : IPlanNotifier
{
    public List<(PlanConversation To, Reply Reply, string Key)> Sent { get; } = [];

    public Task SendAsync(PlanConversation conversation, Reply reply, string key, CancellationToken cancellationToken)
    {
        lock (Sent)
        {
            Sent.Add((conversation, reply, key));
        }

        return Task.CompletedTask;
    }

    public List<(PlanConversation To, Reply Reply, string Key)> Updated { get; } = [];

    public Task UpdateAsync(PlanConversation conversation, Reply reply, string key, string? clickedActivityId, CancellationToken cancellationToken)
    {
        lock (Updated)
        {
            Updated.Add((conversation, reply, key));
        }

        return Task.CompletedTask;
    }
}

public static class PlanReplyExtensions
{
    public static IReadOnlyList<string> Headings(this Reply reply) => [.. reply.Blocks.OfType<TextBlock>().Where(t => t.Heading).Select(t => t.Text)];

    public static TableBlock Items(this Reply reply) => reply.Blocks.OfType<TableBlock>().First();
}
