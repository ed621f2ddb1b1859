using Bot.Core.Commands.Query;
using Bot.Core.Metrics;
using Bot.Core.Replies;

namespace Bot.Core.Commands.Shops;

/// <summary><c>shops</c>: the shops and channels the store knows, with the names users may type.</summary>
public sealed class ShopsCommand(QueryServices query) : ICommandHandler
{
    public CommandInfo Info { get; } = new(
        Verb: "shops",
        Aliases: ["店铺", "stores", "channels list", "渠道列表"],
        Usage: "shops [part of a name]",
        Example: "shops",
        Summary: "Known shops and channels, with their aliases")
    {
        Group = CommandGroups.Data,
    };

    /// <summary>Shops listed at most: a card with hundreds of rows is too big for Teams; <c>shops &lt;words&gt;</c> narrows the list.</summary>
    public const int MaxShopRows = 30;

    public async Task<Reply> HandleAsync(CommandRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var refs = await query.Reference.GetAsync(cancellationToken);
        var filter = request.Args.Trim();
        IReadOnlyList<ShopInfo> shops = [.. refs.Shops.Where(s => s.Aliases.Append(s.Name).Append(s.Code).Any(n => n.Contains(filter, StringComparison.OrdinalIgnoreCase)))];
        var blocks = new List<ReplyBlock>();
        if (shops.Count == 0 || filter.Length == 0)
        {
            // Words that match no shop are read as the question itself ("show me all the shops").
            if (filter.Length > 0 && refs.Shops.Count > 0)
            {
                blocks.Add(new TextBlock($"No shop's name, code or alias contains '{filter}'; here are all of them.", Tone.Subtle));
            }

            shops = refs.Shops;
        }

        blocks.Insert(0,
            new TableBlock(["Shop", "Code", "Also called"], [.. shops.Take(MaxShopRows).Select(s => (IReadOnlyList<Cell>)[new Cell(s.Name), new Cell(s.Code), new Cell(string.Join(", ", s.Aliases))])]));
        if (shops.Count > MaxShopRows)
        {
            blocks.Add(new TextBlock(TextNormalizer.Invariant($"…and {shops.Count - MaxShopRows} more of {shops.Count}; `shops <part of a name>` finds one."), Tone.Subtle));
        }

        return new Reply("Shops and channels 店铺与渠道", [
            .. blocks,
            new TableBlock(["Channel", "Code", "Also called"], [.. refs.Channels.Select(c => (IReadOnlyList<Cell>)[new Cell($"{c.Name} {c.ChineseName}"), new Cell(c.Code), new Cell(string.Join(", ", c.Aliases))])]),
            new TextBlock(request.Settings.Shop is { } shop ? $"This conversation uses {refs.ShopName(shop)} (`use shop all` to reset)." : "This conversation covers all shops; `use shop <name>` picks one.", Tone.Subtle),
        ]);
    }
}
