using System.Diagnostics;
using System.Globalization;
using Fengqiao.Tidal.Demand;
using Fengqiao.Tidal.Rostering;
using Google.OrTools.Sat;

namespace Fengqiao.Tidal.Adjustment;

/// <summary>Limits of the day's re-plan; one worker and a fixed seed make a run that finishes in time repeatable.</summary>
public sealed record DayReplanOptions
{
    public double TimeLimitSeconds { get; init; } = 10;

    public int Workers { get; init; } = 2;

    public int RandomSeed { get; init; } = 7;
}

/// <summary>
/// 动态调整 of one day with CP-SAT: the day's planned events raise the demand, officers off sick lose that day's shifts,
/// and every other officer's shift starting that day may keep its hours and area, move to another area, move to other
/// hours, or (for officers with the day free) be added — within every per-person rule against the shifts of the other
/// days, which stay exactly as they were. Two solves: the least unmet demand-hours (60 % of the time), then at that
/// unmet demand the fewest changes (moved area 1, other hours 2, added 3 or 4 with overtime, dropped 3), so whatever
/// does not help stays as the officers were told. The greedy <see cref="DayReplanner"/>'s answer is a point of this
/// model and the solver's complete starting hint, so CP-SAT's answer is as a rule no worse than the greedy's and a
/// proven optimum never is. When the solver has no answer in time the greedy re-plan stands, and says so
/// (<see cref="DayReplanMethod.GreedyFallback"/>).
/// </summary>
public static class DayReplanSolver
{
    private const int MovedCost = 1, RetimedCost = 2, AddedCost = 3, OvertimeAddedCost = 4, RemovedCost = 3;

    public static DayReplan Replan(
        RosterProblem problem,
        Roster roster,
        int day,
        IReadOnlyList<PlannedEvent> events,
        IReadOnlyCollection<string> offSick,
        DayReplanOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentNullException.ThrowIfNull(roster);
        ArgumentNullException.ThrowIfNull(events);
        ArgumentNullException.ThrowIfNull(offSick);
        var o = options ?? new DayReplanOptions();
        var clock = Stopwatch.StartNew();
        var changed = DayReplanner.WithEvents(problem, day, events);
        var before = RosterEvaluator.Evaluate(changed, roster);
        var sick = offSick.ToHashSet(StringComparer.Ordinal);
        // The greedy answer (a second or two) is where the solver starts, and what stands when it finds nothing in time.
        var greedy = DayReplanner.Replan(problem, roster, day, events, offSick);
        var remaining = Math.Max(1, o.TimeLimitSeconds - clock.Elapsed.TotalSeconds);
        var chosen = Solve(changed, roster, day, sick, [.. greedy.Roster.Duties.Where(d => d.Day == day)], o with { TimeLimitSeconds = remaining }, cancellationToken, out var status);
        if (chosen is null)
        {
            return greedy with { Method = DayReplanMethod.GreedyFallback, Seconds = clock.Elapsed.TotalSeconds };
        }

        var duties = roster.Duties.Where(d => d.Day != day).Concat(chosen).ToList();
        var replanned = new Roster(roster.Method + "+day", duties, PostAssigner.Assign(changed, duties));
        var solved = new DayReplan(changed, replanned, before, RosterEvaluator.Evaluate(changed, replanned), RosterChecker.Check(changed, replanned), Changes(roster, chosen, day, sick));
        var method = status == CpSolverStatus.Optimal ? DayReplanMethod.CpSatOptimal : DayReplanMethod.CpSatFeasible;
        // Stopped by the time limit before it got past its starting point: the greedy's answer is the solver's best.
        if ((greedy.After.UnmetDemandHours, Cost(greedy.Changes)) is var g && (solved.After.UnmetDemandHours, Cost(solved.Changes)) is var c
            && (g.Item1 < c.Item1 || (g.Item1 == c.Item1 && g.Item2 < c.Item2)))
        {
            return greedy with { Method = method, Seconds = clock.Elapsed.TotalSeconds };
        }

        return solved with { Method = method, Seconds = clock.Elapsed.TotalSeconds };
    }

