using System.Globalization;
using Google.OrTools.Sat;

namespace Fengqiao.Tidal.Rostering;

/// <summary>Stage 2's answer for one skill: the slots each named officer works, and slot units nobody could take.</summary>
public sealed record SkillAssignment(IReadOnlyDictionary<string, IReadOnlyList<int>> SlotsByOfficer, int UnplacedShifts, string Status);

/// <summary>
/// Stage 2 of the two-stage planner: puts named officers of one skill on the slot counts of stage 1, under every
/// per-person rule — rest ≥ the minimum between any two of their shifts (cyclic week), at most the allowed working
/// days, requested days off, the hour ceiling — with CP-SAT (one Boolean per officer and slot). A first-fit greedy
/// (fewest hours first) gives it a complete hint. Objective: unplaced shift-hours first (each would become unmet
/// demand), then overtime hours, then the spread of weekly hours between officers (unfairness).
/// </summary>
public static class OfficerAssignment
{
    public static SkillAssignment Assign(
        IReadOnlyList<Officer> officers,
        IReadOnlyList<ShiftSlot> slots,
        IReadOnlyList<int> demand,
        RosterRules rules,
        SolverOptions options,
        double seconds,
        IReadOnlyDictionary<(int Day, int From, int To), int>? flow = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(officers);
        ArgumentNullException.ThrowIfNull(slots);
        ArgumentNullException.ThrowIfNull(demand);
        ArgumentNullException.ThrowIfNull(rules);
        ArgumentNullException.ThrowIfNull(options);
        var used = Enumerable.Range(0, slots.Count).Where(j => demand[j] > 0).ToList();
        var empty = officers.ToDictionary(o => o.Id, _ => (IReadOnlyList<int>)[], StringComparer.Ordinal);
        if (used.Count == 0 || officers.Count == 0)
        {
            return new SkillAssignment(empty, used.Sum(j => demand[j]), "empty");
        }

        var greedy = Greedy(officers, slots, used, demand, rules);
        if (flow is not null && rules.OneShiftPerDay)
        {
            var followed = FollowFlow(officers, slots, flow, rules);
            if (followed.Sum(x => x.Count) > greedy.Sum(x => x.Count))
            {
                greedy = followed;
            }
        }

        var model = new CpModel();
        var x = new BoolVar?[officers.Count, slots.Count];
        var usedSlots = used.Select(j => slots[j]).ToList();
        var cliques = ShiftSlots.RestCliques(usedSlots, rules.MinRestHours);
        var hoursOf = new IntVar[officers.Count];
        var overtime = new List<IntVar>();
        var maxHours = model.NewIntVar(0, 168, "maxHours");
        var minHours = model.NewIntVar(0, 168, "minHours");
        for (var o = 0; o < officers.Count; o++)
        {
            var officer = officers[o];
            foreach (var j in used.Where(j => !ShiftSlots.RequestedOff(officer, slots[j])))
            {
                x[o, j] = model.NewBoolVar(string.Create(CultureInfo.InvariantCulture, $"x_{o}_{j}"));
                model.AddHint(x[o, j]!, greedy[o].Contains(j));
            }

            foreach (var clique in cliques)
            {
                var lits = clique.Select(i => x[o, used[i]]).OfType<BoolVar>().ToList();
                if (lits.Count >= 2)
                {
                    model.AddAtMostOne(lits);
                }
            }

            var days = new List<BoolVar>();
            for (var d = 0; d < 7; d++)
            {
                var onDay = used.Where(j => slots[j].Day == d).Select(j => x[o, j]).OfType<BoolVar>().ToList();
                if (onDay.Count == 0)
                {
                    continue;
                }

                var works = model.NewBoolVar("");
                if (rules.OneShiftPerDay)
                {
                    model.Add(LinearExpr.Sum(onDay) == works);
                }
                else
                {
                    foreach (var lit in onDay)
                    {
                        model.AddImplication(lit, works);
                    }
                }

                model.AddHint(works, greedy[o].Any(j => slots[j].Day == d));
                days.Add(works);
            }

            model.Add(LinearExpr.Sum(days) <= ShiftSlots.WorkDayCap(officer, rules));
            var hours = model.NewIntVar(0, ShiftSlots.HourCap(officer, rules), "");
            var hintHours = greedy[o].Sum(j => slots[j].LengthHours);
            model.AddHint(hours, hintHours);
            model.Add(hours == LinearExpr.WeightedSum(used.Where(j => x[o, j] is not null).Select(j => x[o, j]!), used.Where(j => x[o, j] is not null).Select(j => (long)slots[j].LengthHours)));
            var ot = model.NewIntVar(0, 168, "");
            model.AddHint(ot, Math.Max(0, hintHours - rules.StandardWeeklyHours));
            model.Add(ot >= hours - rules.StandardWeeklyHours);
            model.Add(maxHours >= hours);
            model.Add(minHours <= hours);
            hoursOf[o] = hours;
            overtime.Add(ot);
        }

        var shortHours = new List<LinearExpr>();
        foreach (var j in used)
        {
            var placed = LinearExpr.Sum(Enumerable.Range(0, officers.Count).Select(o => x[o, j]).OfType<BoolVar>());
            model.Add(placed <= demand[j]);
            shortHours.Add((demand[j] - placed) * slots[j].LengthHours);
        }

        var greedyHours = greedy.Select(x => x.Sum(j => slots[j].LengthHours)).ToList();
        model.AddHint(maxHours, greedyHours.Max());
        model.AddHint(minHours, greedyHours.Min());
        model.Minimize((LinearExpr.Sum(shortHours) * 10_000) + (LinearExpr.Sum(overtime) * 10) + maxHours - minHours);
        // Presolve may otherwise drop the hinted solution (symmetric officers), and the hint is the point of the exercise.
        using var solver = new CpSolver { StringParameters = AggregateRosterModel.Parameters(options, seconds, 0.001) + " keep_all_feasible_solutions_in_presolve:true" };
        CpSolverStatus status;
        using (cancellationToken.Register(solver.StopSearch))
        {
            status = solver.Solve(model);
        }

        cancellationToken.ThrowIfCancellationRequested();
        var greedyUnplaced = used.Sum(j => demand[j]) - greedy.Sum(s => s.Count);
        var chosen = greedy;
        var label = "greedy";
        if (status is CpSolverStatus.Optimal or CpSolverStatus.Feasible)
        {
            var solved = new List<HashSet<int>>();
            for (var o = 0; o < officers.Count; o++)
            {
                solved.Add(used.Where(j => x[o, j] is { } v && solver.BooleanValue(v)).ToHashSet());
            }

            if (used.Sum(j => demand[j]) - solved.Sum(s => s.Count) <= greedyUnplaced)
            {
                (chosen, label) = (solved, status == CpSolverStatus.Optimal ? "optimal" : "feasible");
            }
        }

        if (Augment(officers, slots, used, demand, rules, chosen, cancellationToken, Math.Clamp(seconds / 2, 0.5, MaxChainSeconds)) is > 0 and var chained)
        {
            label += string.Create(CultureInfo.InvariantCulture, $" +{chained} by chains");
        }

        var unplaced = used.Sum(j => demand[j]) - chosen.Sum(s => s.Count);
        return new SkillAssignment(ToResult(officers, chosen), unplaced, label);
    }

