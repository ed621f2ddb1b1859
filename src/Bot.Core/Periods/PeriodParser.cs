using System.Buffers;
using System.Globalization;
using Bot.Core.Metrics;

namespace Bot.Core.Periods;

/// <summary>Finds a period phrase ("last week", "上周", "2026-06-01..2026-06-18", "618") anywhere in free text and resolves it to days.</summary>
/// <remarks>
/// <para>Pure and deterministic: <c>today</c> is a parameter, already in the team's time zone (<c>TeamClock.Today()</c>);
/// turning an instant into a business day at midnight is the caller's job, not the parser's.</para>
/// <para>Semantics, chosen once here so that every command agrees:</para>
/// <list type="bullet">
/// <item>Weeks start on Monday. "this week / month / quarter / year" run from their first day through today;
/// "last week / month / quarter / year" are the whole previous calendar period.</item>
/// <item>"last N days" (past N days, 近N天, 最近N天, 过去N天) is the N complete days ending yesterday, so
/// "last 7 days" on a Friday is the previous Friday..Thursday and equals 近7天. "last N weeks" is N×7 such days;
/// "last N months / years" starts on today's day-of-month N months / years back and also ends yesterday.
/// A number is needed for a rolling window: "last week" is the calendar week, "last 1 week" the 7 days to yesterday;
/// "past week / month / year" are the rolling forms of one unit.</item>
/// <item>A period without a year (june, 6月, Q3, 6/18, 上半年) is the most recent one that has started; one
/// that has not started this year is last year's, with a note. Periods that run past today are cut at today
/// (with a note); periods that start after today are an error, as is anything longer than <see cref="MaxDays"/>.</item>
/// <item>A campaign name or alias is that campaign's window: this year's if it has ended, else the most recent
/// one that has, with a note; an adjacent year ("618 2025", "2025年618", "去年双11") picks that year's.</item>
/// <item>Only the first period phrase in the text is taken; numbers that are not a period ("top 10") are left alone.</item>
/// </list>
/// </remarks>
public static partial class PeriodParser
{
    /// <summary>The longest period accepted: three years.</summary>
    public const int MaxDays = 1096;

    private const int MinYear = 2000;
    private const int MaxYear = 2099;

    private const string Examples =
        "Try: yesterday, last week, last 30 days, this month, 2026-06, Q3 2026, 2026-06-01..2026-06-18, 上周, 近7天.";

    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>English words that make up period phrases, for typo suggestions ("lst wek" → "last week").</summary>
    public static IReadOnlyList<string> Words { get; } =
    [
        "today", "yesterday", "day", "days", "before", "ago", "this", "last", "past", "recent", "previous", "since",
        "week", "weeks", "month", "months", "quarter", "quarters", "year", "years", "ytd", "mtd",
        "january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
        "november", "december", "q1", "q2", "q3", "q4", "h1", "h2",
    ];

    /// <summary>Complete English period phrases, for suggestions and help text.</summary>
    public static IReadOnlyList<string> Phrases { get; } =
    [
        "today", "yesterday", "day before yesterday", "this week", "last week", "this month", "last month",
        "this quarter", "last quarter", "this year", "last year", "last 7 days", "last 30 days", "last 12 weeks",
        "last 3 months", "year to date",
    ];

    /// <summary>Finds the first period phrase in <paramref name="text"/> (normalized: lower case, single spaces).</summary>
    /// <param name="today">The team's current business day.</param>
    /// <param name="campaigns">Campaigns whose names and aliases count as periods; several years of one campaign share its name.</param>
    /// <returns>
    /// <c>null</c> when the text has no period phrase (use the command's default); a failure with a message fit for
    /// the user when it has one that is not valid (2026-02-30, Q5, last 0 days, a range that ends before it starts);
    /// otherwise the match.
    /// </returns>
    public static Parsed<PeriodMatch>? Find(string? text, DateOnly today, IReadOnlyList<Campaign>? campaigns = null) =>
        Find(text, today, campaigns is { Count: > 0 } ? new CampaignNames(campaigns) : CampaignNames.Empty);

