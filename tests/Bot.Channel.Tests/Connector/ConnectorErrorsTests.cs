using Bot.Channel.Connector;

namespace Bot.Channel.Tests.Connector;

public sealed class ConnectorErrorsTests
{
    [Theory]
    [InlineData("""{"error":{"code":"ConversationNotFound","message":"Conversation not found."}}""", "ConversationNotFound")]
    [InlineData("""{"error":{"code":"BadSyntax","message":"Could not parse tenant id","innerHttpError":{"statusCode":400,"body":null}}}""", "BadSyntax")]
    [InlineData("""{"errorCode":209,"message":"{\"subCode\":\"MessageWritesBlocked\"}"}""", "209")]
    [InlineData("""{"errorCode":"ConversationBlockedByUser"}""", "ConversationBlockedByUser")]
    [InlineData("""{"Error":{"Code":"Throttled"}}""", "Throttled")]
    [InlineData("""{"error":"not an object"}""", null)]
    [InlineData("""{"error":{"code":""}}""", null)]
    [InlineData("""{"message":"no code at all"}""", null)]
    [InlineData("""["array"]""", null)]
    [InlineData("<html><body>502 Bad Gateway</body></html>", null)]
    [InlineData("", null)]
    [InlineData(null, null)]
    public void ReadErrorCode_AnyBody_ReturnsCodeOrNull(string? body, string? expected)
    {
        Assert.Equal(expected, ConnectorErrors.ReadErrorCode(body));
    }
}
