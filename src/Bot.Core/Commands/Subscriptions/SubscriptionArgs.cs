using System.Globalization;
using Bot.Core.Periods;
using Bot.Core.Push;
using Bot.Core.Time;

namespace Bot.Core.Commands.Subscriptions;

/// <summary>What <c>subscribe …</c> asked for; null parts were not said and take their defaults.</summary>
public sealed record SubscriptionArgs(SubscriptionKind? Kind, TimeOnly? Time, WeekDays? Days, TimeZoneInfo? Zone);

/// <summary>Reads <c>brief at 09:00 weekdays tz Asia/Shanghai</c>, <c>todo mon 09:30</c>, <c>日报 9点半 工作日</c>. Pure.</summary>
/// <remarks>Every word must be understood: a typo gets a precise error, never a silent default (a brief at the wrong hour is worse than none).</remarks>
public static class SubscriptionArgsParser
{
    private static readonly (string Word, SubscriptionKind Kind)[] Kinds =
    [
        ("brief", SubscriptionKind.Brief), ("briefs", SubscriptionKind.Brief), ("日报", SubscriptionKind.Brief), ("简报", SubscriptionKind.Brief),
        ("早报", SubscriptionKind.Brief), ("每日简报", SubscriptionKind.Brief), ("morning brief", SubscriptionKind.Brief),
        ("todo", SubscriptionKind.Todo), ("to-do", SubscriptionKind.Todo), ("to do", SubscriptionKind.Todo), ("todos", SubscriptionKind.Todo),
        ("weekly to-do", SubscriptionKind.Todo), ("weekly todo", SubscriptionKind.Todo), ("weekly plan", SubscriptionKind.Todo), ("周计划", SubscriptionKind.Todo),
        ("待办", SubscriptionKind.Todo), ("待办清单", SubscriptionKind.Todo), ("每周待办", SubscriptionKind.Todo),
        ("alerts", SubscriptionKind.Alerts), ("alert", SubscriptionKind.Alerts), ("预警", SubscriptionKind.Alerts), ("告警", SubscriptionKind.Alerts), ("报警", SubscriptionKind.Alerts),
    ];

    private static readonly (string Word, WeekDays Days)[] DayWords =
    [
        ("daily", WeekDays.Daily), ("every day", WeekDays.Daily), ("everyday", WeekDays.Daily), ("每天", WeekDays.Daily), ("每日", WeekDays.Daily),
        ("weekdays", WeekDays.Weekdays), ("weekday", WeekDays.Weekdays), ("workdays", WeekDays.Weekdays), ("工作日", WeekDays.Weekdays), ("周一至周五", WeekDays.Weekdays),
        ("weekends", WeekDays.Saturday | WeekDays.Sunday), ("weekend", WeekDays.Saturday | WeekDays.Sunday), ("周末", WeekDays.Saturday | WeekDays.Sunday),
        ("monday", WeekDays.Monday), ("mon", WeekDays.Monday), ("周一", WeekDays.Monday), ("星期一", WeekDays.Monday), ("礼拜一", WeekDays.Monday),
        ("tuesday", WeekDays.Tuesday), ("tue", WeekDays.Tuesday), ("tues", WeekDays.Tuesday), ("周二", WeekDays.Tuesday), ("星期二", WeekDays.Tuesday), ("礼拜二", WeekDays.Tuesday),
        ("wednesday", WeekDays.Wednesday), ("wed", WeekDays.Wednesday), ("周三", WeekDays.Wednesday), ("星期三", WeekDays.Wednesday), ("礼拜三", WeekDays.Wednesday),
        ("thursday", WeekDays.Thursday), ("thu", WeekDays.Thursday), ("thur", WeekDays.Thursday), ("thurs", WeekDays.Thursday), ("周四", WeekDays.Thursday), ("星期四", WeekDays.Thursday), ("礼拜四", WeekDays.Thursday),
        ("friday", WeekDays.Friday), ("fri", WeekDays.Friday), ("周五", WeekDays.Friday), ("星期五", WeekDays.Friday), ("礼拜五", WeekDays.Friday),
        ("saturday", WeekDays.Saturday), ("sat", WeekDays.Saturday), ("周六", WeekDays.Saturday), ("星期六", WeekDays.Saturday), ("礼拜六", WeekDays.Saturday),
        ("sunday", WeekDays.Sunday), ("sun", WeekDays.Sunday), ("周日", WeekDays.Sunday), ("周天", WeekDays.Sunday), ("星期日", WeekDays.Sunday), ("星期天", WeekDays.Sunday), ("礼拜天", WeekDays.Sunday),
    ];

