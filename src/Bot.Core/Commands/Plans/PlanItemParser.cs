using System.Globalization;
using System.Text.RegularExpressions;
using Bot.Core.Metrics;
using Bot.Core.Periods;
using Bot.Core.Plans;

namespace Bot.Core.Commands.Plans;

/// <summary>Reads the words after a plan verb: an item (<c>text [mon..sun] [owner @name] [metric m]</c>), a number, a name.</summary>
/// <remarks>
/// Works on the text as typed (case and punctuation kept), because the item text is shown back to the team.
/// Teams turns "@Ana Ops" into a mention whose text is just "Ana Ops", so "owner" alone also introduces a name.
/// </remarks>
public static partial class PlanItemParser
{
    /// <summary>Longest item text kept.</summary>
    public const int MaxTextLength = 200;

    private static readonly Dictionary<string, DayOfWeek> Days = new(StringComparer.OrdinalIgnoreCase)
    {
        ["mon"] = DayOfWeek.Monday, ["monday"] = DayOfWeek.Monday, ["周一"] = DayOfWeek.Monday, ["星期一"] = DayOfWeek.Monday, ["礼拜一"] = DayOfWeek.Monday,
        ["tue"] = DayOfWeek.Tuesday, ["tues"] = DayOfWeek.Tuesday, ["tuesday"] = DayOfWeek.Tuesday, ["周二"] = DayOfWeek.Tuesday, ["星期二"] = DayOfWeek.Tuesday, ["礼拜二"] = DayOfWeek.Tuesday,
        ["wed"] = DayOfWeek.Wednesday, ["wednesday"] = DayOfWeek.Wednesday, ["周三"] = DayOfWeek.Wednesday, ["星期三"] = DayOfWeek.Wednesday, ["礼拜三"] = DayOfWeek.Wednesday,
        ["thu"] = DayOfWeek.Thursday, ["thur"] = DayOfWeek.Thursday, ["thurs"] = DayOfWeek.Thursday, ["thursday"] = DayOfWeek.Thursday, ["周四"] = DayOfWeek.Thursday, ["星期四"] = DayOfWeek.Thursday, ["礼拜四"] = DayOfWeek.Thursday,
        ["fri"] = DayOfWeek.Friday, ["friday"] = DayOfWeek.Friday, ["周五"] = DayOfWeek.Friday, ["星期五"] = DayOfWeek.Friday, ["礼拜五"] = DayOfWeek.Friday,
        ["sat"] = DayOfWeek.Saturday, ["saturday"] = DayOfWeek.Saturday, ["周六"] = DayOfWeek.Saturday, ["星期六"] = DayOfWeek.Saturday, ["礼拜六"] = DayOfWeek.Saturday,
        ["sun"] = DayOfWeek.Sunday, ["sunday"] = DayOfWeek.Sunday, ["周日"] = DayOfWeek.Sunday, ["周天"] = DayOfWeek.Sunday, ["星期日"] = DayOfWeek.Sunday, ["星期天"] = DayOfWeek.Sunday, ["礼拜天"] = DayOfWeek.Sunday,
    };

    private static readonly HashSet<string> OwnerWords = new(StringComparer.OrdinalIgnoreCase) { "owner", "owners", "负责人", "负责" };
    private static readonly HashSet<string> MetricWords = new(StringComparer.OrdinalIgnoreCase) { "metric", "kpi", "指标" };

