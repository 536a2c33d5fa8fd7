using System.Globalization;
using Google.OrTools.Sat;
using Fengqiao.Tidal.Demand;

namespace Fengqiao.Tidal.Rostering;

/// <summary>
/// After officers are named: (1) officers with days and hours to spare take the extra slot that covers the most unmet
/// demand, within every per-person rule; (2) with every officer's shift times fixed, CP-SAT re-chooses the area of each
/// shift (areas are free once the times are known), which recovers what stage-2 shortfalls cost.
/// </summary>
public static class RosterRepair
{
    public static List<Duty> Fill(RosterProblem problem, IReadOnlyList<ShiftSlot> slots, IReadOnlyList<Duty> duties)
    {
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentNullException.ThrowIfNull(slots);
        ArgumentNullException.ThrowIfNull(duties);
        const int H = HourOfWeek.Count;
        var rules = problem.Rules;
        var result = duties.ToList();
        var presence = RosterEvaluator.Presence(problem, new Roster("fill", result, []));
        var slotIndex = slots.Select((s, i) => (s, i)).ToDictionary(x => (x.s.StartHourOfWeek, x.s.LengthHours), x => x.i);
        var mine = problem.Officers.ToDictionary(o => o.Id, _ => new HashSet<int>(), StringComparer.Ordinal);
        var hours = problem.Officers.ToDictionary(o => o.Id, _ => 0, StringComparer.Ordinal);
        foreach (var d in result)
        {
            if (slotIndex.TryGetValue((d.StartHourOfWeek, d.LengthHours), out var j) && mine.TryGetValue(d.OfficerId, out var set))
            {
                set.Add(j);
                hours[d.OfficerId] += d.LengthHours;
            }
        }

        var dead = new HashSet<(int, int)>();
        while (true)
        {
            var (gain, k, j, a) = (0, -1, -1, -1);
            for (var kk = 0; kk < 3; kk++)
            {
                for (var jj = 0; jj < slots.Count; jj++)
                {
                    if (dead.Contains((kk, jj)))
                    {
                        continue;
                    }

                    for (var aa = 0; aa < problem.Areas.Count; aa++)
                    {
                        var g = Gain(problem, presence, (Skill)kk, slots[jj], aa);
                        if (g > gain)
                        {
                            (gain, k, j, a) = (g, kk, jj, aa);
                        }
                    }
                }
            }

            if (gain <= 0)
            {
                return result;
            }

            var taker = problem.Officers
                .Where(o => (int)o.Skill == k && OfficerAssignmentRules.Fits(o, mine[o.Id], hours[o.Id], slots, j, rules))
                .OrderBy(o => hours[o.Id])
                .FirstOrDefault();
            if (taker is null)
            {
                dead.Add((k, j));
                continue;
            }

            mine[taker.Id].Add(j);
            hours[taker.Id] += slots[j].LengthHours;
            result.Add(new Duty(taker.Id, problem.Areas[a], slots[j].StartHourOfWeek, slots[j].LengthHours));
            for (var i = 0; i < slots[j].LengthHours; i++)
            {
                presence[((((a * H) + ((slots[j].StartHourOfWeek + i) % H)) * 3) + k)]++;
            }
        }
    }

