using System.Globalization;

namespace Bot.Storage.Import;

/// <summary>A problem found in a file: its line (the header is line 1), the column when known, and why.</summary>
public sealed record ImportIssue(long Line, string? Column, string Message)
{
    public override string ToString() => Column is null
        ? string.Create(CultureInfo.InvariantCulture, $"line {Line}: {Message}")
        : string.Create(CultureInfo.InvariantCulture, $"line {Line}, column {Column}: {Message}");
}

/// <summary>How an import behaves.</summary>
/// <param name="RegisterUnknownChannels">Register channel names that are not in the registry instead of refusing the file.</param>
public sealed record ImportOptions(bool RegisterUnknownChannels = false)
{
    public static ImportOptions Default { get; } = new();

    /// <summary>Where the file came from, for the import log: "chat:&lt;who&gt;", "http", "cli", "demo".</summary>
    public string Source { get; init; } = "unknown";
}

/// <summary>The outcome of one import: either every row was written, or nothing was (and <see cref="Errors"/> says why).</summary>
public sealed record ImportResult
{
    public required ImportKind Kind { get; init; }

    public bool Succeeded => Errors.Count == 0;

    /// <summary>Data rows in the file (blank lines not counted).</summary>
    public long Rows { get; init; }

    /// <summary>Rows whose key was new.</summary>
    public long Inserted { get; init; }

    /// <summary>Rows whose key already existed and were replaced.</summary>
    public long Replaced { get; init; }

    public IReadOnlyList<string> RegisteredShops { get; init; } = [];

    public IReadOnlyList<string> RegisteredChannels { get; init; } = [];

    /// <summary>Up to <see cref="CsvImporter.MaxIssues"/> errors; any error means nothing was written.</summary>
    public IReadOnlyList<ImportIssue> Errors { get; init; } = [];

    /// <summary>True when more errors may exist than are listed (the import stopped reading at the limit).</summary>
    public bool ErrorsTruncated { get; init; }

    /// <summary>Up to <see cref="CsvImporter.MaxIssues"/> warnings (e.g. refund above GMV); they do not stop the import.</summary>
    public IReadOnlyList<ImportIssue> Warnings { get; init; } = [];

    public long WarningCount { get; init; }

    public TimeSpan Elapsed { get; init; }

    /// <summary>For daily kinds, the first and last day the written rows are about.</summary>
    public DateOnly? FirstDay { get; init; }

    public DateOnly? LastDay { get; init; }

    public double RowsPerSecond => Elapsed.TotalSeconds > 0 ? Rows / Elapsed.TotalSeconds : 0;

    /// <summary>One line for a terminal or a chat message.</summary>
    public string Summary
    {
        get
        {
            var kind = ImportKinds.Name(Kind);
            var culture = CultureInfo.InvariantCulture;
            if (!Succeeded)
            {
                var more = ErrorsTruncated ? "+" : string.Empty;
                return string.Create(culture, $"{kind}: import refused, nothing was written: {Errors.Count}{more} error(s), first: {Errors[0]}");
            }

            var days = (FirstDay, LastDay) switch
            {
                ({ } first, { } last) when first == last => string.Create(culture, $" for {first:yyyy-MM-dd}"),
                ({ } first, { } last) => string.Create(culture, $" for {first:yyyy-MM-dd}..{last:yyyy-MM-dd}"),
                _ => string.Empty,
            };
            var text = string.Create(culture, $"{kind}: {Rows:N0} rows imported{days} ({Inserted:N0} inserted, {Replaced:N0} replaced) in {Elapsed.TotalSeconds:0.00} s");
            if (RegisteredShops.Count > 0)
            {
                text += "; registered new shops: " + string.Join(", ", RegisteredShops);
            }

            if (RegisteredChannels.Count > 0)
            {
                text += "; registered new channels: " + string.Join(", ", RegisteredChannels);
            }

            if (WarningCount > 0)
            {
                text += string.Create(culture, $"; {WarningCount:N0} warning(s), first: {Warnings[0]}");
            }

            return text;
        }
    }
}
