using Fengqiao.Tidal.Demand;

namespace Fengqiao.Tidal.Forecasting;

/// <summary>
/// Kernel-density hotspot baseline (the classic "hotspot map"): a Gaussian KDE over past incident points,
/// read at each area's centroid, gives each area's share of next week's volume; the volume is the recent weekly
/// mean and it is spread over the week by the city-wide hour-of-week profile. No per-area timing is used.
/// </summary>
public sealed class KdeHotspotForecaster(double bandwidthKm = 1.0, int lookbackWeeks = 8, int volumeWeeks = 4) : IDemandForecaster
{
    public double BandwidthKm { get; } = bandwidthKm;

    public string Name => "kde-hotspot";

    public double[] Forecast(WeeklyHistory history)
    {
        ArgumentNullException.ThrowIfNull(history);
        var areas = history.Areas.Count;
        var firstWeek = Math.Max(0, history.Weeks - lookbackWeeks);
        var density = new double[areas];
        var points = history.Points.Where(p => p.Week >= firstWeek).Select(p => p.Point).ToList();
        var twoH2 = 2 * BandwidthKm * BandwidthKm;
        for (var a = 0; a < areas; a++)
        {
            if (history.Centroids[a] is not { } c)
            {
                continue;
            }

            double d = 0;
            foreach (var p in points)
            {
                var km = c.DistanceKm(p);
                d += Math.Exp(-(km * km) / twoH2);
            }

            density[a] = d;
        }

        var totalDensity = density.Sum();
        var volumeFrom = Math.Max(0, history.Weeks - volumeWeeks);
        double volume = 0;
        var profile = new double[HourOfWeek.Count];
        for (var a = 0; a < areas; a++)
        {
            for (var w = 0; w < history.Weeks; w++)
            {
                for (var h = 0; h < HourOfWeek.Count; h++)
                {
                    var n = history[a, w, h];
                    profile[h] += n;
                    if (w >= volumeFrom)
                    {
                        volume += n;
                    }
                }
            }
        }

        volume /= Math.Max(1, history.Weeks - volumeFrom);
        var profileTotal = profile.Sum();
        var f = new double[areas * HourOfWeek.Count];
        for (var a = 0; a < areas; a++)
        {
            var share = totalDensity > 0 ? density[a] / totalDensity : 1.0 / areas;
            for (var h = 0; h < HourOfWeek.Count; h++)
            {
                f[(a * HourOfWeek.Count) + h] = volume * share * (profileTotal > 0 ? profile[h] / profileTotal : 1.0 / HourOfWeek.Count);
            }
        }

        return f;
    }
}
