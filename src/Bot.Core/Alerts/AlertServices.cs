namespace Bot.Core.Alerts;

/// <summary>Everything the alert commands and card actions use, in one optional constructor parameter.</summary>
/// <remarks>Registered by the host's <c>AddAlerts</c>; a host without it (Core tests) answers that alerts are not set up.</remarks>
public sealed record AlertServices(IAlertStore Store, AlertEngine Engine, AlertEvaluator Evaluator, AlertOptions Options);