    // Filler a user may write around the options: "subscribe to the brief at 9:00 every day please".
    private static readonly HashSet<string> Filler = new(StringComparer.Ordinal) { "to", "the", "me", "us", "please", "on", "every", "each", "给", "我", "我们", "请", "在", "于" };

    private static readonly string[] ZoneWords = ["tz", "timezone", "time zone", "zone", "时区"];

    public static Parsed<SubscriptionArgs> Parse(string args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var text = " " + TextNormalizer.Normalize(args) + " ";
        SubscriptionKind? kind = null;
        WeekDays? days = null;
        TimeZoneInfo? zone = null;
        TimeOnly? time = null;

        // Time zone first: "tz America/New_York" must not be read as words.
        foreach (var word in ZoneWords)
        {
            var at = text.IndexOf(" " + word + " ", StringComparison.Ordinal);
            if (at < 0)
            {
                continue;
            }

            var rest = text[(at + word.Length + 2)..].TrimStart();
            var id = rest.Split(' ', 2)[0];
            if (id.Length == 0)
            {
                return Parsed<SubscriptionArgs>.Fail($"Which time zone? Write an IANA name after `{word}`, e.g. `tz Asia/Shanghai` or `tz America/New_York`.");
            }

            if (!TryFindZone(id, out var found))
            {
                return Parsed<SubscriptionArgs>.Fail($"I don't know the time zone '{id}'. Use an IANA name such as Asia/Shanghai, America/New_York, Europe/London or UTC.");
            }

            zone = found;
            text = text[..at] + " " + rest[id.Length..];
            break;
        }

        foreach (var (word, k) in Kinds.OrderByDescending(k => k.Word.Length))
        {
            if (Take(ref text, word))
            {
                if (kind is { } other && other != k)
                {
                    return Parsed<SubscriptionArgs>.Fail("One subscription at a time, please: `brief`, `todo` or `alerts`.");
                }

                kind = k;
            }
        }

        foreach (var (word, d) in DayWords.OrderByDescending(d => d.Word.Length))
        {
            while (Take(ref text, word))
            {
                days = (days ?? WeekDays.None) | d;
            }
        }

        var unknown = new List<string>();
        foreach (var token in TextNormalizer.Tokens(text.Trim()))
        {
            if (Filler.Contains(token) || token is "at" or "@")
            {
                continue;
            }

            if (LooksLikeTime(token))
            {
                if (!TryParseTime(token, out var t))
                {
                    return Parsed<SubscriptionArgs>.Fail($"'{token}' is not a time of day. Use 24-hour HH:MM, e.g. `at 09:00` or `at 18:30`.");
                }

                if (time is not null)
                {
                    return Parsed<SubscriptionArgs>.Fail("Give one time, e.g. `at 09:00`.");
                }

                time = t;
                continue;
            }

            if (TryFindZone(token, out var z) && token.Contains('/', StringComparison.Ordinal))
            {
                zone = z;
                continue;
            }

            unknown.Add(token);
        }

        if (unknown.Count > 0)
        {
            var first = unknown[0];
            return first.Contains('/', StringComparison.Ordinal)
                ? Parsed<SubscriptionArgs>.Fail($"I don't know the time zone '{first}'. Use an IANA name such as Asia/Shanghai or America/New_York.")
                : LooksLikeDay(first)
                    ? Parsed<SubscriptionArgs>.Fail($"'{first}' is not a day I know. Use `daily`, `weekdays`, or days like `mon`, `fri`, `周一`.")
                    : Parsed<SubscriptionArgs>.Fail($"I didn't understand '{string.Join(' ', unknown)}'.");
        }

        return Parsed<SubscriptionArgs>.Ok(new SubscriptionArgs(kind, time, days, zone));
    }

