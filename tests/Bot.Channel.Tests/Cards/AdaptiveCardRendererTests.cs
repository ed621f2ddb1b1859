using System.Text.Json.Nodes;
using Bot.Channel.Cards;
using Bot.Channel.Protocol;
using Bot.Core.Replies;

namespace Bot.Channel.Tests.Cards;

public sealed class AdaptiveCardRendererTests
{
    [Fact]
    public void Render_AnyReply_IsAnAdaptiveCard15WithTitleAndTextFallback()
    {
        var card = AdaptiveCardRenderer.Render(Reply.Text("Funnel last week", "Visits 12,000"));

        Assert.Equal("AdaptiveCard", (string?)card["type"]);
        Assert.Equal("1.5", (string?)card["version"]);
        Assert.Equal("Funnel last week", (string?)card["body"]![0]!["text"]);
        Assert.Contains("Visits 12,000", (string?)card["fallbackText"], StringComparison.Ordinal);
        Assert.Null(card["actions"]);
    }

    [Fact]
    public void Render_Button_IsActionExecuteWithSubmitFallbackCarryingTheVerb()
    {
        var reply = Reply.Text("Plan 42", "Approve?") with
        {
            Buttons = [new ReplyButton("Approve", "approve-plan", new Dictionary<string, string> { ["planId"] = "42" })],
        };

        var action = AdaptiveCardRenderer.Render(reply)["actions"]![0]!;

        Assert.Equal("Action.Execute", (string?)action["type"]);
        Assert.Equal("approve-plan", (string?)action["verb"]);
        Assert.Equal("approve-plan", (string?)action["data"]!["verb"]);
        Assert.Equal("42", (string?)action["data"]!["planId"]);
        var fallback = action["fallback"]!;
        Assert.Equal("Action.Submit", (string?)fallback["type"]);
        Assert.Equal("approve-plan", (string?)fallback["data"]!["verb"]);
        Assert.Equal("42", (string?)fallback["data"]!["planId"]);
    }

    [Fact]
    public void Render_Problem_ColorsTheTitleAsAttention()
    {
        var card = AdaptiveCardRenderer.Render(Reply.Problem("I didn't understand that", "Type help."));

        Assert.Equal("Attention", (string?)card["body"]![0]!["color"]);
    }

    [Fact]
    public void Render_Table_UsesTableElementWithHeaderRow()
    {
        var reply = new Reply("Channels", [new TableBlock(["Channel", "GMV"], [[new Cell("App"), new Cell("¥1.2M")]])]);

        var table = AdaptiveCardRenderer.Render(reply)["body"]!.AsArray().Single(e => (string?)e!["type"] == "Table")!;

        Assert.True((bool?)table["firstRowAsHeader"]);
        Assert.Equal(2, table["rows"]!.AsArray().Count);
    }

    [Theory]
    [InlineData(new[] { 1, 4, 2 }, new[] { 1, 4, 2 })]
    [InlineData(null, new[] { 2, 1, 1 })]
    [InlineData(new[] { 1, 4 }, new[] { 2, 1, 1 })]
    public void Render_Table_ColumnWidthsAsGiven_ElseTheLabelColumnWider(int[]? given, int[] expected)
    {
        var reply = new Reply("Alerts", [new TableBlock(["#", "Rule", "State"], [[new Cell("#1"), new Cell("Conversion below baseline"), new Cell("firing")]]) { Widths = given }]);

        var table = AdaptiveCardRenderer.Render(reply)["body"]!.AsArray().Single(e => (string?)e!["type"] == "Table")!;

        Assert.Equal(expected, table["columns"]!.AsArray().Select(c => (int)c!["width"]!));
    }

    [Fact]
    public void Render_Card_HasNoNullValuesAnywhere()
    {
        var card = AdaptiveCardRenderer.Render(Reply.Text("Title", "Body") with { Buttons = [new ReplyButton("Go", "go", new Dictionary<string, string>())] });

        Assert.DoesNotContain("null", card.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public void FromReply_WrapsTheCardAsAdaptiveAttachment()
    {
        var activity = OutboundActivity.FromReply(Reply.Text("Title", "Body"));

        var attachment = Assert.Single(activity.Attachments!);
        Assert.Equal("application/vnd.microsoft.card.adaptive", attachment.ContentType);
        Assert.Equal("1.5", JsonNode.Parse(attachment.Content!.Value.GetRawText())!["version"]!.GetValue<string>());
    }
}
