namespace Routing.LoadTest;

internal static class Percentiles
{
    /// <summary>Nearest-rank percentile <paramref name="p"/> (0–1) of an ascending, non-empty array.</summary>
    public static double Of(double[] sorted, double p) =>
        sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];
}