    /// <summary>Longest chain of officers that hand a shift on to make room for an unplaced one.</summary>
    public const int ChainDepth = 3;

    /// <summary>Most time the chains of one skill may take (they are cubic in its officers); half the stage-2 share when that is less.</summary>
    public const double MaxChainSeconds = 4;

    /// <summary>
    /// Ejection chains for the units still unplaced: an officer takes the unit after handing one of their own shifts —
    /// the only one in the way — to another officer, who may in turn hand one on, up to <see cref="ChainDepth"/> officers.
    /// Every step re-checks the per-person rules (<see cref="OfficerAssignmentRules.Fits"/>), so the assignment stays
    /// lawful; each success places one more unit and moves nothing else off the roster. Returns the units placed.
    /// </summary>
    internal static int Augment(IReadOnlyList<Officer> officers, IReadOnlyList<ShiftSlot> slots, List<int> used, IReadOnlyList<int> demand, RosterRules rules, List<HashSet<int>> chosen, CancellationToken cancellationToken = default, double seconds = MaxChainSeconds)
    {
        var hours = chosen.Select(c => c.Sum(j => slots[j].LengthHours)).ToArray();
        var placed = new int[slots.Count];
        foreach (var c in chosen)
        {
            foreach (var j in c)
            {
                placed[j]++;
            }
        }

        var clock = System.Diagnostics.Stopwatch.StartNew();
        var added = 0;
        foreach (var j in used)
        {
            while (placed[j] < demand[j] && clock.Elapsed.TotalSeconds < seconds && !cancellationToken.IsCancellationRequested)
            {
                if (!Place(j, ChainDepth, new HashSet<int>()))
                {
                    break;
                }

                placed[j]++;
                added++;
            }
        }

        return added;

        bool Place(int slot, int depth, HashSet<int> visited)
        {
            for (var o = 0; o < officers.Count; o++)
            {
                if (!visited.Contains(o) && !chosen[o].Contains(slot) && OfficerAssignmentRules.Fits(officers[o], chosen[o], hours[o], slots, slot, rules))
                {
                    Give(o, slot);
                    return true;
                }
            }

            if (depth <= 1)
            {
                return false;
            }

            for (var o = 0; o < officers.Count; o++)
            {
                if (clock.Elapsed.TotalSeconds > seconds)
                {
                    return false;
                }

                if (visited.Contains(o) || chosen[o].Contains(slot) || ShiftSlots.RequestedOff(officers[o], slots[slot]))
                {
                    continue;
                }

                foreach (var i in chosen[o].ToList())
                {
                    chosen[o].Remove(i);
                    hours[o] -= slots[i].LengthHours;
                    if (OfficerAssignmentRules.Fits(officers[o], chosen[o], hours[o], slots, slot, rules))
                    {
                        Give(o, slot);
                        visited.Add(o);
                        if (Place(i, depth - 1, visited))
                        {
                            return true;
                        }

                        visited.Remove(o);
                        chosen[o].Remove(slot);
                        hours[o] -= slots[slot].LengthHours;
                    }

                    chosen[o].Add(i);
                    hours[o] += slots[i].LengthHours;
                }
            }

            return false;
        }

        void Give(int o, int slot)
        {
            chosen[o].Add(slot);
            hours[o] += slots[slot].LengthHours;
        }
    }

