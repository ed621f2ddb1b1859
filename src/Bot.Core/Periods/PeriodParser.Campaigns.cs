using System.Globalization;
using Bot.Core.Metrics;

namespace Bot.Core.Periods;

// Campaign names and aliases as periods: "618", "双11 2025", "2025年618", "2025双11", "去年双11", "double 11 last year".
public static partial class PeriodParser
{
    private static Hit MatchCampaign(string s, int i, DateOnly today, CampaignNames names)
    {
        var best = Hit.None;
        var (first, second, prefixYear) = YearPrefix(s, i, today);
        foreach (var afterYear in (ReadOnlySpan<int>)[first, second])
        {
            if (afterYear >= 0 && names.Longest(s, afterYear, Word) is (not null, var end, { } named))
            {
                Consider(ref best, s, SelectCampaign(s, i, end, named, prefixYear, today, names));
            }
        }

        var (campaign, nameEnd, key) = names.Longest(s, i, Word);
        if (campaign is null || key is null)
        {
            return best;
        }

        var suffixYear = YearSuffix(s, nameEnd, today, out var suffixEnd);
        if (suffixYear != 0)
        {
            Consider(ref best, s, SelectCampaign(s, i, suffixEnd, key, suffixYear, today, names));
        }

        Consider(ref best, s, SelectCampaign(s, i, nameEnd, key, 0, today, names));
        return best;
    }

    // "2025 ", "2025年", "2025双11", "去年", "今年": where a campaign name may start after a year (-1: none). "2025年中大促"
    // has two readings (2025年 + 中大促, 2025 + 年中大促), so both starts are returned and the name decides.
    private static (int First, int Second, int Year) YearPrefix(string s, int i, DateOnly today)
    {
        var e = Digits(s, i, 4, 4, out var y);
        if (e >= 0 && y is >= MinYear and <= MaxYear && e < s.Length)
        {
            var afterSeparator = s[e] is ' ' or '年' or '-' ? SkipSpaces(s, e + 1) : -1;

            // Chinese needs no space between the year and a name that starts with a Chinese character.
            var glued = IsCjk(s[e]) ? e : -1;
            return (afterSeparator, glued, y);
        }

        foreach (var (word, back) in ChineseYearWords)
        {
            if (Starts(s, i, word))
            {
                return (SkipSpaces(s, i + word.Length), -1, today.Year - back);
            }
        }

        if (Word(s, i, "last year") is var ly and >= 0 && ly < s.Length)
        {
            return (SkipSpaces(s, ly), -1, today.Year - 1);
        }

        if (Word(s, i, "this year") is var ty and >= 0 && ty < s.Length)
        {
            return (SkipSpaces(s, ty), -1, today.Year);
        }

        return (-1, -1, 0);
    }

    /// <param name="name">The name or alias that matched: every campaign that has it is one occurrence of the same event
    /// ("618" is the alias of "618 2025" and "618 2026"; or one name "618" reused every year).</param>
    private static Hit SelectCampaign(string s, int start, int end, string name, int year, DateOnly today, CampaignNames names)
    {
        // One event's occurrences (every campaign with that name or alias): only their dates tell them apart.
        var campaigns = names.Family(name);
        Campaign? pick = null;
        string? reason = null;
        if (year != 0)
        {
            pick = campaigns.FirstOrDefault(c => c.Start.Year == year) ?? campaigns.FirstOrDefault(c => c.End.Year == year);
            if (pick is null)
            {
                return Hit.Fail(end, string.Create(Inv, $"I have no {name} in {year}; I know {name} {KnownYears(campaigns)}."));
            }
        }
        else if (campaigns.Select(c => c.Start.Year).Distinct().Count() == 1)
        {
            // A name of one occurrence only ("618 2025"): that one, whatever this year holds.
            pick = campaigns[0];
        }
        else
        {
            var thisYear = campaigns.FirstOrDefault(c => c.Start.Year == today.Year);
            if (thisYear is not null && thisYear.End < today)
            {
                pick = thisYear;
            }
            else
            {
                pick = Latest(campaigns, today);
                if (pick is not null)
                {
                    reason = thisYear is null
                        ? string.Create(Inv, $"No {name} on record for {today.Year}; showing {pick.Start.Year}")
                        : thisYear.Start > today
                            ? string.Create(Inv, $"{name} hasn't started this year; showing {pick.Start.Year}")
                            : string.Create(Inv, $"{name} {today.Year} is still running (ends {Iso(thisYear.End)}); showing {pick.Start.Year}");
                }
                else
                {
                    // Nothing has ended yet: the one running now, else the next one (which fails below as not started).
                    pick = campaigns.FirstOrDefault(c => c.Start <= today) ?? campaigns.FirstOrDefault(c => c.Start > today)!;
                }
            }
        }

        if (pick.End < pick.Start)
        {
            return Hit.Fail(end, string.Create(Inv, $"{name} {pick.Start.Year} has its end ({Iso(pick.End)}) before its start ({Iso(pick.Start)}); please fix the campaign."));
        }

        var title = TitleOf(pick);
        if (pick.Start > today)
        {
            var earlier = Latest(campaigns, today);
            return Hit.Fail(end, earlier is null
                ? $"{title} hasn't started yet (starts {Iso(pick.Start)}) and I have no earlier {name}. {Examples}"
                : $"{title} hasn't started yet (starts {Iso(pick.Start)}). Try {name} {earlier.Start.Year.ToString(Inv)}.");
        }

        var window = pick.Window;
        DateRange range;
        string note;
        if (pick.End < today)
        {
            range = window;
            note = reason is null ? $"{title} (ended) — {window}" : $"{reason} — {window}";
        }
        else
        {
            range = new DateRange(pick.Start, today);
            note = $"{title} is still running (ends {Iso(pick.End)}): showing {range} so far";
        }

        if (range.Days > MaxDays)
        {
            return TooLong(s, start, end);
        }

        return Ok(end, title, range, PeriodKind.Campaign, note, pick, window);
    }

    // "618 2026" for a name reused every year; the name itself when it already says its year ("618 2026", "2026年618").
    private static string TitleOf(Campaign campaign)
    {
        var year = campaign.Start.Year.ToString(Inv);
        return campaign.Name.Contains(year, StringComparison.Ordinal) ? campaign.Name : $"{campaign.Name} {year}";
    }

    // The most recent occurrence that has ended before today.
    private static Campaign? Latest(IReadOnlyList<Campaign> campaigns, DateOnly today) =>
        campaigns.Where(c => c.End < today).MaxBy(c => c.Start);

    private static string KnownYears(IReadOnlyList<Campaign> campaigns) =>
        string.Join(", ", campaigns.Select(c => c.Start.Year).Distinct().Order().Select(y => y.ToString(CultureInfo.InvariantCulture)));
}
