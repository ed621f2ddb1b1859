using Bot.Core.DataFiles;

namespace Bot.Storage.Import;

/// <summary>
/// The store's side of <see cref="IDataImport"/>: tells the kind from the header when none is given, imports through
/// <see cref="CsvImporter"/> (all or nothing) and then notifies the <see cref="IDataImportedListener"/>s, like the HTTP ingest.
/// </summary>
public sealed class DataImportService(CsvImporter importer, DataImportNotifier notifier, ImportLog log) : IDataImport
{
    public IReadOnlyList<DataKind> Kinds { get; } = [.. ImportKinds.All.Select(Describe)];

    public async Task<DataImportReport> ImportAsync(string? kind, Stream csv, string source, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(csv);
        await using var copy = await CopyUnlessSeekableAsync(csv, cancellationToken);
        var seekable = copy ?? csv;
        var start = seekable.Position;
        ImportKind importKind;
        if (kind is not null)
        {
            if (!ImportKinds.TryParse(kind, out importKind))
            {
                throw new ArgumentException($"Unknown kind '{kind}'; kinds: {ImportKinds.Names}.", nameof(kind));
            }
        }
        else
        {
            var candidates = ImportKindDetector.Candidates(seekable);
            seekable.Position = start;
            if (candidates.Count != 1)
            {
                return new DataImportReport { KindCandidates = [.. candidates.Select(ImportKinds.Name)] };
            }

            importKind = candidates[0];
        }

        var result = await importer.ImportAsync(importKind, seekable, ImportOptions.Default with { Source = source }, cancellationToken);
        if (result.Succeeded)
        {
            await notifier.NotifyAsync(new DataImported(result, source), CancellationToken.None);
        }

        return new DataImportReport
        {
            Kind = ImportKinds.Name(result.Kind),
            Rows = result.Rows,
            Inserted = result.Inserted,
            Replaced = result.Replaced,
            RegisteredShops = result.RegisteredShops,
            RegisteredChannels = result.RegisteredChannels,
            Errors = [.. result.Errors.Select(ToIssue)],
            ErrorsTruncated = result.ErrorsTruncated,
            Warnings = [.. result.Warnings.Select(ToIssue)],
            WarningCount = result.WarningCount,
            Elapsed = result.Elapsed,
            FirstDay = result.FirstDay,
            LastDay = result.LastDay,
        };
    }

    public Task<DataStatus> GetStatusAsync(DateOnly windowStart, DateOnly windowEnd, int recentImports, string? shop, CancellationToken cancellationToken) =>
        log.GetStatusAsync(windowStart, windowEnd, recentImports, shop, cancellationToken);

    private static DataImportIssue ToIssue(ImportIssue issue) => new(issue.Line, issue.Column, issue.Message);

    private static DataKind Describe(ImportKind kind)
    {
        var required = KindColumns.For(kind).Where(c => c.Required).ToList();
        return new DataKind(
            ImportKinds.Name(kind),
            [.. required.Select(c => c.Name)],
            [.. required.Select(c => c.Synonyms.FirstOrDefault(IsChinese) ?? c.Name)]);
    }

    private static bool IsChinese(string text) => text.Any(c => c is >= '\u4e00' and <= '\u9fff');

    /// <summary>Detecting the kind reads the header first, so the content must be readable twice: a one-way stream is copied.</summary>
    private static async Task<FileStream?> CopyUnlessSeekableAsync(Stream csv, CancellationToken cancellationToken)
    {
        if (csv.CanSeek)
        {
            return null;
        }

        var copy = TempFile.Create("opsbot-import");
        await csv.CopyToAsync(copy, cancellationToken);
        copy.Position = 0;
        return copy;
    }
}

/// <summary>Which kinds a file's header fits: every required column of the kind is there (by any of its names).</summary>
public static class ImportKindDetector
{
    public static IReadOnlyList<ImportKind> Candidates(Stream csv)
    {
        var reader = new CsvReader(csv);
        if (reader.DetectDelimiter() is not null || !reader.Read() || reader.RecordError is not null)
        {
            return [];
        }

        var headers = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < reader.FieldCount; i++)
        {
            headers.Add(KindColumns.HeaderKey(reader.GetString(i).Trim()));
        }

        return [.. ImportKinds.All.Where(kind => KindColumns.For(kind)
            .Where(c => c.Required)
            .All(c => c.Synonyms.Prepend(c.Name).Any(name => headers.Contains(KindColumns.HeaderKey(name)))))];
    }
}
