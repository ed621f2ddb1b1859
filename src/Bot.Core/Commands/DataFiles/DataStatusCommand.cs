using Bot.Core.Commands.Query;
using Bot.Core.DataFiles;
using Bot.Core.Replies;
using Bot.Core.Time;

namespace Bot.Core.Commands.DataFiles;

/// <summary><c>data</c>: is yesterday in? Each shop's newest traffic and product day, the gaps of the last week, the newest imports.</summary>
public sealed class DataStatusCommand(TeamClock clock, QueryServices query, IDataImport? import = null) : ICommandHandler
{
    public const int WindowDays = 7;

    public const int ImportsShown = 5;

    /// <summary>Shops listed at most; with more shops only those to look at are listed.</summary>
    public const int MaxShopRows = 15;

    public CommandInfo Info { get; } = new(
        Verb: "data",
        Aliases: ["数据", "data status", "数据状态", "imports", "导入记录", "freshness"],
        Usage: "data [shop]",
        Example: "data",
        Summary: "Is yesterday's data in? Newest day per shop and the latest imports")
    {
        Group = CommandGroups.Data,
    };

    public async Task<Reply> HandleAsync(CommandRequest request, CancellationToken cancellationToken)
    {
        if (import is null)
        {
            return Reply.Problem("No data store", "This bot was started without a data store.");
        }

        // One shop when the conversation uses one or the message names one; otherwise every shop.
        var refs = await query.Reference.GetAsync(cancellationToken);
        var shop = refs.ShopNamesLongestFirst.FirstOrDefault(n => CommandMatcher.FindPhrase(request.Args, TextNormalizer.Normalize(n.Name)) >= 0).Code
            ?? request.Settings.Shop;
        var yesterday = clock.Today().AddDays(-1);
        var status = await import.GetStatusAsync(yesterday.AddDays(1 - WindowDays), yesterday, ImportsShown, shop, cancellationToken);
        var blocks = new List<ReplyBlock> { Headline(status, yesterday) };

        // Many shops: only those needing a look (late, or gaps in the week), so the card stays readable and small.
        var listed = status.Shops.Count <= MaxShopRows
            ? status.Shops
            : [.. status.Shops.Where(s => NeedsLook(s, yesterday)).OrderBy(s => s.LastTrafficDay ?? DateOnly.MinValue).ThenBy(s => s.TrafficDaysInWindow)];
        if (listed.Count > 0)
        {
            blocks.Add(new TableBlock(
                ["Shop", "Traffic to", "Products to", TextNormalizer.Invariant($"Last {WindowDays} days")],
                [.. listed.Take(MaxShopRows).Select(s => (IReadOnlyList<Cell>)
                [
                    new Cell(s.Name),
                    Day(s.LastTrafficDay, yesterday),
                    Day(s.LastSkuDay, yesterday),
                    new Cell(TextNormalizer.Invariant($"{s.TrafficDaysInWindow}/{WindowDays}"), s.TrafficDaysInWindow < WindowDays ? Tone.Warning : Tone.Neutral),
                ])])
            {
                Caption = listed.Count == status.Shops.Count
                    ? TextNormalizer.Invariant($"Newest day with data; days with traffic data in {status.WindowStart:MM-dd}..{status.WindowEnd:MM-dd}")
                    : TextNormalizer.Invariant($"The {Math.Min(listed.Count, MaxShopRows)} of {status.Shops.Count} shops to look at (late first); the others are in up to yesterday with every day of {status.WindowStart:MM-dd}..{status.WindowEnd:MM-dd}"),
                Widths = [3, 2, 2, 2],
            });
            if (listed.Count > MaxShopRows)
            {
                blocks.Add(new TextBlock(TextNormalizer.Invariant($"…and {listed.Count - MaxShopRows} more to look at; `data <shop>` shows one shop."), Tone.Subtle));
            }
        }

        if (status.RecentImports.Count == 0)
        {
            blocks.Add(new TextBlock("No imports recorded yet.", Tone.Subtle));
        }
        else
        {
            blocks.Add(new TableBlock(
                ["When", "Kind", "Days", "Rows", "From"],
                [.. status.RecentImports.Select(i => (IReadOnlyList<Cell>)
                [
                    new Cell(TextNormalizer.Invariant($"{TimeZoneInfo.ConvertTime(i.At, clock.Zone):MM-dd HH:mm}")),
                    new Cell(i.Kind),
                    new Cell(ImportCommand.Span(i.FirstDay, i.LastDay)),
                    new Cell(TextNormalizer.Invariant($"{i.Rows:N0}")),
                    new Cell(Source(i.Source)),
                ])])
            {
                Caption = "Latest imports, and the newest of each kind (" + clock.Zone.Id + ")",
                Widths = [2, 2, 4, 2, 3],
            });
        }

        blocks.Add(new TextBlock("To add data, send a CSV file with `import` in a 1:1 chat (importers and admins); `import` shows the kinds.", Tone.Subtle));
        return new Reply("Data 数据状态", blocks)
        {
            Subtitle = TextNormalizer.Invariant($"As of {clock.Today():yyyy-MM-dd} · yesterday is {yesterday:yyyy-MM-dd}"),
            Summary = ((TextBlock)blocks[0]).Text,
        };
    }

    private static bool NeedsLook(ShopFreshness shop, DateOnly yesterday) =>
        shop.LastTrafficDay is not { } day || day < yesterday || shop.TrafficDaysInWindow < WindowDays;

    private static TextBlock Headline(DataStatus status, DateOnly yesterday)
    {
        if (status.Shops.Count == 0)
        {
            return new TextBlock("No shops have data yet: send a CSV file with `import` to load some.", Tone.Warning);
        }

        var late = status.Shops.Where(s => s.LastTrafficDay is not { } day || day < yesterday).ToList();
        if (late.Count == 0)
        {
            return new TextBlock(
                status.Shops.Count == 1
                    ? TextNormalizer.Invariant($"Yesterday ({yesterday:yyyy-MM-dd}) is in for {status.Shops[0].Name}.")
                    : TextNormalizer.Invariant($"Yesterday ({yesterday:yyyy-MM-dd}) is in for every shop ({status.Shops.Count})."),
                Tone.Good);
        }

        var names = string.Join(", ", late.Take(5).Select(s => s.LastTrafficDay is { } day ? TextNormalizer.Invariant($"{s.Name} (to {day:MM-dd})") : $"{s.Name} (none)"));
        var more = late.Count > 5 ? TextNormalizer.Invariant($" and {late.Count - 5} more") : string.Empty;
        return new TextBlock(
            TextNormalizer.Invariant($"Yesterday ({yesterday:yyyy-MM-dd}) is missing for {late.Count} of {status.Shops.Count} shops: {names}{more}."),
            Tone.Warning);
    }

    private static Cell Day(DateOnly? day, DateOnly yesterday) => day is { } d
        ? new Cell(TextNormalizer.Invariant($"{d:yyyy-MM-dd}"), d < yesterday ? Tone.Warning : Tone.Neutral)
        : new Cell("—", Tone.Subtle);

    private static string Source(string source) => source switch
    {
        "http" => "ingest API",
        "cli" => "command line",
        "demo" => "demo data",
        _ when source.StartsWith("chat:", StringComparison.Ordinal) => source[5..] + " (chat)",
        _ => source,
    };
}