    /// <summary>
    /// The day's duties CP-SAT chose, or null when it found none in time. Per officer the model decides only whether
    /// each of their shifts of the day stays as it is (keep) or which slot they work changed (y); the areas of the
    /// changed shifts are counts per skill, slot and area, handed to the officers afterwards, since a change costs the
    /// same whichever area it goes to. That keeps 300 officers × 30 areas small.
    /// </summary>
    private static List<Duty>? Solve(RosterProblem problem, Roster roster, int day, HashSet<string> sick, IReadOnlyList<Duty> hintDay, DayReplanOptions options, CancellationToken cancellationToken, out CpSolverStatus status)
    {
        const int H = HourOfWeek.Count;
        var rules = problem.Rules;
        // The day's slots, and any shift of the day the templates do not offer (a hand edit, the fixed plan's) as it stands.
        var slots = ShiftSlots.Week(problem).Where(s => s.Day == day)
            .Concat(roster.Duties.Where(d => d.Day == day).Select(d => new ShiftSlot(d.StartHourOfWeek, d.LengthHours)))
            .Distinct().OrderBy(s => s.StartHourOfWeek).ThenBy(s => s.LengthHours).ToList();
        var slotIndex = slots.Select((s, i) => (s, i)).ToDictionary(x => x.s, x => x.i);
        var areas = problem.Areas;
        var fixedDuties = roster.Duties.Where(d => d.Day != day).ToList();
        var fixedByOfficer = fixedDuties.ToLookup(d => d.OfficerId, StringComparer.Ordinal);
        var todayByOfficer = roster.Duties.Where(d => d.Day == day).ToLookup(d => d.OfficerId, StringComparer.Ordinal);
        var model = new CpModel();
        var all = new List<IntVar>();
        var hintByOfficer = hintDay.ToLookup(d => d.OfficerId, StringComparer.Ordinal);
        var costTerms = new List<IntVar>();
        var costWeights = new List<long>();
        // keep: (officer, original duty, variable); y: (officer, slot) -> variable.
        var keeps = new List<(int O, Duty Duty, BoolVar Keep)>();
        var y = new Dictionary<(int O, int S), BoolVar>();
        for (var oi = 0; oi < problem.Officers.Count; oi++)
        {
            var officer = problem.Officers[oi];
            if (sick.Contains(officer.Id))
            {
                continue;
            }

            var others = fixedByOfficer[officer.Id].ToList();
            var today = todayByOfficer[officer.Id].Where(d => problem.AreaIndex.ContainsKey(d.Area)).ToList();
            var otherHours = others.Sum(d => d.LengthHours);
            var otherDays = others.Select(d => d.Day).Distinct().Count();
            var mayWork = today.Count > 0
                || (!ShiftSlots.RequestedOff(officer, new ShiftSlot(day * 24, 1)) && otherDays + 1 <= 7 - rules.MinDaysOff);
            var cap = rules.AllowOvertime
                ? officer.MaxWeeklyHours
                : Math.Max(ShiftSlots.HourCap(officer, rules), otherHours + today.Sum(d => d.LengthHours));
            var chosen = new List<(ShiftSlot Slot, BoolVar Var)>();
            foreach (var d in today)
            {
                var keep = model.NewBoolVar("");
                model.AddHint(keep, hintByOfficer[officer.Id].Contains(d));
                all.Add(keep);
                keeps.Add((oi, d, keep));
                chosen.Add((new ShiftSlot(d.StartHourOfWeek, d.LengthHours), keep));
            }

            for (var s = 0; s < slots.Count; s++)
            {
                var slot = slots[s];
                var own = today.Any(d => d.StartHourOfWeek == slot.StartHourOfWeek && d.LengthHours == slot.LengthHours);
                // The officer's own shift of the day stays allowed as it was; anything new must keep every rule.
                var lawful = own || (mayWork
                    && otherHours + slot.LengthHours <= cap
                    && others.All(d => !ShiftSlots.Conflict(new ShiftSlot(d.StartHourOfWeek, d.LengthHours), slot, rules.MinRestHours)));
                if (!lawful)
                {
                    continue;
                }

                var v = model.NewBoolVar(string.Create(CultureInfo.InvariantCulture, $"y_{oi}_{s}"));
                model.AddHint(v, hintByOfficer[officer.Id].Any(d => d.StartHourOfWeek == slot.StartHourOfWeek && d.LengthHours == slot.LengthHours && !today.Contains(d)));
                all.Add(v);
                y[(oi, s)] = v;
                chosen.Add((slot, v));
                long cost = today.Count == 0
                    ? (otherHours + slot.LengthHours > rules.StandardWeeklyHours ? OvertimeAddedCost : AddedCost)
                    : own ? MovedCost : RetimedCost;
                costTerms.Add(v);
                costWeights.Add(cost);
            }

            if (rules.OneShiftPerDay)
            {
                model.Add(LinearExpr.Sum(chosen.Select(c => c.Var)) <= 1);
            }
            else
            {
                for (var i = 0; i < chosen.Count; i++)
                {
                    for (var k = i + 1; k < chosen.Count; k++)
                    {
                        if (ShiftSlots.Conflict(chosen[i].Slot, chosen[k].Slot, rules.MinRestHours))
                        {
                            model.AddBoolOr([chosen[i].Var.Not(), chosen[k].Var.Not()]);
                        }
                    }
                }

                model.Add(LinearExpr.WeightedSum(chosen.Select(c => c.Var), chosen.Select(c => (long)c.Slot.LengthHours)) <= Math.Max(cap, otherHours + today.Sum(d => d.LengthHours)) - otherHours);
            }

            if (today.Count > 0)
            {
                // Dropping a shift of the day costs a change too (it never helps the unmet demand).
                var dropped = model.NewIntVar(0, today.Count, "");
                model.Add(dropped + LinearExpr.Sum(chosen.Select(c => c.Var)) >= today.Count);
                model.AddHint(dropped, Math.Max(0, today.Count - hintByOfficer[officer.Id].Count()));
                all.Add(dropped);
                costTerms.Add(dropped);
                costWeights.Add(RemovedCost);
            }
        }

        // Officers of each skill per slot and area: the kept shifts, and the changed ones as counts the cells read.
        var skillOf = problem.Officers.Select(o => o.Skill).ToArray();
        var incoming = new Dictionary<(Skill Skill, int S, int A), IntVar>();
        foreach (var group in y.GroupBy(e => (skillOf[e.Key.O], e.Key.S)))
        {
            var perArea = new List<IntVar>();
            for (var a = 0; a < areas.Count; a++)
            {
                var n = model.NewIntVar(0, group.Count(), "");
                var (hintSkill, hintSlot, hintArea) = (group.Key.Item1, slots[group.Key.S], areas[a]);
                model.AddHint(n, hintDay.Count(d => d.Area == hintArea && d.StartHourOfWeek == hintSlot.StartHourOfWeek && d.LengthHours == hintSlot.LengthHours
                    && problem.Officers.First(x => x.Id == d.OfficerId).Skill == hintSkill && !todayByOfficer[d.OfficerId].Contains(d)));
                all.Add(n);
                incoming[(group.Key.Item1, group.Key.S, a)] = n;
                perArea.Add(n);
            }

            model.Add(LinearExpr.Sum(perArea) == LinearExpr.Sum(group.Select(e => e.Value)));
        }

        var kept = keeps.GroupBy(k => (skillOf[k.O], slotIndex[new ShiftSlot(k.Duty.StartHourOfWeek, k.Duty.LengthHours)], problem.AreaIndex[k.Duty.Area]))
            .ToDictionary(g => g.Key, g => g.Select(k => k.Keep).ToList());

        // Presence from the duties that stay (every other day, the night shifts running into this one).
        var present = RosterEvaluator.Presence(problem, new Roster("fixed", fixedDuties, []));
        var covering = new Dictionary<int, List<int>>(); // hour of week -> slots covering it
        for (var s = 0; s < slots.Count; s++)
        {
            for (var k = 0; k < slots[s].LengthHours; k++)
            {
                var h = (slots[s].StartHourOfWeek + k) % H;
                if (!covering.TryGetValue(h, out var list))
                {
                    covering[h] = list = [];
                }

                list.Add(s);
            }
        }

        // The hinted day completes the hint.
        var hinted = RosterEvaluator.Presence(problem, new Roster("hint", [.. fixedDuties, .. hintDay], []));
        var unmetTerms = new List<IntVar>();
        foreach (var (h, inHour) in covering)
        {
            for (var a = 0; a < areas.Count; a++)
            {
                var cell = (a * H) + h;
                var needP = problem.PatrolUnits[cell] + problem.PostUnits[cell];
                var needT = problem.TrafficUnits[cell];
                if (needP + needT == 0)
                {
                    continue;
                }

                LinearExpr Count(Skill skill) => LinearExpr.Sum(inHour.SelectMany(s =>
                    kept.GetValueOrDefault((skill, s, a), []).Cast<IntVar>().Append(incoming.GetValueOrDefault((skill, s, a)))).OfType<IntVar>());
                var gapP = model.NewIntVar(0, needP, "");
                model.Add(gapP >= needP - present[cell * 3] - Count(Skill.Patrol));
                var gapT = model.NewIntVar(0, needT, "");
                model.Add(gapT >= needT - present[(cell * 3) + 1] - Count(Skill.Traffic));
                var unmet = model.NewIntVar(0, needP + needT, "");
                model.Add(unmet >= gapP + gapT - present[(cell * 3) + 2] - Count(Skill.Combined));
                var hintP = Math.Max(0, needP - hinted[cell * 3]);
                var hintT = Math.Max(0, needT - hinted[(cell * 3) + 1]);
                model.AddHint(gapP, hintP);
                model.AddHint(gapT, hintT);
                model.AddHint(unmet, Math.Max(0, hintP + hintT - hinted[(cell * 3) + 2]));
                all.AddRange([gapP, gapT, unmet]);
                unmetTerms.Add(unmet);
            }
        }

        // Lexicographic in two solves: least unmet demand, then the fewest changes at that unmet demand.
        var totalUnmet = LinearExpr.Sum(unmetTerms);
        model.Minimize(totalUnmet);
        var position = new Dictionary<IntVar, int>(all.Select((v, i) => KeyValuePair.Create(v, i)), ReferenceEqualityComparer.Instance);
        var hint = model.Model.SolutionHint.Vars.Zip(model.Model.SolutionHint.Values).ToDictionary(x => x.First, x => x.Second);
        var hintValues = all.Select(v => hint[v.GetIndex()]).ToArray();
        var (first, values) = Run(model, all, options, options.TimeLimitSeconds * 0.6, cancellationToken);
        if (values is null)
        {
            status = first;
            return null;
        }

        // Phase two starts from the greedy's answer when phase one did not beat its unmet demand (the greedy changes less).
        var bestUnmet = unmetTerms.Sum(u => values[position[u]]);
        var start = bestUnmet >= unmetTerms.Sum(u => hintValues[position[u]]) ? hintValues : values;
        model.ClearHints();
        for (var i = 0; i < all.Count; i++)
        {
            model.AddHint(all[i], start[i]);
        }

        model.Add(totalUnmet <= bestUnmet);
        model.Minimize(LinearExpr.WeightedSum(costTerms, costWeights));
        var (second, better) = Run(model, all, options, options.TimeLimitSeconds * 0.4, cancellationToken);
        if (better is not null)
        {
            values = better;
        }

        status = first == CpSolverStatus.Optimal && second == CpSolverStatus.Optimal ? CpSolverStatus.Optimal : CpSolverStatus.Feasible;
        bool On(IntVar v) => values[position[v]] != 0;
        long Value(IntVar v) => values[position[v]];
        var duties = keeps.Where(k => On(k.Keep)).Select(k => k.Duty).ToList();
        // Hand the changed shifts' areas to the officers who chose the slot: their own area first (no change at all), then in order.
        foreach (var group in y.Where(e => On(e.Value)).GroupBy(e => (skillOf[e.Key.O], e.Key.S)).OrderBy(g => g.Key.Item1).ThenBy(g => g.Key.S))
        {
            var (skill, s) = group.Key;
            var left = Enumerable.Range(0, areas.Count).Select(a => Value(incoming[(skill, s, a)])).ToArray();
            var officers = group.Select(e => problem.Officers[e.Key.O].Id).Order(StringComparer.Ordinal).ToList();
            var unplaced = new List<string>();
            foreach (var id in officers)
            {
                var own = todayByOfficer[id].FirstOrDefault(d => d.StartHourOfWeek == slots[s].StartHourOfWeek && d.LengthHours == slots[s].LengthHours
                    && problem.AreaIndex.TryGetValue(d.Area, out var oa) && left[oa] > 0 && !duties.Contains(d));
                if (own is not null)
                {
                    left[problem.AreaIndex[own.Area]]--;
                    duties.Add(own);
                }
                else
                {
                    unplaced.Add(id);
                }
            }

            foreach (var id in unplaced)
            {
                var a = Array.FindIndex(left, n => n > 0);
                left[a]--;
                duties.Add(new Duty(id, areas[a], slots[s].StartHourOfWeek, slots[s].LengthHours));
            }
        }

        return duties;
    }

