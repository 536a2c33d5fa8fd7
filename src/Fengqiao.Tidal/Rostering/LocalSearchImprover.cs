using System.Diagnostics;
using Fengqiao.Tidal.Demand;

namespace Fengqiao.Tidal.Rostering;

/// <summary>
/// Improves the greedy start before it is handed to CP-SAT: random single-officer moves (another area for one day,
/// another working day, another start time for the week), each kept when it does not increase unmet demand, with
/// key-post shortfalls weighted so heavily that posts are never given up. Moves keep every rule (same start all week,
/// same number of days, requested days off), so each accepted state is a valid roster.
/// </summary>
internal static class LocalSearchImprover
{
    private const int PostPenalty = 100;

    public static List<GreedyWeek> Improve(RosterProblem problem, IReadOnlyList<ShiftTemplate> shifts, List<GreedyWeek> start, TimeSpan budget, int seed)
    {
        const int H = HourOfWeek.Count;
        var areas = problem.Areas.Count;
        var cells = areas * H;
        var present = new int[cells * 3];
        var template = start.Select(w => w.Template).ToArray();
        var days = start.Select(w => w.AreaByDay.ToDictionary(kv => kv.Key, kv => kv.Value)).ToArray();
        var officers = start.Select(w => w.Officer).ToArray();
        var offDays = officers.Select(o => o.RequestedOff.Select(d => (int)d - 1).ToHashSet()).ToArray();

        int Cost(int cell)
        {
            var p = present[cell * 3];
            var t = present[(cell * 3) + 1];
            var c = present[(cell * 3) + 2];
            var posts = problem.PostUnits[cell];
            return RosterEvaluator.Unmet(problem.PatrolUnits[cell] + posts, problem.TrafficUnits[cell], p, t, c)
                + (PostPenalty * Math.Max(0, posts - p - c));
        }

        // Adds (sign = +1) or removes (−1) one shift and returns the change in cost.
        int Shift(int skill, int s, int d, int a, int sign)
        {
            var delta = 0;
            for (var k = 0; k < shifts[s].LengthHours; k++)
            {
                var cell = (a * H) + (((d * 24) + shifts[s].StartHour + k) % H);
                var before = Cost(cell);
                present[(cell * 3) + skill] += sign;
                delta += Cost(cell) - before;
            }

            return delta;
        }

        // Best area for a shift given the current state (the shift not yet added); returns (area, delta).
        (int Area, int Delta) BestArea(int skill, int s, int d)
        {
            var best = (Area: 0, Delta: int.MaxValue);
            for (var a = 0; a < areas; a++)
            {
                var delta = Shift(skill, s, d, a, +1);
                Shift(skill, s, d, a, -1);
                if (delta < best.Delta)
                {
                    best = (a, delta);
                }
            }

            return best;
        }

        for (var o = 0; o < officers.Length; o++)
        {
            foreach (var (d, a) in days[o])
            {
                Shift((int)officers[o].Skill, template[o], d, a, +1);
            }
        }

        var cost = 0L;
        for (var cell = 0; cell < cells; cell++)
        {
            cost += Cost(cell);
        }

        var random = new Random(seed);
        var clock = Stopwatch.StartNew();
        var iterations = 0;
        while (clock.Elapsed < budget && officers.Length > 0 && cost > 0)
        {
            iterations++;
            if (iterations % 2048 == 0)
            {
                // Nothing left to gain once every need is met: stop early rather than burn the budget.
                cost = 0;
                for (var cell = 0; cell < cells; cell++)
                {
                    cost += Cost(cell);
                }
            }

            var o = random.Next(officers.Length);
            var skill = (int)officers[o].Skill;
            if (days[o].Count == 0)
            {
                continue;
            }

            var move = random.Next(10);
            var s = template[o];
            var workDays = days[o].Keys.ToArray();
            if (move < 6)
            {
                // Another area for one working day.
                var d = workDays[random.Next(workDays.Length)];
                var a = days[o][d];
                var removed = Shift(skill, s, d, a, -1);
                var (b, added) = BestArea(skill, s, d);
                if (removed + added <= 0 && b != a)
                {
                    Shift(skill, s, d, b, +1);
                    days[o][d] = b;
                }
                else
                {
                    Shift(skill, s, d, a, +1);
                }
            }
            else if (move < 9)
            {
                // Another working day (same start time, best area).
                var d = workDays[random.Next(workDays.Length)];
                var free = Enumerable.Range(0, 7).Where(x => !days[o].ContainsKey(x) && !offDays[o].Contains(x)).ToArray();
                if (free.Length == 0)
                {
                    continue;
                }

                var d2 = free[random.Next(free.Length)];
                var a = days[o][d];
                var removed = Shift(skill, s, d, a, -1);
                var (b, added) = BestArea(skill, s, d2);
                if (removed + added <= 0)
                {
                    Shift(skill, s, d2, b, +1);
                    days[o].Remove(d);
                    days[o][d2] = b;
                }
                else
                {
                    Shift(skill, s, d, a, +1);
                }
            }
            else
            {
                // Another start time for the whole week, only between templates of the same length (same hours).
                var s2 = random.Next(shifts.Count);
                if (s2 == s || shifts[s2].LengthHours != shifts[s].LengthHours)
                {
                    continue;
                }

                var delta = 0;
                foreach (var (d, a) in days[o])
                {
                    delta += Shift(skill, s, d, a, -1);
                }

                var placed = new Dictionary<int, int>();
                foreach (var d in workDays)
                {
                    var (b, added) = BestArea(skill, s2, d);
                    delta += added;
                    Shift(skill, s2, d, b, +1);
                    placed[d] = b;
                }

                // Equal-cost changes are taken half the time: they move the search across plateaus.
                if (delta < 0 || (delta == 0 && random.Next(2) == 0))
                {
                    template[o] = s2;
                    days[o] = placed;
                }
                else
                {
                    foreach (var (d, b) in placed)
                    {
                        Shift(skill, s2, d, b, -1);
                    }

                    foreach (var (d, a) in days[o])
                    {
                        Shift(skill, s, d, a, +1);
                    }
                }
            }
        }

        return officers.Select((o, i) => new GreedyWeek(o, template[i], days[i])).ToList();
    }
}
