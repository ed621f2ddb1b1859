using Bot.Core.Commands.Query;
using Bot.Core.Replies;

namespace Bot.Core.Commands.Campaigns;

/// <summary><c>campaigns</c>: every campaign on record with its window, aliases and target.</summary>
public sealed class CampaignsCommand(QueryServices query) : ICommandHandler
{
    public CommandInfo Info { get; } = new(
        Verb: "campaigns",
        Aliases: ["活动列表", "所有活动", "list campaigns"],
        Usage: "campaigns [shop]",
        Example: "campaigns",
        Summary: "List campaigns with their dates and targets");

    public async Task<Reply> HandleAsync(CommandRequest request, CancellationToken cancellationToken)
    {
        var refs = await query.Reference.GetAsync(cancellationToken);
        var format = query.FormatFor(request);
        var shop = request.Settings.Shop;
        var list = refs.Campaigns.Where(c => shop is null || c.Shop == shop).OrderByDescending(c => c.Start).ThenBy(c => c.Shop).Take(40).ToList();
        if (list.Count == 0)
        {
            return Reply.Problem("No campaigns yet", "Import them with `dotnet run --project src/Bot.Host -- import campaigns <file>`.");
        }

        var rows = list.Select(c => (IReadOnlyList<Cell>)[
            new Cell(c.Name),
            new Cell(refs.ShopName(c.Shop)),
            new Cell(c.Window.ToString()),
            new Cell(string.Join(" | ", c.Aliases)),
            new Cell(c.TargetGmv is { } t ? format.Money(t) : "—"),
        ]).ToList();
        return new Reply("Campaigns 活动", [new TableBlock(["Campaign", "Shop", "Dates", "Aliases", "Target GMV"], rows), new TextBlock("Ask `campaign roi <name> [year]` for any of them.", Tone.Subtle)])
        {
            Summary = $"{list.Count} campaigns",
        };
    }
}
