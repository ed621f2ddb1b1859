using Bot.Channel.Protocol;

namespace Bot.Channel.Tests.Protocol;

public sealed class MentionTextTests
{
    private const string BotId = "28:6b7a3e1c-2f4d-4c8e-9a10-0b1c2d3e4f50";

    [Fact]
    public void Clean_BotMention_IsRemoved()
    {
        var activity = Message("<at>OpsBot</at> funnel last week", Mention(BotId, "OpsBot", "<at>OpsBot</at>"));

        Assert.Equal("funnel last week", MentionText.Clean(activity));
    }

    [Fact]
    public void Clean_BotMentionAtTheEnd_IsRemoved()
    {
        var activity = Message("help <at>OpsBot</at>", Mention(BotId, "OpsBot", "<at>OpsBot</at>"));

        Assert.Equal("help", MentionText.Clean(activity));
    }

    [Fact]
    public void Clean_OtherPeople_AreUnwrappedNotRemoved()
    {
        var activity = Message(
            "<at>OpsBot</at> assign <at>Tom Li</at>is on call",
            Mention(BotId, "OpsBot", "<at>OpsBot</at>"),
            Mention("29:tom", "Tom Li", "<at>Tom Li</at>"));

        Assert.Equal("assign Tom Li is on call", MentionText.Clean(activity));
    }

    [Fact]
    public void Clean_HtmlEntities_AreDecoded()
    {
        var activity = Message("<at>OpsBot</at> query R&amp;D &lt;top 5&gt;", Mention(BotId, "OpsBot", "<at>OpsBot</at>"));

        Assert.Equal("query R&D <top 5>", MentionText.Clean(activity));
    }

    [Fact]
    public void Clean_MentionEntityWithoutText_RemovesByMentionedName()
    {
        var activity = Message("<at>OpsBot</at> kpi", Mention(BotId, "OpsBot", text: null));

        Assert.Equal("kpi", MentionText.Clean(activity));
    }

    [Fact]
    public void Clean_BotMentionInDifferentCase_IsRemoved()
    {
        var activity = Message("<at>opsbot</at> help", Mention(BotId, "OpsBot", "<at>OpsBot</at>"));

        Assert.Equal("help", MentionText.Clean(activity));
    }

    [Fact]
    public void Clean_NoEntities_UnwrapsTagsAndCollapsesWhitespace()
    {
        var activity = Message("  <at>OpsBot</at>\n  traffic   today ");

        Assert.Equal("OpsBot traffic today", MentionText.Clean(activity));
    }

    [Fact]
    public void Clean_NoText_ReturnsEmpty()
    {
        var activity = Message(null, Mention(BotId, "OpsBot", "<at>OpsBot</at>"));

        Assert.Equal(string.Empty, MentionText.Clean(activity));
    }

    [Fact]
    public void Clean_MentionOfSomeoneElseWithBotsName_IsNotTreatedAsTheBot()
    {
        var activity = Message("<at>OpsBot</at> help", Mention("29:impostor", "OpsBot", "<at>OpsBot</at>"));

        Assert.Equal("OpsBot help", MentionText.Clean(activity));
    }

    private static Activity Message(string? text, params Entity[] entities) => new()
    {
        Type = ActivityTypes.Message,
        Text = text,
        Recipient = new ChannelAccount { Id = BotId, Name = "OpsBot" },
        Entities = [.. entities],
    };

    private static Entity Mention(string id, string name, string? text) => new()
    {
        Type = "mention",
        Mentioned = new ChannelAccount { Id = id, Name = name },
        Text = text,
    };
}
