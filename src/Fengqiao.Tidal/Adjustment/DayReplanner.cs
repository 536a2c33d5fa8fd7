using Fengqiao.Tidal.Demand;
using Fengqiao.Tidal.Rostering;

namespace Fengqiao.Tidal.Adjustment;

/// <summary>A planned event (集市、考试、球赛 …): extra units wanted in one area on one day, [FromHour, ToHour) of that day.</summary>
public sealed record PlannedEvent(string Area, int Day, int FromHour, int ToHour, int ExtraUnits);

/// <summary>What changed for the briefing (勤务调整): an officer off sick, a shift sent to another area, a shift added,
/// a shift moved to other hours, a shift dropped.</summary>
public enum RosterChangeKind
{
    OffSick,
    Moved,
    Added,
    Retimed,
    Removed,
}

/// <param name="FromStartHourOfWeek">For a shift moved to other hours: where it started before (null otherwise).</param>
/// <param name="FromLengthHours">For a shift moved to other hours: how long it was before.</param>
public sealed record RosterChange(RosterChangeKind Kind, string OfficerId, int StartHourOfWeek, int LengthHours, string? FromArea, string? ToArea, int? FromStartHourOfWeek = null, int? FromLengthHours = null);

/// <summary>How a day's re-plan was found.</summary>
public enum DayReplanMethod
{
    /// <summary>The greedy moves and additions of <see cref="DayReplanner"/>.</summary>
    Greedy,

    /// <summary>CP-SAT, proven optimal (least unmet demand, then fewest changes).</summary>
    CpSatOptimal,

    /// <summary>CP-SAT's best within the time limit, not proven optimal.</summary>
    CpSatFeasible,

    /// <summary>CP-SAT found nothing better in time; the greedy re-plan stands in.</summary>
    GreedyFallback,
}

public sealed record DayReplan(RosterProblem Problem, Roster Roster, RosterMetrics Before, RosterMetrics After, IReadOnlyList<RosterViolation> Violations, IReadOnlyList<RosterChange> Changes)
{
    public DayReplanMethod Method { get; init; } = DayReplanMethod.Greedy;

    /// <summary>Wall time of the re-plan, for the figures.</summary>
    public double Seconds { get; init; }
}

/// <summary>
/// 动态调整 of one day: the day's planned events raise the demand, officers off sick lose that day's shifts, and only the
/// shifts starting that day move (to the area where they cover the most unmet demand) or are added (for officers with
/// the day free and hours to spare, within every per-person rule); every other day's shifts stay exactly as they were,
/// so the rest of the week's roster the officers were told stands. The fallback of <see cref="DayReplanSolver"/>.
/// </summary>
public static class DayReplanner
{
    public static DayReplan Replan(RosterProblem problem, Roster roster, int day, IReadOnlyList<PlannedEvent> events, IReadOnlyCollection<string> offSick)
    {
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentNullException.ThrowIfNull(roster);
        ArgumentNullException.ThrowIfNull(events);
        ArgumentNullException.ThrowIfNull(offSick);
        ArgumentOutOfRangeException.ThrowIfNegative(day);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(day, 6);
        var changed = WithEvents(problem, day, events);
        var before = RosterEvaluator.Evaluate(changed, roster);
        var changes = new List<RosterChange>();
        var sick = offSick.ToHashSet(StringComparer.Ordinal);
        var duties = new List<Duty>();
        foreach (var d in roster.Duties)
        {
            if (d.Day == day && sick.Contains(d.OfficerId))
            {
                changes.Add(new RosterChange(RosterChangeKind.OffSick, d.OfficerId, d.StartHourOfWeek, d.LengthHours, d.Area, null));
            }
            else
            {
                duties.Add(d);
            }
        }

        MoveTodaysShifts(changed, duties, day, changes);
        AddShifts(changed, duties, day, sick, changes);
        var replanned = new Roster(roster.Method + "+day", duties, PostAssigner.Assign(changed, duties));
        return new DayReplan(changed, replanned, before, RosterEvaluator.Evaluate(changed, replanned), RosterChecker.Check(changed, replanned), changes);
    }

