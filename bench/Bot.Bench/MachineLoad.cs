using System.Diagnostics;
using System.Globalization;

namespace Bot.Bench;

/// <summary>Other work on the machine (builds, tests) skews timings: wait for a quiet moment, and say how busy it was.</summary>
internal static class MachineLoad
{
    /// <summary>The 1-, 5- and 15-minute load averages ("0.12 0.30 0.41"), or "n/a" off Linux.</summary>
    public static string Averages() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";

    public static double OneMinute() =>
        File.Exists("/proc/loadavg") ? double.Parse(File.ReadAllText("/proc/loadavg").Split(' ')[0], CultureInfo.InvariantCulture) : 0;

    /// <summary>With <c>--wait-quiet S</c>, waits up to S seconds for the 1-minute load average to drop below <c>--quiet-load</c> (default 1.0).</summary>
    public static async Task WaitQuietAsync(BenchOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var limit = TimeSpan.FromSeconds(options.Int("wait-quiet", 0));
        var threshold = double.Parse(options.Get("quiet-load", "1.0"), CultureInfo.InvariantCulture);
        var waited = Stopwatch.StartNew();
        while (waited.Elapsed < limit && OneMinute() >= threshold)
        {
            Console.WriteLine($"  waiting for a quiet machine: load average {Averages()} (want < {threshold:F1}; {waited.Elapsed.TotalSeconds:F0}/{limit.TotalSeconds:F0} s)");
            await Task.Delay(TimeSpan.FromSeconds(15));
        }
    }

    /// <summary>This process's user + system CPU time.</summary>
    public static TimeSpan ProcessCpu()
    {
        using var self = Process.GetCurrentProcess();
        return self.TotalProcessorTime;
    }
}
