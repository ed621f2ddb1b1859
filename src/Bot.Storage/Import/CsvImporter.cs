using System.Diagnostics;
using System.Globalization;
using Bot.Storage.Import.Kinds;
using Bot.Storage.Sqlite;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Bot.Storage.Import;

/// <summary>Imports a CSV file of one <see cref="ImportKind"/>: all rows or none.</summary>
/// <remarks>
/// The file is parsed as a stream and written inside one transaction with one prepared
/// INSERT … ON CONFLICT DO UPDATE per kind, rebound per row (storage-notes.md). Any error stops the
/// writing, the rest of the file is still checked (up to <see cref="MaxIssues"/> errors), and the
/// transaction is rolled back. Rows with an existing key replace it, so re-importing is idempotent.
/// Unknown shop names are registered (shops are the user's own); unknown channels are an error
/// unless <see cref="ImportOptions.RegisterUnknownChannels"/> is set.
/// </remarks>
public sealed class CsvImporter(SqliteDatabase database, ILogger<CsvImporter>? logger = null, TimeProvider? time = null)
{
    /// <summary>At most this many errors (and warnings) are reported.</summary>
    public const int MaxIssues = 50;

    private readonly ILogger _logger = logger ?? NullLogger<CsvImporter>.Instance;

    /// <summary>Imports on a worker thread; see <see cref="Import"/>.</summary>
    public Task<ImportResult> ImportAsync(ImportKind kind, Stream csv, ImportOptions? options = null, CancellationToken cancellationToken = default) =>
        Task.Run(() => Import(kind, csv, options, cancellationToken), cancellationToken);

    /// <summary>Reads <paramref name="csv"/> (UTF-8, comma or tab separated, header first) and writes it, or nothing when any line is wrong.</summary>
    public ImportResult Import(ImportKind kind, Stream csv, ImportOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(csv);
        options ??= ImportOptions.Default;
        var stopwatch = Stopwatch.StartNew();
        var reader = new CsvReader(csv);
        var columns = KindColumns.For(kind);

        var headerIssues = new List<ImportIssue>();
        var warnings = new List<ImportIssue>();
        var (fields, headers, fieldCount) = ReadHeader(reader, columns, headerIssues, warnings);
        if (headerIssues.Count > 0)
        {
            return new ImportResult { Kind = kind, Errors = headerIssues, Elapsed = stopwatch.Elapsed };
        }

        using var connection = database.Open();

        // The session resolves every shop, channel, SKU and campaign id itself inside the transaction, so
        // the per-row foreign-key lookups are redundant here; off, the bulk path is ~20 % faster.
        // (A pragma, so it must precede BEGIN; Open() turns it back on for the next user of the pooled connection.)
        connection.Scalar("PRAGMA foreign_keys = OFF");
        using var transaction = connection.BeginTransaction();
        var session = new ImportSession(connection, transaction, reader, options, CountTable(kind), fields, headers);
        session.Warnings.AddRange(warnings);
        using var handler = CreateHandler(kind, session);

        long rows = 0;
        var stoppedEarly = false;
        while (reader.Read())
        {
            rows++;
            if ((rows & 0x1FFF) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            if (reader.RecordError is { } syntax)
            {
                session.Error(null, syntax);
            }
            else if (CheckFieldCount(reader, fieldCount, session))
            {
                handler.Row();
            }

            if (session.ErrorLimitReached)
            {
                stoppedEarly = true;
                break;
            }
        }

        if (rows == 0)
        {
            session.Errors.Add(new ImportIssue(2, null, "the file has a header but no data rows"));
        }

        long inserted = 0;
        if (session.Writing)
        {
            handler.Complete();
            inserted = session.CountInserted();
            ImportLog.Append(connection, transaction, (time ?? TimeProvider.System).GetUtcNow(), ImportKinds.Name(kind), options.Source, rows, inserted, session.FirstDay, session.LastDay);
            transaction.Commit();
        }
        else
        {
            transaction.Rollback();
        }

        var result = new ImportResult
        {
            Kind = kind,
            Rows = rows,
            Inserted = session.Writing ? inserted : 0,
            Replaced = session.Writing ? rows - inserted : 0,
            RegisteredShops = session.Writing ? session.RegisteredShops : [],
            RegisteredChannels = session.Writing ? session.RegisteredChannels : [],
            Errors = session.Errors,
            ErrorsTruncated = stoppedEarly,
            Warnings = session.Warnings,
            WarningCount = session.WarningCount + warnings.Count,
            Elapsed = stopwatch.Elapsed,
            FirstDay = session.Writing && session.FirstDay is { } first ? Days.ToDate(first) : null,
            LastDay = session.Writing && session.LastDay is { } last ? Days.ToDate(last) : null,
        };
        // Debug: the CLI prints the summary itself, and the console logger would put this line on stdout too.
        _logger.LogDebug(
            "{Kind} import: {Rows} rows, {Inserted} inserted, {Replaced} replaced, {ErrorCount} errors, {ElapsedMs} ms",
            ImportKinds.Name(kind),
            result.Rows,
            result.Inserted,
            result.Replaced,
            result.Errors.Count,
            (long)result.Elapsed.TotalMilliseconds);
        return result;
    }

    private static (int[] Fields, string[] Headers, int FieldCount) ReadHeader(
        CsvReader reader,
        IReadOnlyList<ColumnSpec> columns,
        List<ImportIssue> errors,
        List<ImportIssue> warnings)
    {
        var fields = Enumerable.Repeat(-1, columns.Count).ToArray();
        var headers = columns.Select(c => c.Name).ToArray();
        if (reader.DetectDelimiter() is { } delimiterError)
        {
            errors.Add(new ImportIssue(1, null, delimiterError));
            return (fields, headers, 0);
        }

        if (!reader.Read())
        {
            errors.Add(new ImportIssue(1, null, "the file is empty; the first line must be the header: " + string.Join(", ", headers)));
            return (fields, headers, 0);
        }

        if (reader.RecordError is { } syntax)
        {
            errors.Add(new ImportIssue(1, null, syntax));
            return (fields, headers, 0);
        }

        var keys = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < columns.Count; i++)
        {
            keys[KindColumns.HeaderKey(columns[i].Name)] = i;
            foreach (var synonym in columns[i].Synonyms)
            {
                keys[KindColumns.HeaderKey(synonym)] = i;
            }
        }

        var ignored = new List<string>();
        for (var field = 0; field < reader.FieldCount; field++)
        {
            var header = reader.GetString(field).Trim();
            if (!keys.TryGetValue(KindColumns.HeaderKey(header), out var column))
            {
                if (header.Length > 0)
                {
                    ignored.Add(header);
                }

                continue;
            }

            if (fields[column] >= 0)
            {
                errors.Add(new ImportIssue(1, header, $"'{headers[column]}' and '{header}' both mean {columns[column].Name}; keep one"));
                continue;
            }

            fields[column] = field;
            headers[column] = header;
        }

        for (var column = 0; column < columns.Count; column++)
        {
            if (fields[column] < 0 && columns[column].Required)
            {
                var accepted = string.Join(", ", columns[column].Synonyms.Prepend(columns[column].Name));
                var hint = reader.FieldCount == 1 ? " (is the file comma or tab separated?)" : string.Empty;
                errors.Add(new ImportIssue(1, columns[column].Name, $"missing column {columns[column].Name} (accepted headers: {accepted}){hint}"));
            }
        }

        if (ignored.Count > 0)
        {
            warnings.Add(new ImportIssue(1, null, "ignored columns: " + string.Join(", ", ignored)));
        }

        return (fields, headers, reader.FieldCount);
    }

