using System.Diagnostics;
using System.Globalization;
using Google.OrTools.Sat;
using Fengqiao.Tidal.Demand;

namespace Fengqiao.Tidal.Rostering;

/// <summary>Stage 1's answer: officers of each skill starting each slot in each area, and how sure the solver is.</summary>
/// <param name="Counts">[skill, slot, area] officers starting that slot in that area.</param>
/// <param name="Unmet">Unmet demand-hours of these counts.</param>
/// <param name="Bound">Proven lower bound on unmet demand-hours of any roster (stage 1 is a relaxation of the full problem).</param>
public sealed record AggregatePlan(
    int[,,] Counts,
    IReadOnlyList<ShiftSlot> Slots,
    long Unmet,
    long Bound,
    string Status,
    double Seconds,
    int Variables,
    int Constraints)
{
    /// <summary>Optimum of stage 1's LP relaxation (the bound before rounding up to whole demand-hours).</summary>
    public double LpValue { get; init; }

    /// <summary>
    /// Day-to-day transitions per skill (one shift a day only): (skill, day d, state on d, state on d + 1) → officers,
    /// a state being a slot index or −1 for a day off. Stage 2 follows them to give officers rest-feasible weeks.
    /// </summary>
    public IReadOnlyDictionary<(int Skill, int Day, int From, int To), int> Transitions { get; init; } = new Dictionary<(int, int, int, int), int>();
}

