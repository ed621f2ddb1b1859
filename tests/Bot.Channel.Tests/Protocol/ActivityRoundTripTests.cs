using System.Text.Json;
using System.Text.Json.Nodes;
using Bot.Channel.Protocol;

namespace Bot.Channel.Tests.Protocol;

/// <summary>Recorded Teams activities survive read → write with nothing lost (A2005: unknown fields are kept).</summary>
public sealed class ActivityRoundTripTests
{
    public static TheoryData<string> Fixtures() =>
    [
        "message-mention-groupchat.json",
        "message-channel-thread.json",
        "conversation-update-members-added.json",
        "installation-update-add.json",
        "invoke-adaptive-card-action.json",
        "message-submit-value.json",
    ];

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void ReadThenWrite_TeamsActivity_IsSemanticallyIdentical(string fixture)
    {
        var original = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", fixture));

        var activity = ProtocolJson.ReadActivity(System.Text.Encoding.UTF8.GetBytes(original));
        var written = ProtocolJson.Write(activity);

        Assert.NotNull(activity);
        var expected = JsonNode.Parse(original);
        var actual = JsonNode.Parse(written);
        Assert.True(JsonNode.DeepEquals(expected, actual), $"Round trip changed {fixture}:\n{written}");
    }

    [Fact]
    public void Read_ChannelMessage_KeepsThreadSuffixAndTeamsChannelData()
    {
        var activity = Read("message-channel-thread.json");

        Assert.Equal("19:5e0a8c1f2b3d4e6f@thread.tacv2;messageid=1718672000000", activity.Conversation!.Id);
        Assert.Equal("channel", activity.Conversation.ConversationType);
        Assert.Equal("19:9a8b7c6d5e4f@thread.tacv2", activity.ChannelData!.Value.GetProperty("team").GetProperty("id").GetString());
        Assert.Equal("user", activity.From!.Extra!["userRole"].GetString());
    }

    [Fact]
    public void Read_Mention_TypesTheMentionEntityAndKeepsClientInfo()
    {
        var activity = Read("message-mention-groupchat.json");

        var mention = Assert.Single(activity.Entities!, e => e.Type == "mention");
        Assert.Equal("28:6b7a3e1c-2f4d-4c8e-9a10-0b1c2d3e4f50", mention.Mentioned!.Id);
        Assert.Equal("<at>OpsBot</at>", mention.Text);
        var clientInfo = Assert.Single(activity.Entities!, e => e.Type == "clientInfo");
        Assert.Equal("Asia/Shanghai", clientInfo.Extra!["timezone"].GetString());
    }

    [Fact]
    public void Read_Timestamps_KeepSevenDigitsAndTheLocalOffset()
    {
        var activity = Read("message-mention-groupchat.json");

        Assert.Equal(new DateTimeOffset(2026, 6, 18, 2, 14, 5, TimeSpan.Zero).AddTicks(5384093), activity.Timestamp);
        Assert.Equal(TimeSpan.FromHours(8), activity.LocalTimestamp!.Value.Offset);
        Assert.Equal(activity.Timestamp, activity.LocalTimestamp.Value.ToUniversalTime());
    }

    [Fact]
    public void Read_MembersAdded_ListsBotAndUser()
    {
        var activity = Read("conversation-update-members-added.json");

        Assert.Equal(ActivityTypes.ConversationUpdate, activity.Type);
        Assert.Equal(["28:6b7a3e1c-2f4d-4c8e-9a10-0b1c2d3e4f50", "29:1GcS4EyB_oSI8A88XmWBN7NKFMZ1Yrc2Rx-tD1S0cG2kDLF9D2xXjnQ"], activity.MembersAdded!.Select(m => m.Id));
    }

    [Fact]
    public void Read_Invoke_KeepsValueAsOpenJson()
    {
        var activity = Read("invoke-adaptive-card-action.json");

        Assert.Equal(ActivityTypes.AdaptiveCardInvokeName, activity.Name);
        Assert.Equal("approve-plan", activity.Value!.Value.GetProperty("action").GetProperty("verb").GetString());
    }

    [Fact]
    public void Read_SubmitMessage_KeepsValueAndUnknownTopLevelFields()
    {
        var activity = Read("message-submit-value.json");

        Assert.Equal(3, activity.Value!.Value.GetProperty("quantity").GetInt32());
        Assert.True(activity.Extra!.ContainsKey("futureField"));
    }

    [Fact]
    public void Read_PascalCaseFields_AreAcceptedAndWrittenBackCamelCase()
    {
        var activity = ProtocolJson.ReadActivity("""{"Type":"message","Text":"help","Conversation":{"Id":"a:1"},"ChannelId":"msteams"}"""u8);

        Assert.Equal("help", activity!.Text);
        Assert.Equal("""{"type":"message","channelId":"msteams","conversation":{"id":"a:1"},"text":"help"}""", ProtocolJson.Write(activity));
    }

    [Theory]
    [InlineData("")]
    [InlineData("{")]
    [InlineData("[1,2]")]
    [InlineData("\"message\"")]
    [InlineData("""{"type":"message","channelData":}""")]
    public void Read_InvalidJson_ReturnsNull(string body)
    {
        Assert.Null(ProtocolJson.ReadActivity(System.Text.Encoding.UTF8.GetBytes(body)));
    }

    [Fact]
    public void Write_OutboundActivity_OmitsNullsAndEmptyFields()
    {
        var activity = new Activity { Type = ActivityTypes.Message, Text = "hi", Conversation = new ConversationAccount { Id = "a:1" } };

        Assert.Equal("""{"type":"message","conversation":{"id":"a:1"},"text":"hi"}""", ProtocolJson.Write(activity));
    }

    private static Activity Read(string fixture)
    {
        var bytes = File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Fixtures", fixture));
        return ProtocolJson.ReadActivity(bytes) ?? throw new JsonException($"{fixture} did not parse");
    }
}
