using System.Text.Json;
using Bot.Channel.Cards;
using Bot.Core.Replies;

namespace Bot.Channel.Protocol;

/// <summary>Builds the activities the bot sends: a reply card, a proactive message, an in-place update.</summary>
public static class OutboundActivity
{
    public static Activity ReplyTo(Activity inbound, Reply reply)
    {
        ArgumentNullException.ThrowIfNull(inbound);
        var activity = FromReply(reply);
        activity.From = inbound.Recipient;
        activity.Recipient = inbound.From;
        activity.Conversation = new ConversationAccount { Id = inbound.Conversation?.Id };
        activity.ReplyToId = inbound.Id;
        activity.ChannelId = inbound.ChannelId;
        return activity;
    }

    /// <summary>A message activity carrying the reply as an Adaptive Card with a text fallback.</summary>
    public static Activity FromReply(Reply reply)
    {
        ArgumentNullException.ThrowIfNull(reply);
        var card = AdaptiveCardRenderer.Render(reply);
        return new Activity
        {
            Type = ActivityTypes.Message,
            Summary = reply.Summary ?? reply.Title,
            Attachments =
            [
                new Attachment
                {
                    ContentType = ActivityTypes.AdaptiveCardContentType,
                    Content = JsonSerializer.SerializeToElement(card, ProtocolJson.Options),
                },
            ],
        };
    }

    /// <summary>The body of an <c>adaptiveCard/action</c> invoke response that replaces the clicked card (§6.3).</summary>
    public static object CardInvokeBody(Reply reply) => new Dictionary<string, object>
    {
        ["statusCode"] = 200,
        ["type"] = ActivityTypes.AdaptiveCardContentType,
        ["value"] = AdaptiveCardRenderer.Render(reply),
    };
}
