namespace Bot.Core.Commands.Why;

/// <summary>
/// Splits a GMV change into visitor, conversion and AOV effects with the additive LMDI (log-mean Divisia index).
/// </summary>
/// <remarks>
/// GMV = visitors × conversion × AOV. With L(a, b) = (a − b) / (ln a − ln b) (and L(a, a) = a), each factor's effect
/// is L(GMV₁, GMV₀) · ln(x₁ / x₀); because ln is additive over a product the three effects sum to GMV₁ − GMV₀ exactly,
/// with no residual (Ang 2005, "The LMDI approach to decomposition analysis: a practical guide").
/// </remarks>
public static class GmvDecomposition
{
    public sealed record Effects(double VisitorEffect, double ConversionEffect, double AovEffect)
    {
        public double Total => VisitorEffect + ConversionEffect + AovEffect;
    }

    /// <summary>Null when a factor is zero in either period (the logarithm is undefined; say so instead of guessing).</summary>
    public static Effects? Decompose(double visitors0, double buyers0, double gmv0, double visitors1, double buyers1, double gmv1)
    {
        if (visitors0 <= 0 || buyers0 <= 0 || gmv0 <= 0 || visitors1 <= 0 || buyers1 <= 0 || gmv1 <= 0)
        {
            return null;
        }

        var weight = LogMean(gmv1, gmv0);
        var conversion0 = buyers0 / visitors0;
        var conversion1 = buyers1 / visitors1;
        var aov0 = gmv0 / buyers0;
        var aov1 = gmv1 / buyers1;
        return new Effects(
            weight * Math.Log(visitors1 / visitors0),
            weight * Math.Log(conversion1 / conversion0),
            weight * Math.Log(aov1 / aov0));
    }

    public static double LogMean(double a, double b) =>
        Math.Abs(a - b) < 1e-9 * Math.Max(Math.Abs(a), 1) ? a : (a - b) / (Math.Log(a) - Math.Log(b));
}