    /// <summary>Finds an IANA zone whatever the case the user typed it in ("america/new_york", "utc").</summary>
    public static bool TryFindZone(string id, out TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(id);
        if (TeamClock.TryFindZone(id, out zone))
        {
            return true;
        }

        var match = TimeZoneInfo.GetSystemTimeZones().FirstOrDefault(z => string.Equals(z.Id, id, StringComparison.OrdinalIgnoreCase));
        if (match is not null)
        {
            zone = match;
            return true;
        }

        // Linux resolves ids from file names, which are case-sensitive: retry the canonical casing (America/New_York, UTC).
        var cased = string.Join('/', id.Split('/').Select(part => string.Join('_', part.Split('_').Select(Capitalize))));
        return TeamClock.TryFindZone(cased, out zone) || TeamClock.TryFindZone(id.ToUpperInvariant(), out zone);
    }

    private static string Capitalize(string word) =>
        word.Length == 0 ? word : char.ToUpperInvariant(word[0]) + word[1..];

    private static bool Take(ref string text, string phrase)
    {
        var at = CommandMatcher.FindPhrase(text, phrase);
        if (at < 0)
        {
            return false;
        }

        text = text[..at] + " " + text[(at + phrase.Length)..];
        return true;
    }

    private static bool LooksLikeTime(string token) =>
        token.Length > 0 && (char.IsAsciiDigit(token[0]) || DayParts.Any(p => token.Length > p.Word.Length && token.StartsWith(p.Word, StringComparison.Ordinal) && char.IsAsciiDigit(token[p.Word.Length])));

    /// <summary>Chinese parts of the day before a time: 早上9点, 下午3点半, 晚上8点 (afternoon and evening add 12 hours).</summary>
    private static readonly (string Word, bool Afternoon)[] DayParts =
        [("早上", false), ("早晨", false), ("上午", false), ("清晨", false), ("中午", false), ("下午", true), ("傍晚", true), ("晚上", true)];

    private static bool LooksLikeDay(string token) =>
        token.EndsWith("day", StringComparison.Ordinal) || token.StartsWith('周') || token.StartsWith("星期", StringComparison.Ordinal);

    /// <summary>"09:00", "9:30", "9", "9am", "6pm", "9点", "9点半", "9点30", "21.15", "早上9点半", "下午3点".</summary>
    internal static bool TryParseTime(string token, out TimeOnly time)
    {
        time = default;
        foreach (var (word, afternoon) in DayParts)
        {
            if (token.StartsWith(word, StringComparison.Ordinal) && token.Length > word.Length)
            {
                if (!TryParseTime(token[word.Length..], out var clock))
                {
                    return false;
                }

                // 下午3点 = 15:00; 中午12点 stays 12:00; "下午15点" is already afternoon.
                time = afternoon && clock.Hour < 12 ? clock.AddHours(12) : clock;
                return true;
            }
        }

        var t = token.Replace('.', ':').Replace("点半", ":30", StringComparison.Ordinal).Replace('点', ':').Replace("分", string.Empty, StringComparison.Ordinal).Replace('时', ':');
        var pm = false;
        if (t.EndsWith("am", StringComparison.Ordinal) || t.EndsWith("pm", StringComparison.Ordinal))
        {
            pm = t.EndsWith("pm", StringComparison.Ordinal);
            t = t[..^2];
            if (!TryHourMinute(t, out var h12, out var m12) || h12 is < 1 or > 12)
            {
                return false;
            }

            time = new TimeOnly((h12 % 12) + (pm ? 12 : 0), m12);
            return true;
        }

        if (!TryHourMinute(t.TrimEnd(':'), out var hour, out var minute) || hour > 23)
        {
            return false;
        }

        time = new TimeOnly(hour, minute);
        return true;
    }

    private static bool TryHourMinute(string text, out int hour, out int minute)
    {
        minute = 0;
        var parts = text.Split(':');
        if (parts.Length > 2 || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out hour) || parts[0].Length > 2)
        {
            hour = 0;
            return false;
        }

        return parts.Length == 1
            || (parts[1].Length == 2 && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out minute) && minute <= 59);
    }
}
