using Bot.Core.Metrics;
using Bot.Core.Periods;

namespace Bot.Core.Commands.Query;

/// <summary>What a query command was asked: period, shop, channels, grouping, plus the words it did not use.</summary>
public sealed record QueryArgs(
    DateRange Period,
    string PeriodLabel,
    string? PeriodNote,
    bool PeriodGiven,
    string? Shop,
    IReadOnlyList<string> Channels,
    CounterGrouping GroupBy,
    string Remaining)
{
    /// <summary>What 同比 compares with when it is not the same weekdays a year earlier: a campaign's previous occurrence.</summary>
    public (DateRange Range, string Label)? YearAgo { get; init; }

    public CounterQuery Counters(DateRange range, CounterGrouping? groupBy = null) =>
        new(range, Shop, Channels.Count == 0 ? null : Channels, groupBy ?? GroupBy);

    /// <summary>Words that are left once filler is removed, e.g. a metric name or "by units".</summary>
    public IReadOnlyList<string> Words => TextNormalizer.Tokens(Remaining);
}

/// <summary>Reads the common parts of every query command from free text (any order, filler ignored).</summary>
public static partial class QueryArgsParser
{
    private static readonly string[] ByChannel = ["by channel", "per channel", "by channels", "按渠道", "分渠道", "各渠道"];
    private static readonly string[] ByDay = ["by day", "per day", "daily", "按天", "每天", "按日"];
    private static readonly string[] ByShop = ["by shop", "per shop", "按店铺", "分店铺"];

    public static readonly IReadOnlySet<string> Filler = new HashSet<string>(StringComparer.Ordinal)
    {
        "show", "me", "the", "for", "of", "in", "please", "pls", "plz", "what", "what's", "whats", "is", "was", "were", "how",
        "did", "do", "our", "my", "a", "an", "and", "on", "at", "about", "give", "tell", "us", "from", "with", "can", "you",
        "请", "看看", "看下", "一下", "查看", "查询", "帮我", "的", "给我", "我想看", "显示",
    };

    public static Parsed<QueryArgs> Parse(
        CommandRequest request,
        ReferenceData.Snapshot refs,
        DateOnly today,
        Func<DateOnly, (DateRange Range, string Label)> defaultPeriod)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(refs);
        ArgumentNullException.ThrowIfNull(defaultPeriod);
        var text = request.Args;

        var groupBy = CounterGrouping.None;
        if (TakeAny(ref text, ByChannel))
        {
            groupBy = CounterGrouping.Channel;
        }
        else if (TakeAny(ref text, ByDay))
        {
            groupBy = CounterGrouping.Day;
        }
        else if (TakeAny(ref text, ByShop))
        {
            groupBy = CounterGrouping.Shop;
        }

        var shop = request.Settings.Shop;
        var named = false;
        foreach (var (name, code) in refs.ShopNamesLongestFirst)
        {
            if (Take(ref text, name))
            {
                shop = code;
                named = true;
                break;
            }
        }

        // A campaign name is a period, not a channel: parse the period before channels ("live 618").
        var period = PeriodParser.Find(text, today, refs.CampaignNames);
        DateRange range;
        string label;
        string? note = null;
        var given = false;
        (DateRange, string)? yearAgo = null;
        if (period is null)
        {
            (range, label) = defaultPeriod(today);
        }
        else if (!period.Value.Success)
        {
            return Parsed<QueryArgs>.Fail(period.Value.Error!);
        }
        else
        {
            var match = period.Value.Value!;
            range = match.Range;
            label = match.Label;
            note = match.Note;
            text = match.Remaining;
            given = true;
            yearAgo = match.Campaign is { } campaign ? CampaignHistory.YearAgo(campaign, range, refs.CampaignNames.Campaigns) : null;
        }

        var channels = new List<string>();
        foreach (var (name, code) in refs.ChannelNamesLongestFirst)
        {
            while (Take(ref text, name))
            {
                if (!channels.Contains(code))
                {
                    channels.Add(code);
                }
            }
        }

        // "shop nowhere": a shop asked for by name that does not exist must not quietly become every shop.
        // Checked once the period and channels are out of the text, so "shop last week" asks for no shop called "last".
        if (!named && NamedShop().Match(text) is { Success: true } asked && !Filler.Contains(asked.Groups["name"].Value))
        {
            return Parsed<QueryArgs>.Fail($"I don't know a shop called '{asked.Groups["name"].Value}'. Known shops: {refs.KnownShops(max: 8)}.");
        }

        var remaining = string.Join(' ', TextNormalizer.Tokens(text).Where(t => !Filler.Contains(t)));
        return Parsed<QueryArgs>.Ok(new QueryArgs(range, label, note, given, shop, channels, groupBy, remaining) { YearAgo = yearAgo });
    }

    /// <summary>Removes the first whole-phrase occurrence of <paramref name="phrase"/>; true if found.</summary>
    public static bool Take(ref string text, string phrase)
    {
        var at = CommandMatcher.FindPhrase(text, phrase);
        if (at < 0)
        {
            return false;
        }

        text = TextNormalizer.Normalize(text[..at] + " " + text[(at + phrase.Length)..]);
        return true;
    }

    private static bool TakeAny(ref string text, IEnumerable<string> phrases)
    {
        foreach (var phrase in phrases)
        {
            if (Take(ref text, phrase))
            {
                return true;
            }
        }

        return false;
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"(?:(?<=^|\s)(?:shop|store)\s+|店铺\s*)(?<name>[^\s]+)", System.Text.RegularExpressions.RegexOptions.None, 1000)]
    private static partial System.Text.RegularExpressions.Regex NamedShop();
}
