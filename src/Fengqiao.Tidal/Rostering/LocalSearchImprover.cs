using System.Diagnostics;
using Fengqiao.Tidal.Demand;

namespace Fengqiao.Tidal.Rostering;

/// <summary>
/// Improves the greedy start before it is handed to CP-SAT by simulated annealing over single-officer moves (another area for one day,
/// another working day, another start time for the week), worse moves accepted with probability e^(−Δ/T), with
/// key-post shortfalls weighted so heavily that posts are never given up. Moves keep every rule (same start all week,
/// same number of days, requested days off), so each accepted state is a valid roster.
/// </summary>
internal static class LocalSearchImprover
{
    private const int PostPenalty = 100;
    private const double StartTemperature = 1.5;
    private const double EndTemperature = 0.05;

    public static List<GreedyWeek> Improve(RosterProblem problem, IReadOnlyList<ShiftTemplate> shifts, List<GreedyWeek> start, TimeSpan budget, int seed, CancellationToken cancellationToken = default)
    {
        const int H = HourOfWeek.Count;
        var areas = problem.Areas.Count;
        var cells = areas * H;
        var present = new int[cells * 3];
        var template = start.Select(w => w.Template).ToArray();
        var days = start.Select(w => w.AreaByDay.ToDictionary(kv => kv.Key, kv => kv.Value)).ToArray();
        var officers = start.Select(w => w.Officer).ToArray();
        var offDays = officers.Select(o => o.RequestedOff.Select(d => (int)d - 1).ToHashSet()).ToArray();
        var random = new Random(seed);

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

        // A random area for a shift (diversification); returns (area, delta).
        (int Area, int Delta) RandomArea(int skill, int s, int d)
        {
            var a = random.Next(areas);
            var delta = Shift(skill, s, d, a, +1);
            Shift(skill, s, d, a, -1);
            return (a, delta);
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

        var clock = Stopwatch.StartNew();
        var iterations = 0;
        var bestCost = cost;
        var bestTemplate = (int[])template.Clone();
        var bestDays = days.Select(d => new Dictionary<int, int>(d)).ToArray();
        var temperature = StartTemperature;

        // Simulated annealing: worse moves are taken with probability e^(−Δ/T), T cooling geometrically over the budget,
        // so the search can leave the local optima plain descent gets stuck in; the best state seen is returned.
        bool Accept(long delta) => delta <= 0 || random.NextDouble() < Math.Exp(-delta / temperature);

        while (clock.Elapsed < budget && officers.Length > 0 && bestCost > 0 && !cancellationToken.IsCancellationRequested)
        {
            iterations++;
            if ((iterations & 1023) == 0)
            {
                var progress = clock.Elapsed / budget;
                temperature = StartTemperature * Math.Pow(EndTemperature / StartTemperature, progress);
            }

            if (cost < bestCost)
            {
                bestCost = cost;
                Array.Copy(template, bestTemplate, template.Length);
                for (var i = 0; i < days.Length; i++)
                {
                    bestDays[i] = new Dictionary<int, int>(days[i]);
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
                var (b, added) = random.Next(4) == 0 ? RandomArea(skill, s, d) : BestArea(skill, s, d);
                if (b != a && Accept(removed + added))
                {
                    Shift(skill, s, d, b, +1);
                    days[o][d] = b;
                    cost += removed + added;
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
                if (Accept(removed + added))
                {
                    Shift(skill, s, d2, b, +1);
                    days[o].Remove(d);
                    days[o][d2] = b;
                    cost += removed + added;
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

                if (Accept(delta))
                {
                    template[o] = s2;
                    days[o] = placed;
                    cost += delta;
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

        if (cost < bestCost)
        {
            return officers.Select((o, i) => new GreedyWeek(o, template[i], days[i])).ToList();
        }

        return officers.Select((o, i) => new GreedyWeek(o, bestTemplate[i], bestDays[i])).ToList();
    }
}
