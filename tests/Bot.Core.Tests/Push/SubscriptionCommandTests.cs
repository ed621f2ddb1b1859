using Bot.Core.Commands;
using Bot.Core.Commands.Subscriptions;
using Bot.Core.Conversations;
using Bot.Core.Messaging;
using Bot.Core.Metrics;
using Bot.Core.Push;
using Bot.Core.Replies;
using Bot.Core.Security;
using Bot.Core.Tests.Fakes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Bot.Core.Tests.Push;

/// <summary>The subscription commands through the real router, over in-memory ports.</summary>
public sealed class SubscriptionCommandTests : IDisposable
{
    private static readonly Caller Ana = new("u1", "Ana", "aad-ana");
    private static readonly Caller Admin = new("u9", "Root", "aad-admin");
    private readonly ServiceProvider _services;

    public SubscriptionCommandTests() => _services = Build(new FixedOutbox(new OutboxOverview([], [], [])));

    // Thursday 2026-11-19 20:00 in Shanghai.
    private TestClock Clock { get; } = new(new DateTimeOffset(2026, 11, 19, 12, 0, 0, TimeSpan.Zero));

    private InMemorySubscriptionStore Store { get; } = new();

    private RecordingScheduler Scheduler { get; } = new();

    private Roles Roles { get; } = new() { Admins = ["aad-admin"], Subscribers = ["aad-lead"] };