/// <summary>
/// Stage 1 of the two-stage planner: an aggregated CP-SAT model that forgets who the officers are and decides only how
/// many officers of each skill start each shift slot of the week in each area. It keeps every rule as a constraint
/// that any real roster must also satisfy, so its optimum is a lower bound on the unmet demand of any roster:
/// <list type="bullet">
/// <item>rest: for every window clique of <see cref="ShiftSlots.RestCliques"/>, the slots started in it are at most
/// the officers of that skill who may work one of them (one officer works at most one slot of a clique);</item>
/// <item>weekly hours: the skill's slot hours are at most the sum of its officers' hour ceilings, and its slots at
/// most the sum of what each officer could start (hour ceiling ÷ shortest shift, two per working day);</item>
/// <item>one shift a day (when the rules say so): the slots started on a day are at most the officers free that day;</item>
/// <item>requested days off: a clique's bound counts only officers free on one of its days;</item>
/// <item>demand: unmet u[a,h] = max(0, patrol gap + traffic gap − combined units), written with three inequalities,
/// exactly as <see cref="RosterEvaluator.Unmet"/> measures it; key posts are hard (patrol + combined ≥ post officers).</item>
/// </list>
/// What it forgets (that the same person works a given set of slots, the days-off count per person, the exact
/// per-person ceiling) only widens the feasible set, so the bound is valid. Unlike the weekly-template model, the
/// coverage rows here are interval rows over consecutive hours per area, whose LP relaxation is nearly integral, so
/// CP-SAT closes the gap in seconds.
/// </summary>
public static class AggregateRosterModel
{
    public static AggregatePlan Solve(RosterProblem problem, SolverOptions options, double seconds, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentNullException.ThrowIfNull(options);
        var sw = Stopwatch.StartNew();
        var rows = Build(problem, options.DayFlowCuts);
        var slots = rows.Slots;

        // 1. The LP relaxation (GLOP): a proven bound in seconds, and a fractional plan that is nearly integral.
        var (lpObjective, lpY) = SolveLp(rows);
        var lpValue = BoundOf(rows, (lpObjective, lpY));
        cancellationToken.ThrowIfCancellationRequested();
        if (!options.DayFlowCuts && problem.Rules.OneShiftPerDay)
        {
            // The day-flow rows only tighten the relaxation: their LP is the better bound even when the search leaves them out.
            var flowRows = Build(problem, dayFlow: true);
            lpValue = Math.Max(lpValue, BoundOf(flowRows, SolveLp(flowRows)));
            cancellationToken.ThrowIfCancellationRequested();
        }

        var lpBound = (long)Math.Ceiling(lpValue - 1e-6);

        // 2. CP-SAT on the same rows, every count at least the LP's rounded-down value (those already satisfy every
        //    capacity row, so only the fractional remainders are searched). Its bound is for this restricted model only,
        //    so the reported bound stays the LP's unless the unrestricted search proves more (it is not run here).
        var (model, vars, unmetTotal, solver, status) = SolveCp(rows, lpY, options, Math.Max(2, (seconds - sw.Elapsed.TotalSeconds) * 0.75), cancellationToken);
        if (status == CpSolverStatus.Infeasible)
        {
            // The anchored model can in principle lose integer feasibility through the day-flow equalities: search all of it.
            solver.Dispose();
            (model, vars, unmetTotal, solver, status) = SolveCp(rows, null, options, Math.Max(2, (seconds - sw.Elapsed.TotalSeconds) * 0.75), cancellationToken);
        }

        using var solverDisposer = solver;
        var variables = model.Model.Variables.Count;
        var constraints = model.Model.Constraints.Count;
        if (status is not (CpSolverStatus.Optimal or CpSolverStatus.Feasible))
        {
            // Out of time before any solution (on a busy machine a short limit can pass inside presolve): the LP rounded
            // down is a plan already, at once, and stage 2 keeps its share of the time. Posts it leaves short are staffed
            // on the named roster (RosterCleanup.Finish); the rest shows as unmet demand.
            var rounded = RoundedDown(rows, lpY);
            return new AggregatePlan(Counts(problem, rows, rounded), slots, rows.UnmetVars.Sum(i => rounded[i]), lpBound, "LP rounded down (no solution in time)", sw.Elapsed.TotalSeconds, variables, constraints) { LpValue = lpValue };
        }

        var best = (long)Math.Round(solver.ObjectiveValue);
        var values = vars.Select(v => solver.Value(v)).ToArray();

        // 3. Unmet held: fewest officer-hours, so stage 2 has slack to place named officers and overtime stays low.
        var left = seconds - sw.Elapsed.TotalSeconds;
        if (left > 1 && best > lpBound - 1)
        {
            model.Add(unmetTotal <= best);
            for (var i = 0; i < vars.Length; i++)
            {
                model.AddHint(vars[i], values[i]);
            }

            model.Minimize(LinearExpr.WeightedSum(rows.CountVars.Select(i => vars[i]), rows.CountVars.Select(i => (long)rows.Variables[i].Hours)));
            using var solver2 = new CpSolver { StringParameters = Parameters(options, left, 0.001) };
            CpSolverStatus status2;
            using (cancellationToken.Register(solver2.StopSearch))
            {
                status2 = solver2.Solve(model);
            }

            cancellationToken.ThrowIfCancellationRequested();
            if (status2 is CpSolverStatus.Optimal or CpSolverStatus.Feasible)
            {
                values = vars.Select(v => solver2.Value(v)).ToArray();
            }
        }

        var counts = Counts(problem, rows, values);
        var transitions = new Dictionary<(int, int, int, int), int>();
        foreach (var (i, key) in rows.FlowVars)
        {
            if (values[i] > 0)
            {
                transitions[key] = (int)values[i];
            }
        }

        var statusText = best <= lpBound ? "optimal" : "feasible";
        if (rows.PostGapVars.Any(i => values[i] > 0))
        {
            statusText += "; key posts short";
        }

        return new AggregatePlan(counts, slots, rows.UnmetVars.Sum(i => values[i]), lpBound, statusText, sw.Elapsed.TotalSeconds, variables, constraints) { LpValue = lpValue, Transitions = transitions };
    }

    private static int[,,] Counts(RosterProblem problem, Rows rows, long[] values)
    {
        var counts = new int[3, rows.Slots.Count, problem.Areas.Count];
        foreach (var i in rows.CountVars)
        {
            var v = rows.Variables[i];
            counts[v.Skill, v.Slot, v.Area] = (int)values[i];
        }

        return counts;
    }

