using System.Text.Json;
using Bot.Channel.Auth;
using Microsoft.IdentityModel.Tokens;

namespace Bot.Channel.Tests.Auth;

public sealed class EndorsementsTests
{
    [Fact]
    public void Read_JwkParsedByIdentityModel_ReturnsTheArray()
    {
        var key = new JsonWebKeySet("""{"keys":[{"kty":"RSA","kid":"k1","n":"sXch","e":"AQAB","endorsements":["msteams","skype","webchat"]}]}""").Keys[0];

        var endorsements = Endorsements.Read(key);

        Assert.Equal(["msteams", "skype", "webchat"], endorsements);
    }

    [Fact]
    public void Read_JwkWithoutEndorsements_ReturnsEmpty()
    {
        var key = new JsonWebKey("""{"kty":"RSA","kid":"k1","n":"sXch","e":"AQAB"}""");

        Assert.Empty(Endorsements.Read(key));
    }

    public static TheoryData<object?, string[]> Shapes() => new()
    {
        { null, [] },
        { "msteams", ["msteams"] },
        { new[] { "msteams", "skype" }, ["msteams", "skype"] },
        { new List<object> { "msteams", 42, "skype" }, ["msteams", "42", "skype"] },
        { JsonDocument.Parse("""["msteams",7,"skype"]""").RootElement.Clone(), ["msteams", "skype"] },
        { JsonDocument.Parse("\"msteams\"").RootElement.Clone(), ["msteams"] },
        { JsonDocument.Parse("{\"a\":1}").RootElement.Clone(), [] },
        { 17, [] },
    };

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Normalize_AnyRuntimeShape_ReturnsStrings(object? value, string[] expected)
    {
        Assert.Equal(expected, Endorsements.Normalize(value));
    }

    [Theory]
    [InlineData("msteams", true)]
    [InlineData("MSTEAMS", false)]
    [InlineData("webchat", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void Allows_ChannelMustBeListedExactly(string? channelId, bool allowed)
    {
        Assert.Equal(allowed, Endorsements.Allows(["msteams", "skype"], channelId));
    }
}
