using Bot.Core.DataFiles;
using Bot.Core.Messaging;
using Bot.Core.Replies;
using Bot.Core.Security;
using Microsoft.Extensions.Logging;

namespace Bot.Core.Commands.DataFiles;

/// <summary>
/// <c>import [kind]</c> with a CSV file attached (or just the file): imports it all or nothing, for importers and admins.
/// Without a file it says how, with the kinds and their columns.
/// </summary>
public sealed class ImportCommand(
    Roles roles,
    ILogger<ImportCommand> logger,
    IDataImport? import = null,
    IAttachmentReader? files = null,
    ImportLimits? limits = null) : ICommandHandler
{
    /// <summary>Errors listed on the card; the rest are counted (the importer stops after its own limit).</summary>
    public const int ErrorsShown = 10;

    public const int WarningsShown = 5;

    public CommandInfo Info { get; } = new(
        Verb: "import",
        Aliases: ["导入", "导入数据", "上传数据", "import data", "upload"],
        Usage: "import [kind] — with the CSV file attached (1:1 chat)",
        Example: "import channel-daily",
        Summary: "Import a CSV file of shop data sent in chat (all or nothing)")
    {
        TakesFiles = true,
        Group = CommandGroups.Data,
        Who = "importers (Roles:Importers) and admins; files only in a 1:1 chat",
    };

    private long MaxBytes => (limits ?? ImportLimits.Default).MaxFileBytes;

    public async Task<Reply> HandleAsync(CommandRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (import is null || files is null)
        {
            return Reply.Problem("Importing in chat is not set up", "This bot was started without a data store to import into.");
        }

        var message = request.Message;
        var kindText = string.Join(' ', TextNormalizer.Tokens(request.Args).Where(t => !Filler.Contains(t)));
        string? kind = null;
        if (kindText.Length > 0)
        {
            kind = FindKind(kindText);
            if (kind is null)
            {
                return Reply.Problem(
                    $"I don't know the kind '{Shorten(kindText)}'",
                    $"Kinds: {KindNames()}. Or leave the kind out: I tell it from the file's header.",
                    $"For example `{Info.Example}` with the file attached.");
            }
        }

        if (message.Files.Count == 0)
        {
            return HowTo(message, roles.MayImport(message.From));
        }

        if (!roles.MayImport(message.From))
        {
            return NotAllowed(message.From);
        }

        var results = new List<FileOutcome>();
        foreach (var file in message.Files)
        {
            results.Add(await ImportFileAsync(file, kind, message.From, cancellationToken));
        }

        return Compose(results);
    }

    private async Task<FileOutcome> ImportFileAsync(IncomingFile file, string? kind, Caller caller, CancellationToken cancellationToken)
    {
        if (!file.IsCsv)
        {
            return new FileOutcome(file.Name, null, "is not a CSV file. In Excel use Save As → \"CSV UTF-8 (Comma delimited)\" and send that file.");
        }

        try
        {
            await using var content = await files!.OpenAsync(file, MaxBytes, cancellationToken);
            var report = await import!.ImportAsync(kind, content, "chat:" + (caller.Name ?? caller.Id), cancellationToken);
            logger.LogInformation(
                "Chat import of {File} by {Caller}: {Kind}, {Outcome}, {Rows} rows",
                file.Name,
                caller.AadObjectId ?? caller.Id,
                report.Kind ?? "(kind unknown)",
                report.Succeeded ? "imported" : "refused",
                report.Rows);
            return new FileOutcome(file.Name, report, null);
        }
        catch (AttachmentUnavailableException ex)
        {
            logger.LogWarning("Could not read {File} attached by {Caller}: {Reason}", file.Name, caller.AadObjectId ?? caller.Id, ex.Message);
            return new FileOutcome(file.Name, null, ex.Message);
        }
    }

    private Reply Compose(IReadOnlyList<FileOutcome> results)
    {
        var blocks = new List<ReplyBlock>();
        foreach (var result in results)
        {
            blocks.AddRange(Describe(result, results.Count > 1));
        }

        var failed = results.Where(r => r.Report?.Succeeded != true).ToList();
        var imported = results.Count - failed.Count;
        string title;
        if (failed.Count == 0)
        {
            title = results.Count == 1
                ? TextNormalizer.Invariant($"Imported {results[0].Report!.Rows:N0} {results[0].Report!.Kind} rows")
                : TextNormalizer.Invariant($"Imported {results.Count} files");
        }
        else
        {
            title = results.Count == 1
                ? $"Nothing imported from {results[0].Name}"
                : TextNormalizer.Invariant($"Imported {imported} of {results.Count} files; nothing from {string.Join(", ", failed.Select(f => f.Name))}");
        }

        if (imported > 0)
        {
            blocks.Add(new TextBlock("The new numbers answer from now on; alert rules were checked against them.", Tone.Subtle));
        }

        return new Reply(title, blocks)
        {
            Subtitle = "Import 导入数据 · all or nothing per file",
            Kind = failed.Count == 0 ? ReplyKind.Answer : ReplyKind.Problem,
            Summary = title,
        };
    }

    private IEnumerable<ReplyBlock> Describe(FileOutcome result, bool several)
    {
        var name = result.Name;
        if (several)
        {
            yield return new TextBlock(name, Heading: true);
        }

        if (result.Report is not { } report)
        {
            yield return new TextBlock($"{name} {result.Problem}", Tone.Bad);
            yield break;
        }

        if (report.Kind is null)
        {
            yield return new TextBlock(
                report.KindCandidates.Count == 0
                    ? $"I could not tell what {name} holds: its header has the columns of none of the kinds ({KindNames()})."
                    : $"{name} could be {string.Join(" or ", report.KindCandidates)}.",
                Tone.Bad);
            yield return new TextBlock($"Send it again with the kind, e.g. `import {(report.KindCandidates.Count > 0 ? report.KindCandidates[0] : "channel-daily")}`; `import` alone lists the columns of each kind.");
            yield break;
        }

        if (!report.Succeeded)
        {
            var more = report.ErrorsTruncated ? "+" : string.Empty;
            var errors = report.Errors.Count == 1 ? "1 error" : TextNormalizer.Invariant($"{report.Errors.Count}{more} errors");
            yield return new TextBlock($"{name} ({report.Kind}) has {errors}, so nothing from it was written:", Tone.Bad);
            yield return IssueTable(report.Errors.Take(ErrorsShown));
            if (report.Errors.Count > ErrorsShown || report.ErrorsTruncated)
            {
                yield return new TextBlock(TextNormalizer.Invariant($"…and {report.Errors.Count - ErrorsShown}{more} more."), Tone.Subtle);
            }

            yield return new TextBlock("Fix those lines (line 1 is the header) and send the file again.");
            yield break;
        }

        yield return new FactBlock(
        [
            new Fact("File", name),
            new Fact("Kind", report.Kind),
            new Fact("Rows", TextNormalizer.Invariant($"{report.Rows:N0} ({report.Inserted:N0} new, {report.Replaced:N0} replaced)")),
            new Fact("Days", Span(report.FirstDay, report.LastDay)),
            new Fact("Took", TextNormalizer.Invariant($"{report.Elapsed.TotalSeconds:0.00} s")),
        ]);
        if (report.RegisteredShops.Count > 0)
        {
            yield return new TextBlock("New shops registered under their code: " + string.Join(", ", report.RegisteredShops) + " (`shops` lists every shop).");
        }

        if (report.RegisteredChannels.Count > 0)
        {
            yield return new TextBlock("New channels registered: " + string.Join(", ", report.RegisteredChannels) + ".");
        }

        if (report.WarningCount > 0)
        {
            yield return new TextBlock(TextNormalizer.Invariant($"{report.WarningCount:N0} {(report.WarningCount == 1 ? "warning" : "warnings")} — imported anyway, worth a look:"), Tone.Warning);
            yield return IssueTable(report.Warnings.Take(WarningsShown));
        }
    }

    /// <summary>"2026-11-20..2026-11-21", one day alone, or "—" for kinds that are not daily.</summary>
    internal static string Span(DateOnly? first, DateOnly? last) => (first, last) switch
    {
        ({ } f, { } l) when f == l => TextNormalizer.Invariant($"{f:yyyy-MM-dd}"),
        ({ } f, { } l) => TextNormalizer.Invariant($"{f:yyyy-MM-dd}..{l:yyyy-MM-dd}"),
        _ => "—",
    };

    private static TableBlock IssueTable(IEnumerable<DataImportIssue> issues) =>
        new(["Line", "Column", "Problem"], [.. issues.Select(i => (IReadOnlyList<Cell>)[new Cell(TextNormalizer.Invariant($"{i.Line}")), new Cell(i.Column ?? "—"), new Cell(i.Message)])])
        {
            Widths = [1, 2, 6],
        };

    private Reply HowTo(IncomingMessage message, bool allowed)
    {
        var blocks = new List<ReplyBlock>
        {
            new TextBlock("Send me the CSV file in a 1:1 chat with `import` as the message (or `import sku-daily` to name the kind; a file alone works too): I tell the kind from its header, English or Chinese."),
            new TextBlock("All or nothing: if any line is wrong, nothing from the file is written and I list the lines to fix. Rows with the same keys (day, shop, channel …) replace what is there."),
        };
        if (!message.Conversation.IsPersonal)
        {
            blocks.Add(new TextBlock("This is a group conversation: Teams gives bots files only in a 1:1 chat, so send the file to me there.", Tone.Warning));
        }

        if (!allowed)
        {
            blocks.Add(new TextBlock(NotAllowedText(message.From), Tone.Warning));
        }

        blocks.Add(new TableBlock(
            ["Kind", "Columns it needs", "中文表头"],
            [.. import!.Kinds.Select(k => (IReadOnlyList<Cell>)[new Cell(k.Name), new Cell(string.Join(", ", k.RequiredColumns)), new Cell(string.Join("、", k.ChineseColumns))])])
        {
            Widths = [2, 5, 4],
        });
        return new Reply("Import data 导入数据", blocks)
        {
            Subtitle = "CSV, UTF-8, header in line 1",
            Summary = "How to import data: send the CSV file with `import`",
        };
    }

    private static Reply NotAllowed(Caller caller) =>
        Reply.Problem("Only importers can import data", NotAllowedText(caller), "Nothing was read or written.");

    private static string NotAllowedText(Caller caller) =>
        $"Importing is for the people listed as importers (Roles:Importers) and admins (Roles:Admins). If you should be one, ask your admin to add your id: {caller.AadObjectId ?? caller.Id}.";

    /// <summary>The kind named in the words ("channel-daily", "Channel_Daily", "sku daily"), the longest name first.</summary>
    private string? FindKind(string text)
    {
        var key = Key(text);
        return import!.Kinds.OrderByDescending(k => k.Name.Length).FirstOrDefault(k => key.Contains(Key(k.Name), StringComparison.Ordinal))?.Name;
    }

    // Words around a kind that do not change what is imported: "import this file please", "导入 这个 文件".
    private static readonly HashSet<string> Filler = new(StringComparer.Ordinal)
    {
        "this", "the", "a", "file", "files", "csv", "data", "please", "pls", "my", "our", "it", "these", "attached", "here", "is",
        "请", "这个", "文件", "数据", "附件", "一下", "帮我",
    };

    private string KindNames() => string.Join(", ", import!.Kinds.Select(k => k.Name));

    private static string Key(string text) => new([.. text.Where(char.IsLetterOrDigit).Select(char.ToLowerInvariant)]);

    private static string Shorten(string text) => text.Length > 30 ? text[..30] + "…" : text;

    private sealed record FileOutcome(string Name, DataImportReport? Report, string? Problem);
}
