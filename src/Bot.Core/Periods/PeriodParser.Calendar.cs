namespace Bot.Core.Periods;

// Calendar periods (dates, months, quarters, halves, years) and ranges between them.
public static partial class PeriodParser
{
    private const string DateExamples = "Write dates as 2026-06-18, 2026/6/18, 6/18 or 6月18日.";

    private enum Unit : byte
    {
        Day,
        Month,
        Quarter,
        Half,
        Year,
    }

    /// <summary>A calendar period as written; <see cref="Year"/> 0 means "no year given".</summary>
    /// <param name="Number">Month for days and months, quarter 1–4, half 1–2.</param>
    private readonly record struct Point(Unit Unit, int Year, int Number, int Day, int End, string? Error)
    {
        public static Point None => new(Unit.Day, 0, 0, 0, -1, null);

        public bool HasYear => Year != 0;

        public static Point Bad(int end, string error) => new(Unit.Day, 0, 0, 0, end, error);

        public Point WithYear(int year, int end) => this with { Year = year, End = end };
    }

    private static readonly (string Word, int Month)[] MonthNames =
    [
        ("january", 1), ("jan", 1), ("february", 2), ("feb", 2), ("march", 3), ("mar", 3), ("april", 4), ("apr", 4),
        ("may", 5), ("june", 6), ("jun", 6), ("july", 7), ("jul", 7), ("august", 8), ("aug", 8), ("september", 9),
        ("sept", 9), ("sep", 9), ("october", 10), ("oct", 10), ("november", 11), ("nov", 11), ("december", 12), ("dec", 12),
    ];

    private static readonly (string Word, bool Since)[] RangePrefixes = [("from", false), ("between", false), ("since", true), ("从", false), ("自", false)];

    private static readonly string[] Separators = ["...", "..", "~", "至", "到", "-", "–", "—", "to", "until", "till", "thru", "through"];

    private static readonly string[] SinceSuffixes = ["以来", "起", "开始"];

    private static readonly (string Word, int DaysBack)[] EndWords =
        [("today", 0), ("now", 0), ("yesterday", 1), ("今天", 0), ("今日", 0), ("现在", 0), ("今", 0), ("昨天", 1), ("昨日", 1)];

    private static Hit MatchCalendar(string s, int i, DateOnly today)
    {
        var best = Hit.None;
        var point = ParsePoint(s, i, i, today);
        if (point.End >= 0)
        {
            if (point.Error is not null)
            {
                return Hit.Fail(point.End, point.Error);
            }

            Consider(ref best, s, Single(s, i, point, today));
            Consider(ref best, s, RangeAfter(s, i, point, today, allowAnd: false));
        }

        foreach (var (word, since) in RangePrefixes)
        {
            var j = Word(s, i, word);
            if (j < 0)
            {
                continue;
            }

            var first = ParsePoint(s, i, SkipSpaces(s, j), today);
            if (first.End < 0)
            {
                continue;
            }

            if (first.Error is not null)
            {
                return Hit.Fail(first.End, first.Error);
            }

            Consider(ref best, s, since
                ? BuildRange(s, i, first.End, first, TodayPoint(today, 0, first.End), today)
                : RangeAfter(s, i, first, today, allowAnd: word == "between"));
        }

        return best;
    }

    private static Hit Single(string s, int start, in Point p, DateOnly today)
    {
        string? note = null;
        var year = p.Year;
        if (!p.HasYear)
        {
            year = LatestYear(p, today);
            if (year == 0)
            {
                return Hit.Fail(p.End, $"“{s[start..p.End]}” is not a date I can place. {DateExamples}");
            }

            if (p.Unit != Unit.Day && year != today.Year)
            {
                note = $"{Name(p, today.Year)} hasn't started yet; showing {Name(p, year)}.";
            }
        }

        return Calendar(s, start, p.End, Name(p, year), new DateRange(Start(p, year), End(p, year)), Kind(p.Unit), today, note);
    }

