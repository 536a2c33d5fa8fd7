using Fengqiao.Tidal.Demand;

namespace Fengqiao.Tidal.Rostering;

/// <summary>
/// The checker has the last word on a planned roster. When a hurried stage (a short time limit, a repair step) leaves
/// an officer with a shift that breaks one of that officer's rules (overlap, rest, weekly hours, one shift a day, days
/// off, a requested day off), the shift is dropped: its demand then shows as unmet, which is honest, instead of an
/// unlawful duty being handed out. Post coverage is not a per-officer rule and is left to the checker to report.
/// </summary>
public static class RosterCleanup
{
    private static readonly HashSet<string> OfficerRules = ["overlap", "rest", "weekly-hours", "shifts-per-day", "days-off", "requested-day-off"];

    public static List<Duty> DropUnlawfulDuties(RosterProblem problem, IReadOnlyList<Duty> duties)
    {
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentNullException.ThrowIfNull(duties);
        var result = duties.ToList();
        // Each pass removes at least one duty, so the loop ends.
        while (true)
        {
            var offenders = RosterChecker.Check(problem, new Roster("cleanup", result, []), requirePostCoverage: false)
                .Where(v => OfficerRules.Contains(v.Rule))
                .Select(v => v.Subject)
                .ToHashSet(StringComparer.Ordinal);
            if (offenders.Count == 0)
            {
                return result;
            }
            foreach (var officer in offenders)
            {
                // Drop the one shift whose removal leaves this officer with the fewest broken rules (the latest on a tie).
                var mine = result.Where(d => d.OfficerId == officer).OrderBy(d => d.StartHourOfWeek).ToList();
                var drop = mine
                    .Select(d => (Duty: d, Left: Broken(problem, officer, mine.Where(x => x != d).ToList())))
                    .OrderBy(x => x.Left).ThenByDescending(x => x.Duty.StartHourOfWeek)
                    .First().Duty;
                result.Remove(drop);
            }
        }
    }

    private static int Broken(RosterProblem problem, string officer, List<Duty> duties) =>
        RosterChecker.Check(problem, new Roster("cleanup", duties, []), requirePostCoverage: false)
            .Count(v => v.Subject == officer && OfficerRules.Contains(v.Rule));

    /// <summary>
    /// Fixed posts (重点驻警) are hard: when a hurried plan leaves a post hour unstaffed, a patrol-capable officer whose
    /// shift already covers that hour is moved to the post's area (an area move breaks no working-time rule), and
    /// failing that a free officer gets a shift starting at the hour, if that keeps all of the officer's rules.
    /// </summary>
    public static List<Duty> CoverPosts(RosterProblem problem, IReadOnlyList<Duty> duties, int lengthHours = 8)
    {
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentNullException.ThrowIfNull(duties);
        var result = duties.ToList();
        var officers = problem.Officers.ToDictionary(o => o.Id, StringComparer.Ordinal);
        // Every repair staffs at least one post hour, so the number of post hours bounds the loop.
        var budget = problem.Posts.Sum(p => p.HoursOfWeek().Count() * p.Officers) + 1;
        while (budget-- > 0)
        {
            var posts = PostAssigner.Assign(problem, result);
            var gap = problem.Posts
                .SelectMany(p => p.HoursOfWeek().Distinct().Select(h => (Post: p, Hour: h)))
                .FirstOrDefault(x => posts.Count(pd => pd.PostId == x.Post.Id && Covers(pd, x.Hour)) < x.Post.Officers);
            if (gap.Post is null)
            {
                return result;
            }
            var (post, hour) = gap;
            var postsOf = posts.ToLookup(pd => pd.OfficerId, StringComparer.Ordinal);
            // A shift whose officer stands no post during it can change area without leaving another post empty.
            bool Free(Duty d) => !postsOf[d.OfficerId].Any(pd => Enumerable.Range(d.StartHourOfWeek, d.LengthHours).Any(t => Covers(pd, t % HourOfWeek.Count)));
            var move = result
                .Select((d, i) => (Duty: d, Index: i))
                .Where(x => x.Duty.Area != post.Area && x.Duty.Covers(hour) && officers.TryGetValue(x.Duty.OfficerId, out var o) && o.CanPatrol && Free(x.Duty))
                .OrderByDescending(x => post.HoursOfWeek().Count(x.Duty.Covers))
                .Select(x => (int?)x.Index)
                .FirstOrDefault();
            if (move is { } i)
            {
                result[i] = result[i] with { Area = post.Area };
                continue;
            }
            var added = problem.Officers
                .Where(o => o.CanPatrol && !result.Any(d => d.OfficerId == o.Id && d.Covers(hour)))
                .Select(o => new Duty(o.Id, post.Area, hour, lengthHours))
                .FirstOrDefault(d => Broken(problem, d.OfficerId, [.. result.Where(x => x.OfficerId == d.OfficerId), d]) == 0);
            if (added is null)
            {
                return result; // nobody can take it lawfully: the checker reports the post as unstaffed
            }
            result.Add(added);
        }
        return result;
    }

    private static bool Covers(PostDuty duty, int hour) =>
        Enumerable.Range(duty.FromHourOfWeek, duty.ToHourOfWeek - duty.FromHourOfWeek).Any(t => t % HourOfWeek.Count == hour);
}
