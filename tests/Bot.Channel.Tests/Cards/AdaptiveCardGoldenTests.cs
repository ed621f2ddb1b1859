using Bot.Channel.Cards;
using Bot.Core.Replies;

namespace Bot.Channel.Tests.Cards;

/// <summary>
/// Every block, tone, note, caption, button and input in one reply, rendered and compared byte for byte with the card the
/// renderer made before it stopped removing nulls in a second pass (Fixtures/card-every-element.json): same properties,
/// same order, none null.
/// </summary>
public sealed class AdaptiveCardGoldenTests
{
    [Fact]
    public void Render_EveryElement_SameJsonAsTheFixture()
    {
        var expected = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "card-every-element.json")).Trim();

        var json = AdaptiveCardRenderer.Render(EveryElement()).ToJsonString();

        Assert.Equal(expected, json);
        Assert.DoesNotContain(":null", json, StringComparison.Ordinal);
    }

    public static Reply EveryElement() => new Reply("Every element 全部", [
        new TextBlock("Plain"),
        new TextBlock("Heading", Tone.Good, Heading: true),
        new TextBlock("Bad", Tone.Bad),
        new TextBlock("Warning", Tone.Warning),
        new TextBlock("Subtle", Tone.Subtle),
        new FactBlock([new Fact("Shop", "Tmall"), new Fact("Period", "last week")]),
        new MetricBlock([
            new MetricLine("GMV 成交金额", "¥1.23M", [new Change("环比", "▲ 4.1%", Tone.Good), new Change("同比", "▼ 2.0%", Tone.Bad), new Change("vs avg", "—", Tone.Neutral)]),
            new MetricLine("Conversion", "2.34%", [new Change("环比", "▲ 0.10pp", Tone.Warning), new Change("同比", "±0", Tone.Subtle)]) { Note = "paid buyers ÷ visitors" },
        ]),
        new TableBlock(["Channel", "GMV", "ROAS"], [
            [new Cell("1. Live"), new Cell("¥12.3K", Tone.Good), new Cell("0.85", Tone.Bad)],
            [new Cell("2. Search"), new Cell("organic", Tone.Subtle), new Cell("—")],
            [new Cell("3. Other", Tone.Warning), new Cell("-3"), new Cell("text")],
        ]),
        new TableBlock(["A", "B"], [[new Cell("x"), new Cell("+1")]]) { Caption = "By channel" },
        new ChartBlock("GMV, last 14 days", [new ChartPoint("11-20", 1), new ChartPoint("11-21", 2)], "▁█"),
    ])
    {
        Kind = ReplyKind.Question,
        Subtitle = "Tmall · last week",
        Buttons =
        [
            new ReplyButton("Approve", "approve-plan", new Dictionary<string, string> { ["planId"] = "42" }),
            new ReplyButton("Reject", "reject-plan", new Dictionary<string, string> { ["planId"] = "42" }) { Input = new ReplyInput("reason", "Reason", Required: true) },
            new ReplyButton("Comment", "comment-plan", new Dictionary<string, string>()) { Input = new ReplyInput("comment", "Comment", Required: false) },
        ],
    };
}