    private static bool CheckFieldCount(CsvReader reader, int expected, ImportSession session)
    {
        if (reader.FieldCount == expected)
        {
            return true;
        }

        var delimiter = reader.Delimiter == (byte)'\t' ? "tab" : "comma";
        if (reader.FieldCount < expected)
        {
            return session.Error(null, string.Create(
                CultureInfo.InvariantCulture,
                $"{reader.FieldCount} fields but the header has {expected} (the file is {delimiter} separated)"));
        }

        for (var i = expected; i < reader.FieldCount; i++)
        {
            if (!reader.Field(i).IsEmpty)
            {
                return session.Error(null, string.Create(
                    CultureInfo.InvariantCulture,
                    $"{reader.FieldCount} fields but the header has {expected} (a value containing a {delimiter} must be in quotes)"));
            }
        }

        return true;
    }

    private static string CountTable(ImportKind kind) => kind switch
    {
        ImportKind.ChannelDaily => "channel_daily",
        ImportKind.SkuDaily => "sku_daily",
        ImportKind.Campaigns => "campaign",
        ImportKind.CampaignCosts => "campaign_cost",
        ImportKind.Goals => "goal",
        ImportKind.Buyers => "buyer",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    private static KindHandler CreateHandler(ImportKind kind, ImportSession session) => kind switch
    {
        ImportKind.ChannelDaily => new ChannelDailyHandler(session),
        ImportKind.SkuDaily => new SkuDailyHandler(session),
        ImportKind.Campaigns => new CampaignsHandler(session),
        ImportKind.CampaignCosts => new CampaignCostsHandler(session),
        ImportKind.Goals => new GoalsHandler(session),
        ImportKind.Buyers => new BuyersHandler(session),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };
}
