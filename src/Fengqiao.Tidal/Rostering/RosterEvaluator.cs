using Fengqiao.Tidal.Demand;
using Fengqiao.Tidal.Staffing;

namespace Fengqiao.Tidal.Rostering;

/// <summary>How well a roster meets the week's demand, measured from its duties alone.</summary>
/// <param name="UnmetDemandHours">Σ over area-hours of required units not present (patrol + posts + traffic; combined units fill either gap).</param>
/// <param name="ExpectedWaitMinutes">Arrival-weighted Erlang C mean wait for a free patrol unit; overloaded hours count as <see cref="RosterEvaluator.OverloadWaitCapMinutes"/>.</param>
/// <param name="OverloadedAreaHours">Area-hours where calls arrive faster than the units present can serve them.</param>
/// <param name="HoursSpread">Largest minus smallest weekly hours between officers (unfairness).</param>
public sealed record RosterMetrics(
    long DemandUnitHours,
    long UnmetDemandHours,
    long OfficerHours,
    long OvertimeHours,
    int HoursSpread,
    double ExpectedWaitMinutes,
    int OverloadedAreaHours)
{
    public double UnmetShare => DemandUnitHours == 0 ? 0 : UnmetDemandHours / (double)DemandUnitHours;
}

/// <summary>Counts units present per area-hour and scores a roster (used for the solver, the fixed plan and hand edits alike).</summary>
public static class RosterEvaluator
{
    public const double OverloadWaitCapMinutes = 60;

    /// <summary>Units present per area-hour by skill: [cell * 3 + (int)skill].</summary>
    public static int[] Presence(RosterProblem problem, Roster roster)
    {
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentNullException.ThrowIfNull(roster);
        var skills = problem.Officers.ToDictionary(o => o.Id, o => o.Skill, StringComparer.Ordinal);
        var present = new int[problem.Areas.Count * HourOfWeek.Count * 3];
        foreach (var d in roster.Duties)
        {
            if (!problem.AreaIndex.TryGetValue(d.Area, out var a) || !skills.TryGetValue(d.OfficerId, out var skill))
            {
                continue; // the checker reports these
            }

            for (var k = 0; k < d.LengthHours; k++)
            {
                var h = (d.StartHourOfWeek + k) % HourOfWeek.Count;
                present[(((a * HourOfWeek.Count) + h) * 3) + (int)skill]++;
            }
        }

        return present;
    }

    /// <summary>Unmet units in one area-hour: patrol and traffic gaps, of which combined units fill what they can.</summary>
    public static int Unmet(int needPatrol, int needTraffic, int patrol, int traffic, int combined) =>
        Math.Max(0, Math.Max(0, needPatrol - patrol) + Math.Max(0, needTraffic - traffic) - combined);

    public static RosterMetrics Evaluate(RosterProblem problem, Roster roster)
    {
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentNullException.ThrowIfNull(roster);
        const int H = HourOfWeek.Count;
        var present = Presence(problem, roster);
        long unmet = 0;
        double waitSum = 0, arrivalSum = 0;
        var overloaded = 0;
        var arrivalsLoad = new double[problem.Areas.Count * H];
        if (problem.Arrivals is { } arrivals)
        {
            for (var a = 0; a < problem.Areas.Count; a++)
            {
                var rates = Enumerable.Range(0, H).Select(h => arrivals[(a * H) + h]).ToArray();
                var load = StaffingCalculator.LaggedLoad(rates, problem.BusyHours);
                Array.Copy(load, 0, arrivalsLoad, a * H, H);
            }
        }

        for (var cell = 0; cell < problem.Areas.Count * H; cell++)
        {
            var p = present[cell * 3];
            var t = present[(cell * 3) + 1];
            var c = present[(cell * 3) + 2];
            var needP = problem.PatrolUnits[cell] + problem.PostUnits[cell];
            var needT = problem.TrafficUnits[cell];
            unmet += Unmet(needP, needT, p, t, c);
            if (problem.Arrivals is { } arr && arr[cell] > 0)
            {
                // Units free for calls: patrol-capable present, minus those standing posts, minus combined units filling a traffic gap.
                var free = Math.Max(0, p + c - problem.PostUnits[cell] - Math.Min(c, Math.Max(0, needT - t)));
                var lambda = arrivalsLoad[cell] / problem.BusyHours;
                var wait = ErlangC.MeanWait(free, lambda, problem.BusyHours) * 60;
                if (double.IsInfinity(wait) || wait > OverloadWaitCapMinutes)
                {
                    if (double.IsInfinity(wait))
                    {
                        overloaded++;
                    }

                    wait = OverloadWaitCapMinutes;
                }

                waitSum += arr[cell] * wait;
                arrivalSum += arr[cell];
            }
        }

        var hours = problem.Officers.ToDictionary(o => o.Id, _ => 0, StringComparer.Ordinal);
        foreach (var d in roster.Duties)
        {
            if (hours.ContainsKey(d.OfficerId))
            {
                hours[d.OfficerId] += d.LengthHours;
            }
        }

        var overtime = hours.Values.Sum(h => (long)Math.Max(0, h - problem.Rules.StandardWeeklyHours));
        var spread = hours.Count == 0 ? 0 : hours.Values.Max() - hours.Values.Min();
        return new RosterMetrics(
            problem.TotalDemandUnitHours,
            unmet,
            hours.Values.Sum(h => (long)h),
            overtime,
            spread,
            arrivalSum > 0 ? waitSum / arrivalSum : double.NaN,
            overloaded);
    }
}