    [Fact]
    public async Task Subscribe_BriefInPersonalChat_StoresDefaultsInTeamZoneAndSchedulesIt()
    {
        var reply = await AskAsync("subscribe brief");

        var subscription = Assert.Single(Store.Items);
        Assert.Equal(SubscriptionKind.Brief, subscription.Kind);
        Assert.Equal(new PushSchedule(new TimeOnly(9, 0), WeekDays.Daily, TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai")), subscription.Schedule);
        Assert.Equal(subscription, Assert.Single(Scheduler.Scheduled));
        Assert.Equal(ReplyKind.Answer, reply.Kind);
        Assert.Contains("Fri 2026-11-20 09:00 (01:00 UTC)", reply.AllText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Subscribe_ChineseWithTimeAndWeekdays_Subscribes()
    {
        await AskAsync("订阅 日报 08:30 工作日");

        var schedule = Assert.Single(Store.Items).Schedule!;
        Assert.Equal(new TimeOnly(8, 30), schedule.Time);
        Assert.Equal(WeekDays.Weekdays, schedule.Days);
    }

    [Fact]
    public async Task Subscribe_TodoWithOwnZone_UsesThatZoneAndDay()
    {
        var reply = await AskAsync("subscribe todo mon 09:30 tz America/New_York");

        var schedule = Assert.Single(Store.Items).Schedule!;
        Assert.Equal("America/New_York", schedule.Zone.Id);
        Assert.Equal(WeekDays.Monday, schedule.Days);
        Assert.Contains("Mon 2026-11-23 09:30 (14:30 UTC)", reply.AllText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Subscribe_Again_ReplacesTheSubscriptionInsteadOfAddingOne()
    {
        await AskAsync("subscribe brief at 09:00");
        await AskAsync("subscribe brief at 10:15");

        Assert.Equal(new TimeOnly(10, 15), Assert.Single(Store.Items).Schedule!.Time);
    }

    [Fact]
    public async Task Subscribe_AgainWithOnlyAZone_KeepsTheTimeAndDaysAndSaysWhatChanged()
    {
        await AskAsync("订阅 日报 工作日 8点");
        var reply = await AskAsync("subscribe brief tz Europe/London");

        var schedule = Assert.Single(Store.Items).Schedule!;
        Assert.Equal(new PushSchedule(new TimeOnly(8, 0), WeekDays.Weekdays, TimeZoneInfo.FindSystemTimeZoneById("Europe/London")), schedule);
        Assert.Contains("Changed from 08:00 weekdays (Asia/Shanghai).", reply.AllText(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("subscribe brief at 25:00", "'25:00' is not a time of day")]
    [InlineData("subscribe brief tz Moon/Base", "I don't know the time zone")]
    [InlineData("subscribe brief at 09:00 blursday", "'blursday' is not a day I know")]
    [InlineData("subscribe", "What should I send here")]
    public async Task Subscribe_BadInput_ExplainsAndStoresNothing(string text, string expected)
    {
        var reply = await AskAsync(text);

        Assert.Equal(ReplyKind.Problem, reply.Kind);
        Assert.Contains(expected, reply.AllText(), StringComparison.Ordinal);
        Assert.Empty(Store.Items);
    }

    [Fact]
    public async Task Subscribe_TeamChannelByNonSubscriber_IsRefused()
    {
        var reply = await AskAsync("subscribe brief", conversationType: "channel");

        Assert.Equal(ReplyKind.Problem, reply.Kind);
        Assert.Empty(Store.Items);
    }

    [Fact]
    public async Task Subscribe_TeamChannelByConfiguredSubscriber_Subscribes()
    {
        await AskAsync("subscribe brief", conversationType: "channel", caller: new Caller("u2", "Lead", "aad-lead"));

        Assert.Single(Store.Items);
    }

    [Fact]
    public async Task Unsubscribe_Existing_RemovesAndUnschedules()
    {
        await AskAsync("subscribe todo");

        var reply = await AskAsync("取消订阅 周计划");

        Assert.Empty(Store.Items);
        Assert.Single(Scheduler.Unscheduled);
        Assert.Contains("Unsubscribed", reply.Title, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Subscriptions_ListsTimeDaysZoneAndNextSend()
    {
        await AskAsync("subscribe brief at 09:00 weekdays");
        await AskAsync("subscribe todo mon 09:30 tz Europe/London");

        var reply = await AskAsync("我的订阅");

        var table = reply.Table();
        Assert.Equal(["Subscription", "Time", "Days", "Time zone", "Next send", "Status"], table.Headers);
        Assert.Equal(["Daily brief 日报", "09:00", "weekdays", "Asia/Shanghai", "Fri 2026-11-20 09:00 (01:00 UTC)", "active"], table.Rows[0].Select(c => c.Text));
        Assert.Equal(["Weekly to-do list 周计划", "09:30", "Mon", "Europe/London", "Mon 2026-11-23 09:30 (09:30 UTC)", "active"], table.Rows[1].Select(c => c.Text));
    }

    [Fact]
    public async Task Deliveries_NonAdmin_IsRefused()
    {
        var reply = await AskAsync("deliveries");

        Assert.Equal(ReplyKind.Problem, reply.Kind);
        Assert.Contains("Admins only", reply.Title, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Deliveries_Admin_ShowsWaitingDeadAndSent()
    {
        var at = Clock.Now;
        var overview = new OutboxOverview(
            [Entry("brief:c:2026-11-20", OutboxState.Failed, 2, "connector 503", at)],
            [Entry("brief:d:2026-11-20", OutboxState.Dead, 1, "connector 403 BotNotInConversationRoster", at)],
            [Entry("brief:e:2026-11-19", OutboxState.Sent, 1, null, at) with { ActivityId = "1:abc", SentAt = at }]);
        using var services = Build(new FixedOutbox(overview));

        var reply = await AskAsync("投递", caller: Admin, services: services);

        var text = reply.AllText();
        Assert.Contains("brief:c:2026-11-20", text, StringComparison.Ordinal);
        Assert.Contains("connector 403 BotNotInConversationRoster", text, StringComparison.Ordinal);
        Assert.Contains("id 1:abc", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("subscribe brief at 09:00", typeof(SubscribeCommand))]
    [InlineData("订阅日报", typeof(SubscribeCommand))]
    [InlineData("unsubscribe brief", typeof(UnsubscribeCommand))]
    [InlineData("取消订阅 日报", typeof(UnsubscribeCommand))]
    [InlineData("subscriptions", typeof(SubscriptionsCommand))]
    [InlineData("我的订阅", typeof(SubscriptionsCommand))]
    [InlineData("deliveries", typeof(DeliveriesCommand))]
    public void Router_SubscriptionPhrases_FindTheirCommand(string text, Type expected)
    {
        var matcher = _services.GetRequiredService<CommandMatcher>();

        var match = Assert.IsType<MatchedCommand>(matcher.Match(TextNormalizer.Normalize(text)));

        Assert.IsType(expected, match.Handler);
    }

    public void Dispose() => _services.Dispose();

    private ServiceProvider Build(IOutbox outbox)
    {
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(Clock);
        services.AddSingleton(new TeamOptionsZone(TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai")));
        services.AddSingleton<IMetricStore>(new InMemoryMetricStore());
        services.AddSingleton<IConversationSettingsStore>(new InMemorySettingsStore());
        services.AddSingleton<ILoggerFactory>(new RecordingLoggerFactory(new RecordingLogger()));
        services.AddSingleton(typeof(ILogger<>), typeof(Logger<>));
        services.AddSingleton(Roles);
        services.AddSingleton(new PushServices(Store, Scheduler, outbox, new PushDefaults(new TimeOnly(9, 0), new TimeOnly(9, 30), WeekDays.Monday, true)));
        services.AddCore();
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }

    private Task<Reply> AskAsync(string text, string conversationType = "personal", Caller? caller = null, IServiceProvider? services = null) =>
        (services ?? _services).GetRequiredService<CommandRouter>().HandleAsync(
            new IncomingMessage(new ConversationKey("msteams", "conv-1", conversationType), caller ?? Ana, text),
            CancellationToken.None);

    private static OutboxEntry Entry(string key, OutboxState state, int attempts, string? error, DateTimeOffset at) =>
        new(1, key, SubscriptionKind.Brief, "msteams", "c", "Daily brief", "{}", "text", state, attempts, error, null, at, at, null);
}
