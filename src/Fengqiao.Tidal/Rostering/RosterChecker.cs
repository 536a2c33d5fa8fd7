using System.Globalization;
using Fengqiao.Tidal.Demand;

namespace Fengqiao.Tidal.Rostering;

/// <summary>A broken roster rule.</summary>
public sealed record RosterViolation(string Rule, string Subject, string Detail);

/// <summary>
/// Verifies every roster rule on a roster as delivered (the solver's output is checked, never trusted):
/// known officers and areas, whole-week shifts, no overlap, rest between shifts (across the week boundary too, since the
/// plan repeats), weekly hour ceilings, days off and requested days off, posts stood by patrol-capable officers who are
/// on duty in the post's area, and every post-hour staffed.
/// </summary>
public static class RosterChecker
{
    public static IReadOnlyList<RosterViolation> Check(RosterProblem problem, Roster roster, bool requirePostCoverage = true)
    {
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentNullException.ThrowIfNull(roster);
        const int H = HourOfWeek.Count;
        var v = new List<RosterViolation>();
        var officers = problem.Officers.ToDictionary(o => o.Id, StringComparer.Ordinal);
        foreach (var d in roster.Duties)
        {
            if (!officers.ContainsKey(d.OfficerId))
            {
                v.Add(new("officer", d.OfficerId, "duty for an unknown officer"));
            }

            if (!problem.AreaIndex.ContainsKey(d.Area))
            {
                v.Add(new("area", d.OfficerId, $"duty in unknown area {d.Area}"));
            }

            if (d.StartHourOfWeek is < 0 or >= H || d.LengthHours <= 0 || d.LengthHours > 24 - problem.Rules.MinRestHours)
            {
                v.Add(new("shift", d.OfficerId, Inv($"shift starting at hour {d.StartHourOfWeek} lasting {d.LengthHours} h is outside the week or too long")));
            }
        }

        foreach (var (id, duties) in roster.Duties.GroupBy(d => d.OfficerId, StringComparer.Ordinal).Select(g => (g.Key, g.OrderBy(d => d.StartHourOfWeek).ToList())))
        {
            if (!officers.TryGetValue(id, out var officer))
            {
                continue;
            }

            CheckOfficer(problem.Rules, officer, duties, v);
        }

        CheckPosts(problem, roster, requirePostCoverage, officers, v);
        return v;
    }

    /// <summary>
    /// One officer's own rules (overlap, rest, weekly hours, one shift a day, days off, requested days off) on that
    /// officer's duties in start order; the repairs use it to keep every change lawful by the checker's own reading.
    /// </summary>
    internal static void CheckOfficer(RosterRules rules, Officer officer, IReadOnlyList<Duty> duties, List<RosterViolation> v)
    {
        const int H = HourOfWeek.Count;
        var id = officer.Id;
        for (var i = 0; i < duties.Count; i++)
        {
            var cur = duties[i];
            var next = duties[(i + 1) % duties.Count];
            var nextStart = next.StartHourOfWeek + (i + 1 == duties.Count ? H : 0);
            var rest = nextStart - cur.EndHourOfWeek;
            if (duties.Count > 1 && rest < 0)
            {
                v.Add(new("overlap", id, Inv($"shifts at hours {cur.StartHourOfWeek} and {next.StartHourOfWeek} overlap")));
            }
            else if (duties.Count > 1 && rest < rules.MinRestHours)
            {
                v.Add(new("rest", id, Inv($"only {rest} h rest after the shift ending at hour {cur.EndHourOfWeek} (minimum {rules.MinRestHours})")));
            }
        }

        var hours = duties.Sum(d => d.LengthHours);
        if (hours > officer.MaxWeeklyHours)
        {
            v.Add(new("weekly-hours", id, Inv($"{hours} h exceeds the ceiling of {officer.MaxWeeklyHours} h")));
        }

        var workDays = duties.Select(d => d.Day).Distinct().ToList();
        if (rules.OneShiftPerDay && workDays.Count < duties.Count)
        {
            v.Add(new("shifts-per-day", id, Inv($"{duties.Count} shifts start on only {workDays.Count} days (one shift a day)")));
        }

        if (7 - workDays.Count < rules.MinDaysOff)
        {
            v.Add(new("days-off", id, Inv($"{7 - workDays.Count} days off, fewer than {rules.MinDaysOff}")));
        }

        foreach (var day in officer.RequestedOff.Where(day => workDays.Contains((int)day - 1)))
        {
            v.Add(new("requested-day-off", id, $"works on requested day off {day}"));
        }
    }

    private static void CheckPosts(RosterProblem problem, Roster roster, bool requireCoverage, Dictionary<string, Officer> officers, List<RosterViolation> v)
    {
        const int H = HourOfWeek.Count;
        var posts = problem.Posts.ToDictionary(p => p.Id, StringComparer.Ordinal);
        var dutiesByOfficer = roster.Duties.ToLookup(d => d.OfficerId, StringComparer.Ordinal);
        var staffed = new Dictionary<(string Post, int Hour), int>();
        var busy = new HashSet<(string Officer, int Hour)>();
        foreach (var pd in roster.PostDuties)
        {
            if (!posts.TryGetValue(pd.PostId, out var post))
            {
                v.Add(new("post", pd.OfficerId, $"unknown post {pd.PostId}"));
                continue;
            }

            if (!officers.TryGetValue(pd.OfficerId, out var officer) || !officer.CanPatrol)
            {
                v.Add(new("post-skill", pd.OfficerId, $"post {pd.PostId} needs a patrol-capable officer"));
            }

            for (var t = pd.FromHourOfWeek; t < pd.ToHourOfWeek; t++)
            {
                var h = t % H;
                if (!dutiesByOfficer[pd.OfficerId].Any(d => d.Area == post.Area && d.Covers(h)))
                {
                    v.Add(new("post-on-duty", pd.OfficerId, Inv($"stands post {pd.PostId} at hour {h} without a shift in area {post.Area}")));
                }

                if (!busy.Add((pd.OfficerId, h)))
                {
                    v.Add(new("post-double", pd.OfficerId, Inv($"stands two posts at hour {h}")));
                }

                staffed[(pd.PostId, h)] = staffed.GetValueOrDefault((pd.PostId, h)) + 1;
            }
        }

        if (!requireCoverage)
        {
            return;
        }

        foreach (var post in problem.Posts)
        {
            foreach (var h in post.HoursOfWeek().Distinct())
            {
                var n = staffed.GetValueOrDefault((post.Id, h));
                if (n < post.Officers)
                {
                    v.Add(new("post-coverage", post.Id, Inv($"{n} of {post.Officers} officers at {HourOfWeek.Label(h)}")));
                }
            }
        }
    }

    private static string Inv(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