    // After a first point: "..", "to", "至" and a second point, or a since-suffix (6月1日以来).
    private static Hit RangeAfter(string s, int start, in Point first, DateOnly today, bool allowAnd)
    {
        var j = SkipSpaces(s, first.End);
        foreach (var suffix in SinceSuffixes)
        {
            if (Starts(s, j, suffix))
            {
                return BuildRange(s, start, j + suffix.Length, first, TodayPoint(today, 0, j + suffix.Length), today);
            }
        }

        var k = -1;
        foreach (var separator in Separators)
        {
            k = char.IsAsciiLetter(separator[0]) ? Word(s, j, separator) : (Starts(s, j, separator) ? j + separator.Length : -1);
            if (k >= 0)
            {
                break;
            }
        }

        if (k < 0 && allowAnd)
        {
            k = Word(s, j, "and");
        }

        if (k < 0)
        {
            return Hit.None;
        }

        k = SkipSpaces(s, k);
        var second = ParsePoint(s, k, k, today);
        foreach (var (word, back) in EndWords)
        {
            var e = Word(s, k, word);
            if (e > second.End)
            {
                second = TodayPoint(today, back, e);
            }
        }

        if (first.Unit == Unit.Day)
        {
            // "6月1日至18日": the second end is a day of the first one's month.
            var e = ReadSmall(s, k, out var day);
            if (e >= 0 && e < s.Length && s[e] is '日' or '号' && e + 1 > second.End)
            {
                second = MakeDate(s, k, e + 1, first.Year, first.Number, day);
            }

            // "2026-06-01~06-18": month-day in the first one's year.
            var m = Digits(s, k, 1, 2, out var month);
            if (m >= 0 && m < s.Length && s[m] == '-' && Digits(s, m + 1, 1, 2, out day) is var d and >= 0 && d > second.End)
            {
                second = MakeDate(s, k, d, first.Year, month, day);
            }
        }

        if (second.End < 0 || !IsEnd(s, second.End))
        {
            return Hit.None;
        }

        return second.Error is not null ? Hit.Fail(second.End, second.Error) : BuildRange(s, start, second.End, first, second, today);
    }

    private static Point TodayPoint(DateOnly today, int daysBack, int end)
    {
        var day = today.AddDays(-daysBack);
        return new Point(Unit.Day, day.Year, day.Month, day.Day, end, null);
    }

    private static Hit BuildRange(string s, int start, int end, in Point a, in Point b, DateOnly today)
    {
        int ay, by;
        if (a.HasYear && b.HasYear)
        {
            (ay, by) = (a.Year, b.Year);
        }
        else if (b.HasYear)
        {
            by = b.Year;
            ay = ValidIn(b, by) ? LatestYear(a, End(b, by)) : 0;
        }
        else
        {
            ay = a.HasYear ? a.Year : LatestYear(a, today);
            by = ay == 0 ? 0 : YearAfter(a, ay, b);
        }

        var text = s[start..end];
        if (ay == 0 || by == 0 || !ValidIn(a, ay) || !ValidIn(b, by))
        {
            return Hit.Fail(end, $"“{text}” has a date that does not exist. {DateExamples}");
        }

        var from = Start(a, ay);
        var to = End(b, by);
        if (to < from)
        {
            return Hit.Fail(end, $"“{text}” ends before it starts ({Iso(to)} is before {Iso(from)}). Put the earlier date first, e.g. 2026-06-01..2026-06-18.");
        }

        var range = new DateRange(from, to);
        return Calendar(s, start, end, range.ToString(), range, PeriodKind.Range, today, null);
    }

    // The year for a second end written without one: the first end's year, or the next when the range wraps
    // over New Year (12/20..1/5, Nov–Feb). A second end well before the first in the same year is a reversed range.
    private static int YearAfter(in Point a, int ay, in Point b)
    {
        if (!ValidIn(b, ay) || End(b, ay) >= Start(a, ay))
        {
            return ay;
        }

        return Start(a, ay).Month - Start(b, ay).Month >= 6 ? ay + 1 : ay;
    }

    // The most recent year in which the point has started by the anchor day (0 if none in eight years).
    private static int LatestYear(in Point p, DateOnly anchor)
    {
        if (p.HasYear)
        {
            return p.Year;
        }

        for (var year = anchor.Year; year >= anchor.Year - 8 && year >= MinYear; year--)
        {
            if (ValidIn(p, year) && Start(p, year) <= anchor)
            {
                return year;
            }
        }

        return 0;
    }

    private static bool ValidIn(in Point p, int year) =>
        p.Unit != Unit.Day || p.Day <= DateTime.DaysInMonth(year, p.Number);

    private static DateOnly Start(in Point p, int year) => p.Unit switch
    {
        Unit.Day => new DateOnly(year, p.Number, p.Day),
        Unit.Month => new DateOnly(year, p.Number, 1),
        Unit.Quarter => QuarterStart(year, p.Number),
        Unit.Half => new DateOnly(year, p.Number == 1 ? 1 : 7, 1),
        _ => new DateOnly(year, 1, 1),
    };