    /// <summary>The same with the campaigns' names already indexed (built once per set of campaigns, e.g. per reference-data snapshot).</summary>
    public static Parsed<PeriodMatch>? Find(string? text, DateOnly today, CampaignNames campaigns)
    {
        ArgumentNullException.ThrowIfNull(campaigns);
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        for (var i = 0; i < text.Length; i++)
        {
            if (!CanStart(text, i))
            {
                continue;
            }

            var hit = MatchAt(text, i, today, campaigns);
            if (hit.End < 0)
            {
                continue;
            }

            if (hit.Error is not null)
            {
                return Parsed<PeriodMatch>.Fail(hit.Error);
            }

            return Parsed<PeriodMatch>.Ok(new PeriodMatch(hit.Range, hit.Label!, Cut(text, i, hit.End), hit.Note)
            {
                Whole = hit.Whole,
                Kind = hit.Kind,
                Campaign = hit.Campaign,
                Index = i,
                Length = hit.End - i,
            });
        }

        return null;
    }

    /// <summary>Parses text that should be a period and nothing else (e.g. a command's whole argument).</summary>
    public static Parsed<DateRange> Parse(string? text, DateOnly today, IReadOnlyList<Campaign>? campaigns = null)
    {
        var found = Find(text, today, campaigns);
        if (found is not { } result)
        {
            return Parsed<DateRange>.Fail(string.IsNullOrWhiteSpace(text)
                ? "Which period? " + Examples
                : $"“{text}” is not a period I know. {Examples}");
        }

        if (!result.Success)
        {
            return Parsed<DateRange>.Fail(result.Error!);
        }

        var match = result.Value!;
        if (match.Remaining.Length > 0)
        {
            return Parsed<DateRange>.Fail($"I read {match.Label} but not “{match.Remaining}”. {Examples}");
        }

        return Parsed<DateRange>.Ok(match.Range);
    }

    private static Hit MatchAt(string s, int i, DateOnly today, CampaignNames campaigns)
    {
        var best = Hit.None;
        if (Starters.Chars.Contains(s[i]))
        {
            Consider(ref best, s, MatchKeyword(s, i, today));
            Consider(ref best, s, MatchRolling(s, i, today));
            Consider(ref best, s, MatchDaysAgo(s, i, today));
            Consider(ref best, s, MatchCalendar(s, i, today));
        }

        if (campaigns.Campaigns.Count > 0)
        {
            Consider(ref best, s, MatchCampaign(s, i, today, campaigns));
        }

        return best;
    }

    // The longest candidate that ends on a word boundary wins; on a tie, the first one found.
    private static void Consider(ref Hit best, string s, in Hit hit)
    {
        if (hit.End > best.End && IsEnd(s, hit.End))
        {
            best = hit;
        }
    }

    // ---- relative keywords ------------------------------------------------------------------------------

    private enum Rel : byte
    {
        Today,
        Yesterday,
        DayBeforeYesterday,
        ThisWeek,
        LastWeek,
        WeekBeforeLast,
        ThisMonth,
        LastMonth,
        MonthBeforeLast,
        ThisQuarter,
        LastQuarter,
        ThisYear,
        LastYear,
        YearBeforeLast,
        PastWeek,
        PastMonth,
        PastYear,
        Future,
    }