    /// <summary>The text after the first of <paramref name="names"/> in <paramref name="raw"/> (case-insensitive), or null if none occurs.</summary>
    /// <remarks>Names are normalized command names; the raw text may have other spacing, full-width letters or capitals.</remarks>
    public static string? After(string raw, IEnumerable<string> names)
    {
        ArgumentNullException.ThrowIfNull(raw);
        ArgumentNullException.ThrowIfNull(names);
        var folded = raw.Normalize(System.Text.NormalizationForm.FormKC);
        Match? best = null;
        foreach (var name in names.OrderByDescending(n => n.Length))
        {
            var pattern = string.Join(@"\s*", name.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(Regex.Escape));
            var boundary = TextNormalizer.IsWordChar(name[0]) ? @"(?<![\p{L}\p{N}])" : string.Empty;
            var match = Regex.Match(folded, boundary + pattern, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
            if (match.Success && (best is null || match.Index < best.Index))
            {
                best = match;
            }
        }

        return best is null ? null : folded[(best.Index + best.Length)..].Trim().TrimStart(':', '：').Trim();
    }

    /// <summary>Parses <c>text [mon..sun] [owner @name] [metric m]</c>; options may come in any order after the text.</summary>
    public static Parsed<PlanItem> ParseItem(string words)
    {
        ArgumentNullException.ThrowIfNull(words);
        var tokens = Tokens(words);
        var text = new List<string>();
        var owner = new List<string>();
        var metric = new List<string>();
        DayOfWeek? day = null;
        var mode = 0; // 0 text, 1 owner, 2 metric
        var ownerGiven = false;
        var metricGiven = false;
        foreach (var token in tokens)
        {
            if (OwnerWords.Contains(token))
            {
                mode = 1;
                ownerGiven = true;
                continue;
            }

            if (MetricWords.Contains(token))
            {
                mode = 2;
                metricGiven = true;
                continue;
            }

            if (token.StartsWith('@') || token.StartsWith('＠'))
            {
                mode = 1;
                ownerGiven = true;
                if (token.Length > 1)
                {
                    owner.Add(token[1..]);
                }

                continue;
            }

            if (mode != 0 && Days.TryGetValue(token, out var optionDay))
            {
                day = optionDay;
                continue;
            }

            (mode switch { 0 => text, 1 => owner, _ => metric }).Add(token);
        }

        // The day may end the text: "Review ads fri", "Review ads on fri", "复盘直播 周三", "复盘直播周三".
        if (day is null && text.Count > 1 && Days.TryGetValue(text[^1], out var lastDay))
        {
            day = lastDay;
            text.RemoveAt(text.Count - 1);
            if (text.Count > 1 && text[^1].Equals("on", StringComparison.OrdinalIgnoreCase))
            {
                text.RemoveAt(text.Count - 1);
            }
        }
        else if (day is null && text.Count > 0 && Days.Keys.Where(k => TextIsCjk(k) && text[^1].Length > k.Length && text[^1].EndsWith(k, StringComparison.Ordinal)).OrderByDescending(k => k.Length).FirstOrDefault() is { } suffix)
        {
            day = Days[suffix];
            text[^1] = text[^1][..^suffix.Length];
        }

        // ... or open it: "周三 复盘直播ROI", "wed: review ads", "周三复盘直播".
        if (day is null && text.Count > 1 && Days.TryGetValue(text[0].TrimEnd(':', '：', ','), out var firstDay))
        {
            day = firstDay;
            text.RemoveAt(0);
        }
        else if (day is null && text.Count > 0 && Days.Keys.Where(k => TextIsCjk(k) && text[0].Length > k.Length && text[0].StartsWith(k, StringComparison.Ordinal)).OrderByDescending(k => k.Length).FirstOrDefault() is { } prefix)
        {
            day = Days[prefix];
            text[0] = text[0][prefix.Length..];
        }

        var itemText = string.Join(' ', text).Trim();
        if (itemText.Length == 0)
        {
            return Parsed<PlanItem>.Fail("Say what the item is, e.g. `plan add Review live-stream ROI wed owner @Ana metric roas`.");
        }

        if (itemText.Length > MaxTextLength)
        {
            return Parsed<PlanItem>.Fail(string.Create(CultureInfo.InvariantCulture, $"Keep an item under {MaxTextLength} characters; that one has {itemText.Length}."));
        }

        string? metricKey = null;
        if (metric.Count > 0)
        {
            var phrase = TextNormalizer.Normalize(string.Join(' ', metric));
            if (MetricCatalog.Find(phrase) is not { } found || found.Remaining.Length > 0)
            {
                return Parsed<PlanItem>.Fail($"I don't know the metric '{string.Join(' ', metric)}'. Try one of: {string.Join(", ", MetricCatalog.All.Select(m => m.Key))}.");
            }

            metricKey = found.Metric.Key;
        }
        else if (metricGiven)
        {
            return Parsed<PlanItem>.Fail("Name the metric after `metric`, e.g. `metric conversion`.");
        }

        if (ownerGiven && owner.Count == 0)
        {
            return Parsed<PlanItem>.Fail("Name the owner after `owner`, e.g. `owner @Ana`.");
        }

        var ownerName = Name(owner);
        return Parsed<PlanItem>.Ok(new PlanItem(itemText, day, ownerName, metricKey));
    }

    /// <summary>Reads a 1-based item number from the first word; null when there is none.</summary>
    public static int? Number(string words, out string rest)
    {
        ArgumentNullException.ThrowIfNull(words);
        var tokens = Tokens(words);
        rest = string.Empty;
        if (tokens.Count == 0)
        {
            return null;
        }

        var first = tokens[0].TrimStart('#', '＃').TrimEnd('.', ':', '：');
        if (first.StartsWith('第') && first.EndsWith('项'))
        {
            first = first[1..^1];
        }

        if (!int.TryParse(first, NumberStyles.None, CultureInfo.InvariantCulture, out var n))
        {
            return null;
        }

        rest = string.Join(' ', tokens.Skip(1));
        return n;
    }

    /// <summary>A person's name from words like "@Ana Ops", "to @Ana", "Ana"; null for none/nobody/无.</summary>
    public static string? Name(IReadOnlyList<string> words)
    {
        ArgumentNullException.ThrowIfNull(words);
        var parts = words.Select(w => w.TrimStart('@', '＠')).Where(w => w.Length > 0).ToList();
        if (parts.Count > 1 && parts[0] is "to" or "给")
        {
            parts.RemoveAt(0);
        }

        var name = string.Join(' ', parts).Trim();
        return name.Length == 0 || name.ToLowerInvariant() is "none" or "nobody" or "-" or "无" or "没有" ? null : name[..Math.Min(name.Length, 80)];
    }

    public static IReadOnlyList<string> Tokens(string words) => Whitespace().Split(words.Trim()).Where(t => t.Length > 0).ToList();

    private static bool TextIsCjk(string s) => s.All(TextNormalizer.IsCjk);

    [GeneratedRegex(@"\s+", RegexOptions.None, matchTimeoutMilliseconds: 1000)]
    private static partial Regex Whitespace();
}
