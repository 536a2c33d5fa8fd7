using NodaTime;
using Fengqiao.Tidal.Demand;
using Fengqiao.Tidal.Incidents;

namespace Fengqiao.Tidal.Forecasting;

/// <summary>
/// Counts per area, per 7-day bucket and per calendar hour-of-week. Buckets start at <see cref="Start"/> (any weekday):
/// every bucket holds each hour-of-week exactly once, so a back-test can begin on the day after training ends.
/// </summary>
public sealed class WeeklyHistory
{
    private readonly double[] _counts; // [area][week][how]

    public WeeklyHistory(IReadOnlyList<string> areas, LocalDateTime start, int weeks, double[] counts, IReadOnlyList<GeoPoint?>? centroids = null, IReadOnlyList<(GeoPoint Point, int Week)>? points = null)
    {
        ArgumentNullException.ThrowIfNull(areas);
        ArgumentNullException.ThrowIfNull(counts);
        if (counts.Length != areas.Count * weeks * HourOfWeek.Count)
        {
            throw new ArgumentException("counts must hold areas × weeks × 168 values", nameof(counts));
        }

        Areas = areas;
        Start = start;
        Weeks = weeks;
        _counts = counts;
        Centroids = centroids ?? new GeoPoint?[areas.Count];
        Points = points ?? [];
    }

    public IReadOnlyList<string> Areas { get; }

    public LocalDateTime Start { get; }

    public int Weeks { get; }

    /// <summary>Mean location of each area's incidents (null when none had coordinates).</summary>
    public IReadOnlyList<GeoPoint?> Centroids { get; }

    /// <summary>Located incidents with their week bucket, for kernel densities.</summary>
    public IReadOnlyList<(GeoPoint Point, int Week)> Points { get; }

    public double this[int area, int week, int hourOfWeek] =>
        _counts[(((area * Weeks) + week) * HourOfWeek.Count) + hourOfWeek];

    public double WeekTotal(int area, int week)
    {
        double s = 0;
        var o = ((area * Weeks) + week) * HourOfWeek.Count;
        for (var h = 0; h < HourOfWeek.Count; h++)
        {
            s += _counts[o + h];
        }

        return s;
    }

    /// <summary>The first <paramref name="weeks"/> buckets only (what a forecaster may see at that origin).</summary>
    public WeeklyHistory Take(int weeks)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(weeks, Weeks);
        var counts = new double[Areas.Count * weeks * HourOfWeek.Count];
        for (var a = 0; a < Areas.Count; a++)
        {
            Array.Copy(_counts, a * Weeks * HourOfWeek.Count, counts, a * weeks * HourOfWeek.Count, weeks * HourOfWeek.Count);
        }

        return new WeeklyHistory(Areas, Start, weeks, counts, Centroids, Points.Where(p => p.Week < weeks).ToList());
    }

    /// <summary>Counts of one bucket as an area-major array of areas × 168 (the "actual" of a back-test week).</summary>
    public double[] WeekMatrix(int week)
    {
        var m = new double[Areas.Count * HourOfWeek.Count];
        for (var a = 0; a < Areas.Count; a++)
        {
            Array.Copy(_counts, ((a * Weeks) + week) * HourOfWeek.Count, m, a * HourOfWeek.Count, HourOfWeek.Count);
        }

        return m;
    }

    /// <summary>Buckets incidents from <paramref name="start"/> for <paramref name="weeks"/> weeks; other areas and times are ignored.</summary>
    public static WeeklyHistory Build(IEnumerable<Incident> incidents, IReadOnlyList<string> areas, LocalDateTime start, int weeks)
    {
        ArgumentNullException.ThrowIfNull(incidents);
        ArgumentNullException.ThrowIfNull(areas);
        var index = areas.Select((a, i) => (a, i)).ToDictionary(x => x.a, x => x.i, StringComparer.Ordinal);
        var counts = new double[areas.Count * weeks * HourOfWeek.Count];
        var end = start.PlusWeeks(weeks);
        var sumLat = new double[areas.Count];
        var sumLon = new double[areas.Count];
        var located = new int[areas.Count];
        var points = new List<(GeoPoint, int)>();
        foreach (var i in incidents)
        {
            if (i.Time < start || i.Time >= end || !index.TryGetValue(i.Area, out var a))
            {
                continue;
            }

            var week = (int)(Period.Between(start, i.Time, PeriodUnits.Hours).Hours / HourOfWeek.Count);
            counts[(((a * weeks) + week) * HourOfWeek.Count) + HourOfWeek.Of(i.Time)]++;
            if (i.Location is GeoPoint p)
            {
                sumLat[a] += p.Latitude;
                sumLon[a] += p.Longitude;
                located[a]++;
                points.Add((p, week));
            }
        }

        var centroids = Enumerable.Range(0, areas.Count)
            .Select(a => located[a] > 0 ? new GeoPoint(sumLat[a] / located[a], sumLon[a] / located[a]) : (GeoPoint?)null)
            .ToList();
        return new WeeklyHistory(areas, start, weeks, counts, centroids, points);
    }
}
