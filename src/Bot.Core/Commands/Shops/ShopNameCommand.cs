using System.Text.RegularExpressions;
using Bot.Core.Commands.Plans;
using Bot.Core.Commands.Query;
using Bot.Core.DataFiles;
using Bot.Core.Replies;
using Bot.Core.Security;

namespace Bot.Core.Commands.Shops;

/// <summary>
/// <c>shop name &lt;shop&gt; &lt;name&gt; [aka a, b]</c>: gives a shop its display name and the names people type — an import
/// registers an unknown shop under its code only. Importers and admins.
/// </summary>
public sealed partial class ShopNameCommand(QueryServices query, Roles roles, IShopRegistry? registry = null) : ICommandHandler
{
    public CommandInfo Info { get; } = new(
        Verb: "shop name",
        Aliases: ["name shop", "rename shop", "店铺 命名", "店铺命名", "重命名店铺", "店铺 改名"],
        Usage: "shop name <shop> <new name> [aka <alias>, <alias>]",
        Example: "shop name tmall-flagship 天猫旗舰店 aka Tmall, 天猫",
        Summary: "Name a shop and the names people may type for it (importers, admins)")
    {
        Group = CommandGroups.Data,
        Who = "importers (Roles:Importers) and admins",
    };

    public async Task<Reply> HandleAsync(CommandRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (registry is null)
        {
            return Reply.Problem("Shops cannot be named here", "This bot was started without a data store.");
        }

        if (!roles.MayImport(request.Message.From))
        {
            return Reply.Problem("Only importers can name shops", "Naming shops is for the people listed as importers (Roles:Importers) and admins. Nothing was changed.");
        }

        // The words as typed: a name keeps its capitals and spacing ("JD Outlet").
        var raw = PlanItemParser.After(request.Message.Text, Info.AllNames) ?? string.Empty;
        var refs = await query.Reference.GetAsync(cancellationToken);
        var shop = refs.ShopNamesLongestFirst.FirstOrDefault(n => raw.StartsWith(n.Name, StringComparison.OrdinalIgnoreCase) && (raw.Length == n.Name.Length || !TextNormalizer.IsWordChar(raw[n.Name.Length]) || !TextNormalizer.IsWordChar(n.Name[^1])));
        if (shop.Code is null)
        {
            return QueryServices.Usage(Info, $"Start with the shop as it is known now: {string.Join(", ", refs.Shops.Select(s => $"`{s.Code}`"))}.");
        }

        var parts = Aka().Split(raw[shop.Name.Length..], 2);
        var name = parts[0].Trim().Trim(':', '：', ',', '，').Trim();
        var aliases = parts.Length > 1
            ? [.. AliasSeparator().Split(parts[1]).Select(a => a.Trim()).Where(a => a.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase)]
            : Array.Empty<string>();
        if (name.Length is 0 or > 60)
        {
            return QueryServices.Usage(Info, "Give the new name after the shop (up to 60 characters), e.g. `shop name jd-outlet 京东奥莱`.");
        }

        var taken = await registry.NameShopAsync(shop.Code, name, aliases, cancellationToken);
        if (taken.Any(t => t.Alias == name))
        {
            return Reply.Problem("That name is taken", $"'{name}' already names the shop `{taken.First(t => t.Alias == name).OtherShop}`. Nothing was changed.");
        }

        await query.Reference.RefreshAsync(cancellationToken);
        var blocks = new List<ReplyBlock>
        {
            new FactBlock(
            [
                new Fact("Shop", shop.Code),
                new Fact("Name", name),
                new Fact("Also", aliases.Length == 0 ? "—" : string.Join(", ", aliases.Where(a => taken.All(t => t.Alias != a)))),
            ]),
        };
        if (taken.Count > 0)
        {
            blocks.Add(new TextBlock("Left out, they already name another shop: " + string.Join(", ", taken.Select(t => $"'{t.Alias}' (`{t.OtherShop}`)")) + ".", Tone.Warning));
        }

        blocks.Add(new TextBlock($"Answers now say {name}; any of these names picks the shop, e.g. `kpi last week {name}`.", Tone.Subtle));
        return new Reply($"Shop {shop.Code} is now {name}", blocks);
    }

    [GeneratedRegex(@"\s+(?:aka|alias|aliases|also)\s+|\s*(?:别名|又名|也叫)[:：]?\s*", RegexOptions.IgnoreCase, 1000)]
    private static partial Regex Aka();

    [GeneratedRegex(@"\s*[,，、;；]\s*", RegexOptions.None, 1000)]
    private static partial Regex AliasSeparator();
}
