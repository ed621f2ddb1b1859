using Bot.Core.Replies;
using Bot.Core.Tests.Fakes;

namespace Bot.Core.Tests.Commands;

/// <summary>top products: the ranking asked for (in English or Chinese), how many, and what it cannot rank by.</summary>
public sealed class TopProductsTests : IDisposable
{
    private readonly TestBot _bot;

    public TopProductsTests()
    {
        var store = TestData.Build();
        var lastWeek = new DateOnly(2026, 6, 8);
        // Ranked differently by GMV (A > B > C > D) and by units (D > C > B > A).
        (string Sku, long Units, decimal Gmv)[] skus = [("A", 10, 9_000m), ("B", 20, 8_000m), ("C", 30, 7_000m), ("D", 40, 6_000m)];
        foreach (var (sku, units, gmv) in skus)
        {
            store.Skus.Add(new SkuDayRow(lastWeek, "tmall", sku, "Product " + sku, "skincare", units, gmv, 500, units, 100));
        }

        _bot = new TestBot(store);
    }

    public void Dispose() => _bot.Dispose();

    private static List<string> Listed(Reply reply) => [.. reply.Table().Rows.Select(r => r[0].Text.Split(' ')[^1].Trim('(', ')'))];

    [Theory]
    [InlineData("top products last week by units")]
    [InlineData("爆款 上周 按销量")]
    [InlineData("上周 爆款 销量")]
    public async Task By_units_in_English_or_Chinese_ranks_by_units(string text)
    {
        var reply = await _bot.AskAsync(text);

        Assert.Equal(["D", "C", "B", "A"], Listed(reply));
        Assert.EndsWith("by units", reply.Title, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_number_lists_that_many()
    {
        var reply = await _bot.AskAsync("top 2 products last week");

        Assert.Equal(["A", "B"], Listed(reply));
        Assert.Contains("the top 2 make", reply.AllText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_ranking_is_said_and_gmv_is_used()
    {
        var reply = await _bot.AskAsync("top products last week by margin");

        Assert.Equal(["A", "B", "C", "D"], Listed(reply));
        Assert.Contains("I can't rank by 'margin'", reply.AllText(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("top 1000 products last week", "Listing the top 30: 30 is the most one card holds.")]
    [InlineData("top 0 products last week", "'top 0' lists nothing, so here are the top 10.")]
    public async Task A_number_out_of_range_is_said_not_silently_replaced(string text, string said)
    {
        var reply = await _bot.AskAsync(text);

        Assert.Equal(["A", "B", "C", "D"], Listed(reply));
        Assert.Contains(said, reply.AllText(), StringComparison.Ordinal);
    }
}
