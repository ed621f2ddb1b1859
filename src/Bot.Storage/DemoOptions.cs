namespace Bot.Storage;

/// <summary>Demo data (<c>Demo:Seed</c>): load generated data into an empty database at startup. Off unless configured; turn it off in production.</summary>
public sealed class DemoOptions
{
    public const string Section = "Demo";

    public bool Seed { get; set; }
}