    /// <summary>
    /// Follows stage 1's day-to-day transitions: officers in each state on day d (a slot or off) are dealt that state's
    /// transitions to day d + 1, slots going first to the feasible officer with the fewest days and hours so far. The flow
    /// respects rest between consecutive days by construction; a slot an officer cannot take (day or hour ceiling,
    /// requested day off, rest across the week boundary) is still followed as a state but not worked, so the week
    /// stays consistent and the roster feasible.
    /// </summary>
    private static List<HashSet<int>> FollowFlow(IReadOnlyList<Officer> officers, IReadOnlyList<ShiftSlot> slots, IReadOnlyDictionary<(int Day, int From, int To), int> flow, RosterRules rules)
    {
        var chosen = officers.Select(_ => new HashSet<int>()).ToList();
        var hours = new int[officers.Count];
        var state = new int[officers.Count];

        // Day 0's states are the transitions out of day 6 arriving on day 0.
        var day0 = flow.Where(x => x.Key.Day == 6).GroupBy(x => x.Key.To).ToDictionary(g => g.Key, g => g.Sum(x => x.Value));
        Deal(Enumerable.Range(0, officers.Count).ToList(), Expand(day0));
        for (var d = 0; d < 6; d++)
        {
            foreach (var group in Enumerable.Range(0, officers.Count).GroupBy(o => state[o]).ToList())
            {
                var targets = flow.Where(x => x.Key.Day == d && x.Key.From == group.Key).ToDictionary(x => x.Key.To, x => x.Value);
                Deal(group.ToList(), Expand(targets));
            }
        }

        return chosen;

        List<int> Expand(Dictionary<int, int> counts) =>
            [.. counts.Where(x => x.Key >= 0).OrderByDescending(x => slots[x.Key].LengthHours).SelectMany(x => Enumerable.Repeat(x.Key, x.Value))];

        void Deal(List<int> group, List<int> targets)
        {
            var free = new HashSet<int>(group);
            foreach (var j in targets)
            {
                var best = -1;
                foreach (var o in free.Where(o => !chosen[o].Contains(j) && OfficerAssignmentRules.Fits(officers[o], chosen[o], hours[o], slots, j, rules)))
                {
                    if (best < 0 || chosen[o].Count < chosen[best].Count || (chosen[o].Count == chosen[best].Count && hours[o] < hours[best]))
                    {
                        best = o;
                    }
                }

                var taker = best >= 0 ? best : free.OrderByDescending(o => chosen[o].Count).FirstOrDefault(-1);
                if (taker < 0)
                {
                    break;
                }

                free.Remove(taker);
                state[taker] = j;
                if (best >= 0)
                {
                    chosen[taker].Add(j);
                    hours[taker] += slots[j].LengthHours;
                }
            }

            foreach (var o in free)
            {
                state[o] = -1;
            }
        }
    }