    private static readonly (string Phrase, Rel Rel)[] Keywords =
    [
        ("today", Rel.Today), ("今天", Rel.Today), ("今日", Rel.Today), ("本日", Rel.Today), ("当天", Rel.Today),
        ("yesterday", Rel.Yesterday), ("昨天", Rel.Yesterday), ("昨日", Rel.Yesterday),
        ("day before yesterday", Rel.DayBeforeYesterday), ("前天", Rel.DayBeforeYesterday), ("前日", Rel.DayBeforeYesterday),
        ("this week", Rel.ThisWeek), ("current week", Rel.ThisWeek), ("week to date", Rel.ThisWeek), ("wtd", Rel.ThisWeek),
        ("本周", Rel.ThisWeek), ("这周", Rel.ThisWeek), ("这一周", Rel.ThisWeek), ("本星期", Rel.ThisWeek),
        ("这星期", Rel.ThisWeek), ("这个星期", Rel.ThisWeek), ("这礼拜", Rel.ThisWeek), ("这个礼拜", Rel.ThisWeek),
        ("本礼拜", Rel.ThisWeek),
        ("last week", Rel.LastWeek), ("previous week", Rel.LastWeek), ("prior week", Rel.LastWeek),
        ("上周", Rel.LastWeek), ("上一周", Rel.LastWeek), ("上星期", Rel.LastWeek), ("上个星期", Rel.LastWeek),
        ("上礼拜", Rel.LastWeek), ("上个礼拜", Rel.LastWeek),
        ("week before last", Rel.WeekBeforeLast), ("上上周", Rel.WeekBeforeLast), ("上上星期", Rel.WeekBeforeLast),
        ("上上个星期", Rel.WeekBeforeLast), ("上上礼拜", Rel.WeekBeforeLast), ("上上个礼拜", Rel.WeekBeforeLast),
        ("this month", Rel.ThisMonth), ("current month", Rel.ThisMonth), ("month to date", Rel.ThisMonth), ("mtd", Rel.ThisMonth),
        ("本月", Rel.ThisMonth), ("这个月", Rel.ThisMonth), ("这月", Rel.ThisMonth), ("当月", Rel.ThisMonth),
        ("last month", Rel.LastMonth), ("previous month", Rel.LastMonth), ("prior month", Rel.LastMonth),
        ("上月", Rel.LastMonth), ("上个月", Rel.LastMonth), ("上一个月", Rel.LastMonth), ("上一月", Rel.LastMonth),
        ("month before last", Rel.MonthBeforeLast), ("上上月", Rel.MonthBeforeLast), ("上上个月", Rel.MonthBeforeLast),
        ("this quarter", Rel.ThisQuarter), ("current quarter", Rel.ThisQuarter), ("quarter to date", Rel.ThisQuarter),
        ("qtd", Rel.ThisQuarter), ("本季度", Rel.ThisQuarter), ("这季度", Rel.ThisQuarter), ("这个季度", Rel.ThisQuarter),
        ("本季", Rel.ThisQuarter), ("当季", Rel.ThisQuarter),
        ("last quarter", Rel.LastQuarter), ("previous quarter", Rel.LastQuarter), ("prior quarter", Rel.LastQuarter),
        ("上季度", Rel.LastQuarter), ("上个季度", Rel.LastQuarter), ("上一季度", Rel.LastQuarter), ("上一个季度", Rel.LastQuarter),
        ("上季", Rel.LastQuarter),
        ("this year", Rel.ThisYear), ("current year", Rel.ThisYear), ("year to date", Rel.ThisYear), ("ytd", Rel.ThisYear),
        ("今年", Rel.ThisYear), ("本年", Rel.ThisYear), ("本年度", Rel.ThisYear), ("今年以来", Rel.ThisYear),
        ("last year", Rel.LastYear), ("previous year", Rel.LastYear), ("prior year", Rel.LastYear),
        ("去年", Rel.LastYear), ("上年", Rel.LastYear), ("上一年", Rel.LastYear), ("上年度", Rel.LastYear),
        ("year before last", Rel.YearBeforeLast), ("前年", Rel.YearBeforeLast),
        ("past week", Rel.PastWeek), ("past month", Rel.PastMonth), ("past year", Rel.PastYear),
        ("tomorrow", Rel.Future), ("next week", Rel.Future), ("next month", Rel.Future), ("next quarter", Rel.Future),
        ("next year", Rel.Future), ("明天", Rel.Future), ("明日", Rel.Future), ("后天", Rel.Future), ("下周", Rel.Future),
        ("下个月", Rel.Future), ("下月", Rel.Future), ("下季度", Rel.Future), ("下个季度", Rel.Future), ("明年", Rel.Future),
    ];

    // Weekdays: "上周三" (Wednesday of last week), "本周一", "last wednesday" (the latest Wednesday before today).
    // Built once: this is tried at every position of every message.
    private static readonly string[] LastWeekdays = [.. new[] { "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday" }.Select(d => "last " + d)];

    /// <summary>Monday = 0 … Sunday = 6 for the weekday character after 周/星期/礼拜 ("三", "日", "天"), else null.</summary>
    /// <remarks>Not "日" in 日报/日均 (the brief, a daily average) nor "天" in 天猫 (a shop): "上周日报" is last week's brief.</remarks>
    private static int? ChineseWeekday(string s, int at)
    {
        if (at >= s.Length)
        {
            return null;
        }

        var next = at + 1 < s.Length ? s[at + 1] : '\0';
        return s[at] switch
        {
            '一' => 0,
            '二' => 1,
            '三' => 2,
            '四' => 3,
            '五' => 4,
            '六' => 5,
            '日' when next is not ('报' or '均' or '常') => 6,
            '天' when next is not ('猫' or '数') => 6,
            _ => null,
        };
    }

