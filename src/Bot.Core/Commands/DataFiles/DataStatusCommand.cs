using Bot.Core.DataFiles;
using Bot.Core.Replies;
using Bot.Core.Time;

namespace Bot.Core.Commands.DataFiles;

/// <summary><c>data</c>: is yesterday in? Each shop's newest traffic and product day, the gaps of the last week, the newest imports.</summary>
public sealed class DataStatusCommand(TeamClock clock, IDataImport? import = null) : ICommandHandler
{
    public const int WindowDays = 7;

    public const int ImportsShown = 5;

    public CommandInfo Info { get; } = new(
        Verb: "data",
        Aliases: ["数据", "data status", "数据状态", "imports", "导入记录", "freshness"],
        Usage: "data",
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

        var yesterday = clock.Today().AddDays(-1);
        var status = await import.GetStatusAsync(yesterday.AddDays(1 - WindowDays), yesterday, ImportsShown, cancellationToken);
        var blocks = new List<ReplyBlock> { Headline(status, yesterday) };
        if (status.Shops.Count > 0)
        {
            blocks.Add(new TableBlock(
                ["Shop", "Traffic to", "Products to", TextNormalizer.Invariant($"Last {WindowDays} days")],
                [.. status.Shops.Select(s => (IReadOnlyList<Cell>)
                [
                    new Cell(s.Name),
                    Day(s.LastTrafficDay, yesterday),
                    Day(s.LastSkuDay, yesterday),
                    new Cell(TextNormalizer.Invariant($"{s.TrafficDaysInWindow}/{WindowDays}"), s.TrafficDaysInWindow < WindowDays ? Tone.Warning : Tone.Neutral),
                ])])
            {
                Caption = TextNormalizer.Invariant($"Newest day with data; days with traffic data in {status.WindowStart:MM-dd}..{status.WindowEnd:MM-dd}"),
                Widths = [3, 2, 2, 2],
            });
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
                Caption = "Latest imports (" + clock.Zone.Id + ")",
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

    private static TextBlock Headline(DataStatus status, DateOnly yesterday)
    {
        if (status.Shops.Count == 0)
        {
            return new TextBlock("No shops have data yet: send a CSV file with `import` to load some.", Tone.Warning);
        }

        var late = status.Shops.Where(s => s.LastTrafficDay is not { } day || day < yesterday).ToList();
        if (late.Count == 0)
        {
            return new TextBlock(TextNormalizer.Invariant($"Yesterday ({yesterday:yyyy-MM-dd}) is in for every shop."), Tone.Good);
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
