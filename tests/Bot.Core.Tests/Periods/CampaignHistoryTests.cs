using Bot.Core.Metrics;
using Bot.Core.Periods;

namespace Bot.Core.Tests.Periods;

/// <summary>What 同比 means for a campaign: its previous occurrence, day for day while it runs.</summary>
public sealed class CampaignHistoryTests
{
    private static readonly Campaign Tmall618Of2025 = new("618 2025", ["618"], "tmall", new(2025, 6, 1), new(2025, 6, 20), null, null);
    private static readonly Campaign Tmall618Of2026 = new("618 2026", ["618"], "tmall", new(2026, 6, 1), new(2026, 6, 20), null, null);
    private static readonly Campaign Douyin618Of2025 = new("618 2025", ["618"], "douyin", new(2025, 5, 31), new(2025, 6, 18), null, null);
    private static readonly Campaign Double11Of2025 = new("双11", [], "tmall", new(2025, 10, 20), new(2025, 11, 11), null, null);
    private static readonly Campaign Double11Of2026 = new("双11", [], "tmall", new(2026, 10, 20), new(2026, 11, 11), null, null);
    private static readonly IReadOnlyList<Campaign> All = [Douyin618Of2025, Tmall618Of2025, Tmall618Of2026, Double11Of2025, Double11Of2026];

    [Fact]
    public void Ended_ComparesWithTheWholePreviousOccurrence_OfTheSameShopFirst()
    {
        var yearAgo = CampaignHistory.YearAgo(Tmall618Of2026, Tmall618Of2026.Window, All);

        Assert.Equal((Tmall618Of2025.Window, "618 2025"), yearAgo);
    }

    [Fact]
    public void Running_ComparesTheSameDaysFromTheStart()
    {
        var yearAgo = CampaignHistory.YearAgo(Tmall618Of2026, new DateRange(new(2026, 6, 1), new(2026, 6, 10)), All);

        Assert.Equal((new DateRange(new(2025, 6, 1), new(2025, 6, 10)), "618 2025, the same days"), yearAgo);
    }

    [Fact]
    public void NameReusedEveryYear_TitleGetsTheYear()
    {
        var yearAgo = CampaignHistory.YearAgo(Double11Of2026, Double11Of2026.Window, All);

        Assert.Equal((Double11Of2025.Window, "双11 2025"), yearAgo);
    }

    [Fact]
    public void NoPreviousOccurrence_IsNull()
    {
        Assert.Null(CampaignHistory.YearAgo(Tmall618Of2025, Tmall618Of2025.Window, All));
    }
}
