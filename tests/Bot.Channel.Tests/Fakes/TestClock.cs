namespace Bot.Channel.Tests.Fakes;

/// <summary>A clock that stands still unless moved: deterministic token lifetimes.</summary>
public sealed class TestClock(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;

    public override DateTimeOffset GetUtcNow() => Now;
}
