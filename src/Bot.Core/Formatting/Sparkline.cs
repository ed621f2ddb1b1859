namespace Bot.Core.Formatting;

/// <summary>A Unicode sparkline (▁▂▃▄▅▆▇█) that every chat client can show; a gap for days without data.</summary>
public static class Sparkline
{
    private const string Bars = "▁▂▃▄▅▆▇█";

    public static string Render(IReadOnlyList<double?> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var present = values.Where(v => v.HasValue).Select(v => v!.Value).ToList();
        if (present.Count == 0)
        {
            return string.Empty;
        }

        var min = present.Min();
        var max = present.Max();
        var span = max - min;
        return string.Concat(values.Select(v => v is not { } x ? ' ' : span == 0 ? Bars[3] : Bars[(int)Math.Round((x - min) / span * (Bars.Length - 1))]));
    }
}
