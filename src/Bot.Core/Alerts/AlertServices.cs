namespace Bot.Core.Alerts;

/// <summary>Everything the alert commands and card actions use, in one optional constructor parameter.</summary>
/// <remarks>Registered by the host's <c>AddAlerts</c>; a host without it (Core tests) answers that alerts are not set up.</remarks>
public sealed record AlertServices(IAlertStore Store, AlertEngine Engine, AlertEvaluator Evaluator, AlertOptions Options, AlertNoticeSignal? Notices = null);

/// <summary>
/// Wakes the host's alert notice worker when a command or a card button queued notices (a new rule that fires at once,
/// an acknowledgement to show on the shared card), so they go out now rather than at the next poll.
/// </summary>
public sealed class AlertNoticeSignal : Push.WakeSignal;
