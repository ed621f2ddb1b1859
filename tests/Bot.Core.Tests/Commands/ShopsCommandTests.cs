using Bot.Core.Commands.Shops;
using Bot.Core.Metrics;
using Bot.Core.Tests.Fakes;

namespace Bot.Core.Tests.Commands;

/// <summary>shops: a readable, bounded list (a card of hundreds of rows is too big for Teams) that a word narrows.</summary>
public sealed class ShopsCommandTests
{
    [Fact]
    public async Task Many_shops_are_listed_up_to_the_limit_with_how_many_more()
    {
        var store = TestData.Build();
        store.Shops.AddRange(Enumerable.Range(1, 43).Select(i => new ShopInfo($"shop-{i}", $"Shop {i}", [])));
        using var bot = new TestBot(store);

        var reply = await bot.AskAsync("shops");

        Assert.Equal(ShopsCommand.MaxShopRows, reply.Table(0).Rows.Count);
        Assert.Contains("…and 15 more of 45", reply.AllText(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("shops 京东", new[] { "JD store" })]
    [InlineData("店铺 tmall", new[] { "Tmall flagship" })]
    [InlineData("show me all the shops", new[] { "Tmall flagship", "JD store" })]
    public async Task A_word_narrows_the_list_and_words_that_match_nothing_list_all(string text, string[] names)
    {
        using var bot = new TestBot(TestData.Build());

        var reply = await bot.AskAsync(text);

        Assert.Equal(names, reply.Table(0).Rows.Select(r => r[0].Text));
    }
}