    private static Hit MatchLastWeekday(string s, int i, DateOnly today)
    {
        for (var d = 0; d < LastWeekdays.Length; d++)
        {
            if (Word(s, i, LastWeekdays[d]) is var end and >= 0)
            {
                var back = ((int)today.DayOfWeek + 6 - d) % 7;
                var day = today.AddDays(back == 0 ? -7 : -back);
                return Ok(end, "last " + day.DayOfWeek, DateRange.Day(day), PeriodKind.Day);
            }
        }

        return Hit.None;
    }

    private static Hit MatchKeyword(string s, int i, DateOnly today)
    {
        if (MatchLastWeekday(s, i, today) is { End: > 0 } lastWeekday)
        {
            return lastWeekday;
        }

        var bestLength = 0;
        var rel = Rel.Today;
        foreach (var (phrase, r) in Keywords)
        {
            if (phrase.Length > bestLength && Starts(s, i, phrase) && IsEnd(s, i + phrase.Length))
            {
                bestLength = phrase.Length;
                rel = r;
            }
        }

        if (bestLength == 0)
        {
            return Hit.None;
        }

        var end = i + bestLength;
        var monday = Monday(today);
        if (rel is Rel.ThisWeek or Rel.LastWeek or Rel.WeekBeforeLast && IsCjk(s[end - 1]) && ChineseWeekday(s, end) is { } weekday)
        {
            var day = monday.AddDays((rel switch { Rel.LastWeek => -7, Rel.WeekBeforeLast => -14, _ => 0 }) + weekday);
            return day > today
                ? Hit.Fail(end + 1, $"“{s[i..(end + 1)]}” ({Iso(day)}) is in the future: I can only report days up to today ({Iso(today)}). {Examples}")
                : Ok(end + 1, $"{day.DayOfWeek} {(rel switch { Rel.LastWeek => "last week", Rel.WeekBeforeLast => "the week before last", _ => "this week" })}", DateRange.Day(day), PeriodKind.Day);
        }

        var month1 = new DateOnly(today.Year, today.Month, 1);
        var quarter1 = QuarterStart(today.Year, ((today.Month - 1) / 3) + 1);
        var jan1 = new DateOnly(today.Year, 1, 1);
        return rel switch
        {
            Rel.Today => Ok(end, "today", DateRange.Day(today), PeriodKind.Day),
            Rel.Yesterday => Ok(end, "yesterday", DateRange.Day(today.AddDays(-1)), PeriodKind.Day),
            Rel.DayBeforeYesterday => Ok(end, "day before yesterday", DateRange.Day(today.AddDays(-2)), PeriodKind.Day),
            Rel.ThisWeek => Ok(end, "this week", new DateRange(monday, today), PeriodKind.Week, whole: new DateRange(monday, monday.AddDays(6))),
            Rel.LastWeek => Ok(end, "last week", new DateRange(monday.AddDays(-7), monday.AddDays(-1)), PeriodKind.Week),
            Rel.WeekBeforeLast => Ok(end, "week before last", new DateRange(monday.AddDays(-14), monday.AddDays(-8)), PeriodKind.Week),
            Rel.ThisMonth => Ok(end, "this month", new DateRange(month1, today), PeriodKind.Month, whole: new DateRange(month1, month1.AddMonths(1).AddDays(-1))),
            Rel.LastMonth => Ok(end, "last month", new DateRange(month1.AddMonths(-1), month1.AddDays(-1)), PeriodKind.Month),
            Rel.MonthBeforeLast => Ok(end, "month before last", new DateRange(month1.AddMonths(-2), month1.AddMonths(-1).AddDays(-1)), PeriodKind.Month),
            Rel.ThisQuarter => Ok(end, "this quarter", new DateRange(quarter1, today), PeriodKind.Quarter, whole: new DateRange(quarter1, quarter1.AddMonths(3).AddDays(-1))),
            Rel.LastQuarter => Ok(end, "last quarter", new DateRange(quarter1.AddMonths(-3), quarter1.AddDays(-1)), PeriodKind.Quarter),
            Rel.ThisYear => Ok(end, "this year", new DateRange(jan1, today), PeriodKind.Year, whole: new DateRange(jan1, jan1.AddYears(1).AddDays(-1))),
            Rel.LastYear => Ok(end, "last year", new DateRange(jan1.AddYears(-1), jan1.AddDays(-1)), PeriodKind.Year),
            Rel.YearBeforeLast => Ok(end, "year before last", new DateRange(jan1.AddYears(-2), jan1.AddYears(-1).AddDays(-1)), PeriodKind.Year),
            Rel.PastWeek => Rolling(s, i, end, 7, RollUnit.Day, today),
            Rel.PastMonth => Rolling(s, i, end, 1, RollUnit.Month, today),
            Rel.PastYear => Rolling(s, i, end, 1, RollUnit.Year, today),
            _ => Hit.Fail(end, $"“{s[i..end]}” is in the future: I can only report days up to today ({Iso(today)}). {Examples}"),
        };
    }

