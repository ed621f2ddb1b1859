namespace Bot.Host.Cli;

/// <summary>Command-line verbs of the host (<c>dotnet run --project src/Bot.Host -- chat</c>, …).</summary>
internal static class CliCommands
{
    private static readonly Dictionary<string, Func<WebApplication, string[], Task<int>>> Verbs = new(StringComparer.OrdinalIgnoreCase)
    {
        ["chat"] = ConsoleChat.RunAsync,
        ["dump-cards"] = CardCatalogue.RunAsync,
        ["import"] = DataCommands.ImportAsync,
        ["export"] = DataCommands.ExportAsync,
        ["seed-demo"] = DataCommands.SeedDemoAsync,
    };

    public static bool IsCli(string[] args) => args.Length > 0 && Verbs.ContainsKey(args[0]);

    public static Task<int> RunAsync(WebApplication app, string[] args) => Verbs[args[0]](app, args[1..]);
}
