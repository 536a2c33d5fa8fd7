using NodaTime;
using Fengqiao.Tidal.Incidents;

namespace Fengqiao.Tidal.Demand;

/// <summary>What to count: a half-open period [From, To), optional incident types and areas.</summary>
public sealed record DemandQuery(LocalDateTime From, LocalDateTime To)
{
    /// <summary>Only these types (case-insensitive); null counts every type.</summary>
    public IReadOnlySet<string>? Types { get; init; }

    /// <summary>Only these areas, in this order; null takes every area seen, sorted.</summary>
    public IReadOnlyList<string>? Areas { get; init; }
}

/// <summary>Incident counts by area × hour-of-week (需求热力图), and the number of weeks they span.</summary>
public sealed class DemandMatrix
{
    private readonly double[] _counts;

    public DemandMatrix(IReadOnlyList<string> areas, double[] counts, double weeks)
    {
        ArgumentNullException.ThrowIfNull(areas);
        ArgumentNullException.ThrowIfNull(counts);
        if (counts.Length != areas.Count * HourOfWeek.Count)
        {
            throw new ArgumentException("counts must hold areas × 168 values", nameof(counts));
        }

        Areas = areas;
        _counts = counts;
        Weeks = weeks;
    }

    public IReadOnlyList<string> Areas { get; }

    /// <summary>Length of the period in weeks (may be fractional).</summary>
    public double Weeks { get; }

    public double this[int area, int hourOfWeek] => _counts[(area * HourOfWeek.Count) + hourOfWeek];

    /// <summary>Average incidents per week in that area-hour.</summary>
    public double WeeklyRate(int area, int hourOfWeek) => Weeks > 0 ? this[area, hourOfWeek] / Weeks : 0;

    public double AreaTotal(int area)
    {
        double sum = 0;
        for (var h = 0; h < HourOfWeek.Count; h++)
        {
            sum += this[area, h];
        }

        return sum;
    }

    public double Total => _counts.Sum();

    public static DemandMatrix Build(IEnumerable<Incident> incidents, DemandQuery query)
    {
        ArgumentNullException.ThrowIfNull(incidents);
        ArgumentNullException.ThrowIfNull(query);
        var types = query.Types is null ? null : new HashSet<string>(query.Types, StringComparer.OrdinalIgnoreCase);
        var selected = incidents.Where(i => i.Time >= query.From && i.Time < query.To && (types is null || types.Contains(i.Type))).ToList();
        var areas = query.Areas ?? selected.Select(i => i.Area).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var index = areas.Select((a, i) => (a, i)).ToDictionary(x => x.a, x => x.i, StringComparer.Ordinal);
        var counts = new double[areas.Count * HourOfWeek.Count];
        foreach (var incident in selected)
        {
            if (index.TryGetValue(incident.Area, out var a))
            {
                counts[(a * HourOfWeek.Count) + HourOfWeek.Of(incident.Time)]++;
            }
        }

        var weeks = Period.Between(query.From, query.To, PeriodUnits.Hours).Hours / (double)HourOfWeek.Count;
        return new DemandMatrix(areas, counts, weeks);
    }

    /// <summary>The areas with the most incidents, busiest first (ties by code).</summary>
    public static IReadOnlyList<string> BusiestAreas(IEnumerable<Incident> incidents, int count) =>
        incidents.GroupBy(i => i.Area, StringComparer.Ordinal)
            .Select(g => (area: g.Key, n: g.Count()))
            .OrderByDescending(x => x.n).ThenBy(x => x.area, StringComparer.Ordinal)
            .Take(count).Select(x => x.area).ToList();
}