    // ---- rolling windows: last N days, 近N天 ------------------------------------------------------------

    private enum RollUnit : byte
    {
        Day,
        Week,
        Month,
        Year,
    }

    private static readonly string[] EnglishRollingWords = ["last", "past", "recent", "previous", "prior", "trailing", "rolling"];

    private static readonly string[] ChineseRollingWords = ["最近", "近", "过去", "前"];

    private static readonly (string Word, RollUnit Unit)[] EnglishUnits =
    [
        ("days", RollUnit.Day), ("day", RollUnit.Day), ("d", RollUnit.Day),
        ("weeks", RollUnit.Week), ("week", RollUnit.Week), ("wks", RollUnit.Week), ("wk", RollUnit.Week), ("w", RollUnit.Week),
        ("months", RollUnit.Month), ("month", RollUnit.Month), ("mos", RollUnit.Month), ("mo", RollUnit.Month),
        ("years", RollUnit.Year), ("year", RollUnit.Year), ("yrs", RollUnit.Year), ("yr", RollUnit.Year),
    ];

    private static readonly (string Word, RollUnit Unit, int Factor)[] ChineseUnits =
    [
        ("天", RollUnit.Day, 1), ("日", RollUnit.Day, 1), ("周", RollUnit.Week, 1), ("星期", RollUnit.Week, 1),
        ("礼拜", RollUnit.Week, 1), ("月", RollUnit.Month, 1), ("季度", RollUnit.Month, 3), ("年", RollUnit.Year, 1),
    ];

    private static Hit MatchRolling(string s, int i, DateOnly today)
    {
        foreach (var word in EnglishRollingWords)
        {
            var j = Word(s, i, word);
            if (j < 0)
            {
                continue;
            }

            var k = ReadCount(s, SkipSpaces(s, j), out var n);
            if (k < 0)
            {
                return Hit.None;
            }

            var u = SkipSpaces(s, k);
            foreach (var (unitWord, unit) in EnglishUnits)
            {
                var e = Word(s, u, unitWord);
                if (e >= 0)
                {
                    return Rolling(s, i, e, n, unit, today);
                }
            }

            return Hit.None;
        }

        foreach (var word in ChineseRollingWords)
        {
            if (!Starts(s, i, word))
            {
                continue;
            }

            var j = SkipSpaces(s, i + word.Length);
            int n;
            int k;
            if (Starts(s, j, "半年"))
            {
                return Rolling(s, i, j + 2, 6, RollUnit.Month, today);
            }

            k = ReadCount(s, j, out n);
            if (k < 0)
            {
                continue;
            }

            k = SkipSpaces(s, k);
            if (Starts(s, k, "个"))
            {
                k++;
            }

            foreach (var (unitWord, unit, factor) in ChineseUnits)
            {
                // 前N天 is "the N days before today" too; but 前3月 could mean Jan–Mar, so 前 only takes days.
                if (Starts(s, k, unitWord) && (word != "前" || unit == RollUnit.Day))
                {
                    return Rolling(s, i, k + unitWord.Length, n <= int.MaxValue / factor ? n * factor : int.MaxValue, unit, today);
                }
            }
        }

        return Hit.None;
    }

