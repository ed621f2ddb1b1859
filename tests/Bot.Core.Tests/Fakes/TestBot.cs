using Bot.Core.Commands;
using Bot.Core.Conversations;
using Bot.Core.Messaging;
using Bot.Core.Metrics;
using Bot.Core.Replies;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Bot.Core.Tests.Fakes;

/// <summary>The real Core (router + every command) over an in-memory store, at a fixed time in Asia/Shanghai.</summary>
public sealed class TestBot : IDisposable
{
    private readonly ServiceProvider _services;

    /// <param name="wrap">Puts a decorator around the store the bot uses (e.g. <see cref="CountingMetricStore"/>).</param>
    public TestBot(InMemoryMetricStore store, DateTimeOffset? now = null, Func<IMetricStore, IMetricStore>? wrap = null)
    {
        Store = store;
        Clock = new TestClock(now ?? new DateTimeOffset(2026, 6, 19, 2, 0, 0, TimeSpan.Zero));
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(Clock);
        services.AddSingleton(new TeamOptionsZone(TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai")));
        services.AddSingleton<IMetricStore>(wrap is null ? store : wrap(store));
        services.AddSingleton<IConversationSettingsStore>(Settings);
        services.AddSingleton<ILoggerFactory>(new RecordingLoggerFactory(Logger));
        services.AddSingleton(typeof(ILogger<>), typeof(Logger<>));
        services.AddCore();
        _services = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
        Router = _services.GetRequiredService<CommandRouter>();
    }

    public InMemoryMetricStore Store { get; }

    public TestClock Clock { get; }

    public InMemorySettingsStore Settings { get; } = new();

    /// <summary>The last error logged, so a test can say which exception an apology hid.</summary>
    public RecordingLogger Logger { get; } = new();

    public CommandRouter Router { get; }

    public IServiceProvider Services => _services;

    public Task<Reply> AskAsync(string text, string conversation = "c1", string? locale = "en-US") =>
        Router.HandleAsync(new IncomingMessage(new ConversationKey("test", conversation, "personal"), new Caller("u1", "Ana", "aad-1"), text, Locale: locale), CancellationToken.None);

    public void Dispose() => _services.Dispose();
}

public static class ReplyExtensions
{
    public static string AllText(this Reply reply) => ReplyText.Render(reply);

    public static MetricLine Metric(this Reply reply, string labelStart) =>
        reply.Blocks.OfType<MetricBlock>().SelectMany(b => b.Lines).First(l => l.Label.StartsWith(labelStart, StringComparison.Ordinal));

    public static TableBlock Table(this Reply reply, int index = 0) => reply.Blocks.OfType<TableBlock>().ElementAt(index);

    public static string Change(this MetricLine line, string label) => line.Changes.First(c => c.Label == label).Text;
}

public sealed class RecordingLogger : ILogger
{
    public string? LastError { get; private set; }

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (logLevel >= LogLevel.Error)
        {
            LastError = formatter(state, exception) + " " + exception;
        }
    }
}

public sealed class RecordingLoggerFactory(RecordingLogger logger) : ILoggerFactory
{
    public void AddProvider(ILoggerProvider provider)
    {
    }

    public ILogger CreateLogger(string categoryName) => logger;

    public void Dispose()
    {
    }
}
