namespace Bot.Core.DataFiles;

/// <summary>Imports a CSV file of metric data, all or nothing, and tells everyone who reacts to new data (alerts, briefs); says what data is in.</summary>
/// <remarks>Implemented by the store; chat commands see only this.</remarks>
public interface IDataImport
{
    /// <summary>The kinds of file that can be imported, in the order they load (campaigns before their costs).</summary>
    IReadOnlyList<DataKind> Kinds { get; }

    /// <param name="kind">A kind name (<see cref="DataKind.Name"/>), or null to tell it from the file's header.</param>
    /// <param name="source">Who or what imported, for the log ("chat:Ana Li").</param>
    Task<DataImportReport> ImportAsync(string? kind, Stream csv, string source, CancellationToken cancellationToken);

    /// <summary>Each shop's (or one shop's) newest data and its traffic days within <paramref name="windowStart"/>..<paramref name="windowEnd"/>, the <paramref name="recentImports"/> latest imports and the newest of each kind, newest first.</summary>
    Task<DataStatus> GetStatusAsync(DateOnly windowStart, DateOnly windowEnd, int recentImports, string? shop, CancellationToken cancellationToken);
}

/// <summary>One importable kind: its name and the columns a file must have (with a Chinese header that also works).</summary>
public sealed record DataKind(string Name, IReadOnlyList<string> RequiredColumns, IReadOnlyList<string> ChineseColumns);

/// <summary>A problem in a file: its line (the header is line 1), the column when known, and why.</summary>
public sealed record DataImportIssue(long Line, string? Column, string Message);

/// <summary>What an import did: every row written, or nothing (and why).</summary>
public sealed record DataImportReport
{
    /// <summary>The kind imported, or null when it could not be told (see <see cref="KindCandidates"/>).</summary>
    public string? Kind { get; init; }

    /// <summary>When the kind was not given: the kinds the header could be (empty = none fits).</summary>
    public IReadOnlyList<string> KindCandidates { get; init; } = [];

    public bool Succeeded => Kind is not null && Errors.Count == 0;

    public long Rows { get; init; }

    public long Inserted { get; init; }

    public long Replaced { get; init; }

    public IReadOnlyList<string> RegisteredShops { get; init; } = [];

    public IReadOnlyList<string> RegisteredChannels { get; init; } = [];

    public IReadOnlyList<DataImportIssue> Errors { get; init; } = [];

    /// <summary>More errors may exist than are listed.</summary>
    public bool ErrorsTruncated { get; init; }

    public IReadOnlyList<DataImportIssue> Warnings { get; init; } = [];

    public long WarningCount { get; init; }

    public TimeSpan Elapsed { get; init; }

    /// <summary>For daily kinds, the first and last day the rows are about.</summary>
    public DateOnly? FirstDay { get; init; }

    public DateOnly? LastDay { get; init; }
}

/// <summary>Limits on files imported through chat (configuration section <c>Import</c>).</summary>
public sealed record ImportLimits
{
    public const string Section = "Import";

    public static ImportLimits Default { get; } = new();

    /// <summary>Largest file accepted; bigger ones are refused before they are read to the end.</summary>
    public long MaxFileBytes { get; init; } = 50L * 1024 * 1024;
}

/// <summary>How current one shop's data is: the newest day of each daily kind, and how many of the recent days have traffic data.</summary>
public sealed record ShopFreshness(string Shop, string Name, DateOnly? LastTrafficDay, DateOnly? LastSkuDay, int TrafficDaysInWindow);

/// <summary>One import that wrote data: when, what, from where.</summary>
/// <param name="Source">"chat:&lt;who&gt;", "http", "cli", "demo".</param>
public sealed record ImportLogEntry(DateTimeOffset At, string Kind, string Source, long Rows, long Inserted, long Replaced)
{
    /// <summary>For daily kinds, the days the rows are about.</summary>
    public DateOnly? FirstDay { get; init; }

    public DateOnly? LastDay { get; init; }
}

/// <summary>What data is in: every shop's freshness over a window of days, and the newest imports.</summary>
public sealed record DataStatus(DateOnly WindowStart, DateOnly WindowEnd, IReadOnlyList<ShopFreshness> Shops, IReadOnlyList<ImportLogEntry> RecentImports);

/// <summary>Names shops: the display name and the aliases people type (imports register unknown shops under their code).</summary>
public interface IShopRegistry
{
    /// <summary>Sets the shop's name and adds aliases; returns the aliases left out because they already name another shop.</summary>
    Task<IReadOnlyList<(string Alias, string OtherShop)>> NameShopAsync(string code, string name, IReadOnlyList<string> aliases, CancellationToken cancellationToken);
}