    /// <summary>
    /// The LP's counts rounded down, with each unmet or post-gap variable at the least its rows allow. Every capacity
    /// row has non-negative coefficients on the counts, so rounding down keeps them; the day-flow rows are not kept, and
    /// no transitions are reported (stage 2 then assigns without them).
    /// </summary>
    private static long[] RoundedDown(Rows rows, double[] lpY)
    {
        var values = new long[rows.Variables.Count];
        foreach (var i in rows.CountVars)
        {
            values[i] = (long)Math.Floor(lpY[i] + 1e-6);
        }

        var shortfalls = rows.UnmetVars.Concat(rows.PostGapVars).ToHashSet();
        foreach (var r in rows.Lines.Where(r => r.Upper == long.MaxValue))
        {
            // Coverage rows: shortfall + present ≥ need, every coefficient 1.
            var k = Array.FindIndex(r.Vars, shortfalls.Contains);
            if (k >= 0)
            {
                var present = r.Vars.Select((v, j) => j == k ? 0 : r.Coefs[j] * values[v]).Sum();
                values[r.Vars[k]] = Math.Max(values[r.Vars[k]], r.Lower - present);
            }
        }

        return values;
    }

    private static (CpModel Model, IntVar[] Vars, LinearExpr Unmet, CpSolver Solver, CpSolverStatus Status) SolveCp(
        Rows rows, double[]? floor, SolverOptions options, double seconds, CancellationToken cancellationToken)
    {
        var model = new CpModel();
        var vars = rows.Variables.Select((v, i) => model.NewIntVar(Math.Max(v.Lower, v.IsCount && floor is not null ? (long)Math.Floor(floor[i] + 1e-6) : 0), v.Upper, v.Name)).ToArray();
        foreach (var r in rows.Lines)
        {
            model.AddLinearConstraint(LinearExpr.WeightedSum(r.Vars.Select(i => vars[i]), r.Coefs), r.Lower, r.Upper);
        }

        var unmetTotal = LinearExpr.Sum(rows.UnmetVars.Select(i => vars[i])) + (LinearExpr.Sum(rows.PostGapVars.Select(i => vars[i])) * PostPenalty);
        model.Minimize(unmetTotal);
        var solver = new CpSolver { StringParameters = Parameters(options, seconds, options.RelativeGap) };
        CpSolverStatus status;
        using (cancellationToken.Register(solver.StopSearch))
        {
            status = solver.Solve(model);
        }

        if (cancellationToken.IsCancellationRequested)
        {
            solver.Dispose();
            cancellationToken.ThrowIfCancellationRequested();
        }

        return (model, vars, unmetTotal, solver, status);
    }

    /// <summary>The stage-1 LP relaxation's optimum (GLOP): a lower bound on unmet demand-hours of any roster.</summary>
    public static double LpBound(RosterProblem problem)
    {
        var rows = Build(problem, dayFlow: true);
        return BoundOf(rows, SolveLp(rows));
    }

    /// <summary>
    /// The LP optimum as a bound on unmet demand. If even the LP cannot stand every post, no roster of the full problem
    /// exists and there is nothing to bound: 0, rather than a figure inflated by the post penalty.
    /// </summary>
    private static double BoundOf(Rows rows, (double Value, double[] Y) lp) =>
        rows.PostGapVars.Sum(i => lp.Y[i]) > 1e-6 ? 0 : lp.Value;

    private sealed record ModelVar(string Name, long Lower, long Upper, bool IsCount, int Skill, int Slot, int Area, int Hours);

    private sealed record ModelRow(int[] Vars, long[] Coefs, long Lower, long Upper);

    private sealed record Rows(IReadOnlyList<ShiftSlot> Slots, List<ModelVar> Variables, List<ModelRow> Lines, List<int> CountVars, List<int> UnmetVars, List<(int Var, (int Skill, int Day, int From, int To) Key)> FlowVars)
    {
        public List<int> PostGapVars { get; init; } = [];
    }

