using System.Diagnostics;
using System.Globalization;
using System.Text;
using Bot.Storage.Demo;
using Bot.Storage.Import;

namespace Bot.Bench;

/// <summary><c>generate</c>: the large set as canonical CSV files, written by the project's own demo generator.</summary>
/// <remarks>
/// <see cref="DemoDataOptions.Large"/> is 200 shops × 12 channels × 5 years of channel-daily rows (≈ 4.4 M) with
/// 8 SKUs per shop of sku-daily (≈ 2.9 M rows), campaigns (618 and 双11 each year) with fixed costs, goals and
/// 500 buyers per shop — every kind the commands read. Channels 10–12 (affiliate, membership, brand_zone) are
/// not in the shipped registry: the import registers them (<see cref="ImportOptions.RegisterUnknownChannels"/>).
/// </remarks>
internal static class LargeSetBench
{
    public static int Generate(BenchOptions options)
    {
        var today = options.Get("today", string.Empty) is { Length: > 0 } text
            ? DateOnly.ParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture)
            : BenchOptions.TeamToday();
        var demo = DemoDataOptions.Large(today, options.Int("shops", 200), options.Int("channels", 12), options.Int("years", 5));
        var generator = new DemoDataGenerator(demo);
        Directory.CreateDirectory(options.DataDirectory);
        if (Directory.Exists(options.CsvDirectory))
        {
            Directory.Delete(options.CsvDirectory, recursive: true);
        }

        Console.WriteLine($"Generating {demo.Shops} shops × {demo.Channels} channels × {demo.Years} years ({demo.FirstDay:yyyy-MM-dd}..{demo.LastDay:yyyy-MM-dd}) into {options.CsvDirectory}");
        var rows = new List<IReadOnlyList<string>>();
        var total = Stopwatch.StartNew();
        Directory.CreateDirectory(options.CsvDirectory);
        foreach (var kind in ImportKinds.All)
        {
            var path = Path.Combine(options.CsvDirectory, ImportKinds.Name(kind) + ".csv");
            var stopwatch = Stopwatch.StartNew();
            using (var writer = new StreamWriter(path, false, new UTF8Encoding(false), 1 << 20))
            {
                generator.Write(kind, writer);
            }

            var lines = CountLines(path) - 1;
            var size = new FileInfo(path).Length;
            rows.Add([ImportKinds.Name(kind), Report.N(lines), Report.F(size / 1048576.0, 1), Report.F(stopwatch.Elapsed.TotalSeconds, 1)]);
            Console.WriteLine($"  {ImportKinds.Name(kind),-15} {lines,12:N0} rows {size / 1048576.0,9:F1} MiB in {stopwatch.Elapsed.TotalSeconds:F1} s");
        }

        new LargeSetInfo(today, demo.Shops, demo.Channels, demo.Years, demo.SkusPerShop, demo.BuyersPerShop, [.. generator.Shops.Select(s => s.Code)]).Save(options.SetFile);
        var markdown = new StringBuilder()
            .AppendLine(CultureInfo.InvariantCulture, $"Large set: {demo.Shops} shops × {demo.Channels} channels × {demo.Years} years, {demo.FirstDay:yyyy-MM-dd}..{demo.LastDay:yyyy-MM-dd} (today = {today:yyyy-MM-dd}), {demo.SkusPerShop} SKUs and {demo.BuyersPerShop} buyers per shop; generated in {total.Elapsed.TotalSeconds:F0} s.")
            .AppendLine()
            .Append(Report.Table(["kind", "rows", "CSV MiB", "generate s"], rows))
            .ToString();
        Report.Publish(options, "generate", markdown);
        return 0;
    }

    private static long CountLines(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20, FileOptions.SequentialScan);
        var buffer = new byte[1 << 20];
        long lines = 0;
        int read;
        while ((read = stream.Read(buffer)) > 0)
        {
            lines += buffer.AsSpan(0, read).Count((byte)'\n');
        }

        return lines;
    }
}
