using System.ComponentModel.DataAnnotations;
using System.Globalization;

namespace Bot.Host.Options;

/// <summary>The team the bot serves: its time zone and how numbers are written.</summary>
public sealed class TeamOptions
{
    public const string Section = "Team";

    /// <summary>IANA time zone deciding what "today" and "yesterday" mean.</summary>
    [Required]
    public string TimeZone { get; set; } = "Asia/Shanghai";

    /// <summary>Culture for numbers and money: zh-CN writes 123.4万, en-US writes ¥1.23M.</summary>
    [Required]
    public string Culture { get; set; } = "en-US";

    public CultureInfo CultureInfo => CultureInfo.GetCultureInfo(Culture);
}
