using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Bot.Bench;

/// <summary>Timings in Stopwatch ticks, summarised as percentiles in milliseconds.</summary>
internal sealed class Samples(int capacity = 1024)
{
    private readonly List<long> _ticks = new(capacity);
    private long[]? _sorted;

    public int Count => _ticks.Count;

    public void Add(long ticks)
    {
        _ticks.Add(ticks);
        _sorted = null;
    }

    public void AddRange(Samples other)
    {
        ArgumentNullException.ThrowIfNull(other);
        _ticks.AddRange(other._ticks);
        _sorted = null;
    }

    /// <summary>Nearest-rank percentile (p in 0..100) in milliseconds.</summary>
    public double Percentile(double p)
    {
        if (_ticks.Count == 0)
        {
            return double.NaN;
        }

        _sorted ??= [.. _ticks.Order()];
        var rank = (int)Math.Ceiling(p / 100.0 * _sorted.Length);
        return Ms(_sorted[Math.Clamp(rank - 1, 0, _sorted.Length - 1)]);
    }

    public double P50 => Percentile(50);

    public double P90 => Percentile(90);

    public double P99 => Percentile(99);

    public double Max => Percentile(100);

    public double Mean => _ticks.Count == 0 ? double.NaN : Ms((long)_ticks.Average());

    public static double Ms(long ticks) => ticks * 1000.0 / Stopwatch.Frequency;
}

/// <summary>Markdown output: what the run printed is what goes into bench/README.md.</summary>
internal static class Report
{
    public static string F(double value, int decimals = 3) =>
        double.IsNaN(value) ? "—" : value.ToString("N" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);

    public static string N(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    public static string Verdict(bool pass) => pass ? "PASS" : "MISS";

    public static string Table(IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<string>> rows)
    {
        var text = new StringBuilder();
        text.Append("| ").AppendJoin(" | ", headers).AppendLine(" |");
        text.Append('|').AppendJoin('|', headers.Select(h => h.Length > 0 && char.IsDigit(h[0]) ? "---:" : "---")).AppendLine("|");
        foreach (var row in rows)
        {
            text.Append("| ").AppendJoin(" | ", row).AppendLine(" |");
        }

        return text.ToString();
    }

    /// <summary>Prints the section and writes it to <c>{results}/{name}.md</c>, so README tables are copied, not retyped.</summary>
    public static void Publish(BenchOptions options, string name, string markdown)
    {
        ArgumentNullException.ThrowIfNull(options);
        Console.WriteLine();
        Console.WriteLine(markdown);
        Directory.CreateDirectory(options.ResultsDirectory);
        File.WriteAllText(Path.Combine(options.ResultsDirectory, name + ".md"), markdown);
    }

    public static string Machine()
    {
        var cpu = File.Exists("/proc/cpuinfo")
            ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim()
            : null;
        var memory = GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / (1024.0 * 1024 * 1024);
        return string.Create(
            CultureInfo.InvariantCulture,
            $"{Environment.ProcessorCount} cores ({cpu ?? "unknown CPU"}), {memory:F1} GiB RAM, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}, .NET {Environment.Version}, Server GC {System.Runtime.GCSettings.IsServerGC}");
    }
}
