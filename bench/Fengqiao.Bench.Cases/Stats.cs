using System.Globalization;

namespace Fengqiao.Bench.Cases;

internal static class Stats
{
    public static double Percentile(IReadOnlyList<double> sorted, double p)
    {
        if (sorted.Count == 0)
        {
            return double.NaN;
        }
        var rank = (int)Math.Ceiling(p / 100.0 * sorted.Count) - 1;
        return sorted[Math.Clamp(rank, 0, sorted.Count - 1)];
    }

    public static string Summary(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return string.Create(CultureInfo.InvariantCulture, $"min {sorted[0]:F1} ms · median {Percentile(sorted, 50):F1} ms · max {sorted[^1]:F1} ms (n={sorted.Count})");
    }
}
