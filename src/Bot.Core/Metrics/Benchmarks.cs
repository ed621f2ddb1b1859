namespace Bot.Core.Metrics;

/// <summary>Industry benchmarks from the playbooks (domain.md §3); every one configurable under <c>Benchmarks</c>.</summary>
public sealed class Benchmarks
{
    public const string Section = "Benchmarks";

    public double ConversionLow { get; set; } = 0.02;
    public double ConversionHigh { get; set; } = 0.04;
    public double NewVisitorShare { get; set; } = 0.30;
    public double NewVisitorGrowthSignal { get; set; } = 0.40;
    public double MinAverageStaySeconds { get; set; } = 180;
    public double ProductToCart { get; set; } = 0.12;
    public double CartToOrderLoss { get; set; } = 0.40;
    public double OrderToPaymentLoss { get; set; } = 0.05;
    public double HealthyTurnoverDays { get; set; } = 30;
    public double HighValueLtvMultiple { get; set; } = 3;
    public int DormantDays { get; set; } = 180;
    public int TrialDays { get; set; } = 15;
    public int StockLeadTimeDays { get; set; } = 7;
}
