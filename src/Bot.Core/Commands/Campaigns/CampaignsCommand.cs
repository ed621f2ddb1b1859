using Bot.Core.Commands.Query;
using Bot.Core.Replies;

namespace Bot.Core.Commands.Campaigns;

/// <summary><c>campaigns</c>: every campaign on record with its window, aliases and target.</summary>
public sealed class CampaignsCommand(QueryServices query) : ICommandHandler
{
    private const int MaxListed = 40;

    public CommandInfo Info { get; } = new(
        Verb: "campaigns",
        Aliases: ["活动列表", "所有活动", "list campaigns"],
        Usage: "campaigns [year or period] [shop]",
        Example: "campaigns",
        Summary: "List campaigns with their dates and targets");

    public async Task<Reply> HandleAsync(CommandRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var (args, refs, problem) = await query.ParseAsync(request, Info, DefaultPeriods.Last30Days, cancellationToken);
        if (args is null)
        {
            return problem!;
        }

        // A shop or a period narrows the list ("campaigns 2025", "活动列表 天猫"); without them, every campaign.
        var format = query.FormatFor(request);
        var matching = refs.Campaigns
            .Where(c => args.Shop is null || c.Shop == args.Shop)
            .Where(c => !args.PeriodGiven || (c.Window.From <= args.Period.To && c.Window.To >= args.Period.From))
            .ToList();
        var list = matching.OrderByDescending(c => c.Start).ThenBy(c => c.Shop).Take(MaxListed).ToList();
        if (list.Count == 0)
        {
            return refs.Campaigns.Count == 0
                ? Reply.Problem("No campaigns yet", "Send me a campaigns CSV with `import campaigns` (importers and admins); `import` shows the columns.")
                : Reply.Problem("No campaign there", $"No campaign {string.Join(' ', new[] { args.Shop is { } s ? "of " + refs.ShopName(s) : null, args.PeriodGiven ? "in " + args.Period : null }.OfType<string>())}.", "`campaigns` lists them all.");
        }

        var rows = list.Select(c => (IReadOnlyList<Cell>)[
            new Cell(c.Name),
            new Cell(refs.ShopName(c.Shop)),
            new Cell(c.Window.ToString()),
            new Cell(string.Join(" | ", c.Aliases)),
            new Cell(c.TargetGmv is { } t ? format.Money(t) : "—"),
        ]).ToList();
        var blocks = new List<ReplyBlock> { new TableBlock(["Campaign", "Shop", "Dates", "Aliases", "Target GMV"], rows) };
        if (matching.Count > list.Count)
        {
            blocks.Add(new TextBlock($"…and {matching.Count - list.Count} older ones; a year (`campaigns 2025`) or a shop narrows the list.", Tone.Subtle));
        }

        blocks.Add(new TextBlock("Ask `campaign roi <name> [year]` for any of them.", Tone.Subtle));
        return new Reply("Campaigns 活动", blocks)
        {
            Subtitle = QueryServices.Scope(args, refs),
            Summary = $"{list.Count} campaigns",
        };
    }
}
