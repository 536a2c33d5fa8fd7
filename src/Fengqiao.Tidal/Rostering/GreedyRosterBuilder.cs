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
                var (days, _) = rules.WorkingDays(len, officer.MaxWeeklyHours, off.Count);
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
                Apply(officer.Skill, shifts[bestTemplate], d, a);
            }

            weeks.Add(new GreedyWeek(officer, bestTemplate, bestDays.ToDictionary(x => x.Day, x => x.Area)));
        }

        // Second pass, only when overtime is allowed: extra shifts (same start time) where they still cover unmet demand,
        // best gains first, one per officer per round.
        var extended = weeks.Select(w => w with { AreaByDay = new Dictionary<int, int>(w.AreaByDay) }).ToList();
        for (var round = 0; round < 2; round++)
        {
            var offers = new List<(int Index, int Day, int Area, int Gain)>();
            for (var i = 0; i < extended.Count; i++)
            {
                var week = extended[i];
                var shift = shifts[week.Template];
                var (_, maxDays) = rules.WorkingDays(shift.LengthHours, week.Officer.MaxWeeklyHours, week.Officer.RequestedOff.Count);
                if (week.AreaByDay.Count >= maxDays)
                {
                    continue;
                }

                var off = week.Officer.RequestedOff.Select(d => (int)d - 1).ToHashSet();
                var best = (Day: -1, Area: -1, Gain: 0);
                for (var d = 0; d < 7; d++)
                {
                    if (off.Contains(d) || week.AreaByDay.ContainsKey(d))
                    {
                        continue;
                    }

                    for (var a = 0; a < areas; a++)
                    {
                        var gain = 0;
                        for (var k = 0; k < shift.LengthHours; k++)
                        {
                            var cell = (a * H) + (((d * 24) + shift.StartHour + k) % H);
                            gain += week.Officer.Skill switch
                            {
                                Skill.Traffic => needT[cell] > 0 ? 1 : 0,
                                Skill.Patrol => needP[cell] > 0 ? 1 : 0,
                                _ => needT[cell] + needP[cell] > 0 ? 1 : 0,
                            };
                        }

                        if (gain > best.Gain)
                        {
                            best = (d, a, gain);
                        }
                    }
                }

                if (best.Day >= 0)
                {
                    offers.Add((i, best.Day, best.Area, best.Gain));
                }
            }

            // Demand changes as offers are taken, so only accept an offer whose gain still holds (at least half the shift).
            foreach (var offer in offers.OrderByDescending(o => o.Gain))
            {
                var week = extended[offer.Index];
                var shift = shifts[week.Template];
                var gain = 0;
                for (var k = 0; k < shift.LengthHours; k++)
                {
                    var cell = (offer.Area * H) + (((offer.Day * 24) + shift.StartHour + k) % H);
                    gain += week.Officer.Skill == Skill.Traffic ? (needT[cell] > 0 ? 1 : 0) : (needP[cell] > 0 || (week.Officer.Skill == Skill.Combined && needT[cell] > 0) ? 1 : 0);
                }

                if (gain * 2 >= shift.LengthHours)
                {
                    ((Dictionary<int, int>)week.AreaByDay)[offer.Day] = offer.Area;
                    Apply(week.Officer.Skill, shift, offer.Day, offer.Area);
                }
            }
        }

        return extended;

        void Apply(Skill skill, ShiftTemplate shift, int d, int a)
        {
            for (var k = 0; k < shift.LengthHours; k++)
            {
                var cell = (a * H) + (((d * 24) + shift.StartHour + k) % H);
                var takeTraffic = skill == Skill.Traffic || (skill == Skill.Combined && needT[cell] > 0 && posts[cell] == 0);
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
    }
}
