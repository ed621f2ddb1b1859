using Bot.Core.Commands.Query;
using Bot.Core.Conversations;
using Bot.Core.Replies;

namespace Bot.Core.Commands.Shops;

/// <summary><c>use shop &lt;name&gt;</c>: remember a shop for this conversation; <c>use shop all</c> forgets it.</summary>
public sealed class UseShopCommand(QueryServices query, IConversationSettingsStore settings) : ICommandHandler
{
    public CommandInfo Info { get; } = new(
        Verb: "use shop",
        Aliases: ["切换店铺", "switch shop", "use store", "选择店铺"],
        Usage: "use shop <name|all>",
        Example: "use shop tmall-flagship",
        Summary: "Remember which shop this conversation asks about");

    public async Task<Reply> HandleAsync(CommandRequest request, CancellationToken cancellationToken)
    {
        var refs = await query.Reference.GetAsync(cancellationToken);
        var wanted = request.Args;
        var known = refs.KnownShops();
        if (wanted.Length == 0)
        {
            var current = request.Settings.Shop is { } s ? refs.ShopName(s) : "all shops";
            return Reply.Text("Which shop?", $"This conversation uses **{current}**. Say `use shop <name>` with one of: {known}, or `use shop all`.");
        }

        if (wanted is "all" or "全部" or "所有")
        {
            await settings.SaveAsync(request.Conversation, request.Settings with { Shop = null }, cancellationToken);
            return Reply.Text("Using all shops", "Answers in this conversation now cover every shop.");
        }

        var match = refs.ShopNames().Where(n => n.Name == wanted).Select(n => n.Code).FirstOrDefault()
            ?? refs.ShopNames().Where(n => n.Name.Contains(wanted, StringComparison.Ordinal) || wanted.Contains(n.Name, StringComparison.Ordinal)).Select(n => n.Code).Distinct().SingleOrDefault();
        if (match is null)
        {
            return Reply.Problem("Unknown shop", $"I don't know a shop called '{wanted}'. Known shops: {known}.");
        }

        await settings.SaveAsync(request.Conversation, request.Settings with { Shop = match }, cancellationToken);
        return Reply.Text($"Using {refs.ShopName(match)}", $"From now on, answers in this conversation are about **{refs.ShopName(match)}** unless you name another shop. `use shop all` goes back to every shop.");
    }
}