    /// <summary>The changes' weight as the model counts them (an added shift as without overtime).</summary>
    private static long Cost(IEnumerable<RosterChange> changes) => changes.Sum(c => c.Kind switch
    {
        RosterChangeKind.Moved => MovedCost,
        RosterChangeKind.Retimed => RetimedCost,
        RosterChangeKind.Added => AddedCost,
        RosterChangeKind.Removed => RemovedCost,
        _ => 0L,
    });

    /// <summary>One solve; the values of every variable in <paramref name="all"/>'s order, or null when none was found.</summary>
    private static (CpSolverStatus Status, long[]? Values) Run(CpModel model, List<IntVar> all, DayReplanOptions options, double seconds, CancellationToken cancellationToken)
    {
        using var solver = new CpSolver
        {
            StringParameters = string.Create(CultureInfo.InvariantCulture, $"num_workers:{options.Workers} max_time_in_seconds:{Math.Max(0.5, seconds):F1} random_seed:{options.RandomSeed}"),
        };
        CpSolverStatus status;
        using (cancellationToken.Register(solver.StopSearch))
        {
            status = solver.Solve(model);
        }

        cancellationToken.ThrowIfCancellationRequested();
        return status is CpSolverStatus.Optimal or CpSolverStatus.Feasible ? (status, all.Select(v => solver.Value(v)).ToArray()) : (status, null);
    }

