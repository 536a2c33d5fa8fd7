using Fengqiao.Tidal.Demand;

namespace Fengqiao.Tidal.Rostering;

/// <summary>
/// The traditional plan to compare with (三班倒): every officer works the same 8-hour shift all week
/// (06–14, 14–22 or 22–06), officers of each skill split evenly across the shifts, days off staggered over the week
/// (honouring requested days off), and each shift's officers spread over areas in proportion to that shift's weekly
/// demand. It is a sensible fixed plan, not a straw man: only the tidal timing and daily re-allocation are missing.
/// </summary>
public static class FixedThreeShiftPlanner
{
    public static IReadOnlyList<ShiftTemplate> Shifts { get; } = [new(6, 8), new(14, 8), new(22, 8)];

    public static Roster Plan(RosterProblem problem)
    {
        ArgumentNullException.ThrowIfNull(problem);
        const int H = HourOfWeek.Count;
        var areas = problem.Areas.Count;
        var workDays = Math.Min(7 - problem.Rules.MinDaysOff, problem.Rules.StandardWeeklyHours / 8);
        var duties = new List<Duty>();
        foreach (var skillGroup in problem.Officers.GroupBy(o => o.Skill))
        {
            var skill = skillGroup.Key;
            var list = skillGroup.ToList();
            for (var s = 0; s < Shifts.Count; s++)
            {
                var shift = Shifts[s];
                var team = list.Where((_, i) => i % Shifts.Count == s).ToList();

                // Weekly demand this skill can serve, per area, during this shift's hours.
                var weight = new double[areas];
                for (var a = 0; a < areas; a++)
                {
                    for (var d = 0; d < 7; d++)
                    {
                        for (var k = 0; k < shift.LengthHours; k++)
                        {
                            var cell = (a * H) + (((d * 24) + shift.StartHour + k) % H);
                            weight[a] += skill switch
                            {
                                Skill.Patrol => problem.PatrolUnits[cell] + problem.PostUnits[cell],
                                Skill.Traffic => problem.TrafficUnits[cell],
                                _ => problem.PatrolUnits[cell] + problem.PostUnits[cell] + problem.TrafficUnits[cell],
                            };
                        }
                    }
                }

                // Days off: officer i takes a staggered block of consecutive days, unless they asked for specific days.
                var working = new List<string>[7];
                for (var d = 0; d < 7; d++)
                {
                    working[d] = [];
                }

                for (var i = 0; i < team.Count; i++)
                {
                    var off = team[i].RequestedOff.Select(x => (int)x - 1).ToHashSet();
                    var extra = 7 - workDays - off.Count;
                    for (var k = 0; extra > 0 && k < 7; k++)
                    {
                        var d = (i + k) % 7;
                        if (off.Add(d))
                        {
                            extra--;
                        }
                    }

                    for (var d = 0; d < 7; d++)
                    {
                        if (!off.Contains(d))
                        {
                            working[d].Add(team[i].Id);
                        }
                    }
                }

                for (var d = 0; d < 7; d++)
                {
                    var counts = Apportion(weight, working[d].Count);
                    var next = 0;
                    for (var a = 0; a < areas; a++)
                    {
                        for (var c = 0; c < counts[a]; c++)
                        {
                            duties.Add(new Duty(working[d][next++], problem.Areas[a], (d * 24) + shift.StartHour, shift.LengthHours));
                        }
                    }
                }
            }
        }

        return new Roster("fixed-three-shift", duties, PostAssigner.Assign(problem, duties));
    }

    /// <summary>Largest-remainder apportionment of <paramref name="seats"/> in proportion to <paramref name="weight"/>.</summary>
    public static int[] Apportion(IReadOnlyList<double> weight, int seats)
    {
        ArgumentNullException.ThrowIfNull(weight);
        var n = weight.Count;
        var result = new int[n];
        var total = weight.Sum();
        if (n == 0 || seats <= 0)
        {
            return result;
        }

        var quotas = weight.Select(w => total > 0 ? w / total * seats : seats / (double)n).ToArray();
        for (var i = 0; i < n; i++)
        {
            result[i] = (int)Math.Floor(quotas[i]);
        }

        foreach (var i in Enumerable.Range(0, n).OrderByDescending(i => quotas[i] - result[i]).ThenBy(i => i).Take(seats - result.Sum()))
        {
            result[i]++;
        }

        return result;
    }
}
