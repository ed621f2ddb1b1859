using System.ComponentModel.DataAnnotations;

namespace Bot.Core.Alerts;

/// <summary>How alerts are evaluated and how often they nag (<c>Alerts</c> section of appsettings.json).</summary>
public sealed class AlertOptions
{
    public const string Section = "Alerts";

    /// <summary>Trailing window of the baseline; the same weekday within it is averaged (28 → the last 4 same weekdays).</summary>
    [Range(7, 364)]
    public int BaselineDays { get; set; } = 28;

    /// <summary>Leave campaign days (warm-up included) out of baselines, so a 618 peak does not make the next weeks look low.</summary>
    public bool ExcludeCampaignDays { get; set; } = true;

    /// <summary>How far below (or above) the baseline counts when a rule gives no amount (<c>conversion below baseline</c>): 15 %.</summary>
    [Range(0.0, 0.99)]
    public double DefaultBaselineMargin { get; set; } = 0.15;

    /// <summary>A firing, unacknowledged, unmuted incident is posted again after this many hours.</summary>
    [Range(1, 24 * 30)]
    public int ReminderCooldownHours { get; set; } = 24;

    /// <summary>A resolved incident whose condition returns within this many evaluations reopens (same card) instead of opening a new one.</summary>
    /// <remarks>An evaluation is one new data day evaluated; re-running on the same data does not count.</remarks>
    [Range(0, 100)]
    public int FlapDampingEvaluations { get; set; } = 3;

    /// <summary>When several data days arrive at once, step through at most this many of them (older ones are history, not news).</summary>
    [Range(1, 90)]
    public int MaxCatchUpDays { get; set; } = 7;

    /// <summary>Quartz cron of the scheduled evaluation, in the team's time zone (hourly at minute 5 by default).</summary>
    [Required]
    public string EvaluationCron { get; set; } = "0 5 * * * ?";

    /// <summary>Days <c>alert test</c> looks back over.</summary>
    [Range(7, 366)]
    public int TestDays { get; set; } = 90;
}