    private static Hit Rolling(string s, int start, int end, int n, RollUnit unit, DateOnly today)
    {
        var (max, name) = unit switch
        {
            RollUnit.Day => (MaxDays, "day"),
            RollUnit.Week => (MaxDays / 7, "week"),
            RollUnit.Month => (36, "month"),
            _ => (3, "year"),
        };
        if (n <= 0)
        {
            return Hit.Fail(end, $"“{s[start..end]}” has no days in it: count at least 1, e.g. last 7 days or 近7天.");
        }

        if (n > max)
        {
            return TooLong(s, start, end);
        }

        var from = unit switch
        {
            RollUnit.Day => today.AddDays(-n),
            RollUnit.Week => today.AddDays(-7 * n),
            RollUnit.Month => today.AddMonths(-n),
            _ => today.AddYears(-n),
        };
        var label = string.Create(Inv, $"last {n} {name}{(n == 1 ? string.Empty : "s")}");
        return Ok(end, label, new DateRange(from, today.AddDays(-1)), PeriodKind.Rolling);
    }

    // "3 days ago", "3天前": one day.
    private static Hit MatchDaysAgo(string s, int i, DateOnly today)
    {
        var k = ReadCount(s, i, out var n);
        if (k < 0)
        {
            return Hit.None;
        }

        var j = SkipSpaces(s, k);
        var end = Word(s, j, "days ago");
        end = end >= 0 ? end : Word(s, j, "day ago");
        end = end >= 0 ? end : Word(s, j, "天前");
        end = end >= 0 ? end : Word(s, j, "日前");
        if (end < 0)
        {
            return Hit.None;
        }

        if (n > MaxDays)
        {
            return TooLong(s, i, end);
        }

        return Ok(end, string.Create(Inv, $"{n} day{(n == 1 ? string.Empty : "s")} ago"), DateRange.Day(today.AddDays(-n)), PeriodKind.Day);
    }

    private static Hit TooLong(string s, int start, int end) =>
        Hit.Fail(end, string.Create(Inv, $"“{s[start..end]}” is too long: the longest period I can show is 3 years ({MaxDays} days). Try last 90 days, last 12 months or a year like 2025."));

    /// <summary>Every character that can start a built-in period phrase, so most positions are skipped at once.</summary>
    /// <remarks>A nested class so that it is built after the word tables it reads, whatever order the partial files are in.</remarks>
    private static class Starters
    {
        public static readonly SearchValues<char> Chars = Build();

        private static SearchValues<char> Build()
        {
            var set = new HashSet<char>("0123456789零〇一二两三四五六七八九十百千第");
            foreach (var word in Keywords.Select(k => k.Phrase).Concat(EnglishRollingWords).Concat(ChineseRollingWords)
                .Concat(EnglishNumbers).Concat(ChineseYearWords.Select(w => w.Word)).Concat(MonthNames.Select(m => m.Word))
                .Concat(RangePrefixes.Select(p => p.Word)).Concat(["上半年", "下半年", "q", "h"]))
            {
                set.Add(char.ToLowerInvariant(word[0]));
                set.Add(char.ToUpperInvariant(word[0]));
            }

            return SearchValues.Create([.. set]);
        }
    }

    // ---- result plumbing ---------------------------------------------------------------------------------

    private readonly record struct Hit(int End, DateRange Range, DateRange Whole, string? Label, string? Note, PeriodKind Kind, Campaign? Campaign, string? Error)
    {
        public static Hit None => new(-1, default, default, null, null, PeriodKind.Day, null, null);

        public static Hit Fail(int end, string error) => new(end, default, default, null, null, PeriodKind.Day, null, error);
    }

    private static Hit Ok(int end, string name, DateRange range, PeriodKind kind, string? note = null, Campaign? campaign = null, DateRange? whole = null) =>
        new(end, range, whole ?? range, Label(name, range), note, kind, campaign, null);

    private static string Label(string name, DateRange range)
    {
        var dates = range.ToString();
        return name == dates ? dates : $"{name} ({dates})";
    }

    private static string Cut(string s, int start, int end)
    {
        var left = s.AsSpan(0, start).Trim();
        var right = s.AsSpan(end).Trim();
        if (left.IsEmpty)
        {
            return right.ToString();
        }

        return right.IsEmpty ? left.ToString() : string.Concat(left, " ", right);
    }

    // ---- scanning helpers --------------------------------------------------------------------------------

    // Latin letters and digits form words; CJK characters are words on their own (Chinese has no spaces).
    private static bool IsWordChar(char c) => char.IsAsciiLetterOrDigit(c) || (c > '\u007f' && char.IsLetterOrDigit(c) && !IsCjk(c));

    private static bool IsCjk(char c) =>
        c is (>= '\u4E00' and <= '\u9FFF') or (>= '\u3400' and <= '\u4DBF') or (>= '\u3040' and <= '\u30FF');

