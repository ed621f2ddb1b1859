using Bot.Core.Commands.Campaigns;
using Bot.Core.Commands.Query;
using Bot.Core.Metrics;
using Bot.Core.Periods;

namespace Bot.Core.Tests.Commands;

/// <summary>
/// What a reference-data snapshot builds once for reading messages (name lists longest first, campaign name indexes) picks
/// what the per-message scans picked: the longest name, and between names of one length the first in campaign order.
/// </summary>
public sealed class ReferenceSnapshotTests
{
    private static readonly DateOnly Today = new(2026, 11, 22);

    private static readonly Campaign[] Campaigns =
    [
        Run("Double 11", ["1111"], "shop-a", 2025),
        Run("double 11", ["双11"], "shop-b", 2025),
        Run("双11 预售", ["双11预售"], "shop-b", 2025),
        Run("Double 11", ["1111"], "shop-a", 2024),
        Run("double 11", ["双11"], "shop-b", 2024),
    ];

    [Fact]
    public void NameLists_LongestFirst_SameOrderAsSortingPerMessage()
    {
        var refs = new ReferenceData.Snapshot(
            [new ShopInfo("tmall", "Tmall flagship", ["天猫", "tm"]), new ShopInfo("jd", "JD store", ["京东"])],
            [new ChannelInfo("natural_search", "Natural search", "自然搜索", ["search"]), new ChannelInfo("live", "Live streaming", "直播", ["livestream"])],
            Campaigns,
            DateTimeOffset.UnixEpoch);

        Assert.Equal(refs.ShopNames().OrderByDescending(n => n.Name.Length), refs.ShopNamesLongestFirst);
        Assert.Equal(refs.ChannelNames().OrderByDescending(n => n.Name.Length), refs.ChannelNamesLongestFirst);
        Assert.Equal("Live streaming", refs.ChannelName("live"));
        Assert.Equal("unknown", refs.ShopName("unknown"));
    }

    [Theory]
    [InlineData("double 11", "Double 11 2025")]
    [InlineData("DOUBLE 11 2024", "Double 11 2024")]
    [InlineData("双11 预售", "双11 预售 2025")]
    [InlineData("funnel 双11", "double 11 2025")]
    public void PeriodParser_CampaignNames_LongestThenFirstInCampaignOrder(string text, string label)
    {
        var match = PeriodParser.Find(text, Today, new CampaignNames(Campaigns))!.Value.Value!;

        Assert.StartsWith(label + " (", match.Label, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("双11 预售", null, "双11 预售")]
    [InlineData("double 11", null, "Double 11")]
    [InlineData("double 11", "shop-b", "double 11")]
    [InlineData("1111 2024", null, "Double 11")]
    public void CampaignFinder_Index_LongestThenFirstForTheShop(string text, string? shop, string name)
    {
        var (runs, _, error) = CampaignFinder.Find(text, new CampaignIndex(Campaigns), shop, Today);

        Assert.Null(error);
        Assert.Equal(name, runs[0].Name);
        Assert.All(runs, r => Assert.True(shop is null || r.Shop == shop));
    }

    [Fact]
    public void CampaignFinder_LastYear_EveryShopsRunByAnySharedName_InCampaignOrder()
    {
        var thisYear = CampaignFinder.Find("双11", new CampaignIndex(Campaigns), null, Today).Runs;

        var lastYear = CampaignFinder.LastYear(thisYear, new CampaignIndex(Campaigns));

        Assert.Equal([Campaigns[4]], lastYear);
        Assert.Equal([Campaigns[3], Campaigns[4]], CampaignFinder.LastYear([Campaigns[0], Campaigns[1]], new CampaignIndex(Campaigns)));
    }

    private static Campaign Run(string name, string[] aliases, string shop, int year) =>
        new(name, aliases, shop, new DateOnly(year, 10, 20), new DateOnly(year, 11, 11), null, null);
}
