using System.Globalization;
using System.Text;

namespace Bot.Core.Replies;

/// <summary>Flattens a <see cref="Reply"/> to readable plain text: the console channel and the card's text fallback.</summary>
public static class ReplyText
{
    public static string Render(Reply reply)
    {
        ArgumentNullException.ThrowIfNull(reply);
        var text = new StringBuilder();
        text.AppendLine(reply.Title);
        if (reply.Subtitle is { } subtitle)
        {
            text.AppendLine(subtitle);
        }

        foreach (var block in reply.Blocks)
        {
            text.AppendLine();
            AppendBlock(text, block);
        }

        if (reply.Buttons.Count > 0)
        {
            text.AppendLine();
            text.AppendLine("[" + string.Join("] [", reply.Buttons.Select(b => b.Title)) + "]");
        }

        return text.ToString().TrimEnd();
    }

    private static void AppendBlock(StringBuilder text, ReplyBlock block)
    {
        switch (block)
        {
            case TextBlock t:
                text.AppendLine(t.Heading ? $"## {t.Text}" : t.Text);
                break;
            case FactBlock f:
                var width = f.Facts.Count == 0 ? 0 : f.Facts.Max(x => DisplayWidth(x.Label));
                foreach (var fact in f.Facts)
                {
                    text.AppendLine(CultureInfo.InvariantCulture, $"{Pad(fact.Label, width)}  {fact.Value}");
                }

                break;
            case MetricBlock m:
                var labelWidth = m.Lines.Count == 0 ? 0 : m.Lines.Max(x => DisplayWidth(x.Label));
                foreach (var line in m.Lines)
                {
                    var changes = string.Join("  ", line.Changes.Select(c => $"{c.Label} {c.Text}"));
                    text.AppendLine(string.Concat(Pad(line.Label, labelWidth), "  ", line.Value, "  ", changes).TrimEnd());
                    if (line.Note is { } note)
                    {
                        text.AppendLine(CultureInfo.InvariantCulture, $"{Pad(string.Empty, labelWidth)}  {note}");
                    }
                }

                break;
            case TableBlock table:
                AppendTable(text, table);
                break;
            case ChartBlock chart:
                text.AppendLine(CultureInfo.InvariantCulture, $"{chart.Title}: {chart.Sparkline}");
                break;
            default:
                throw new NotSupportedException($"No text rendering for {block.GetType().Name}.");
        }
    }

    private static void AppendTable(StringBuilder text, TableBlock table)
    {
        if (table.Caption is { } caption)
        {
            text.AppendLine(caption);
        }

        var columns = table.Headers.Count;
        var widths = new int[columns];
        for (var c = 0; c < columns; c++)
        {
            widths[c] = Math.Max(DisplayWidth(table.Headers[c]), table.Rows.Select(r => c < r.Count ? DisplayWidth(r[c].Text) : 0).DefaultIfEmpty(0).Max());
        }

        text.AppendLine(string.Join("  ", table.Headers.Select((h, c) => Pad(h, widths[c]))).TrimEnd());
        foreach (var row in table.Rows)
        {
            text.AppendLine(string.Join("  ", row.Select((cell, c) => c == 0 || !cell.LooksNumeric ? Pad(cell.Text, widths[Math.Min(c, columns - 1)]) : PadLeft(cell.Text, widths[Math.Min(c, columns - 1)]))).TrimEnd());
        }
    }

    // CJK characters take two columns in a terminal; padding by char count would misalign Chinese labels.
    internal static int DisplayWidth(string s) => s.Sum(ch => ch >= 0x1100 && IsWide(ch) ? 2 : 1);

    private static bool IsWide(char ch) =>
        ch is (>= '\u1100' and <= '\u115F') or (>= '\u2E80' and <= '\uA4CF') or (>= '\uAC00' and <= '\uD7A3')
            or (>= '\uF900' and <= '\uFAFF') or (>= '\uFE30' and <= '\uFE4F') or (>= '\uFF00' and <= '\uFF60') or (>= '\uFFE0' and <= '\uFFE6');

    private static string Pad(string s, int width) => s + new string(' ', Math.Max(0, width - DisplayWidth(s)));

    private static string PadLeft(string s, int width) => new string(' ', Math.Max(0, width - DisplayWidth(s))) + s;
}
