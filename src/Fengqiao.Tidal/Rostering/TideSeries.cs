using Fengqiao.Tidal.Demand;

namespace Fengqiao.Tidal.Rostering;

/// <summary>
/// The tide (潮汐曲线) of one roster, hour by hour through the week, for the district or one area: the units the
/// demand asks for (calls, traffic and key posts), the officers on duty, and the unmet units. Unmet is counted per
/// area as <see cref="RosterEvaluator.Evaluate"/> counts it, so over the district it adds up to the roster's unmet
/// demand-hours, even where a spare officer in one area hides a gap in another.
/// </summary>
public sealed record TideSeries(string? Area, int[] Demand, int[] OnDuty, int[] Unmet)
{
    public long DemandUnitHours => Demand.Sum(x => (long)x);

    public long UnmetDemandHours => Unmet.Sum(x => (long)x);

    /// <param name="area">One of the problem's areas, or null for the whole district.</param>
    public static TideSeries Of(RosterProblem problem, Roster roster, string? area = null)
    {
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentNullException.ThrowIfNull(roster);
        const int H = HourOfWeek.Count;
        IEnumerable<int> areas = area is null
            ? Enumerable.Range(0, problem.Areas.Count)
            : problem.AreaIndex.TryGetValue(area, out var index) ? [index] : throw new ArgumentException($"area {area} is not in the plan", nameof(area));
        var present = RosterEvaluator.Presence(problem, roster);
        var (demand, onDuty, unmet) = (new int[H], new int[H], new int[H]);
        foreach (var a in areas)
        {
            for (var h = 0; h < H; h++)
            {
                var cell = (a * H) + h;
                var (p, t, c) = (present[cell * 3], present[(cell * 3) + 1], present[(cell * 3) + 2]);
                var needPatrol = problem.PatrolUnits[cell] + problem.PostUnits[cell];
                demand[h] += needPatrol + problem.TrafficUnits[cell];
                onDuty[h] += p + t + c;
                unmet[h] += RosterEvaluator.Unmet(needPatrol, problem.TrafficUnits[cell], p, t, c);
            }
        }

        return new TideSeries(area, demand, onDuty, unmet);
    }
}
