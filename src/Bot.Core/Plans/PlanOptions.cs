using System.ComponentModel.DataAnnotations;

namespace Bot.Core.Plans;

/// <summary>Where approval cards and approved plans go, and when undecided plans are reminded (section <c>Plans</c>).</summary>
public sealed class PlanOptions
{
    public const string Section = "Plans";

    /// <summary>Conversation id of the managers' channel or chat that gets approval cards; empty = the conversation where <c>plan submit</c> was typed.</summary>
    public string? ManagersConversation { get; set; }

    /// <summary>Channel of <see cref="ManagersConversation"/> (<c>msteams</c>, or <c>console</c> locally).</summary>
    [Required]
    public string ManagersChannel { get; set; } = "msteams";

    /// <summary>Conversation id where approved plans are posted; empty = the conversation the plan was submitted from.</summary>
    public string? TeamConversation { get; set; }

    [Required]
    public string TeamChannel { get; set; } = "msteams";

    /// <summary>A submitted plan still undecided this many hours later is reminded to the managers, once per submission.</summary>
    [Range(0.01, 24 * 14)]
    public double ReminderAfterHours { get; set; } = 24;

    /// <summary>How often the reminder job looks for due reminders and unposted approvals (Quartz cron, team time zone).</summary>
    [Required]
    public string CheckCron { get; set; } = "0 0/10 * * * ?";

    public PlanConversation? Managers => string.IsNullOrWhiteSpace(ManagersConversation) ? null : new PlanConversation(ManagersChannel.Trim(), ManagersConversation.Trim());

    public PlanConversation? Team => string.IsNullOrWhiteSpace(TeamConversation) ? null : new PlanConversation(TeamChannel.Trim(), TeamConversation.Trim());
}