    /// <summary>The problem with the day's planned events added to the patrol demand; refuses events outside the day or the plan.</summary>
    internal static RosterProblem WithEvents(RosterProblem problem, int day, IReadOnlyList<PlannedEvent> events)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(day);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(day, 6);
        const int H = HourOfWeek.Count;
        var patrol = problem.PatrolUnits.ToArray();
        foreach (var e in events)
        {
            if (!problem.AreaIndex.TryGetValue(e.Area, out var a))
            {
                throw new ArgumentException($"片区 {e.Area} 不在方案中 (area {e.Area} is not in the plan)", nameof(events));
            }

            if (e.Day != day || e.FromHour < 0 || e.ToHour > 24 || e.ToHour <= e.FromHour || e.ExtraUnits is < 1 or > 50)
            {
                throw new ArgumentException("活动须在调整当日、时段有效、增加 1–50 名警力 (an event must fall on the day re-planned, with valid hours and 1–50 extra officers)", nameof(events));
            }

            for (var h = e.FromHour; h < e.ToHour; h++)
            {
                patrol[(a * H) + (day * 24) + h] += e.ExtraUnits;
            }
        }

        return new RosterProblem(problem.Areas, patrol, problem.TrafficUnits, problem.Officers, problem.Shifts, problem.Posts, problem.Rules)
        {
            Arrivals = problem.Arrivals,
            BusyHours = problem.BusyHours,
            WeekStart = problem.WeekStart,
        };
    }

    /// <summary>Unmet demand-hours as <see cref="RosterEvaluator.Evaluate"/> counts them, without the waits (cheap enough to probe every move).</summary>
    internal static long Unmet(RosterProblem problem, List<Duty> duties)
    {
        var present = RosterEvaluator.Presence(problem, new Roster("probe", duties, []));
        long unmet = 0;
        for (var cell = 0; cell < problem.PatrolUnits.Count; cell++)
        {
            unmet += RosterEvaluator.Unmet(problem.PatrolUnits[cell] + problem.PostUnits[cell], problem.TrafficUnits[cell], present[cell * 3], present[(cell * 3) + 1], present[(cell * 3) + 2]);
        }

        return unmet;
    }

    /// <summary>Best single moves first, until none helps; each shift moves at most once, so the briefing stays short.</summary>
    private static void MoveTodaysShifts(RosterProblem problem, List<Duty> duties, int day, List<RosterChange> changes)
    {
        var moved = new HashSet<int>();
        var tally = new Tally(problem, duties);
        var current = Unmet(problem, duties);
        while (true)
        {
            var (best, bestIndex, bestArea) = (current, -1, "");
            for (var i = 0; i < duties.Count; i++)
            {
                if (duties[i].Day != day || moved.Contains(i))
                {
                    continue;
                }

                var away = tally.Change(duties[i], duties[i].Area, -1);
                foreach (var area in problem.Areas.Where(a => a != duties[i].Area))
                {
                    var unmet = current + away + tally.Change(duties[i], area, +1);
                    if (unmet < best)
                    {
                        (best, bestIndex, bestArea) = (unmet, i, area);
                    }
                }
            }

            if (bestIndex < 0)
            {
                return;
            }

            var d = duties[bestIndex];
            changes.Add(new RosterChange(RosterChangeKind.Moved, d.OfficerId, d.StartHourOfWeek, d.LengthHours, d.Area, bestArea));
            tally.Apply(d, d.Area, -1);
            tally.Apply(d, bestArea, +1);
            duties[bestIndex] = d with { Area = bestArea };
            moved.Add(bestIndex);
            current = best;
        }
    }

    /// <summary>Officers free that day (not off sick) take the shift and area that cover the most, if no rule breaks.</summary>
    private static void AddShifts(RosterProblem problem, List<Duty> duties, int day, HashSet<string> sick, List<RosterChange> changes)
    {
        var tally = new Tally(problem, duties);
        var current = Unmet(problem, duties);
        var tried = new HashSet<string>(StringComparer.Ordinal);
        while (current > 0)
        {
            var working = duties.Where(d => d.Day == day).Select(d => d.OfficerId).ToHashSet(StringComparer.Ordinal);
            var (best, bestDuty) = (current, (Duty?)null);
            foreach (var officer in problem.Officers.Where(o => !sick.Contains(o.Id) && !working.Contains(o.Id) && !tried.Contains(o.Id)))
            {
                foreach (var shift in problem.Shifts)
                {
                    foreach (var area in problem.Areas)
                    {
                        var candidate = new Duty(officer.Id, area, (day * 24) + shift.StartHour, shift.LengthHours);
                        var unmet = current + tally.Change(candidate, area, +1);
                        if (unmet < best)
                        {
                            (best, bestDuty) = (unmet, candidate);
                        }
                    }
                }
            }

            if (bestDuty is not { } add)
            {
                return;
            }

            duties.Add(add);
            // Rest between shifts, weekly hours, requested days off, skills: a candidate that breaks one is dropped.
            var broken = RosterChecker.Check(problem, new Roster("probe", duties, []), requirePostCoverage: false)
                .Any(v => v.Subject == add.OfficerId);
            if (broken)
            {
                duties.RemoveAt(duties.Count - 1);
                tried.Add(add.OfficerId);
                continue;
            }

            changes.Add(new RosterChange(RosterChangeKind.Added, add.OfficerId, add.StartHourOfWeek, add.LengthHours, null, add.Area));
            tally.Apply(add, add.Area, +1);
            current = best;
        }
    }

    /// <summary>
    /// Units present per area-hour, kept up to date as shifts move or are added, so a probe costs the shift's own hours
    /// rather than the whole week: the unmet demand of the cells the shift covers, with it against without it.
    /// </summary>
    private sealed class Tally(RosterProblem problem, List<Duty> duties)
    {
        private readonly int[] _present = RosterEvaluator.Presence(problem, new Roster("probe", duties, []));
        private readonly Dictionary<string, Skill> _skills = problem.Officers.ToDictionary(o => o.Id, o => o.Skill, StringComparer.Ordinal);

        /// <summary>How much the unmet demand-hours change when <paramref name="duty"/>'s officer is added (+1) to or taken (−1) from <paramref name="area"/> for the duty's hours.</summary>
        public long Change(Duty duty, string area, int sign)
        {
            if (!problem.AreaIndex.TryGetValue(area, out var a) || !_skills.TryGetValue(duty.OfficerId, out var skill))
            {
                return 0;
            }

            long change = 0;
            for (var k = 0; k < duty.LengthHours; k++)
            {
                var cell = (a * HourOfWeek.Count) + ((duty.StartHourOfWeek + k) % HourOfWeek.Count);
                var before = Unmet(cell);
                _present[(cell * 3) + (int)skill] += sign;
                change += Unmet(cell) - before;
                _present[(cell * 3) + (int)skill] -= sign;
            }

            return change;
        }

        public void Apply(Duty duty, string area, int sign)
        {
            if (!problem.AreaIndex.TryGetValue(area, out var a) || !_skills.TryGetValue(duty.OfficerId, out var skill))
            {
                return;
            }

            for (var k = 0; k < duty.LengthHours; k++)
            {
                _present[(((a * HourOfWeek.Count) + ((duty.StartHourOfWeek + k) % HourOfWeek.Count)) * 3) + (int)skill] += sign;
            }
        }

        private int Unmet(int cell) => RosterEvaluator.Unmet(
            problem.PatrolUnits[cell] + problem.PostUnits[cell], problem.TrafficUnits[cell], _present[cell * 3], _present[(cell * 3) + 1], _present[(cell * 3) + 2]);
    }
}
