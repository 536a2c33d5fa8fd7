using Fengqiao.Tidal.Demand;

namespace Fengqiao.Tidal.Rostering;

/// <summary>One officer's week in the greedy start: a shift template, and the area worked on each working day.</summary>
internal sealed record GreedyWeek(Officer Officer, int Template, IReadOnlyDictionary<int, int> AreaByDay);

/// <summary>
/// Constructive start for the solver (and fallback): officers one at a time (traffic, then patrol, then the flexible
/// combined units) take the shift template, working days and area per day that cover the most still-unmet demand,
/// key-post hours counting triple so posts are filled first. Large CP-SAT models find good solutions far sooner from a
/// complete hint than from scratch; the solver then improves on it and proves the bound.
/// </summary>
internal static class GreedyRosterBuilder
{
    public static List<GreedyWeek> Build(RosterProblem problem, IReadOnlyList<ShiftTemplate> shifts)
    {
        const int H = HourOfWeek.Count;
        var areas = problem.Areas.Count;
        var needP = new int[areas * H];
        var needT = new int[areas * H];
        var posts = new int[areas * H];
        for (var i = 0; i < areas * H; i++)
        {
            needP[i] = problem.PatrolUnits[i] + problem.PostUnits[i];
            needT[i] = problem.TrafficUnits[i];
            posts[i] = problem.PostUnits[i];
        }

        var rules = problem.Rules;
        var order = problem.Officers.OrderBy(o => o.Skill switch { Skill.Traffic => 0, Skill.Patrol => 1, _ => 2 })
            .ThenByDescending(o => o.RequestedOff.Count).ToList();
        var weeks = new List<GreedyWeek>();
        foreach (var officer in order)
        {
            var off = officer.RequestedOff.Select(d => (int)d - 1).ToHashSet();
            int Value(int cell) => officer.Skill switch
            {
                Skill.Traffic => needT[cell] > 0 ? 1 : 0,
                Skill.Patrol => needP[cell] > 0 ? (posts[cell] > 0 ? 3 : 1) : 0,
                _ => Math.Max(needT[cell] > 0 ? 1 : 0, needP[cell] > 0 ? (posts[cell] > 0 ? 3 : 1) : 0),
            };

            var bestScore = -1;
            var bestTemplate = 0;
            List<(int Day, int Area)> bestDays = [];
            for (var s = 0; s < shifts.Count; s++)
            {
                var len = shifts[s].LengthHours;
                var maxDays = Math.Min(7 - Math.Max(rules.MinDaysOff, off.Count), officer.MaxWeeklyHours / len);
                var days = Math.Min(rules.StandardWeeklyHours / len, maxDays);
                var candidates = new List<(int Day, int Area, int Gain)>();
                for (var d = 0; d < 7; d++)
                {
                    if (off.Contains(d))
                    {
                        continue;
                    }

                    var bestArea = 0;
                    var bestGain = -1;
                    for (var a = 0; a < areas; a++)
                    {
                        var gain = 0;
                        for (var k = 0; k < len; k++)
                        {
                            gain += Value((a * H) + (((d * 24) + shifts[s].StartHour + k) % H));
                        }

                        if (gain > bestGain)
                        {
                            bestGain = gain;
                            bestArea = a;
                        }
                    }

                    candidates.Add((d, bestArea, bestGain));
                }

                var chosen = candidates.OrderByDescending(c => c.Gain).ThenBy(c => c.Day).Take(Math.Max(0, days)).ToList();
                var score = chosen.Sum(c => c.Gain);
                if (score > bestScore)
                {
                    bestScore = score;
                    bestTemplate = s;
                    bestDays = chosen.Select(c => (c.Day, c.Area)).ToList();
                }
            }

            foreach (var (d, a) in bestDays)
            {
                for (var k = 0; k < shifts[bestTemplate].LengthHours; k++)
                {
                    var cell = (a * H) + (((d * 24) + shifts[bestTemplate].StartHour + k) % H);
                    var takeTraffic = officer.Skill == Skill.Traffic || (officer.Skill == Skill.Combined && needT[cell] > 0 && posts[cell] == 0);
                    if (takeTraffic)
                    {
                        needT[cell] = Math.Max(0, needT[cell] - 1);
                    }
                    else
                    {
                        needP[cell] = Math.Max(0, needP[cell] - 1);
                        posts[cell] = Math.Max(0, posts[cell] - 1);
                    }
                }
            }

            weeks.Add(new GreedyWeek(officer, bestTemplate, bestDays.ToDictionary(x => x.Day, x => x.Area)));
        }

        return weeks;
    }
}