    private static DateOnly End(in Point p, int year) => p.Unit switch
    {
        Unit.Day => new DateOnly(year, p.Number, p.Day),
        Unit.Month => new DateOnly(year, p.Number, DateTime.DaysInMonth(year, p.Number)),
        Unit.Quarter => QuarterStart(year, p.Number).AddMonths(3).AddDays(-1),
        Unit.Half => new DateOnly(year, p.Number == 1 ? 6 : 12, p.Number == 1 ? 30 : 31),
        _ => new DateOnly(year, 12, 31),
    };

    private static string Name(in Point p, int year) => p.Unit switch
    {
        Unit.Day => Iso(Start(p, year)),
        Unit.Month => string.Create(Inv, $"{Inv.DateTimeFormat.GetMonthName(p.Number)} {year}"),
        Unit.Quarter => string.Create(Inv, $"Q{p.Number} {year}"),
        Unit.Half => string.Create(Inv, $"H{p.Number} {year}"),
        _ => year.ToString(Inv),
    };

    private static PeriodKind Kind(Unit unit) => unit switch
    {
        Unit.Day => PeriodKind.Day,
        Unit.Month => PeriodKind.Month,
        Unit.Quarter => PeriodKind.Quarter,
        Unit.Half => PeriodKind.HalfYear,
        _ => PeriodKind.Year,
    };

    // Checks a resolved calendar period against today: future is an error, a period still running is cut at today.
    private static Hit Calendar(string s, int start, int end, string name, DateRange full, PeriodKind kind, DateOnly today, string? note)
    {
        if (full.From > today)
        {
            return Hit.Fail(end, $"“{s[start..end]}” ({full}) is in the future; today is {Iso(today)}. {Examples}");
        }

        var range = full;
        if (full.To > today)
        {
            range = new DateRange(full.From, today);
            note = note is null ? string.Empty : note + " ";
            note += $"{name} is not over yet: showing {range} (to date).";
        }

        if (range.Days > MaxDays)
        {
            return TooLong(s, start, end);
        }

        return Ok(end, name, range, kind, note, whole: full);
    }

    // ---- points ------------------------------------------------------------------------------------------

    /// <summary>Parses one calendar period at <paramref name="i"/>; <paramref name="start"/> is where its text starts, for messages.</summary>
    private static Point ParsePoint(string s, int start, int i, DateOnly today)
    {
        if (i >= s.Length)
        {
            return Point.None;
        }

        if (char.IsAsciiDigit(s[i]))
        {
            var run = DigitRun(s, i);
            if (run == 4)
            {
                Digits(s, i, 4, 4, out var year);
                return year is >= MinYear and <= MaxYear ? YearLed(s, start, i, year, today) : Point.None;
            }

            if (run == 8)
            {
                return Compact(s, i);
            }

            if (run <= 2)
            {
                var slash = SlashDate(s, start, i);
                if (slash.End >= 0)
                {
                    return slash;
                }
            }
        }

        // 今年6月, 去年第三季度, 前年上半年
        foreach (var (word, back) in ChineseYearWords)
        {
            if (Starts(s, i, word))
            {
                var sub = SubYear(s, start, SkipSpaces(s, i + word.Length), today.Year - back);
                if (sub.End >= 0)
                {
                    return sub;
                }
            }
        }

        var p = SubYear(s, start, i, 0);
        if (p.End >= 0)
        {
            return p.Error is null && p.Unit is Unit.Quarter or Unit.Half ? WithYearSuffix(s, p, today) : p;
        }

        return MonthName(s, start, i, today);
    }

    private static readonly string[] OrdinalSuffixes = ["st", "nd", "rd", "th"];

    private static readonly (string Word, int YearsBack)[] ChineseYearWords = [("今年", 0), ("本年", 0), ("去年", 1), ("前年", 2)];

