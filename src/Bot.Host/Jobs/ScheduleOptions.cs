using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Bot.Core.Push;

namespace Bot.Host.Jobs;

/// <summary>Scheduled pushes: Quartz, misfire grace, data freshness and the outbox (<c>Schedule:*</c>).</summary>
public sealed class ScheduleOptions : IValidatableObject
{
    public const string Section = "Schedule";

    /// <summary>False turns Quartz off entirely (no triggers fire); the outbox worker still delivers what is queued.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Local time of a <c>subscribe brief</c> that names none.</summary>
    public string DefaultBriefTime { get; set; } = "09:00";

    /// <summary>Local time and day of a <c>subscribe todo</c> that names none.</summary>
    public string DefaultTodoTime { get; set; } = "09:30";

    public string DefaultTodoDay { get; set; } = "Monday";

    /// <summary>A send missed while the bot was down goes out on return if it is at most this late; otherwise it is skipped and mentioned next time.</summary>
    [Range(0, 72)]
    public double MisfireGraceHours { get; set; } = 6;

    /// <summary>Local time on the send day until which a brief waits for yesterday's data before going out with a note on what is missing.</summary>
    public string DataWaitDeadline { get; set; } = "11:00";

    /// <summary>How often a waiting brief re-checks whether the data has arrived.</summary>
    [Range(1, 240)]
    public int DataRecheckMinutes { get; set; } = 15;

    public OutboxOptions Outbox { get; set; } = new();

    public JobStoreOptions JobStore { get; set; } = new();

    public TimeSpan MisfireGrace => TimeSpan.FromHours(MisfireGraceHours);

    public PushDefaults ToDefaults() => new(
        Time(DefaultBriefTime),
        Time(DefaultTodoTime),
        PushSchedule.Flag(Enum.Parse<DayOfWeek>(DefaultTodoDay, ignoreCase: true)),
        Enabled);

    public static TimeOnly Time(string text) => TimeOnly.ParseExact(text.Trim(), ["H:mm", "HH:mm"], CultureInfo.InvariantCulture);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var (name, value) in new[] { (nameof(DefaultBriefTime), DefaultBriefTime), (nameof(DefaultTodoTime), DefaultTodoTime), (nameof(DataWaitDeadline), DataWaitDeadline) })
        {
            if (!TimeOnly.TryParseExact(value?.Trim(), ["H:mm", "HH:mm"], CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
            {
                yield return new ValidationResult($"Schedule:{name} must be a 24-hour time like 09:00, not '{value}'.", [name]);
            }
        }

        if (!Enum.TryParse<DayOfWeek>(DefaultTodoDay, ignoreCase: true, out _))
        {
            yield return new ValidationResult($"Schedule:DefaultTodoDay must be a day name like Monday, not '{DefaultTodoDay}'.", [nameof(DefaultTodoDay)]);
        }

        if (Outbox.MaxAttempts < 1 || Outbox.RetryBaseSeconds < 1 || Outbox.RetryMaxMinutes < 1 || Outbox.PollSeconds < 1 || Outbox.LeaseSeconds < 5)
        {
            yield return new ValidationResult("Schedule:Outbox needs MaxAttempts ≥ 1, RetryBaseSeconds ≥ 1, RetryMaxMinutes ≥ 1, PollSeconds ≥ 1 and LeaseSeconds ≥ 5.", [nameof(Outbox)]);
        }

        if (JobStore.MisfireThresholdSeconds < 1)
        {
            yield return new ValidationResult("Schedule:JobStore:MisfireThresholdSeconds must be at least 1.", [nameof(JobStore)]);
        }
    }
}

/// <summary>The outbox and its delivery worker (<c>Schedule:Outbox:*</c>).</summary>
public sealed class OutboxOptions
{
    /// <summary>False stops the background worker (tests deliver by calling <c>OutboxDeliverer</c> themselves).</summary>
    public bool WorkerEnabled { get; set; } = true;

    /// <summary>Attempts across calls and restarts (each call already retries 429/412/5xx inside); then the row is dead.</summary>
    public int MaxAttempts { get; set; } = 8;

    /// <summary>First wait after a failed attempt; doubles per attempt (with jitter) up to <see cref="RetryMaxMinutes"/>.</summary>
    public int RetryBaseSeconds { get; set; } = 30;

    public int RetryMaxMinutes { get; set; } = 60;

    /// <summary>The worker wakes when a message is queued and at least this often.</summary>
    public int PollSeconds { get; set; } = 5;

    /// <summary>A claimed row is this worker's for this long, renewed while its send runs; after a crash another worker takes it once it expires.</summary>
    public int LeaseSeconds { get; set; } = 60;

    /// <summary>
    /// True in the console REPL (<c>-- chat</c>): that process prints console-channel messages and sends nothing to
    /// Teams. False (the server): console rows are left for the console, so they are printed where the user types.
    /// </summary>
    public bool ConsoleOnly { get; set; }
}

/// <summary>Quartz's persistent job store: its QRTZ_ tables live in the same SQLite file as the data (<c>Storage:Path</c>).</summary>
public sealed class JobStoreOptions
{
    /// <summary>False keeps schedules in memory (they are re-declared from the subscriptions table at every start anyway).</summary>
    public bool Persistent { get; set; } = true;

    public string TablePrefix { get; set; } = "QRTZ_";

    /// <summary>How late a trigger may fire before Quartz treats it as misfired (then it fires once on return; the grace decides whether to send).</summary>
    public int MisfireThresholdSeconds { get; set; } = 60;
}
