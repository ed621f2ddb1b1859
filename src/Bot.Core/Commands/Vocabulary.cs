namespace Bot.Core.Commands;

/// <summary>Words that are not verbs but commonly follow them; used to correct typos in suggestions ("lst week").</summary>
public static class Vocabulary
{
    public static IReadOnlyList<string> Words { get; } =
    [
        "today", "yesterday", "this", "last", "week", "month", "quarter", "year", "days", "day", "weeks", "months",
        "by", "channel", "channels", "shop", "gmv", "units", "conversion", "visitors", "orders", "refund", "rate",
        "aov", "roi", "roas", "brief", "funnel", "traffic", "top", "products", "inventory", "goals", "users",
        "january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
        "november", "december", "daily", "weekdays", "live", "search", "paid", "video", "social", "down", "up",
    ];
}