    /// <summary>Cost of one unstood post-hour in stage 1: more than any roster's unmet demand could save.</summary>
    private const long PostPenalty = 100_000;

    private static (double Value, double[] Y) SolveLp(Rows rows)
    {
        using var lp = Google.OrTools.LinearSolver.Solver.CreateSolver("GLOP") ?? throw new InvalidOperationException("GLOP is not available");
        var vars = rows.Variables.Select(v => lp.MakeNumVar(v.Lower, v.Upper, v.Name)).ToArray();
        foreach (var r in rows.Lines)
        {
            var c = lp.MakeConstraint(r.Lower == long.MinValue ? double.NegativeInfinity : r.Lower, r.Upper == long.MaxValue ? double.PositiveInfinity : r.Upper, "");
            for (var i = 0; i < r.Vars.Length; i++)
            {
                c.SetCoefficient(vars[r.Vars[i]], r.Coefs[i]);
            }
        }

        var objective = lp.Objective();
        foreach (var i in rows.UnmetVars)
        {
            objective.SetCoefficient(vars[i], 1);
        }

        foreach (var i in rows.PostGapVars)
        {
            objective.SetCoefficient(vars[i], PostPenalty);
        }

        objective.SetMinimization();
        var result = lp.Solve();
        if (result != Google.OrTools.LinearSolver.Solver.ResultStatus.OPTIMAL)
        {
            throw new InvalidOperationException($"stage 1 LP relaxation: {result} (check that key posts can be staffed)");
        }

        return (objective.Value(), vars.Select(v => v.SolutionValue()).ToArray());
    }

