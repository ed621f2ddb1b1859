namespace Bot.Bench;

/// <summary>Entry point: <c>dotnet bench/Bot.Bench/bin/Release/net10.0/Bot.Bench.dll &lt;verb&gt; [--option value …]</c>; see bench/README.md.</summary>
/// <remarks>Not top-level statements: Bot.Host's <c>Program</c> is the entry point the in-process host is built from.</remarks>
internal static class BenchMain
{
    private const string Usage = """
        Bot.Bench <verb> [--data /tmp/opsbot-bench] [options]
          generate  [--shops 200] [--channels 12] [--years 5] [--today yyyy-MM-dd]   large set as CSV under {data}/csv
          import    [--profile true]                                                 real CsvImporter into a fresh {data}/large.db
          store     [--queries 20000] [--warmup 2000]                                7-day funnel sum p50/p99
          commands  [--iterations 2000] [--warmup 200] [--seconds 15] [--scopes shop,all] [--only text,…] [--today yyyy-MM-dd]
                                                                                     --only: a listed message, a part of some, or any other message as it is
          answers   [--shops 8] [--out {data}/results/answers.txt] [--today yyyy-MM-dd] [--save-alert true]
                                                                                     every command's card JSON, to diff between builds
                                                                                     + card sizes (UTF-8 as sent, UTF-16) in {data}/results/answer-sizes.md
                                                                                     --save-alert: also saves `alert conversion below baseline for 3 days` (all shops; use a copy)
          (--today: start the clock on that day instead of set.json's; --db: another file than {data}/large.db)
          http      [--mode closed|paced|fresh|mixed] [--conversations 50] [--duration 60] [--warmup 10] [--rate 1.0] [--chatty 5] [--port 5391] [--host-dll path]
          machine                                                                    prints the machine line for the README
        """;

    public static async Task<int> Main(string[] args)
    {
        if (args.Length == 0 || args[0] is "-h" or "--help")
        {
            Console.WriteLine(Usage);
            return args.Length == 0 ? 2 : 0;
        }

        var options = new BenchOptions(args[1..]);
        Console.WriteLine("Machine: " + Report.Machine());
        return args[0] switch
        {
            "generate" => LargeSetBench.Generate(options),
            "import" => await ImportBench.RunAsync(options),
            "store" => await StoreBench.RunAsync(options),
            "commands" => await CommandBench.RunAsync(options),
            "answers" => await AnswersDump.RunAsync(options),
            "http" => await HttpLoadBench.RunAsync(options),
            "machine" => 0,
            _ => Fail(args[0]),
        };
    }

    private static int Fail(string verb)
    {
        Console.Error.WriteLine($"Unknown verb '{verb}'.");
        Console.Error.WriteLine(Usage);
        return 2;
    }
}
