namespace Bot.Storage.Import;

/// <summary>The data kinds that can be imported and exported as CSV (issue 3 item 2).</summary>
public enum ImportKind
{
    ChannelDaily,
    SkuDaily,
    Campaigns,
    CampaignCosts,
    Goals,
    Buyers,
}

public static class ImportKinds
{
    /// <summary>Every kind, in the order they can be loaded (campaigns before their costs).</summary>
    public static IReadOnlyList<ImportKind> All { get; } =
        [ImportKind.ChannelDaily, ImportKind.SkuDaily, ImportKind.Campaigns, ImportKind.CampaignCosts, ImportKind.Goals, ImportKind.Buyers];

    /// <summary>The name used on the command line and in <c>/api/ingest/{kind}</c>.</summary>
    public static string Name(ImportKind kind) => kind switch
    {
        ImportKind.ChannelDaily => "channel-daily",
        ImportKind.SkuDaily => "sku-daily",
        ImportKind.Campaigns => "campaigns",
        ImportKind.CampaignCosts => "campaign-costs",
        ImportKind.Goals => "goals",
        ImportKind.Buyers => "buyers",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    public static string Names => string.Join(", ", All.Select(Name));

    /// <summary>Accepts <c>channel-daily</c>, <c>channel_daily</c>, <c>ChannelDaily</c>, …</summary>
    public static bool TryParse(string? text, out ImportKind kind)
    {
        kind = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var key = Sqlite.RegistryKey.Normalize(text);
        foreach (var candidate in All)
        {
            if (Sqlite.RegistryKey.Normalize(Name(candidate)) == key)
            {
                kind = candidate;
                return true;
            }
        }

        return false;
    }

    /// <summary>The canonical English header of the kind, as export writes it.</summary>
    public static IReadOnlyList<string> Header(ImportKind kind) => KindColumns.For(kind).Select(c => c.Name).ToArray();
}
