namespace Fengqiao.Tidal.Forecasting;

/// <summary>Hotspot hit rates at a chosen share of the area.</summary>
/// <param name="Pai">Predictive accuracy index (n/N)/(a/A): how many times better than a random pick of the same area.</param>
/// <param name="Pei">PEI* = n/n*: share of the best achievable catch with the same area (1 = perfect ranking).</param>
/// <param name="AreaShare">a/A actually selected (whole cells, so at most the requested share).</param>
public readonly record struct HotspotScore(double Pai, double Pei, double AreaShare);

/// <summary>Error and hotspot metrics of a forecast against what happened.</summary>
public static class ForecastMetrics
{
    public static double Mae(IReadOnlyList<double> forecast, IReadOnlyList<double> actual)
    {
        Check(forecast, actual);
        double s = 0;
        for (var i = 0; i < forecast.Count; i++)
        {
            s += Math.Abs(forecast[i] - actual[i]);
        }

        return forecast.Count == 0 ? 0 : s / forecast.Count;
    }

    public static double Rmse(IReadOnlyList<double> forecast, IReadOnlyList<double> actual)
    {
        Check(forecast, actual);
        double s = 0;
        for (var i = 0; i < forecast.Count; i++)
        {
            var d = forecast[i] - actual[i];
            s += d * d;
        }

        return forecast.Count == 0 ? 0 : Math.Sqrt(s / forecast.Count);
    }

    /// <summary>
    /// PAI and PEI* when the top-ranked cells by forecast, covering at most <paramref name="areaShare"/> of the total
    /// cell area, are patrolled. Cells have equal size unless <paramref name="cellSizes"/> is given; with unequal sizes n*
    /// is taken greedily by actual density (exact for equal sizes). Forecast ties are broken by cell order, so the score is
    /// deterministic. At least one cell is always selected.
    /// </summary>
    public static HotspotScore Hotspot(IReadOnlyList<double> forecast, IReadOnlyList<double> actual, double areaShare, IReadOnlyList<double>? cellSizes = null)
    {
        Check(forecast, actual);
        var n = forecast.Count;
        if (n == 0)
        {
            return new HotspotScore(0, 0, 0);
        }

        double Size(int i) => cellSizes?[i] ?? 1.0;
        var totalSize = Enumerable.Range(0, n).Sum(Size);
        var budget = areaShare * totalSize;
        var total = actual.Sum();

        (double caught, double size) Pick(Func<int, double> key)
        {
            double caught = 0, used = 0;
            var first = true;
            foreach (var i in Enumerable.Range(0, n).OrderByDescending(key).ThenBy(i => i))
            {
                if (!first && used + Size(i) > budget + 1e-9)
                {
                    continue;
                }

                first = false;
                used += Size(i);
                caught += actual[i];
            }

            return (caught, used);
        }

        var (hit, area) = Pick(i => forecast[i]);
        var (best, _) = Pick(i => actual[i] / Size(i));
        var a = area / totalSize;
        var pai = total > 0 && a > 0 ? hit / total / a : 0;
        var pei = best > 0 ? hit / best : 0;
        return new HotspotScore(pai, pei, a);
    }

    private static void Check(IReadOnlyList<double> forecast, IReadOnlyList<double> actual)
    {
        ArgumentNullException.ThrowIfNull(forecast);
        ArgumentNullException.ThrowIfNull(actual);
        if (forecast.Count != actual.Count)
        {
            throw new ArgumentException("forecast and actual differ in length");
        }
    }
}
