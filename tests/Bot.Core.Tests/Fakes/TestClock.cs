namespace Bot.Core.Tests.Fakes;

/// <summary>A settable clock (Microsoft.Extensions.TimeProvider.Testing is not on our mirror).</summary>
public sealed class TestClock(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;

    public override DateTimeOffset GetUtcNow() => Now;
}
