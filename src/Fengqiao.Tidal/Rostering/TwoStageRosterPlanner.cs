using System.Diagnostics;
using System.Globalization;
using Fengqiao.Tidal.Demand;

namespace Fengqiao.Tidal.Rostering;

/// <summary>
/// Two-stage tidal rostering: stage 1 (<see cref="AggregateRosterModel"/>) decides how many officers of each skill
/// start each slot in each area and proves a bound; stage 2 (<see cref="OfficerAssignment"/>) gives those shifts to
/// named officers under the per-person rules; key posts are then assigned (<see cref="PostAssigner"/>) and the whole
/// roster is re-measured and verified by <see cref="RosterChecker"/>. Stage 1 is a relaxation of the full problem,
/// so its bound is a bound on any roster, and the gap to the delivered roster is reported honestly (slot units that
/// stage 2 could not place show up as extra unmet demand in the measured roster, never hidden).
/// </summary>
public sealed class TwoStageRosterPlanner(SolverOptions? options = null)
{
    /// <summary>Share of the time limit stage 1 may use (it usually proves optimality long before).</summary>
    public const double StageOneShare = 0.55;

    public SolverOptions Options { get; } = options ?? new SolverOptions();

    public PlanResult Plan(RosterProblem problem, IProgress<string>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(problem);
        var total = Stopwatch.StartNew();
        var limit = Options.TimeLimitSeconds;
        progress?.Report("stage 1: shift counts per skill, slot and area");
        var stage1 = AggregateRosterModel.Solve(problem, Options, limit * StageOneShare, cancellationToken);
        progress?.Report(string.Create(CultureInfo.InvariantCulture, $"stage 2: named officers (stage 1 unmet {stage1.Unmet}, bound {stage1.Bound})"));
        var stage2Start = total.Elapsed.TotalSeconds;
        var slots = stage1.Slots;
        var duties = new List<Duty>();
        var unplaced = 0;
        var statuses = new List<string>();
        var skills = Enumerable.Range(0, 3).Where(k => problem.Officers.Any(o => (int)o.Skill == k)).ToList();

        // Skills are independent in stage 2; the busiest gets the most time.
        var demandBySkill = skills.ToDictionary(k => k, k => Enumerable.Range(0, slots.Count).Select(j => SlotTotal(stage1.Counts, k, j)).ToArray());
        var workBySkill = skills.ToDictionary(k => k, k => demandBySkill[k].Select((n, j) => (long)n * slots[j].LengthHours).Sum());
        var allWork = Math.Max(1, workBySkill.Values.Sum());
        foreach (var k in skills.OrderByDescending(k => workBySkill[k]))
        {
            var left = Math.Max(1, (limit * 0.93) - total.Elapsed.TotalSeconds - 1);
            var share = Math.Max(1, left * workBySkill[k] / (double)allWork);
            allWork -= workBySkill[k];
            var officers = problem.Officers.Where(o => (int)o.Skill == k).ToList();
            var flow = stage1.Transitions.Where(x => x.Key.Skill == k).ToDictionary(x => (x.Key.Day, x.Key.From, x.Key.To), x => x.Value);
            var assignment = OfficerAssignment.Assign(officers, slots, demandBySkill[k], problem.Rules, Options, share, flow, cancellationToken);
            unplaced += assignment.UnplacedShifts;
            statuses.Add(assignment.Status);

            // Officers on each slot, then areas in the order stage 1 counted them.
            var onSlot = new List<string>[slots.Count];
            foreach (var (id, mine) in assignment.SlotsByOfficer.OrderBy(x => x.Key, StringComparer.Ordinal))
            {
                foreach (var j in mine)
                {
                    (onSlot[j] ??= []).Add(id);
                }
            }

            for (var j = 0; j < slots.Count; j++)
            {
                var pool = onSlot[j] ?? [];
                var index = 0;
                foreach (var a in Enumerable.Range(0, problem.Areas.Count).OrderByDescending(a => AreaValue(problem, stage1.Counts[k, j, a], slots[j], a)))
                {
                    for (var i = 0; i < stage1.Counts[k, j, a] && index < pool.Count; i++)
                    {
                        duties.Add(new Duty(pool[index++], problem.Areas[a], slots[j].StartHourOfWeek, slots[j].LengthHours));
                    }
                }
            }
        }

        // Repair what stage 2 could not place: extra shifts for officers with room, then the best areas for the fixed times.
        progress?.Report("repair: spare officers and areas");
        duties = RosterRepair.Fill(problem, slots, duties);
        duties = RosterRepair.Reassign(problem, duties, Options, Math.Max(1, limit - total.Elapsed.TotalSeconds - 0.5), cancellationToken);
        // Whatever the stages had time for, the roster leaves only if the checker accepts it (or the plan says there is none).
        var roster = RosterCleanup.Finish(problem, "tidal-two-stage", duties);
        var metrics = RosterEvaluator.Evaluate(problem, roster);
        var status = metrics.UnmetDemandHours <= stage1.Bound ? "optimal" : "feasible";
        var report = new SolveReport(
            status,
            stage1.Unmet,
            stage1.Unmet,
            stage1.Bound,
            stage1.Seconds,
            total.Elapsed.TotalSeconds - stage2Start,
            total.Elapsed.TotalSeconds,
            stage1.Variables,
            stage1.Constraints)
        {
            Method = "two-stage",
            UnplacedShifts = unplaced,
            StageDetail = $"stage 1 {stage1.Status}; stage 2 {string.Join('/', statuses)}",
        };
        return new PlanResult(roster, report, metrics, []);
    }

    private static int SlotTotal(int[,,] counts, int k, int j)
    {
        var n = 0;
        for (var a = 0; a < counts.GetLength(2); a++)
        {
            n += counts[k, j, a];
        }

        return n;
    }

    /// <summary>Demand the slot covers in an area (posts first), so that a slot short of officers leaves the least uncovered.</summary>
    private static long AreaValue(RosterProblem problem, int count, ShiftSlot slot, int a)
    {
        if (count == 0)
        {
            return long.MinValue;
        }

        var value = 0L;
        for (var i = 0; i < slot.LengthHours; i++)
        {
            var cell = (a * HourOfWeek.Count) + ((slot.StartHourOfWeek + i) % HourOfWeek.Count);
            value += (problem.PostUnits[cell] * 1000L) + problem.PatrolUnits[cell] + problem.TrafficUnits[cell];
        }

        return value;
    }
}