    private static Rows Build(RosterProblem problem, bool dayFlow)
    {
        const int H = HourOfWeek.Count;
        var rules = problem.Rules;
        var slots = ShiftSlots.Week(problem);
        if (slots.Count == 0)
        {
            throw new InvalidOperationException("no shift template satisfies the rest rule");
        }

        var areas = problem.Areas.Count;
        var variables = new List<ModelVar>();
        var rows = new List<ModelRow>();
        var countVars = new List<int>();
        var unmetVars = new List<int>();
        var postGaps = new List<int>();
        var y = new int?[3, slots.Count, areas];
        var officersBySkill = Enumerable.Range(0, 3).Select(k => problem.Officers.Where(o => (int)o.Skill == k).ToList()).ToArray();
        for (var k = 0; k < 3; k++)
        {
            var cap = officersBySkill[k].Count;
            if (cap == 0)
            {
                continue;
            }

            for (var j = 0; j < slots.Count; j++)
            {
                for (var a = 0; a < areas; a++)
                {
                    // A slot that covers no demand this skill can meet never lowers unmet, so it needs no variable.
                    if (Useful(problem, (Skill)k, slots[j], a))
                    {
                        y[k, j, a] = variables.Count;
                        countVars.Add(variables.Count);
                        variables.Add(new(string.Create(CultureInfo.InvariantCulture, $"y_{k}_{j}_{a}"), 0, cap, true, k, j, a, slots[j].LengthHours));
                    }
                }
            }
        }

        IEnumerable<int> Started(int k, IEnumerable<int> js) => js.SelectMany(j => Enumerable.Range(0, areas).Select(a => y[k, j, a])).OfType<int>();
        void AtMost(IEnumerable<int> vs, long ub)
        {
            var list = vs.ToArray();
            if (list.Length > 0)
            {
                rows.Add(new(list, [.. list.Select(_ => 1L)], long.MinValue, ub));
            }
        }

        var cliques = ShiftSlots.RestCliques(slots, rules.MinRestHours);
        var minLength = slots.Min(s => s.LengthHours);
        for (var k = 0; k < 3; k++)
        {
            var officers = officersBySkill[k];
            if (officers.Count == 0)
            {
                continue;
            }

            foreach (var clique in cliques)
            {
                AtMost(Started(k, clique), officers.Count(o => clique.Any(j => !ShiftSlots.RequestedOff(o, slots[j]))));
            }

            for (var j = 0; j < slots.Count; j++)
            {
                AtMost(Started(k, [j]), officers.Count(o => !ShiftSlots.RequestedOff(o, slots[j])));
            }

            if (rules.OneShiftPerDay)
            {
                for (var d = 0; d < 7; d++)
                {
                    var day = d;
                    AtMost(Started(k, Enumerable.Range(0, slots.Count).Where(j => slots[j].Day == day)), officers.Count(o => !o.RequestedOff.Any(r => (int)r - 1 == day)));
                }
            }

            var all = Started(k, Enumerable.Range(0, slots.Count)).ToArray();
            if (all.Length > 0)
            {
                rows.Add(new(all, [.. all.Select(i => (long)variables[i].Hours)], long.MinValue, officers.Sum(o => (long)ShiftSlots.HourCap(o, rules))));
                AtMost(all, officers.Sum(o => (long)Math.Min(ShiftSlots.HourCap(o, rules) / minLength, (rules.OneShiftPerDay ? 1 : 2) * ShiftSlots.WorkDayCap(o, rules))));
            }
        }

        var flowVars = new List<(int, (int, int, int, int))>();
        if (rules.OneShiftPerDay && dayFlow)
        {
            AddDayFlow(problem, slots, officersBySkill, variables, rows, flowVars, (k, j) => Started(k, [j]).ToArray());
        }

        var covering = new List<int>[H];
        for (var h = 0; h < H; h++)
        {
            covering[h] = [];
        }

        for (var j = 0; j < slots.Count; j++)
        {
            for (var i = 0; i < slots[j].LengthHours; i++)
            {
                covering[(slots[j].StartHourOfWeek + i) % H].Add(j);
            }
        }

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

                var u = variables.Count;
                unmetVars.Add(u);
                variables.Add(new(string.Create(CultureInfo.InvariantCulture, $"u_{a}_{h}"), 0, needP + needT, false, -1, -1, a, 0));
                int[] Present(Skill k) => [.. covering[h].Select(j => y[(int)k, j, a]).OfType<int>()];
                var p = Present(Skill.Patrol);
                var t = Present(Skill.Traffic);
                var c = Present(Skill.Combined);

                // u + P + C ≥ needP, u + T + C ≥ needT, u + P + T + C ≥ needP + needT.
                void AtLeast(int[] present, long need)
                {
                    int[] vs = [u, .. present];
                    rows.Add(new(vs, [.. vs.Select(_ => 1L)], need, long.MaxValue));
                }

                AtLeast([.. p, .. c], needP);
                if (needT > 0)
                {
                    AtLeast([.. t, .. c], needT);
                    AtLeast([.. p, .. t, .. c], needP + needT);
                }

                if (problem.PostUnits[cell] > 0)
                {
                    // P + C + gap ≥ post officers, gap priced at PostPenalty: a roster that stands every post has gap 0,
                    // so the optimum stays a bound on its unmet demand, and "nobody anywhere" is always a solution.
                    var gap = variables.Count;
                    postGaps.Add(gap);
                    variables.Add(new(string.Create(CultureInfo.InvariantCulture, $"g_{a}_{h}"), 0, problem.PostUnits[cell], false, -1, -1, a, 0));
                    int[] vs = [gap, .. p, .. c];
                    rows.Add(new(vs, [.. vs.Select(_ => 1L)], problem.PostUnits[cell], long.MaxValue));
                }
            }
        }

        return new Rows(slots, variables, rows, countVars, unmetVars, flowVars) { PostGapVars = postGaps };
    }

    /// <summary>
    /// Valid for any roster with one shift a day: each officer is in one state per day (a slot or off), so the officers
    /// of a skill moving from each state on day d to each state on day d + 1 (cyclically) form a circulation whose
    /// arcs all respect the rest rule; days off on a day are at least the officers who asked for that day.
    /// </summary>
    private static void AddDayFlow(
        RosterProblem problem,
        IReadOnlyList<ShiftSlot> slots,
        List<Officer>[] officersBySkill,
        List<ModelVar> variables,
        List<ModelRow> rows,
        List<(int, (int, int, int, int))> flowVars,
        Func<int, int, int[]> started)
    {
        var rest = problem.Rules.MinRestHours;
        for (var k = 0; k < 3; k++)
        {
            var n = officersBySkill[k].Count;
            if (n == 0)
            {
                continue;
            }

            // Day-off variables: N − shifts started that day, at least the officers who asked for the day.
            var off = new int[7];
            for (var d = 0; d < 7; d++)
            {
                var day = d;
                var asked = officersBySkill[k].Count(o => o.RequestedOff.Any(r => (int)r - 1 == day));
                off[d] = variables.Count;
                variables.Add(new(string.Create(CultureInfo.InvariantCulture, $"off_{k}_{d}"), asked, n, false, k, -1, -1, 0));
                int[] vs = [off[d], .. Enumerable.Range(0, slots.Count).Where(j => slots[j].Day == day).SelectMany(j => started(k, j))];
                rows.Add(new(vs, [.. vs.Select(_ => 1L)], n, n));
            }

            for (var d = 0; d < 7; d++)
            {
                var next = (d + 1) % 7;
                var from = Enumerable.Range(0, slots.Count).Where(j => slots[j].Day == d).Prepend(-1).ToList();
                var to = Enumerable.Range(0, slots.Count).Where(j => slots[j].Day == next).Prepend(-1).ToList();
                var outArcs = from.ToDictionary(a => a, _ => new List<int>());
                var inArcs = to.ToDictionary(b => b, _ => new List<int>());
                foreach (var a in from)
                {
                    foreach (var b in to.Where(b => a < 0 || b < 0 || !ShiftSlots.Conflict(slots[a], slots[b], rest)))
                    {
                        var f = variables.Count;
                        variables.Add(new(string.Create(CultureInfo.InvariantCulture, $"f_{k}_{d}_{a}_{b}"), 0, n, false, k, -1, -1, 0));
                        flowVars.Add((f, (k, d, a, b)));
                        outArcs[a].Add(f);
                        inArcs[b].Add(f);
                    }
                }

                // Σ_b f[a→b] = state a's count on day d; Σ_a f[a→b] = state b's count on day d + 1.
                foreach (var a in from)
                {
                    int[] state = a < 0 ? [off[d]] : started(k, a);
                    int[] vs = [.. outArcs[a], .. state];
                    rows.Add(new(vs, [.. outArcs[a].Select(_ => 1L), .. state.Select(_ => -1L)], 0, 0));
                }

                foreach (var b in to)
                {
                    int[] state = b < 0 ? [off[next]] : started(k, b);
                    int[] vs = [.. inArcs[b], .. state];
                    rows.Add(new(vs, [.. inArcs[b].Select(_ => 1L), .. state.Select(_ => -1L)], 0, 0));
                }
            }
        }
    }

    private static bool Useful(RosterProblem problem, Skill skill, ShiftSlot slot, int area)
    {
        for (var i = 0; i < slot.LengthHours; i++)
        {
            var cell = (area * HourOfWeek.Count) + ((slot.StartHourOfWeek + i) % HourOfWeek.Count);
            var patrol = problem.PatrolUnits[cell] + problem.PostUnits[cell] > 0;
            var traffic = problem.TrafficUnits[cell] > 0;
            if (skill switch { Skill.Patrol => patrol, Skill.Traffic => traffic, _ => patrol || traffic })
            {
                return true;
            }
        }

        return false;
    }

    internal static string Parameters(SolverOptions options, double seconds, double gap) => string.Create(
        CultureInfo.InvariantCulture,
        $"num_workers:{options.Workers} max_time_in_seconds:{Math.Max(0.5, seconds):F1} relative_gap_limit:{gap} random_seed:{options.RandomSeed} {options.ExtraParameters}");
}