    private static bool CanStart(string s, int i) =>
        s[i] != ' ' && (i == 0 || !IsWordChar(s[i - 1]) || !IsWordChar(s[i]));

    private static bool IsEnd(string s, int end) =>
        end >= s.Length || end == 0 || !IsWordChar(s[end - 1]) || !IsWordChar(s[end]);

    // The first-character test (equal, or equal with the ASCII case bit folded) rejects almost every word
    // cheaply; the span comparison then decides.
    private static bool Starts(string s, int i, string word) =>
        i < s.Length && (s[i] | 0x20) == (word[0] | 0x20)
        && s.AsSpan(i).StartsWith(word, StringComparison.OrdinalIgnoreCase);

    /// <summary>The end of <paramref name="word"/> at <paramref name="i"/> if it is there and ends a word, else -1.</summary>
    private static int Word(string s, int i, string word) =>
        Starts(s, i, word) && IsEnd(s, i + word.Length) ? i + word.Length : -1;

    private static int SkipSpaces(string s, int i)
    {
        while (i < s.Length && s[i] == ' ')
        {
            i++;
        }

        return i;
    }

    private static int DigitRun(string s, int i)
    {
        var j = i;
        while (j < s.Length && char.IsAsciiDigit(s[j]))
        {
            j++;
        }

        return j - i;
    }

    /// <summary>Reads a run of exactly <paramref name="min"/>..<paramref name="max"/> ASCII digits; -1 if the run is another length.</summary>
    private static int Digits(string s, int i, int min, int max, out int value)
    {
        value = 0;
        var run = DigitRun(s, i);
        if (run < min || run > max)
        {
            return -1;
        }

        for (var j = i; j < i + run; j++)
        {
            value = (value * 10) + (s[j] - '0');
        }

        return i + run;
    }

    private static readonly string[] EnglishNumbers =
        ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve"];

    /// <summary>A count for "last N days": ASCII digits (saturating), Chinese numerals, or one..twelve.</summary>
    private static int ReadCount(string s, int i, out int value)
    {
        value = 0;
        var run = DigitRun(s, i);
        if (run > 0)
        {
            long v = 0;
            for (var j = i; j < i + run; j++)
            {
                v = Math.Min((v * 10) + (s[j] - '0'), int.MaxValue);
            }

            value = (int)v;
            return i + run;
        }

        var cn = ReadChineseNumber(s, i, out value);
        if (cn >= 0)
        {
            return cn;
        }

        for (var n = EnglishNumbers.Length - 1; n >= 0; n--)
        {
            var e = Word(s, i, EnglishNumbers[n]);
            if (e >= 0)
            {
                value = n;
                return e;
            }
        }

        return -1;
    }

    /// <summary>A month, day or quarter number: one or two ASCII digits, or a Chinese numeral.</summary>
    private static int ReadSmall(string s, int i, out int value)
    {
        var e = Digits(s, i, 1, 2, out value);
        return e >= 0 ? e : ReadChineseNumber(s, i, out value);
    }

    // 七 = 7, 十五 = 15, 二十一 = 21, 一百零五 = 105, 两 = 2.
    private static int ReadChineseNumber(string s, int i, out int value)
    {
        int total = 0, current = 0, j = i;
        for (; j < s.Length && j - i < 8; j++)
        {
            var digit = "零一二三四五六七八九".IndexOf(s[j], StringComparison.Ordinal);
            if (digit < 0)
            {
                digit = s[j] switch
                {
                    '〇' => 0,
                    '两' => 2,
                    _ => -1,
                };
            }

            if (digit >= 0)
            {
                current = digit;
                continue;
            }

            var unit = s[j] switch
            {
                '十' => 10,
                '百' => 100,
                '千' => 1000,
                _ => 0,
            };
            if (unit == 0)
            {
                break;
            }

            total += (current == 0 ? 1 : current) * unit;
            current = 0;
        }

        value = total + current;
        return j > i ? j : -1;
    }

    private static DateOnly Monday(DateOnly day) => day.AddDays(-(((int)day.DayOfWeek + 6) % 7));

    private static DateOnly QuarterStart(int year, int quarter) => new(year, (3 * quarter) - 2, 1);

    private static string Iso(DateOnly day) => day.ToString("yyyy-MM-dd", Inv);
}
