using System.Globalization;
using System.Text.Json;
using Bot.Core.Time;

namespace Bot.Bench;

/// <summary>Command-line options (<c>--name value</c>); every verb reads the ones it needs.</summary>
internal sealed class BenchOptions
{
    private readonly Dictionary<string, string> _values = new(StringComparer.OrdinalIgnoreCase);

    public BenchOptions(IReadOnlyList<string> args)
    {
        for (var i = 0; i < args.Count; i++)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal))
            {
                throw new ArgumentException($"Unexpected argument '{args[i]}'; options are --name value.");
            }

            var name = args[i][2..];
            _values[name] = i + 1 < args.Count && !args[i + 1].StartsWith("--", StringComparison.Ordinal) ? args[++i] : "true";
        }
    }

    /// <summary>Everything generated lives here (never in the repository).</summary>
    public string DataDirectory => Get("data", "/tmp/opsbot-bench");

    public string CsvDirectory => Path.Combine(DataDirectory, "csv");

    public string DatabasePath => Get("db", Path.Combine(DataDirectory, "large.db"));

    public string ResultsDirectory => Path.Combine(DataDirectory, "results");

    public string SetFile => Path.Combine(DataDirectory, "set.json");

    /// <summary>
    /// The set <c>generate</c> wrote; <c>--today yyyy-MM-dd</c> moves the clock the in-process verbs start at (e.g. the
    /// alerts bench's file, whose data runs past the set's today: each of its runs adds days).
    /// </summary>
    public LargeSetInfo LoadSet()
    {
        var set = LargeSetInfo.Load(SetFile);
        return Get("today", string.Empty) is { Length: > 0 } text
            ? set with { Today = DateOnly.ParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture) }
            : set;
    }

    public string Get(string name, string fallback) => _values.TryGetValue(name, out var value) ? value : fallback;

    public int Int(string name, int fallback) => _values.TryGetValue(name, out var value) ? int.Parse(value, CultureInfo.InvariantCulture) : fallback;

    public bool Flag(string name) => _values.TryGetValue(name, out var value) && bool.Parse(value);

    /// <summary>The team's today in Asia/Shanghai, from the real clock (what the host will call today).</summary>
    public static DateOnly TeamToday()
    {
        TeamClock.TryFindZone("Asia/Shanghai", out var zone);
        return new TeamClock(TimeProvider.System, zone).Today();
    }
}

/// <summary>What <c>generate</c> produced: read back by the later verbs so their periods hit the data.</summary>
internal sealed record LargeSetInfo(DateOnly Today, int Shops, int Channels, int Years, int SkusPerShop, int BuyersPerShop, IReadOnlyList<string> ShopCodes)
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    public DateOnly LastDay => Today.AddDays(-1);

    public void Save(string path) => File.WriteAllText(path, JsonSerializer.Serialize(this, Json));

    public static LargeSetInfo Load(string path) =>
        File.Exists(path)
            ? JsonSerializer.Deserialize<LargeSetInfo>(File.ReadAllText(path), Json) ?? throw new InvalidDataException(path)
            : throw new FileNotFoundException($"{path} is missing: run the 'generate' verb first.", path);
}
