using System.Globalization;
using Bot.Core.Periods;

namespace Bot.Core.Tests.Periods;

/// <summary>The period table: every expected date is written by hand from a calendar, never computed by the parser.</summary>
/// <remarks>
/// Weekdays used: 2026-06-19 Fri, 2026-06-15 Mon, 2026-06-21 Sun, 2026-01-01 Thu, 2026-12-31 Thu, 2026-03-31 Tue,
/// 2026-04-01 Wed, 2026-07-01 Wed, 2026-05-31 Sun, 2026-11-20 Fri, 2024-03-31 Sun, 2024-02-29 Thu, 2025-03-01 Sat.
/// </remarks>
public sealed class PeriodParserTests
{
    [Theory]
    // ---- English relative, on Friday 2026-06-19 ----
    [InlineData("today", "2026-06-19", "2026-06-19", "2026-06-19")]
    [InlineData("yesterday", "2026-06-19", "2026-06-18", "2026-06-18")]
    [InlineData("day before yesterday", "2026-06-19", "2026-06-17", "2026-06-17")]
    [InlineData("this week", "2026-06-19", "2026-06-15", "2026-06-19")]
    [InlineData("last week", "2026-06-19", "2026-06-08", "2026-06-14")]
    [InlineData("previous week", "2026-06-19", "2026-06-08", "2026-06-14")]
    [InlineData("this month", "2026-06-19", "2026-06-01", "2026-06-19")]
    [InlineData("mtd", "2026-06-19", "2026-06-01", "2026-06-19")]
    [InlineData("last month", "2026-06-19", "2026-05-01", "2026-05-31")]
    [InlineData("this quarter", "2026-06-19", "2026-04-01", "2026-06-19")]
    [InlineData("last quarter", "2026-06-19", "2026-01-01", "2026-03-31")]
    [InlineData("this year", "2026-06-19", "2026-01-01", "2026-06-19")]
    [InlineData("ytd", "2026-06-19", "2026-01-01", "2026-06-19")]
    [InlineData("year to date", "2026-06-19", "2026-01-01", "2026-06-19")]
    [InlineData("last year", "2026-06-19", "2025-01-01", "2025-12-31")]
    [InlineData("year before last", "2026-06-19", "2024-01-01", "2024-12-31")]
    // ---- rolling windows end yesterday ----
    [InlineData("last 7 days", "2026-06-19", "2026-06-12", "2026-06-18")]
    [InlineData("past 7 days", "2026-06-19", "2026-06-12", "2026-06-18")]
    [InlineData("recent 7 days", "2026-06-19", "2026-06-12", "2026-06-18")]
    [InlineData("last seven days", "2026-06-19", "2026-06-12", "2026-06-18")]
    [InlineData("last 7d", "2026-06-19", "2026-06-12", "2026-06-18")]
    [InlineData("past week", "2026-06-19", "2026-06-12", "2026-06-18")]
    [InlineData("last 1 day", "2026-06-19", "2026-06-18", "2026-06-18")]
    [InlineData("last 14 days", "2026-06-19", "2026-06-05", "2026-06-18")]
    [InlineData("last 30 days", "2026-06-19", "2026-05-20", "2026-06-18")]
    [InlineData("last 90 days", "2026-06-19", "2026-03-21", "2026-06-18")]
    [InlineData("last 618 days", "2026-06-19", "2024-10-09", "2026-06-18")]
    [InlineData("last 1 week", "2026-06-19", "2026-06-12", "2026-06-18")]
    [InlineData("last 2 weeks", "2026-06-19", "2026-06-05", "2026-06-18")]
    [InlineData("last 4 weeks", "2026-06-19", "2026-05-22", "2026-06-18")]
    [InlineData("last 3 months", "2026-06-19", "2026-03-19", "2026-06-18")]
    [InlineData("past month", "2026-06-19", "2026-05-19", "2026-06-18")]
    [InlineData("last 12 months", "2026-06-19", "2025-06-19", "2026-06-18")]
    [InlineData("last 1 year", "2026-06-19", "2025-06-19", "2026-06-18")]
    [InlineData("last 3 years", "2026-06-19", "2023-06-19", "2026-06-18")]
    [InlineData("3 days ago", "2026-06-19", "2026-06-16", "2026-06-16")]
    [InlineData("1 day ago", "2026-06-19", "2026-06-18", "2026-06-18")]
    // ---- Chinese relative ----
    [InlineData("今天", "2026-06-19", "2026-06-19", "2026-06-19")]
    [InlineData("今日", "2026-06-19", "2026-06-19", "2026-06-19")]
    [InlineData("昨天", "2026-06-19", "2026-06-18", "2026-06-18")]
    [InlineData("昨日", "2026-06-19", "2026-06-18", "2026-06-18")]
    [InlineData("前天", "2026-06-19", "2026-06-17", "2026-06-17")]
    [InlineData("本周", "2026-06-19", "2026-06-15", "2026-06-19")]
    [InlineData("这周", "2026-06-19", "2026-06-15", "2026-06-19")]
    [InlineData("上周", "2026-06-19", "2026-06-08", "2026-06-14")]
    [InlineData("上星期", "2026-06-19", "2026-06-08", "2026-06-14")]
    [InlineData("上个星期", "2026-06-19", "2026-06-08", "2026-06-14")]
    [InlineData("本月", "2026-06-19", "2026-06-01", "2026-06-19")]
    [InlineData("这个月", "2026-06-19", "2026-06-01", "2026-06-19")]
    [InlineData("上月", "2026-06-19", "2026-05-01", "2026-05-31")]
    [InlineData("上个月", "2026-06-19", "2026-05-01", "2026-05-31")]
    [InlineData("本季度", "2026-06-19", "2026-04-01", "2026-06-19")]
    [InlineData("上季度", "2026-06-19", "2026-01-01", "2026-03-31")]
    [InlineData("今年", "2026-06-19", "2026-01-01", "2026-06-19")]
    [InlineData("去年", "2026-06-19", "2025-01-01", "2025-12-31")]
    [InlineData("前年", "2026-06-19", "2024-01-01", "2024-12-31")]
    [InlineData("近7天", "2026-06-19", "2026-06-12", "2026-06-18")]
    [InlineData("最近7天", "2026-06-19", "2026-06-12", "2026-06-18")]
    [InlineData("过去7天", "2026-06-19", "2026-06-12", "2026-06-18")]
    [InlineData("近七天", "2026-06-19", "2026-06-12", "2026-06-18")]
    [InlineData("近7日", "2026-06-19", "2026-06-12", "2026-06-18")]
    [InlineData("近30天", "2026-06-19", "2026-05-20", "2026-06-18")]
    [InlineData("最近30天", "2026-06-19", "2026-05-20", "2026-06-18")]
    [InlineData("近两周", "2026-06-19", "2026-06-05", "2026-06-18")]
    [InlineData("近2周", "2026-06-19", "2026-06-05", "2026-06-18")]
    [InlineData("近3个月", "2026-06-19", "2026-03-19", "2026-06-18")]
    [InlineData("过去三个月", "2026-06-19", "2026-03-19", "2026-06-18")]
    [InlineData("近半年", "2026-06-19", "2025-12-19", "2026-06-18")]
    [InlineData("3天前", "2026-06-19", "2026-06-16", "2026-06-16")]
    // ---- quarters and halves: without a year, this year's if started, else last year's ----
    [InlineData("q1", "2026-06-19", "2026-01-01", "2026-03-31")]
    [InlineData("q2", "2026-06-19", "2026-04-01", "2026-06-19")]
    [InlineData("q3", "2026-06-19", "2025-07-01", "2025-09-30")]
    [InlineData("q4", "2026-06-19", "2025-10-01", "2025-12-31")]
    [InlineData("q1 2025", "2026-06-19", "2025-01-01", "2025-03-31")]
    [InlineData("q3 last year", "2026-06-19", "2025-07-01", "2025-09-30")]
    [InlineData("2025-q3", "2026-06-19", "2025-07-01", "2025-09-30")]
    [InlineData("2025q4", "2026-06-19", "2025-10-01", "2025-12-31")]
    [InlineData("2025 q2", "2026-06-19", "2025-04-01", "2025-06-30")]
    [InlineData("2026-q1", "2026-06-19", "2026-01-01", "2026-03-31")]
    [InlineData("2025年q3", "2026-06-19", "2025-07-01", "2025-09-30")]
    [InlineData("2025年第三季度", "2026-06-19", "2025-07-01", "2025-09-30")]
    [InlineData("2025年三季度", "2026-06-19", "2025-07-01", "2025-09-30")]
    [InlineData("一季度", "2026-06-19", "2026-01-01", "2026-03-31")]
    [InlineData("第一季度", "2026-06-19", "2026-01-01", "2026-03-31")]
    [InlineData("第二季度", "2026-06-19", "2026-04-01", "2026-06-19")]
    [InlineData("三季度", "2026-06-19", "2025-07-01", "2025-09-30")]
    [InlineData("第4季度", "2026-06-19", "2025-10-01", "2025-12-31")]
    [InlineData("去年四季度", "2026-06-19", "2025-10-01", "2025-12-31")]
    [InlineData("h1", "2026-06-19", "2026-01-01", "2026-06-19")]
    [InlineData("h2", "2026-06-19", "2025-07-01", "2025-12-31")]
    [InlineData("h1 2025", "2026-06-19", "2025-01-01", "2025-06-30")]
    [InlineData("上半年", "2026-06-19", "2026-01-01", "2026-06-19")]
    [InlineData("下半年", "2026-06-19", "2025-07-01", "2025-12-31")]
    [InlineData("2025年下半年", "2026-06-19", "2025-07-01", "2025-12-31")]
    // ---- the week or month before last, a weekday of a week ----
    [InlineData("上上周", "2026-06-19", "2026-06-01", "2026-06-07")]
    [InlineData("week before last", "2026-06-19", "2026-06-01", "2026-06-07")]
    [InlineData("上上个月", "2026-06-19", "2026-04-01", "2026-04-30")]
    [InlineData("month before last", "2026-06-19", "2026-04-01", "2026-04-30")]
    [InlineData("上周三", "2026-06-19", "2026-06-10", "2026-06-10")]
    [InlineData("上星期日", "2026-06-19", "2026-06-14", "2026-06-14")]
    [InlineData("上周天", "2026-06-19", "2026-06-14", "2026-06-14")]
    [InlineData("本周一", "2026-06-19", "2026-06-15", "2026-06-15")]
    [InlineData("上上周五", "2026-06-19", "2026-06-05", "2026-06-05")]
    [InlineData("last wednesday", "2026-06-19", "2026-06-17", "2026-06-17")]
    [InlineData("last friday", "2026-06-19", "2026-06-12", "2026-06-12")]
    [InlineData("上周天猫", "2026-06-19", "2026-06-08", "2026-06-14")]
    [InlineData("上周日报", "2026-06-19", "2026-06-08", "2026-06-14")]
    // ---- months ----
    [InlineData("2026-06", "2026-06-19", "2026-06-01", "2026-06-19")]
    [InlineData("2026/05", "2026-06-19", "2026-05-01", "2026-05-31")]
    [InlineData("2026-4", "2026-06-19", "2026-04-01", "2026-04-30")]
    [InlineData("2026-02", "2026-06-19", "2026-02-01", "2026-02-28")]
    [InlineData("2024-02", "2026-06-19", "2024-02-01", "2024-02-29")]
    [InlineData("2025-12", "2026-06-19", "2025-12-01", "2025-12-31")]
    [InlineData("june 2025", "2026-06-19", "2025-06-01", "2025-06-30")]
    [InlineData("jun 2026", "2026-06-19", "2026-06-01", "2026-06-19")]
    [InlineData("june", "2026-06-19", "2026-06-01", "2026-06-19")]
    [InlineData("may", "2026-06-19", "2026-05-01", "2026-05-31")]
    [InlineData("july", "2026-06-19", "2025-07-01", "2025-07-31")]
    [InlineData("december", "2026-06-19", "2025-12-01", "2025-12-31")]
    [InlineData("jan", "2026-06-19", "2026-01-01", "2026-01-31")]
    [InlineData("sept 2025", "2026-06-19", "2025-09-01", "2025-09-30")]
    [InlineData("june last year", "2026-06-19", "2025-06-01", "2025-06-30")]
    [InlineData("6月", "2026-06-19", "2026-06-01", "2026-06-19")]
    [InlineData("六月", "2026-06-19", "2026-06-01", "2026-06-19")]
    [InlineData("6月份", "2026-06-19", "2026-06-01", "2026-06-19")]
    [InlineData("5月", "2026-06-19", "2026-05-01", "2026-05-31")]
    [InlineData("7月", "2026-06-19", "2025-07-01", "2025-07-31")]
    [InlineData("十二月", "2026-06-19", "2025-12-01", "2025-12-31")]
    [InlineData("2026年6月", "2026-06-19", "2026-06-01", "2026-06-19")]
    [InlineData("2025年6月", "2026-06-19", "2025-06-01", "2025-06-30")]
    [InlineData("2026年2月", "2026-06-19", "2026-02-01", "2026-02-28")]
    [InlineData("去年6月", "2026-06-19", "2025-06-01", "2025-06-30")]
    [InlineData("今年3月", "2026-06-19", "2026-03-01", "2026-03-31")]
    // ---- single dates ----
    [InlineData("2026-06-18", "2026-06-19", "2026-06-18", "2026-06-18")]
    [InlineData("2026/6/18", "2026-06-19", "2026-06-18", "2026-06-18")]
    [InlineData("2026.06.18", "2026-06-19", "2026-06-18", "2026-06-18")]
    [InlineData("20260618", "2026-06-19", "2026-06-18", "2026-06-18")]
    [InlineData("6/18", "2026-06-19", "2026-06-18", "2026-06-18")]
    [InlineData("6/19", "2026-06-19", "2026-06-19", "2026-06-19")]
    [InlineData("6/20", "2026-06-19", "2025-06-20", "2025-06-20")]
    [InlineData("12/31", "2026-06-19", "2025-12-31", "2025-12-31")]
    [InlineData("1/1", "2026-06-19", "2026-01-01", "2026-01-01")]
    [InlineData("6/18/2025", "2026-06-19", "2025-06-18", "2025-06-18")]
    [InlineData("2026年6月18日", "2026-06-19", "2026-06-18", "2026-06-18")]
    [InlineData("6月18日", "2026-06-19", "2026-06-18", "2026-06-18")]
    [InlineData("6月18号", "2026-06-19", "2026-06-18", "2026-06-18")]
    [InlineData("六月十八日", "2026-06-19", "2026-06-18", "2026-06-18")]
    [InlineData("6月20日", "2026-06-19", "2025-06-20", "2025-06-20")]
    [InlineData("june 18", "2026-06-19", "2026-06-18", "2026-06-18")]
    [InlineData("june 18th 2025", "2026-06-19", "2025-06-18", "2025-06-18")]
    // ---- ranges ----
    [InlineData("2026-06-01..2026-06-18", "2026-06-19", "2026-06-01", "2026-06-18")]
    [InlineData("2026-06-01 to 2026-06-18", "2026-06-19", "2026-06-01", "2026-06-18")]
    [InlineData("2026-06-01 ~ 2026-06-18", "2026-06-19", "2026-06-01", "2026-06-18")]
    [InlineData("2026-06-01~2026-06-18", "2026-06-19", "2026-06-01", "2026-06-18")]
    [InlineData("2026-06-01 - 2026-06-18", "2026-06-19", "2026-06-01", "2026-06-18")]
    [InlineData("2026-06-01-2026-06-18", "2026-06-19", "2026-06-01", "2026-06-18")]
    [InlineData("2026-06-01至2026-06-18", "2026-06-19", "2026-06-01", "2026-06-18")]
    [InlineData("2026-06-01到2026-06-18", "2026-06-19", "2026-06-01", "2026-06-18")]
    [InlineData("2026/06/01~2026/06/18", "2026-06-19", "2026-06-01", "2026-06-18")]
    [InlineData("from 2026-06-01 to 2026-06-18", "2026-06-19", "2026-06-01", "2026-06-18")]
    [InlineData("between 2026-06-01 and 2026-06-18", "2026-06-19", "2026-06-01", "2026-06-18")]
    [InlineData("6/1-6/18", "2026-06-19", "2026-06-01", "2026-06-18")]
    [InlineData("2026-06-01~06-18", "2026-06-19", "2026-06-01", "2026-06-18")]
    [InlineData("2026-6-1 至 6-18", "2026-06-19", "2026-06-01", "2026-06-18")]
    [InlineData("6/1 to 6/18", "2026-06-19", "2026-06-01", "2026-06-18")]
    [InlineData("6月1日至6月18日", "2026-06-19", "2026-06-01", "2026-06-18")]
    [InlineData("6月1日到18日", "2026-06-19", "2026-06-01", "2026-06-18")]
    [InlineData("6月1日-18日", "2026-06-19", "2026-06-01", "2026-06-18")]
    [InlineData("从6月1日到6月18日", "2026-06-19", "2026-06-01", "2026-06-18")]
    [InlineData("2026年6月1日至2026年6月18日", "2026-06-19", "2026-06-01", "2026-06-18")]
    [InlineData("12/20 to 1/5", "2026-06-19", "2025-12-20", "2026-01-05")]
    [InlineData("2025-12-20..1/5", "2026-06-19", "2025-12-20", "2026-01-05")]
    [InlineData("2026-03..2026-05", "2026-06-19", "2026-03-01", "2026-05-31")]
    [InlineData("jan to mar", "2026-06-19", "2026-01-01", "2026-03-31")]
    [InlineData("1月至3月", "2026-06-19", "2026-01-01", "2026-03-31")]
    [InlineData("q1..q2", "2026-06-19", "2026-01-01", "2026-06-19")]
    [InlineData("2024-2025", "2026-06-19", "2024-01-01", "2025-12-31")]
    [InlineData("2026-06-01..2026-06-30", "2026-06-19", "2026-06-01", "2026-06-19")]
    [InlineData("since 2026-06-01", "2026-06-19", "2026-06-01", "2026-06-19")]
    [InlineData("6月1日以来", "2026-06-19", "2026-06-01", "2026-06-19")]
    [InlineData("2026-06-01至今", "2026-06-19", "2026-06-01", "2026-06-19")]
    [InlineData("2026-06-10 to today", "2026-06-19", "2026-06-10", "2026-06-19")]
    [InlineData("2026-06-10 to yesterday", "2026-06-19", "2026-06-10", "2026-06-18")]
    // ---- years ----
    [InlineData("2025", "2026-06-19", "2025-01-01", "2025-12-31")]
    [InlineData("2026", "2026-06-19", "2026-01-01", "2026-06-19")]
    [InlineData("2024年", "2026-06-19", "2024-01-01", "2024-12-31")]
    [InlineData("2025年度", "2026-06-19", "2025-01-01", "2025-12-31")]
    // ---- New Year's Day 2026 (Thursday) ----
    [InlineData("yesterday", "2026-01-01", "2025-12-31", "2025-12-31")]
    [InlineData("this week", "2026-01-01", "2025-12-29", "2026-01-01")]
    [InlineData("last week", "2026-01-01", "2025-12-22", "2025-12-28")]
    [InlineData("this month", "2026-01-01", "2026-01-01", "2026-01-01")]
    [InlineData("last month", "2026-01-01", "2025-12-01", "2025-12-31")]
    [InlineData("this quarter", "2026-01-01", "2026-01-01", "2026-01-01")]
    [InlineData("last quarter", "2026-01-01", "2025-10-01", "2025-12-31")]
    [InlineData("this year", "2026-01-01", "2026-01-01", "2026-01-01")]
    [InlineData("last year", "2026-01-01", "2025-01-01", "2025-12-31")]
    [InlineData("last 7 days", "2026-01-01", "2025-12-25", "2025-12-31")]
    [InlineData("近3个月", "2026-01-01", "2025-10-01", "2025-12-31")]
    [InlineData("q1", "2026-01-01", "2026-01-01", "2026-01-01")]
    [InlineData("q2", "2026-01-01", "2025-04-01", "2025-06-30")]
    [InlineData("12/31", "2026-01-01", "2025-12-31", "2025-12-31")]
    [InlineData("december", "2026-01-01", "2025-12-01", "2025-12-31")]
    [InlineData("january", "2026-01-01", "2026-01-01", "2026-01-01")]
    [InlineData("12/25 to 1/1", "2026-01-01", "2025-12-25", "2026-01-01")]
    [InlineData("上周", "2026-01-01", "2025-12-22", "2025-12-28")]
    // ---- New Year's Eve 2026 (Thursday) ----
    [InlineData("this week", "2026-12-31", "2026-12-28", "2026-12-31")]
    [InlineData("last week", "2026-12-31", "2026-12-21", "2026-12-27")]
    [InlineData("this month", "2026-12-31", "2026-12-01", "2026-12-31")]
    [InlineData("last month", "2026-12-31", "2026-11-01", "2026-11-30")]
    [InlineData("this quarter", "2026-12-31", "2026-10-01", "2026-12-31")]
    [InlineData("last quarter", "2026-12-31", "2026-07-01", "2026-09-30")]
    [InlineData("this year", "2026-12-31", "2026-01-01", "2026-12-31")]
    [InlineData("q4", "2026-12-31", "2026-10-01", "2026-12-31")]
    [InlineData("h2", "2026-12-31", "2026-07-01", "2026-12-31")]
    [InlineData("2026", "2026-12-31", "2026-01-01", "2026-12-31")]
    [InlineData("last 7 days", "2026-12-31", "2026-12-24", "2026-12-30")]
    // ---- leap years ----
    [InlineData("last month", "2024-03-31", "2024-02-01", "2024-02-29")]
    [InlineData("上个月", "2024-03-31", "2024-02-01", "2024-02-29")]
    [InlineData("this week", "2024-03-31", "2024-03-25", "2024-03-31")]
    [InlineData("last week", "2024-03-31", "2024-03-18", "2024-03-24")]
    [InlineData("february", "2024-03-31", "2024-02-01", "2024-02-29")]
    [InlineData("2月", "2024-03-31", "2024-02-01", "2024-02-29")]
    [InlineData("last 1 month", "2024-03-31", "2024-02-29", "2024-03-30")]
    [InlineData("last 31 days", "2024-03-31", "2024-02-29", "2024-03-30")]
    [InlineData("this quarter", "2024-03-31", "2024-01-01", "2024-03-31")]
    [InlineData("last quarter", "2024-03-31", "2023-10-01", "2023-12-31")]
    [InlineData("2024-02-28..2024-03-01", "2024-03-31", "2024-02-28", "2024-03-01")]
    [InlineData("today", "2024-02-29", "2024-02-29", "2024-02-29")]
    [InlineData("yesterday", "2024-02-29", "2024-02-28", "2024-02-28")]
    [InlineData("this month", "2024-02-29", "2024-02-01", "2024-02-29")]
    [InlineData("last month", "2024-02-29", "2024-01-01", "2024-01-31")]
    [InlineData("last year", "2024-02-29", "2023-01-01", "2023-12-31")]
    [InlineData("last 1 year", "2024-02-29", "2023-02-28", "2024-02-28")]
    [InlineData("2/29", "2024-02-29", "2024-02-29", "2024-02-29")]
    [InlineData("2/29", "2026-06-19", "2024-02-29", "2024-02-29")]
    [InlineData("2024-02-29", "2026-06-19", "2024-02-29", "2024-02-29")]
    [InlineData("2024年2月29日", "2026-06-19", "2024-02-29", "2024-02-29")]
    [InlineData("last month", "2025-03-01", "2025-02-01", "2025-02-28")]
    [InlineData("last 1 month", "2025-03-01", "2025-02-01", "2025-02-28")]
    [InlineData("yesterday", "2025-03-01", "2025-02-28", "2025-02-28")]
    [InlineData("this week", "2025-03-01", "2025-02-24", "2025-03-01")]
    [InlineData("2/29", "2025-03-01", "2024-02-29", "2024-02-29")]
    // ---- month ends 30/31 ----
    [InlineData("last month", "2026-05-31", "2026-04-01", "2026-04-30")]
    [InlineData("this month", "2026-05-31", "2026-05-01", "2026-05-31")]
    [InlineData("last 1 month", "2026-05-31", "2026-04-30", "2026-05-30")]
    [InlineData("6/1", "2026-05-31", "2025-06-01", "2025-06-01")]
    [InlineData("june", "2026-05-31", "2025-06-01", "2025-06-30")]
    [InlineData("last month", "2026-03-31", "2026-02-01", "2026-02-28")]
    [InlineData("last 1 month", "2026-03-31", "2026-02-28", "2026-03-30")]
    // ---- week boundaries: Monday and Sunday ----
    [InlineData("this week", "2026-06-15", "2026-06-15", "2026-06-15")]
    [InlineData("last week", "2026-06-15", "2026-06-08", "2026-06-14")]
    [InlineData("yesterday", "2026-06-15", "2026-06-14", "2026-06-14")]
    [InlineData("本周", "2026-06-15", "2026-06-15", "2026-06-15")]
    [InlineData("this week", "2026-06-21", "2026-06-15", "2026-06-21")]
    [InlineData("last week", "2026-06-21", "2026-06-08", "2026-06-14")]
    [InlineData("上周", "2026-06-21", "2026-06-08", "2026-06-14")]
    [InlineData("last week", "2026-11-20", "2026-11-09", "2026-11-15")]
    [InlineData("this week", "2026-11-20", "2026-11-16", "2026-11-20")]
    // ---- quarter boundaries ----
    [InlineData("this quarter", "2026-03-31", "2026-01-01", "2026-03-31")]
    [InlineData("last quarter", "2026-03-31", "2025-10-01", "2025-12-31")]
    [InlineData("q1", "2026-03-31", "2026-01-01", "2026-03-31")]
    [InlineData("q2", "2026-03-31", "2025-04-01", "2025-06-30")]
    [InlineData("this quarter", "2026-04-01", "2026-04-01", "2026-04-01")]
    [InlineData("last quarter", "2026-04-01", "2026-01-01", "2026-03-31")]
    [InlineData("q2", "2026-04-01", "2026-04-01", "2026-04-01")]
    [InlineData("上季度", "2026-04-01", "2026-01-01", "2026-03-31")]
    [InlineData("this quarter", "2026-07-01", "2026-07-01", "2026-07-01")]
    [InlineData("last quarter", "2026-07-01", "2026-04-01", "2026-06-30")]
    [InlineData("q3", "2026-07-01", "2026-07-01", "2026-07-01")]
    [InlineData("q2", "2026-07-01", "2026-04-01", "2026-06-30")]
    [InlineData("h2", "2026-07-01", "2026-07-01", "2026-07-01")]
    [InlineData("this week", "2026-07-01", "2026-06-29", "2026-07-01")]
    [InlineData("last month", "2026-07-01", "2026-06-01", "2026-06-30")]
    // ---- phrases inside commands ----
    [InlineData("funnel last week", "2026-06-19", "2026-06-08", "2026-06-14")]
    [InlineData("漏斗 上周", "2026-06-19", "2026-06-08", "2026-06-14")]
    [InlineData("漏斗上周", "2026-06-19", "2026-06-08", "2026-06-14")]
    [InlineData("上周漏斗", "2026-06-19", "2026-06-08", "2026-06-14")]
    [InlineData("traffic last 30 days", "2026-06-19", "2026-05-20", "2026-06-18")]
    [InlineData("kpi 2026-06", "2026-06-19", "2026-06-01", "2026-06-19")]
    [InlineData("top 10 products last month by units", "2026-06-19", "2026-05-01", "2026-05-31")]
    [InlineData("gmv 5000000 yesterday", "2026-06-19", "2026-06-18", "2026-06-18")]
    [InlineData("流量近7天按渠道", "2026-06-19", "2026-06-12", "2026-06-18")]
    [InlineData("Last Week", "2026-06-19", "2026-06-08", "2026-06-14")]
    public void Find_Phrase_ReturnsRange(string text, string today, string from, string to)
    {
        var result = PeriodParser.Find(text, Day(today));

        Assert.NotNull(result);
        Assert.True(result.Value.Success, result.Value.Error);
        Assert.Equal(new DateRange(Day(from), Day(to)), result.Value.Value!.Range);
    }

