using System.Globalization;
using System.Text;
using Bot.Core.Time;
using Bot.Storage.Demo;
using Bot.Storage.Export;
using Bot.Storage.Import;

namespace Bot.Host.Cli;

/// <summary>The data verbs: <c>import &lt;kind&gt; &lt;file&gt; [--register-channels]</c>, <c>export &lt;kind&gt; [file]</c>, <c>seed-demo</c>.</summary>
/// <remarks>Output meant for scripts goes to stdout (the summary line, the CSV); errors and warnings go to stderr.</remarks>
internal static class DataCommands
{
    private const string RegisterChannelsFlag = "--register-channels";

    /// <summary>Verbs that must not trigger the automatic demo seeding: they load or read the user's own data.</summary>
    public static bool IsDataVerb(string[] args) =>
        args.Length > 0 && args[0].ToLowerInvariant() is "import" or "export" or "seed-demo";

    public static async Task<int> ImportAsync(WebApplication app, string[] args)
    {
        var register = args.Any(a => string.Equals(a, RegisterChannelsFlag, StringComparison.OrdinalIgnoreCase));
        var positional = args.Where(a => !a.StartsWith("--", StringComparison.Ordinal)).ToArray();
        if (positional.Length != 2)
        {
            return Usage($"usage: import <kind> <file> [{RegisterChannelsFlag}]   (kinds: {ImportKinds.Names}; file '-' reads stdin)");
        }

        if (!ImportKinds.TryParse(positional[0], out var kind))
        {
            return Usage($"unknown kind '{positional[0]}'; kinds: {ImportKinds.Names}");
        }

        var path = positional[1];
        if (path != "-" && !File.Exists(path))
        {
            return Usage($"file not found: {Path.GetFullPath(path)}");
        }

        var importer = app.Services.GetRequiredService<CsvImporter>();
        ImportResult result;
        await using (var stream = path == "-"
            ? Console.OpenStandardInput()
            : new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan))
        {
            result = await importer.ImportAsync(kind, stream, new ImportOptions(register) { Source = "cli" }, CancellationToken.None);
        }

        var stderr = Console.Error;
        if (!result.Succeeded)
        {
            await stderr.WriteLineAsync($"{ImportKinds.Name(kind)}: import refused, nothing was written. Errors:");
            foreach (var error in result.Errors)
            {
                await stderr.WriteLineAsync("  " + error);
            }

            if (result.ErrorsTruncated)
            {
                await stderr.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"  … stopped after {CsvImporter.MaxIssues} errors"));
            }

            return 1;
        }

        foreach (var warning in result.Warnings)
        {
            await stderr.WriteLineAsync("warning: " + warning);
        }

        await Console.Out.WriteLineAsync(result.Summary);

        // Same reactions as an HTTP import (alert evaluation, mutes that end on the next import); what they queue in
        // the shared outbox is delivered by the running bot.
        await app.Services.GetRequiredService<DataImportNotifier>().NotifyAsync(new DataImported(result, "cli"), CancellationToken.None);
        return 0;
    }

    public static async Task<int> ExportAsync(WebApplication app, string[] args)
    {
        if (args.Length is < 1 or > 2)
        {
            return Usage($"usage: export <kind> [file]   (kinds: {ImportKinds.Names}; without a file the CSV goes to stdout)");
        }

        if (!ImportKinds.TryParse(args[0], out var kind))
        {
            return Usage($"unknown kind '{args[0]}'; kinds: {ImportKinds.Names}");
        }

        var exporter = app.Services.GetRequiredService<CsvExporter>();
        if (args.Length == 1)
        {
            await using var stdout = new StreamWriter(Console.OpenStandardOutput(), new UTF8Encoding(false), 1 << 16);
            await exporter.ExportAsync(kind, stdout, CancellationToken.None);
            return 0;
        }

        var path = Path.GetFullPath(args[1]);
        if (Path.GetDirectoryName(path) is { Length: > 0 } directory)
        {
            Directory.CreateDirectory(directory);
        }

        long rows;
        // With a BOM, Excel opens the Chinese names correctly; import accepts files with or without one.
        await using (var file = new StreamWriter(path, false, new UTF8Encoding(true), 1 << 16))
        {
            rows = await exporter.ExportAsync(kind, file, CancellationToken.None);
        }

        await Console.Error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"{ImportKinds.Name(kind)}: exported {rows:N0} rows to {path}"));
        return 0;
    }

    public static async Task<int> SeedDemoAsync(WebApplication app, string[] args)
    {
        var recovered = args is ["--recovered"];
        if (args.Length > 0 && !recovered)
        {
            return Usage("""
                usage: seed-demo               loads the deterministic demo data up to yesterday (rows with the same keys are replaced)
                       seed-demo --recovered   replaces the demo's conversion dip (tmall-flagship, last 5 days) with recovered numbers
                """);
        }

        var today = app.Services.GetRequiredService<TeamClock>().Today();
        var seeder = app.Services.GetRequiredService<DemoSeeder>();
        var options = DemoDataOptions.Demo(today);
        IReadOnlyList<ImportResult> results = recovered
            ? [await seeder.SeedRecoveredDipAsync(options, CancellationToken.None)]
            : await seeder.SeedAsync(options, CancellationToken.None);
        foreach (var result in results)
        {
            await Console.Out.WriteLineAsync(result.Summary);
        }

        // New numbers, like any import: alerts are evaluated (the running bot delivers what that queues).
        var notifier = app.Services.GetRequiredService<DataImportNotifier>();
        foreach (var result in results)
        {
            await notifier.NotifyAsync(new DataImported(result, "cli"), CancellationToken.None);
        }

        return 0;
    }

    private static int Usage(string message)
    {
        Console.Error.WriteLine(message);
        return 2;
    }
}