    // 2026-06-18, 2026/6/18, 2026.06.18, 2026-06, 2026/06, 2026-q3, 2026q3, 2026 q3, 2026h1, 2026年…, 2026
    private static Point YearLed(string s, int start, int i, int year, DateOnly today)
    {
        var j = i + 4;
        if (j < s.Length)
        {
            var c = s[j];
            if (c is '-' or '/' or '.')
            {
                var k = Digits(s, j + 1, 1, 2, out var month);
                if (k >= 0)
                {
                    if (k < s.Length && s[k] == c)
                    {
                        var e = Digits(s, k + 1, 1, 2, out var day);
                        if (e >= 0)
                        {
                            return MakeDate(s, start, e, year, month, day);
                        }
                    }

                    // "2026.5" is more likely a number than May.
                    if (c != '.')
                    {
                        return MakeMonth(s, start, k, year, month);
                    }
                }
                else if (c != '.')
                {
                    var qh = QuarterOrHalf(s, start, j + 1, year);
                    if (qh.End >= 0)
                    {
                        return qh;
                    }
                }
            }
            else if (c == '年')
            {
                var sub = SubYear(s, start, SkipSpaces(s, j + 1), year);
                if (sub.End >= 0)
                {
                    return sub;
                }

                var e = j + 1 < s.Length && s[j + 1] == '度' ? j + 2 : j + 1;
                return new Point(Unit.Year, year, 0, 0, e, null);
            }
            else if (c is 'q' or 'h' or 'Q' or 'H' or ' ')
            {
                var qh = QuarterOrHalf(s, start, c == ' ' ? j + 1 : j, year);
                if (qh.End >= 0)
                {
                    return qh;
                }
            }
        }

        return new Point(Unit.Year, year, 0, 0, j, null);
    }

    // 20260618: only when it is a real date, else it is just a number.
    private static Point Compact(string s, int i)
    {
        var year = Number(s, i, 4);
        var month = Number(s, i + 4, 2);
        var day = Number(s, i + 6, 2);
        return year is >= MinYear and <= MaxYear && month is >= 1 and <= 12 && day >= 1 && day <= DateTime.DaysInMonth(year, month)
            ? new Point(Unit.Day, year, month, day, i + 8, null)
            : Point.None;
    }

    private static int Number(string s, int i, int length)
    {
        var value = 0;
        for (var j = i; j < i + length; j++)
        {
            value = (value * 10) + (s[j] - '0');
        }

        return value;
    }

    // 6/18 and 6/18/2026; only plausible month/day pairs are taken, so "13/45" stays text.
    private static Point SlashDate(string s, int start, int i)
    {
        var k = Digits(s, i, 1, 2, out var month);
        if (k < 0 || k >= s.Length || s[k] != '/')
        {
            return Point.None;
        }

        var e = Digits(s, k + 1, 1, 2, out var day);
        if (e < 0 || month is < 1 or > 12 || day is < 1 or > 31)
        {
            return Point.None;
        }

        var year = 0;
        if (e < s.Length && s[e] == '/' && Digits(s, e + 1, 4, 4, out var y) is var ye and >= 0 && y is >= MinYear and <= MaxYear)
        {
            year = y;
            e = ye;
        }

        return MakeDate(s, start, e, year, month, day);
    }

    // What may follow a year (or stand alone): 6月, 6月18日, 六月十八号, 第三季度, 3季度, q3, h1, 上半年.
    private static Point SubYear(string s, int start, int i, int year)
    {
        if (i >= s.Length)
        {
            return Point.None;
        }

        if (Starts(s, i, "上半年") || Starts(s, i, "下半年"))
        {
            return new Point(Unit.Half, year, s[i] == '上' ? 1 : 2, 0, i + 3, null);
        }

        if (s[i] is 'q' or 'h' or 'Q' or 'H')
        {
            return QuarterOrHalf(s, start, i, year);
        }

        var ordinal = s[i] == '第';
        var k = ReadSmall(s, ordinal ? i + 1 : i, out var n);
        if (k < 0)
        {
            return Point.None;
        }

        if (Starts(s, k, "季度") || Starts(s, k, "季"))
        {
            return MakeQuarter(s, start, k + (Starts(s, k, "季度") ? 2 : 1), year, n);
        }

        if (ordinal || k >= s.Length || s[k] != '月')
        {
            return Point.None;
        }

        var e = k + 1;
        var d = ReadSmall(s, e, out var day);
        if (d >= 0)
        {
            if (d < s.Length && s[d] is '日' or '号')
            {
                return MakeDate(s, start, d + 1, year, n, day);
            }

            if (char.IsAsciiDigit(s[e]) && (d >= s.Length || !IsCjk(s[d])))
            {
                return MakeDate(s, start, d, year, n, day);
            }
        }

        if (e < s.Length && s[e] == '份')
        {
            e++;
        }

        return MakeMonth(s, start, e, year, n);
    }

