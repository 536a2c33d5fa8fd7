using Google.OrTools.LinearSolver;
using Fengqiao.Tidal.Demand;

namespace Fengqiao.Tidal.Rostering;

/// <summary>
/// The same counting model as <see cref="TidalRosterPlanner"/>, solved as a linear programme (GLOP) — or, for
/// diagnostics, as a MIP. Its optimum is a proven lower bound on unmet demand-hours that does not depend on how far
/// CP-SAT's own LP got within its time limit on a busy machine.
/// </summary>
public static class RosterLinearRelaxation
{
    /// <summary>Lower bound on unmet demand-hours (the LP optimum), or the MIP's best bound when <paramref name="solverId"/> is a MIP solver.</summary>
    public static (double Value, double Bound, string Status) Solve(RosterProblem problem, string solverId = "GLOP", bool integer = false, double timeLimitSeconds = 30)
    {
        ArgumentNullException.ThrowIfNull(problem);
        const int H = HourOfWeek.Count;
        using var solver = Solver.CreateSolver(solverId) ?? throw new InvalidOperationException($"solver {solverId} is not available");
        solver.SetTimeLimit((long)(timeLimitSeconds * 1000));
        var rules = problem.Rules;
        var shifts = problem.Shifts.Where(s => s.LengthHours > 0 && s.LengthHours <= 24 - rules.MinRestHours).ToList();
        var areas = problem.Areas.Count;
        var groups = problem.Officers
            .GroupBy(o => (o.Skill, o.MaxWeeklyHours, Off: string.Join(',', o.RequestedOff.Select(d => (int)d).Order())))
            .Select(g => g.ToList()).ToList();
        Variable Var(double ub, string name) => integer ? solver.MakeIntVar(0, ub, name) : solver.MakeNumVar(0, ub, name);

        var w = new Variable[groups.Count, shifts.Count, 7];
        for (var g = 0; g < groups.Count; g++)
        {
            var size = groups[g].Count;
            var off = groups[g][0].RequestedOff.Select(d => (int)d - 1).ToHashSet();
            var all = solver.MakeConstraint(size, size, "");
            for (var s = 0; s < shifts.Count; s++)
            {
                var (baseDays, maxDays) = rules.WorkingDays(shifts[s].LengthHours, groups[g][0].MaxWeeklyHours, off.Count);
                var m = Var(size, "");
                all.SetCoefficient(m, 1);
                var lower = solver.MakeConstraint(0, double.PositiveInfinity, "");
                var upper = solver.MakeConstraint(double.NegativeInfinity, 0, "");
                lower.SetCoefficient(m, -baseDays);
                upper.SetCoefficient(m, -maxDays);
                for (var d = 0; d < 7; d++)
                {
                    w[g, s, d] = Var(off.Contains(d) ? 0 : size, "");
                    var cap = solver.MakeConstraint(double.NegativeInfinity, 0, "");
                    cap.SetCoefficient(w[g, s, d], 1);
                    cap.SetCoefficient(m, -1);
                    lower.SetCoefficient(w[g, s, d], 1);
                    upper.SetCoefficient(w[g, s, d], 1);
                }
            }
        }

        var n = new Variable[3, shifts.Count, 7, areas];
        for (var k = 0; k < 3; k++)
        {
            var skillGroups = Enumerable.Range(0, groups.Count).Where(g => (int)groups[g][0].Skill == k).ToList();
            for (var s = 0; s < shifts.Count; s++)
            {
                for (var d = 0; d < 7; d++)
                {
                    var link = solver.MakeConstraint(0, 0, "");
                    for (var a = 0; a < areas; a++)
                    {
                        n[k, s, d, a] = Var(problem.Officers.Count, "");
                        link.SetCoefficient(n[k, s, d, a], 1);
                    }

                    foreach (var g in skillGroups)
                    {
                        link.SetCoefficient(w[g, s, d], -1);
                    }
                }
            }
        }

        var covering = new List<(int S, int D)>[H];
        for (var h = 0; h < H; h++)
        {
            covering[h] = [];
        }

        for (var s = 0; s < shifts.Count; s++)
        {
            for (var d = 0; d < 7; d++)
            {
                for (var k = 0; k < shifts[s].LengthHours; k++)
                {
                    covering[((d * 24) + shifts[s].StartHour + k) % H].Add((s, d));
                }
            }
        }

        var objective = solver.Objective();
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

                var u = Var(needP + needT, "");
                objective.SetCoefficient(u, 1);
                void Row(double rhs, bool patrol, bool traffic)
                {
                    // u + Σ present ≥ rhs
                    var row = solver.MakeConstraint(rhs, double.PositiveInfinity, "");
                    row.SetCoefficient(u, 1);
                    foreach (var (s, d) in covering[h])
                    {
                        if (patrol)
                        {
                            row.SetCoefficient(n[(int)Skill.Patrol, s, d, a], 1);
                        }

                        if (traffic)
                        {
                            row.SetCoefficient(n[(int)Skill.Traffic, s, d, a], 1);
                        }

                        row.SetCoefficient(n[(int)Skill.Combined, s, d, a], 1);
                    }
                }

                Row(needP, patrol: true, traffic: false);
                if (needT > 0)
                {
                    Row(needT, patrol: false, traffic: true);
                    Row(needP + needT, patrol: true, traffic: true);
                }

                if (problem.PostUnits[cell] > 0)
                {
                    var post = solver.MakeConstraint(problem.PostUnits[cell], double.PositiveInfinity, "");
                    foreach (var (s, d) in covering[h])
                    {
                        post.SetCoefficient(n[(int)Skill.Patrol, s, d, a], 1);
                        post.SetCoefficient(n[(int)Skill.Combined, s, d, a], 1);
                    }
                }
            }
        }

        objective.SetMinimization();
        var status = solver.Solve();
        return (objective.Value(), integer ? objective.BestBound() : objective.Value(), status.ToString());
    }
}
