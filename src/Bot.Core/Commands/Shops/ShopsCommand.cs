using Bot.Core.Commands.Query;
using Bot.Core.Replies;

namespace Bot.Core.Commands.Shops;

/// <summary><c>shops</c>: the shops and channels the store knows, with the names users may type.</summary>
public sealed class ShopsCommand(QueryServices query) : ICommandHandler
{
    public CommandInfo Info { get; } = new(
        Verb: "shops",
        Aliases: ["店铺", "stores", "channels list", "渠道列表"],
        Usage: "shops",
        Example: "shops",
        Summary: "Known shops and channels, with their aliases")
    {
        Group = CommandGroups.Data,
    };

    public async Task<Reply> HandleAsync(CommandRequest request, CancellationToken cancellationToken)
    {
        var refs = await query.Reference.GetAsync(cancellationToken);
        return new Reply("Shops and channels 店铺与渠道", [
            new TableBlock(["Shop", "Code", "Also called"], [.. refs.Shops.Select(s => (IReadOnlyList<Cell>)[new Cell(s.Name), new Cell(s.Code), new Cell(string.Join(", ", s.Aliases))])]),
            new TableBlock(["Channel", "Code", "Also called"], [.. refs.Channels.Select(c => (IReadOnlyList<Cell>)[new Cell($"{c.Name} {c.ChineseName}"), new Cell(c.Code), new Cell(string.Join(", ", c.Aliases))])]),
            new TextBlock(request.Settings.Shop is { } shop ? $"This conversation uses {refs.ShopName(shop)} (`use shop all` to reset)." : "This conversation covers all shops; `use shop <name>` picks one.", Tone.Subtle),
        ]);
    }
}
