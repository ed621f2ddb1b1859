namespace Bot.Core.Replies;

/// <summary>What the bot says back: a channel-neutral document that Channel renders as an Adaptive Card and as text.</summary>
/// <remarks>Handlers build replies; they never format JSON or send anything, so every answer is testable as a value.</remarks>
public sealed record Reply(string Title, IReadOnlyList<ReplyBlock> Blocks)
{
    public string? Subtitle { get; init; }

    public IReadOnlyList<ReplyButton> Buttons { get; init; } = [];

    /// <summary>How the message reads in a notification or a text-only client; defaults to the title.</summary>
    public string? Summary { get; init; }

    /// <summary>True for apologies and usage hints, so tests and the e2e suite can tell them from answers.</summary>
    public ReplyKind Kind { get; init; } = ReplyKind.Answer;

    public static Reply Text(string title, params string[] paragraphs) =>
        new(title, [.. paragraphs.Select(p => new TextBlock(p))]);

    public static Reply Problem(string title, params string[] paragraphs) =>
        Text(title, paragraphs) with { Kind = ReplyKind.Problem };
}

public enum ReplyKind
{
    Answer,
    Problem,
    Question,
}

/// <summary>Colour of a number or a change: good news, bad news, or neither.</summary>
public enum Tone
{
    Neutral,
    Good,
    Bad,
    Warning,
    Subtle,
}

public abstract record ReplyBlock;

public sealed record TextBlock(string Text, Tone Tone = Tone.Neutral, bool Heading = false) : ReplyBlock;

public sealed record Fact(string Label, string Value);

public sealed record FactBlock(IReadOnlyList<Fact> Facts) : ReplyBlock;

/// <summary>A change of a number against a comparison period, already formatted ("▲ 12.3%").</summary>
public sealed record Change(string Label, string Text, Tone Tone);

/// <summary>One headline number with its comparisons, e.g. GMV ¥1.23M, 环比 ▲ 4.1%, 同比 ▼ 2.0%.</summary>
public sealed record MetricLine(string Label, string Value, IReadOnlyList<Change> Changes)
{
    public string? Note { get; init; }
}

public sealed record MetricBlock(IReadOnlyList<MetricLine> Lines) : ReplyBlock;

public sealed record Cell(string Text, Tone Tone = Tone.Neutral)
{
    /// <summary>Numbers, money and changes are right-aligned; words are not.</summary>
    /// <summary>A number, money, change or date (right-aligned in tables): starts like one and has at most a unit's letters
    /// ("12.3pp", "¥1.95M", "13 d"), so "1 ok, 1 no data" or "2026-11-21: 8.20% (alert when > 8.00%)" read as text.</summary>
    public bool LooksNumeric => Text.Length > 0 && (char.IsDigit(Text[0]) || Text[0] is '¥' or '▲' or '▼' or '−' or '-' or '+' or '—' or '±')
        && Text.Count(char.IsAsciiLetter) <= 3;
}

/// <summary>A table; the first column is a label, the rest are usually numbers (right-aligned).</summary>
public sealed record TableBlock(IReadOnlyList<string> Headers, IReadOnlyList<IReadOnlyList<Cell>> Rows) : ReplyBlock
{
    public string? Caption { get; init; }

    /// <summary>Relative column widths, one per header; by default the first (label) column gets twice the others.</summary>
    public IReadOnlyList<int>? Widths { get; init; }
}

/// <summary>A small series chart; <see cref="Sparkline"/> is the text fallback every client can show.</summary>
public sealed record ChartBlock(string Title, IReadOnlyList<ChartPoint> Points, string Sparkline) : ReplyBlock;

public sealed record ChartPoint(string X, double Y);

/// <summary>A card button. <see cref="Verb"/> routes the click back to a card-action handler.</summary>
public sealed record ReplyButton(string Title, string Verb, IReadOnlyDictionary<string, string> Data)
{
    /// <summary>An input the user fills before clicking (e.g. a rejection reason); its id is the data key.</summary>
    public ReplyInput? Input { get; init; }
}

public sealed record ReplyInput(string Id, string Label, bool Required);