    // q3 / h1 right at i (no year): one digit, ending the word.
    private static Point QuarterOrHalf(string s, int start, int i, int year)
    {
        if (i >= s.Length || s[i] is not ('q' or 'h' or 'Q' or 'H'))
        {
            return Point.None;
        }

        var e = Digits(s, i + 1, 1, 1, out var n);
        if (e < 0 || !IsEnd(s, e))
        {
            return Point.None;
        }

        if (s[i] is 'q' or 'Q')
        {
            return MakeQuarter(s, start, e, year, n);
        }

        return n is 1 or 2 ? new Point(Unit.Half, year, n, 0, e, null) : Point.None;
    }

    // june, jun 2026, june 18, june 18th 2026, june last year
    private static Point MonthName(string s, int start, int i, DateOnly today)
    {
        var month = 0;
        var end = -1;
        foreach (var (word, m) in MonthNames)
        {
            var e = Word(s, i, word);
            if (e > end)
            {
                (month, end) = (m, e);
            }
        }

        if (end < 0)
        {
            return Point.None;
        }

        var j = SkipSpaces(s, end);
        if (j > end && Digits(s, j, 1, 2, out var day) is var d and >= 0)
        {
            foreach (var suffix in OrdinalSuffixes)
            {
                if (Word(s, d, suffix) is var sd and >= 0)
                {
                    d = sd;
                    break;
                }
            }

            if (IsEnd(s, d) && day is >= 1 and <= 31)
            {
                return WithYearSuffix(s, MakeDate(s, start, d, 0, month, day), today);
            }
        }

        return WithYearSuffix(s, new Point(Unit.Month, 0, month, 0, end, null), today);
    }

    // " 2026", " last year", " this year" after a period written without a year.
    private static Point WithYearSuffix(string s, in Point p, DateOnly today)
    {
        if (p.End < 0 || p.Error is not null || p.HasYear)
        {
            return p;
        }

        var year = YearSuffix(s, p.End, today, out var end);
        if (year == 0)
        {
            return p;
        }

        if (p.Unit == Unit.Day && p.Day > DateTime.DaysInMonth(year, p.Number))
        {
            return MakeDate(s, p.End, end, year, p.Number, p.Day);
        }

        return p.WithYear(year, end);
    }

    private static int YearSuffix(string s, int i, DateOnly today, out int end)
    {
        end = -1;
        var j = SkipSpaces(s, i);
        if (j == i)
        {
            return 0;
        }

        var e = Digits(s, j, 4, 4, out var year);
        if (e >= 0 && year is >= MinYear and <= MaxYear && IsEnd(s, e))
        {
            end = e < s.Length && s[e] == '年' ? e + 1 : e;
            return year;
        }

        if (Word(s, j, "last year") is var ly and >= 0)
        {
            end = ly;
            return today.Year - 1;
        }

        if (Word(s, j, "this year") is var ty and >= 0)
        {
            end = ty;
            return today.Year;
        }

        return 0;
    }

    private static Point MakeDate(string s, int start, int end, int year, int month, int day)
    {
        if (month is < 1 or > 12)
        {
            return Point.Bad(end, $"“{s[start..end]}” is not a date: months run 1–12. {DateExamples}");
        }

        var max = year == 0 ? (month == 2 ? 29 : DateTime.DaysInMonth(2001, month)) : DateTime.DaysInMonth(year, month);
        if (day < 1 || day > max)
        {
            var monthName = Inv.DateTimeFormat.GetMonthName(month);
            var why = year == 0
                ? string.Create(Inv, $"{monthName} has at most {max} days")
                : string.Create(Inv, $"{monthName} {year} has {max} days");
            return Point.Bad(end, $"“{s[start..end]}” is not a date: {why}. {DateExamples}");
        }

        return new Point(Unit.Day, year, month, day, end, null);
    }

    private static Point MakeMonth(string s, int start, int end, int year, int month) =>
        month is >= 1 and <= 12
            ? new Point(Unit.Month, year, month, 0, end, null)
            : Point.Bad(end, $"“{s[start..end]}” is not a month: months run 1–12, e.g. 2026-06, june 2026 or 2026年6月.");

    private static Point MakeQuarter(string s, int start, int end, int year, int quarter) =>
        quarter is >= 1 and <= 4
            ? new Point(Unit.Quarter, year, quarter, 0, end, null)
            : Point.Bad(end, $"“{s[start..end]}” is not a quarter: use Q1–Q4, e.g. Q3, Q3 2026, 2026-Q3 or 2026年第三季度.");
}
