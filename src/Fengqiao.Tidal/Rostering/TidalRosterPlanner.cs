using System.Diagnostics;
using System.Globalization;
using Google.OrTools.Sat;
using Fengqiao.Tidal.Demand;

namespace Fengqiao.Tidal.Rostering;

/// <summary>What the solver found and how sure it is.</summary>
/// <param name="UnmetBound">Proven lower bound on unmet demand-hours for any roster of this shape.</param>
/// <param name="ModelUnmet">Unmet demand-hours in the solver's own objective (the evaluator re-measures it on the roster).</param>
/// <param name="GreedyUnmet">Unmet demand-hours of the greedy start handed to the solver as a hint.</param>
public sealed record SolveReport(
    string Status,
    long GreedyUnmet,
    long ModelUnmet,
    long UnmetBound,
    double UnmetSeconds,
    double OvertimeSeconds,
    double TotalSeconds,
    int Variables,
    int Constraints)
{
    /// <summary>Which model produced the roster: "two-stage" or "weekly-template".</summary>
    public string Method { get; init; } = "weekly-template";

    /// <summary>Two-stage only: stage-1 shifts stage 2 could not give to anyone (each shows up as unmet demand).</summary>
    public int UnplacedShifts { get; init; }

    public string? StageDetail { get; init; }
}

/// <summary>The tidal roster, the solver's report, and both measured against demand.</summary>
public sealed record PlanResult(Roster Roster, SolveReport Solve, RosterMetrics Metrics, IReadOnlyList<RosterViolation> Violations);

/// <summary>
/// CP-SAT tidal rostering (潮汐勤务排班). Officers with the same skill, hour ceiling and requested days off are
/// interchangeable, so the model decides counts rather than names, which keeps 300 officers × 30 areas × 168 hours
/// small enough to solve in seconds:
/// <list type="bullet">
/// <item>m[g,s]: officers of group g on shift template s this week (each officer keeps one start time all week, so the
/// 24 − length ≥ 11 h rest rule holds between consecutive days by construction; staggered templates give 错峰);</item>
/// <item>w[g,s,d] ≤ m[g,s]: of those, how many work day d; Σ_d w between base·m and max·m (base = standard hours ÷
/// length, max from the hour ceiling and the minimum days off); days requested off are zero;</item>
/// <item>n[k,s,d,a]: officers of skill k on template s, day d, sent to area a (the shift stays in one area);</item>
/// <item>unmet u[a,h] ≥ (need_patrol − P) + (need_traffic − T) − C, ≥ (need_patrol − P) − C, ≥ (need_traffic − T) − C, ≥ 0,
/// which is exactly max(0, patrol gap + traffic gap − combined units); key posts are hard: P + C ≥ post officers.</item>
/// </list>
/// Lexicographic objective in two solves: first unmet demand-hours (its proven bound is reported), then with unmet
/// held at the value found, overtime hours and finally the spread of extra days between officers (unfairness).
/// Counts are turned into named duties by McNaughton's wrap-around rule, which gives every officer of a block
/// ⌊Σw/m⌋ or ⌈Σw/m⌉ days and never puts one officer on a day twice; the result is then verified by
/// <see cref="RosterChecker"/>.
/// </summary>
public sealed class TidalRosterPlanner(SolverOptions? options = null)
{
    public SolverOptions Options { get; } = options ?? new SolverOptions();