    /// <summary>The briefing's list: each officer's shift of the day as it was against as it is now.</summary>
    private static List<RosterChange> Changes(Roster roster, List<Duty> chosen, int day, HashSet<string> sick)
    {
        var changes = new List<RosterChange>();
        var before = roster.Duties.Where(d => d.Day == day).ToLookup(d => d.OfficerId, StringComparer.Ordinal);
        var after = chosen.ToLookup(d => d.OfficerId, StringComparer.Ordinal);
        var officers = before.Select(g => g.Key).Concat(after.Select(g => g.Key)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal);
        foreach (var id in officers)
        {
            if (sick.Contains(id))
            {
                changes.AddRange(before[id].Select(d => new RosterChange(RosterChangeKind.OffSick, id, d.StartHourOfWeek, d.LengthHours, d.Area, null)));
                continue;
            }

            var was = before[id].Where(d => !after[id].Contains(d)).OrderBy(d => d.StartHourOfWeek).ToList();
            var now = after[id].Where(d => !before[id].Contains(d)).OrderBy(d => d.StartHourOfWeek).ToList();
            for (var i = 0; i < Math.Max(was.Count, now.Count); i++)
            {
                changes.Add((i < was.Count ? was[i] : null, i < now.Count ? now[i] : null) switch
                {
                    ({ } w, { } n) when w.StartHourOfWeek == n.StartHourOfWeek && w.LengthHours == n.LengthHours =>
                        new RosterChange(RosterChangeKind.Moved, id, n.StartHourOfWeek, n.LengthHours, w.Area, n.Area),
                    ({ } w, { } n) => new RosterChange(RosterChangeKind.Retimed, id, n.StartHourOfWeek, n.LengthHours, w.Area, n.Area, w.StartHourOfWeek, w.LengthHours),
                    ({ } w, null) => new RosterChange(RosterChangeKind.Removed, id, w.StartHourOfWeek, w.LengthHours, w.Area, null),
                    (null, { } n) => new RosterChange(RosterChangeKind.Added, id, n.StartHourOfWeek, n.LengthHours, null, n.Area),
                    _ => throw new UnreachableException(),
                });
            }
        }

        return changes;
    }
}