    /// <summary>Re-chooses every shift's area with the shift times fixed; returns the duties unchanged if CP-SAT finds nothing better.</summary>
    public static List<Duty> Reassign(RosterProblem problem, IReadOnlyList<Duty> duties, SolverOptions options, double seconds, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentNullException.ThrowIfNull(duties);
        ArgumentNullException.ThrowIfNull(options);
        const int H = HourOfWeek.Count;
        var skillOf = problem.Officers.ToDictionary(o => o.Id, o => (int)o.Skill, StringComparer.Ordinal);
        var groups = duties.GroupBy(d => (Skill: skillOf[d.OfficerId], d.StartHourOfWeek, d.LengthHours)).Select(g => g.ToList()).ToList();
        var areas = problem.Areas.Count;
        var model = new CpModel();
        var n = new IntVar[groups.Count, areas];
        var covering = new List<int>[H];
        for (var h = 0; h < H; h++)
        {
            covering[h] = [];
        }

        for (var g = 0; g < groups.Count; g++)
        {
            var first = groups[g][0];
            for (var a = 0; a < areas; a++)
            {
                n[g, a] = model.NewIntVar(0, groups[g].Count, string.Create(CultureInfo.InvariantCulture, $"n_{g}_{a}"));
                model.AddHint(n[g, a], groups[g].Count(d => d.Area == problem.Areas[a]));
            }

            model.Add(LinearExpr.Sum(Enumerable.Range(0, areas).Select(a => n[g, a])) == groups[g].Count);
            for (var i = 0; i < first.LengthHours; i++)
            {
                covering[(first.StartHourOfWeek + i) % H].Add(g);
            }
        }

        var unmet = new List<IntVar>();
        var postGaps = new List<IntVar>();
        var before = RosterEvaluator.Presence(problem, new Roster("before", duties, []));
        for (var a = 0; a < areas; a++)
        {
            for (var h = 0; h < H; h++)
            {
                var cell = (a * H) + h;
                var needP = problem.PatrolUnits[cell] + problem.PostUnits[cell];
                var needT = problem.TrafficUnits[cell];
                if (needP + needT == 0)
                {
                    continue;
                }

                LinearExpr Present(int k) => LinearExpr.Sum(covering[h].Where(g => groups[g][0] is var d && skillOf[d.OfficerId] == k).Select(g => n[g, a]));
                var p = Present(0);
                var t = Present(1);
                var c = Present(2);
                var u = model.NewIntVar(0, needP + needT, "");
                model.AddHint(u, RosterEvaluator.Unmet(needP, needT, before[cell * 3], before[(cell * 3) + 1], before[(cell * 3) + 2]));
                model.Add(u >= needP - p - c);
                if (needT > 0)
                {
                    model.Add(u >= needT - t - c);
                    model.Add(u >= needP + needT - p - t - c);
                }

                if (problem.PostUnits[cell] > 0)
                {
                    // Posts are hard for the roster; here a shortfall is allowed but costs far more than any unmet hour.
                    var gap = model.NewIntVar(0, problem.PostUnits[cell], "");
                    model.Add(p + c + gap >= problem.PostUnits[cell]);
                    postGaps.Add(gap);
                }

                unmet.Add(u);
            }
        }

        var objective = LinearExpr.Sum(unmet) + (LinearExpr.Sum(postGaps) * 1000);
        model.Minimize(objective);
        using var solver = new CpSolver { StringParameters = AggregateRosterModel.Parameters(options, seconds, 0) + " keep_all_feasible_solutions_in_presolve:true" };
        CpSolverStatus status;
        using (cancellationToken.Register(solver.StopSearch))
        {
            status = solver.Solve(model);
        }

        cancellationToken.ThrowIfCancellationRequested();
        // Stopped early, CP-SAT may answer with a solution worse than the areas it was given (posts included): keep those then.
        if (status is not (CpSolverStatus.Optimal or CpSolverStatus.Feasible) || solver.ObjectiveValue > Cost(problem, before))
        {
            return [.. duties];
        }

        var result = new List<Duty>();
        for (var g = 0; g < groups.Count; g++)
        {
            // Officers already in an area keep it where the count allows (fewer changes), the rest fill the gaps.
            var want = Enumerable.Range(0, areas).ToDictionary(a => problem.Areas[a], a => (int)solver.Value(n[g, a]), StringComparer.Ordinal);
            var moved = new List<Duty>();
            foreach (var d in groups[g])
            {
                if (want[d.Area] > 0)
                {
                    want[d.Area]--;
                    result.Add(d);
                }
                else
                {
                    moved.Add(d);
                }
            }

            var targets = want.Where(x => x.Value > 0).SelectMany(x => Enumerable.Repeat(x.Key, x.Value)).ToList();
            result.AddRange(moved.Select((d, i) => d with { Area = targets[i] }));
        }

        return result;
    }

    /// <summary>The objective of <see cref="Reassign"/> for the areas as they are: unmet demand-hours, post shortfalls at 1000 each.</summary>
    private static long Cost(RosterProblem problem, int[] presence)
    {
        var cost = 0L;
        for (var cell = 0; cell < problem.PatrolUnits.Count; cell++)
        {
            var (p, t, c) = (presence[cell * 3], presence[(cell * 3) + 1], presence[(cell * 3) + 2]);
            cost += RosterEvaluator.Unmet(problem.PatrolUnits[cell] + problem.PostUnits[cell], problem.TrafficUnits[cell], p, t, c)
                + (1000L * Math.Max(0, problem.PostUnits[cell] - p - c));
        }

        return cost;
    }

    private static int Gain(RosterProblem problem, int[] presence, Skill skill, ShiftSlot slot, int area)
    {
        const int H = HourOfWeek.Count;
        var gain = 0;
        for (var i = 0; i < slot.LengthHours; i++)
        {
            var cell = (area * H) + ((slot.StartHourOfWeek + i) % H);
            var needP = problem.PatrolUnits[cell] + problem.PostUnits[cell];
            var needT = problem.TrafficUnits[cell];
            if (needP + needT == 0)
            {
                continue;
            }

            var (p, t, c) = (presence[cell * 3], presence[(cell * 3) + 1], presence[(cell * 3) + 2]);
            if (skill != Skill.Traffic && p + c < problem.PostUnits[cell])
            {
                gain += 1000; // an unstood post-hour first: posts are hard
            }

            var now = RosterEvaluator.Unmet(needP, needT, p, t, c);
            var after = skill switch
            {
                Skill.Patrol => RosterEvaluator.Unmet(needP, needT, p + 1, t, c),
                Skill.Traffic => RosterEvaluator.Unmet(needP, needT, p, t + 1, c),
                _ => RosterEvaluator.Unmet(needP, needT, p, t, c + 1),
            };
            gain += now - after;
        }

        return gain;
    }
}