    /// <param name="cancellationToken">
    /// Stops the search: the local search and both CP-SAT phases end at once and the call throws
    /// <see cref="OperationCanceledException"/>, so a planner who gives up does not wait out the time limit.
    /// </param>
    public PlanResult Plan(RosterProblem problem, IProgress<string>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(problem);
        if (Options.Model == RosterModel.TwoStage)
        {
            return new TwoStageRosterPlanner(Options).Plan(problem, progress, cancellationToken);
        }

        const int H = HourOfWeek.Count;
        var total = Stopwatch.StartNew();
        var rules = problem.Rules;
        var shifts = problem.Shifts.Where(s => s.LengthHours > 0 && s.LengthHours <= 24 - rules.MinRestHours).ToList();
        if (shifts.Count == 0)
        {
            throw new InvalidOperationException("no shift template satisfies the rest rule");
        }

        var areas = problem.Areas.Count;
        var groups = problem.Officers
            .GroupBy(o => (o.Skill, o.MaxWeeklyHours, Off: string.Join(',', o.RequestedOff.Select(d => (int)d).Order())))
            .Select(g => g.ToList())
            .ToList();
        var skillCount = 3;

        var model = new CpModel();
        var m = new IntVar[groups.Count, shifts.Count];
        var w = new IntVar[groups.Count, shifts.Count, 7];
        var extra = new List<(LinearExpr Expr, int Length)>();
        var extraDays = new List<(IntVar Extra, IntVar M)>();
        var extraBlock = new List<(int G, int S, int BaseDays)>();
        for (var g = 0; g < groups.Count; g++)
        {
            var size = groups[g].Count;
            var officer = groups[g][0];
            var off = officer.RequestedOff.Select(d => (int)d - 1).ToHashSet();
            for (var s = 0; s < shifts.Count; s++)
            {
                var len = shifts[s].LengthHours;
                var (baseDays, maxDays) = rules.WorkingDays(len, officer.MaxWeeklyHours, off.Count);
                m[g, s] = model.NewIntVar(0, maxDays >= 0 ? size : 0, Name("m", g, s));
                var days = new List<IntVar>();
                for (var d = 0; d < 7; d++)
                {
                    w[g, s, d] = model.NewIntVar(0, off.Contains(d) ? 0 : size, Name("w", g, s, d));
                    model.Add(w[g, s, d] <= m[g, s]);
                    days.Add(w[g, s, d]);
                }

                var worked = LinearExpr.Sum(days);
                model.Add(worked >= baseDays * m[g, s]);
                model.Add(worked <= Math.Max(0, maxDays) * m[g, s]);
                var e = model.NewIntVar(0, 7L * size, Name("e", g, s));
                model.Add(e == worked - (baseDays * m[g, s]));
                extra.Add((e, len));
                extraDays.Add((e, m[g, s]));
                extraBlock.Add((g, s, baseDays));
            }

            model.Add(LinearExpr.Sum(Enumerable.Range(0, shifts.Count).Select(s => m[g, s])) == size);
        }

        // n[k,s,d,a] and the link to the working counts.
        var n = new IntVar[skillCount, shifts.Count, 7, areas];
        for (var k = 0; k < skillCount; k++)
        {
            var skillGroups = Enumerable.Range(0, groups.Count).Where(g => (int)groups[g][0].Skill == k).ToList();
            var cap = skillGroups.Sum(g => groups[g].Count);
            for (var s = 0; s < shifts.Count; s++)
            {
                for (var d = 0; d < 7; d++)
                {
                    for (var a = 0; a < areas; a++)
                    {
                        n[k, s, d, a] = model.NewIntVar(0, cap, Name("n", k, s, d, a));
                    }

                    model.Add(LinearExpr.Sum(Enumerable.Range(0, areas).Select(a => n[k, s, d, a]))
                        == LinearExpr.Sum(skillGroups.Select(g => w[g, s, d])));
                }
            }
        }

        // Which (template, day) pairs cover each hour-of-week.
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

        var unmet = new List<IntVar>();
        var unmetCell = new List<int>();
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

                LinearExpr Present(Skill k) => LinearExpr.Sum(covering[h].Select(x => n[(int)k, x.S, x.D, a]));
                var p = Present(Skill.Patrol);
                var t = Present(Skill.Traffic);
                var c = Present(Skill.Combined);
                var u = model.NewIntVar(0, needP + needT, Name("u", a, h));
                model.Add(u >= needP - p - c);
                if (needT > 0)
                {
                    model.Add(u >= needT - t - c);
                    model.Add(u >= needP + needT - p - t - c);
                }

                if (problem.PostUnits[cell] > 0)
                {
                    model.Add(p + c >= problem.PostUnits[cell]);
                }

                unmet.Add(u);
                unmetCell.Add(cell);
            }
        }

        var unmetTotal = LinearExpr.Sum(unmet);
        model.Minimize(unmetTotal);
        var stats = model.Model;
        var variables = stats.Variables.Count;
        var constraints = stats.Constraints.Count;

        progress?.Report("local search from the greedy start");
        // Complete hint from the greedy start: CP-SAT improves on it instead of searching from nothing.
        var greedy = LocalSearchImprover.Improve(
            problem,
            shifts,
            GreedyRosterBuilder.Build(problem, shifts),
            TimeSpan.FromSeconds(Options.TimeLimitSeconds * Options.LocalSearchShare),
            Options.RandomSeed,
            cancellationToken);
        cancellationToken.ThrowIfCancellationRequested();
        var groupOf = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var g = 0; g < groups.Count; g++)
        {
            foreach (var o in groups[g])
            {
                groupOf[o.Id] = g;
            }
        }

        var hintM = new long[groups.Count, shifts.Count];
        var hintW = new long[groups.Count, shifts.Count, 7];
        var hintN = new long[skillCount, shifts.Count, 7, areas];
        foreach (var week in greedy)
        {
            var g = groupOf[week.Officer.Id];
            hintM[g, week.Template]++;
            foreach (var (d, a) in week.AreaByDay)
            {
                hintW[g, week.Template, d]++;
                hintN[(int)week.Officer.Skill, week.Template, d, a]++;
            }
        }

        for (var g = 0; g < groups.Count; g++)
        {
            for (var s = 0; s < shifts.Count; s++)
            {
                model.AddHint(m[g, s], hintM[g, s]);
                for (var d = 0; d < 7; d++)
                {
                    model.AddHint(w[g, s, d], hintW[g, s, d]);
                }
            }
        }

        for (var k = 0; k < skillCount; k++)
        {
            for (var s = 0; s < shifts.Count; s++)
            {
                for (var d = 0; d < 7; d++)
                {
                    for (var a = 0; a < areas; a++)
                    {
                        model.AddHint(n[k, s, d, a], hintN[k, s, d, a]);
                    }
                }
            }
        }

        // Hint the derived variables too: CP-SAT only adopts a hint it can complete cheaply.
        for (var i = 0; i < extraDays.Count; i++)
        {
            var (g, s, baseDays) = extraBlock[i];
            var worked = Enumerable.Range(0, 7).Sum(d => hintW[g, s, d]);
            model.AddHint(extraDays[i].Extra, worked - (baseDays * hintM[g, s]));
        }

        var hintDuties = greedy.SelectMany(x => x.AreaByDay.Select(kv => new Duty(x.Officer.Id, problem.Areas[kv.Value], (kv.Key * 24) + shifts[x.Template].StartHour, shifts[x.Template].LengthHours))).ToList();
        var hintPresence = RosterEvaluator.Presence(problem, new Roster("hint", hintDuties, []));
        for (var i = 0; i < unmet.Count; i++)
        {
            var cell = unmetCell[i];
            model.AddHint(unmet[i], RosterEvaluator.Unmet(
                problem.PatrolUnits[cell] + problem.PostUnits[cell],
                problem.TrafficUnits[cell],
                hintPresence[cell * 3],
                hintPresence[(cell * 3) + 1],
                hintPresence[(cell * 3) + 2]));
        }

        progress?.Report(string.Create(CultureInfo.InvariantCulture, $"phase 1: unmet demand ({variables} variables, {constraints} constraints)"));
        var phase1Limit = Math.Max(1, (Options.TimeLimitSeconds * 0.8) - total.Elapsed.TotalSeconds);
        using var solver1 = new CpSolver { StringParameters = Parameters(phase1Limit, Options.RelativeGap) };
        var sw = Stopwatch.StartNew();
        CpSolverStatus status1;
        using (cancellationToken.Register(solver1.StopSearch))
        {
            status1 = solver1.Solve(model);
        }

        cancellationToken.ThrowIfCancellationRequested();
        var unmetSeconds = sw.Elapsed.TotalSeconds;
        var greedyDuties = greedy.SelectMany(x => x.AreaByDay.Select(kv => new Duty(x.Officer.Id, problem.Areas[kv.Value], (kv.Key * 24) + shifts[x.Template].StartHour, shifts[x.Template].LengthHours))).ToList();
        var greedyRoster = new Roster("tidal-greedy", greedyDuties, PostAssigner.Assign(problem, greedyDuties));
        var greedyMetrics = RosterEvaluator.Evaluate(problem, greedyRoster);
        if (status1 is not (CpSolverStatus.Optimal or CpSolverStatus.Feasible))
        {
            // No solver solution in time: the greedy start, its posts repaired, is the roster (or there is none).
            var finished = RosterCleanup.Finish(problem, "tidal-greedy", greedyDuties);
            var finishedMetrics = RosterEvaluator.Evaluate(problem, finished);
            var fallback = new SolveReport("greedy-only", greedyMetrics.UnmetDemandHours, finishedMetrics.UnmetDemandHours, (long)Math.Max(0, Math.Ceiling(solver1.BestObjectiveBound - 1e-6)), unmetSeconds, 0, total.Elapsed.TotalSeconds, variables, constraints);
            return new PlanResult(finished, fallback, finishedMetrics, []);
        }

        var bestUnmet = (long)Math.Round(solver1.ObjectiveValue);
        var bound = (long)Math.Ceiling(solver1.BestObjectiveBound - 1e-6);

        // Phase 2: hold unmet, minimise overtime hours, then the largest extra-days-per-officer in any block.
        model.ClearHints();
        foreach (var v in Enumerable.Range(0, groups.Count).SelectMany(g => Enumerable.Range(0, shifts.Count).Select(s => m[g, s])))
        {
            model.AddHint(v, solver1.Value(v));
        }

        foreach (var v in unmet)
        {
            model.AddHint(v, solver1.Value(v));
        }

        for (var g = 0; g < groups.Count; g++)
        {
            for (var s = 0; s < shifts.Count; s++)
            {
                for (var d = 0; d < 7; d++)
                {
                    model.AddHint(w[g, s, d], solver1.Value(w[g, s, d]));
                }
            }
        }

        for (var k = 0; k < skillCount; k++)
        {
            for (var s = 0; s < shifts.Count; s++)
            {
                for (var d = 0; d < 7; d++)
                {
                    for (var a = 0; a < areas; a++)
                    {
                        model.AddHint(n[k, s, d, a], solver1.Value(n[k, s, d, a]));
                    }
                }
            }
        }

        model.Add(unmetTotal <= bestUnmet);
        var maxExtra = model.NewIntVar(0, 7, "maxExtra");
        foreach (var (e, mm) in extraDays)
        {
            var product = model.NewIntVar(0, 7L * problem.Officers.Count, "");
            model.AddMultiplicationEquality(product, maxExtra, mm);
            model.Add(e <= product);
        }

        var overtime = LinearExpr.WeightedSum(extra.Select(x => x.Expr), extra.Select(x => (long)x.Length));
        model.Minimize((overtime * 100) + maxExtra);
        progress?.Report("phase 2: overtime and fairness");
        var remaining = Math.Max(2, Options.TimeLimitSeconds - total.Elapsed.TotalSeconds - 1);
        using var solver2 = new CpSolver { StringParameters = Parameters(remaining, 0) };
        sw.Restart();
        CpSolverStatus status2;
        using (cancellationToken.Register(solver2.StopSearch))
        {
            status2 = solver2.Solve(model);
        }

        cancellationToken.ThrowIfCancellationRequested();
        var overtimeSeconds = sw.Elapsed.TotalSeconds;
        var useSecond = status2 is CpSolverStatus.Optimal or CpSolverStatus.Feasible;
        long Val(IntVar v) => useSecond ? solver2.Value(v) : solver1.Value(v);

        var duties = Decompose(problem, groups, shifts, m, w, n, Val);
        // The decomposition keeps every rule by construction; the checker still has the last word.
        var roster = RosterCleanup.Finish(problem, "tidal-cp-sat", duties);
        var metrics = RosterEvaluator.Evaluate(problem, roster);
        IReadOnlyList<RosterViolation> violations = [];
        var status = status1 == CpSolverStatus.Optimal ? "optimal" : (bestUnmet <= bound ? "optimal" : "feasible");

        // CP-SAT does not always recover a hint it cannot complete in time; never return worse than the start it was given.
        if (greedyMetrics.UnmetDemandHours < metrics.UnmetDemandHours)
        {
            var greedyViolations = RosterChecker.Check(problem, greedyRoster);
            if (greedyViolations.Count == 0)
            {
                (roster, metrics, violations, status) = (greedyRoster, greedyMetrics, greedyViolations, "feasible (local search)");
            }
        }

        var report = new SolveReport(status, greedyMetrics.UnmetDemandHours, bestUnmet, bound, unmetSeconds, overtimeSeconds, total.Elapsed.TotalSeconds, variables, constraints);
        return new PlanResult(roster, report, metrics, violations);
    }

    private string Parameters(double seconds, double gap) => string.Create(
        CultureInfo.InvariantCulture,
        $"num_workers:{Options.Workers} max_time_in_seconds:{seconds:F1} relative_gap_limit:{gap} random_seed:{Options.RandomSeed} {Options.ExtraParameters}");

    private static List<Duty> Decompose(
        RosterProblem problem,
        List<List<Officer>> groups,
        List<ShiftTemplate> shifts,
        IntVar[,] m,
        IntVar[,,] w,
        IntVar[,,,] n,
        Func<IntVar, long> value)
    {
        // Officers working (template, day) per skill, in a stable order.
        var pools = new Dictionary<(int K, int S, int D), List<string>>();
        for (var g = 0; g < groups.Count; g++)
        {
            var next = 0;
            var k = (int)groups[g][0].Skill;
            for (var s = 0; s < shifts.Count; s++)
            {
                var count = (int)value(m[g, s]);
                var block = groups[g].Skip(next).Take(count).ToList();
                next += count;
                var pointer = 0;
                for (var d = 0; d < 7; d++)
                {
                    var working = (int)value(w[g, s, d]);
                    var pool = pools.TryGetValue((k, s, d), out var existing) ? existing : pools[(k, s, d)] = [];
                    for (var i = 0; i < working; i++)
                    {
                        pool.Add(block[(pointer + i) % block.Count].Id);
                    }

                    pointer = block.Count == 0 ? 0 : (pointer + working) % block.Count;
                }
            }
        }

        var duties = new List<Duty>();
        foreach (var ((k, s, d), pool) in pools)
        {
            var index = 0;
            for (var a = 0; a < problem.Areas.Count; a++)
            {
                var count = (int)value(n[k, s, d, a]);
                for (var i = 0; i < count && index < pool.Count; i++)
                {
                    duties.Add(new Duty(pool[index++], problem.Areas[a], (d * 24) + shifts[s].StartHour, shifts[s].LengthHours));
                }
            }
        }

        return duties.OrderBy(x => x.OfficerId, StringComparer.Ordinal).ThenBy(x => x.StartHourOfWeek).ToList();
    }

    private static string Name(string prefix, params int[] ix) => prefix + "_" + string.Join('_', ix);
}