    /// <summary>
    /// Greedy restarts for a short budget, keeping the one that places the most shift-hours: each goes through the slots
    /// in start order from a different day (the week is cyclic), giving each unit to the feasible officer who owes the
    /// most working days, then who fits most tightly after their previous shift (best fit keeps officers with early
    /// finishes free for early starts), with random tie-breaks after the first restart.
    /// </summary>
    private static List<HashSet<int>> Greedy(IReadOnlyList<Officer> officers, IReadOnlyList<ShiftSlot> slots, List<int> used, IReadOnlyList<int> demand, RosterRules rules)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var rng = new Random(17);
        List<HashSet<int>>? best = null;
        var bestHours = -1;
        for (var restart = 0; restart < 60 && (restart < 7 || clock.Elapsed.TotalSeconds < 2); restart++)
        {
            var chosen = GreedyOnce(officers, slots, used, demand, rules, restart % 7, restart < 7 ? null : rng);
            var placed = chosen.Sum(x => x.Sum(j => slots[j].LengthHours));
            if (placed > bestHours)
            {
                (best, bestHours) = (chosen, placed);
            }
        }

        return best!;
    }

    private static List<HashSet<int>> GreedyOnce(IReadOnlyList<Officer> officers, IReadOnlyList<ShiftSlot> slots, List<int> used, IReadOnlyList<int> demand, RosterRules rules, int startDay, Random? rng)
    {
        const int H = Demand.HourOfWeek.Count;
        var chosen = officers.Select(_ => new HashSet<int>()).ToList();
        var hours = new int[officers.Count];
        var daysLeft = officers.Select(o => ShiftSlots.WorkDayCap(o, rules)).ToArray();
        var noise = officers.Select(_ => rng?.NextDouble() ?? 0).ToArray();
        foreach (var j in used.OrderBy(j => ((slots[j].StartHourOfWeek - (startDay * 24)) % H + H) % H).ThenByDescending(j => slots[j].LengthHours))
        {
            for (var unit = 0; unit < demand[j]; unit++)
            {
                var best = -1;
                var bestKey = (Remaining: -1, Slack: 0, Hours: 0, Noise: 0.0);
                for (var o = 0; o < officers.Count; o++)
                {
                    if (chosen[o].Contains(j) || !OfficerAssignmentRules.Fits(officers[o], chosen[o], hours[o], slots, j, rules))
                    {
                        continue;
                    }

                    var remaining = daysLeft[o] - chosen[o].Select(i => slots[i].Day).Distinct().Count();
                    var slack = chosen[o].Count == 0 ? H : chosen[o].Min(i => ((slots[j].StartHourOfWeek - slots[i].StartHourOfWeek - slots[i].LengthHours) % H + H) % H);
                    var key = (remaining, slack, hours[o], noise[o]);
                    if (best < 0 || key.remaining > bestKey.Remaining
                        || (key.remaining == bestKey.Remaining && (key.slack < bestKey.Slack
                            || (key.slack == bestKey.Slack && (key.Item3 < bestKey.Hours || (key.Item3 == bestKey.Hours && key.Item4 < bestKey.Noise))))))
                    {
                        (best, bestKey) = (o, key);
                    }
                }

                if (best < 0)
                {
                    break;
                }

                chosen[best].Add(j);
                hours[best] += slots[j].LengthHours;
            }
        }

        return chosen;
    }

    private static Dictionary<string, IReadOnlyList<int>> ToResult(IReadOnlyList<Officer> officers, List<HashSet<int>> chosen) =>
        officers.Select((o, i) => (o.Id, Slots: (IReadOnlyList<int>)[.. chosen[i].Order()]))
            .ToDictionary(x => x.Id, x => x.Slots, StringComparer.Ordinal);
}

/// <summary>Whether an officer may also work a slot: requested days off, hour ceiling, rest, one shift a day, days off.</summary>
internal static class OfficerAssignmentRules
{
    internal static bool Fits(Officer officer, HashSet<int> mine, int hours, IReadOnlyList<ShiftSlot> slots, int j, RosterRules rules)
    {
        var slot = slots[j];
        if (ShiftSlots.RequestedOff(officer, slot) || hours + slot.LengthHours > ShiftSlots.HourCap(officer, rules))
        {
            return false;
        }

        if (mine.Any(i => ShiftSlots.Conflict(slots[i], slot, rules.MinRestHours)))
        {
            return false;
        }

        if (rules.OneShiftPerDay && mine.Any(i => slots[i].Day == slot.Day))
        {
            return false;
        }

        var days = mine.Select(i => slots[i].Day).Append(slot.Day).Distinct().Count();
        return days <= ShiftSlots.WorkDayCap(officer, rules);
    }
}
