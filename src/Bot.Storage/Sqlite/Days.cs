using System.Globalization;

namespace Bot.Storage.Sqlite;

/// <summary>Days are stored as INTEGER days since 1970-01-01; money as INTEGER cents.</summary>
public static class Days
{
    private static readonly int EpochDayNumber = new DateOnly(1970, 1, 1).DayNumber;

    public static int ToDay(DateOnly date) => date.DayNumber - EpochDayNumber;

    public static DateOnly ToDate(long day) => DateOnly.FromDayNumber(checked((int)day + EpochDayNumber));

    public static string Format(long day) => ToDate(day).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static decimal ToMoney(long cents) => cents / 100m;

    public static long ToCents(decimal money) => (long)decimal.Round(money * 100m, MidpointRounding.AwayFromZero);
}