    [Theory]
    [InlineData("last week")]
    [InlineData("last 7 days")]
    [InlineData("2026-06-01..2026-06-18")]
    [InlineData("june 2025")]
    [InlineData("yesterday")]
    public void Parse_PeriodOnly_MatchesFind(string text)
    {
        var today = Day("2026-06-19");

        var parsed = PeriodParser.Parse(text, today);

        Assert.True(parsed.Success, parsed.Error);
        Assert.Equal(PeriodParser.Find(text, today)!.Value.Value!.Range, parsed.Value);
    }

    [Theory]
    [InlineData("", "Which period?")]
    [InlineData("funnel", "not a period")]
    [InlineData("funnel last week", "“funnel”")]
    [InlineData("2026-02-30", "28 days")]
    public void Parse_NotJustAPeriod_Fails(string text, string fragment)
    {
        var parsed = PeriodParser.Parse(text, Day("2026-06-19"));

        Assert.False(parsed.Success);
        Assert.Contains(fragment, parsed.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Find_Last7DaysAndJin7Tian_AgreeEveryDayOfTwoYears()
    {
        for (var today = Day("2025-01-01"); today <= Day("2026-12-31"); today = today.AddDays(1))
        {
            var english = PeriodParser.Find("last 7 days", today)!.Value.Value!.Range;
            var chinese = PeriodParser.Find("近7天", today)!.Value.Value!.Range;

            Assert.Equal(english, chinese);
            Assert.Equal(7, english.Days);
            Assert.Equal(today.AddDays(-1), english.To);
        }
    }

    [Fact]
    public void Find_WeeksEveryDayOfTwoYears_StartOnMondayAndLastWeekIsWhole()
    {
        for (var today = Day("2025-01-01"); today <= Day("2026-12-31"); today = today.AddDays(1))
        {
            var thisWeek = PeriodParser.Find("this week", today)!.Value.Value!.Range;
            var lastWeek = PeriodParser.Find("上周", today)!.Value.Value!.Range;

            Assert.Equal(DayOfWeek.Monday, thisWeek.From.DayOfWeek);
            Assert.Equal(today, thisWeek.To);
            Assert.True(thisWeek.Days <= 7);
            Assert.Equal(DayOfWeek.Monday, lastWeek.From.DayOfWeek);
            Assert.Equal(7, lastWeek.Days);
            Assert.Equal(thisWeek.From.AddDays(-1), lastWeek.To);
        }
    }

    [Fact]
    public void Find_ThisMonth_WholeIsTheCalendarMonth()
    {
        var match = PeriodParser.Find("this month", Day("2026-06-19"))!.Value.Value!;

        Assert.Equal(new DateRange(Day("2026-06-01"), Day("2026-06-19")), match.Range);
        Assert.Equal(new DateRange(Day("2026-06-01"), Day("2026-06-30")), match.Whole);
        Assert.Equal(PeriodKind.Month, match.Kind);
    }

    [Fact]
    public void Find_QuarterStillRunning_CutAtTodayWithNoteAndWholeQuarter()
    {
        var match = PeriodParser.Find("2026-q2", Day("2026-06-19"))!.Value.Value!;

        Assert.Equal(new DateRange(Day("2026-04-01"), Day("2026-06-19")), match.Range);
        Assert.Equal(new DateRange(Day("2026-04-01"), Day("2026-06-30")), match.Whole);
        Assert.Contains("not over yet", match.Note, StringComparison.Ordinal);
    }

    [Fact]
    public void Find_LastWeek_LabelNamesPhraseAndDates()
    {
        var match = PeriodParser.Find("last week", Day("2026-11-20"))!.Value.Value!;

        Assert.Equal("last week (2026-11-09..2026-11-15)", match.Label);
        Assert.Equal(PeriodKind.Week, match.Kind);
        Assert.Null(match.Note);
    }

    [Theory]
    [InlineData("上周", "last week (2026-06-08..2026-06-14)")]
    [InlineData("近7天", "last 7 days (2026-06-12..2026-06-18)")]
    [InlineData("2026-06-18", "2026-06-18")]
    [InlineData("2026-06-01..2026-06-18", "2026-06-01..2026-06-18")]
    [InlineData("2025年6月", "June 2025 (2025-06-01..2025-06-30)")]
    [InlineData("q3 2025", "Q3 2025 (2025-07-01..2025-09-30)")]
    [InlineData("2025", "2025 (2025-01-01..2025-12-31)")]
    public void Find_Phrase_HasEnglishLabel(string text, string label)
    {
        var match = PeriodParser.Find(text, Day("2026-06-19"))!.Value.Value!;

        Assert.Equal(label, match.Label);
    }

    [Theory]
    [InlineData("q4", "Q4 2026 hasn't started yet; showing Q4 2025.")]
    [InlineData("december", "December 2026 hasn't started yet; showing December 2025.")]
    [InlineData("下半年", "H2 2026 hasn't started yet; showing H2 2025.")]
    public void Find_PeriodWithoutYearNotStarted_NotesLastYear(string text, string note)
    {
        var match = PeriodParser.Find(text, Day("2026-06-19"))!.Value.Value!;

        Assert.Equal(note, match.Note);
    }

    [Fact]
    public void Words_ContainsTheEnglishPeriodKeywords()
    {
        Assert.Contains("last", PeriodParser.Words);
        Assert.Contains("week", PeriodParser.Words);
        Assert.Contains("yesterday", PeriodParser.Words);
        Assert.Contains("quarter", PeriodParser.Words);
        Assert.All(PeriodParser.Words, w => Assert.Equal(w, w.ToLowerInvariant()));
    }

    [Fact]
    public void Phrases_AllParse()
    {
        foreach (var phrase in PeriodParser.Phrases)
        {
            var parsed = PeriodParser.Parse(phrase, Day("2026-06-19"));

            Assert.True(parsed.Success, phrase + ": " + parsed.Error);
        }
    }

    internal static DateOnly Day(string iso) => DateOnly.ParseExact(iso, "yyyy-MM-dd", CultureInfo.InvariantCulture);
}
