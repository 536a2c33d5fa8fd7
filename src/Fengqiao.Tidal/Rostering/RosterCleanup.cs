using Fengqiao.Tidal.Demand;

namespace Fengqiao.Tidal.Rostering;

/// <summary>
/// The checker has the last word on a planned roster. When a hurried stage (a short time limit, a repair step) leaves
/// an officer with a shift that breaks one of that officer's rules (overlap, rest, weekly hours, one shift a day, days
/// off, a requested day off), the shift is dropped: its demand then shows as unmet, which is honest, instead of an
/// unlawful duty being handed out. Unstaffed post hours are then repaired (<see cref="CoverPosts"/>), and
/// <see cref="Finish"/> lets a roster out only when the checker finds nothing.
/// </summary>
public static class RosterCleanup
{
    private static readonly HashSet<string> OfficerRules = ["overlap", "rest", "weekly-hours", "shifts-per-day", "days-off", "requested-day-off"];

    public static List<Duty> DropUnlawfulDuties(RosterProblem problem, IReadOnlyList<Duty> duties)
    {
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentNullException.ThrowIfNull(duties);
        var result = duties.ToList();
        var officers = problem.Officers.ToDictionary(o => o.Id, StringComparer.Ordinal);
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
                    .Select(d => (Duty: d, Left: BrokenRules(problem.Rules, officers[officer], [.. mine.Where(x => x != d)])))
                    .OrderBy(x => x.Left).ThenByDescending(x => x.Duty.StartHourOfWeek)
                    .First().Duty;
                result.Remove(drop);
            }
        }
    }

    /// <summary>
    /// Fixed posts (重点驻警) are hard: when a hurried plan leaves a post hour unstaffed, (1) a patrol-capable officer
    /// whose shift already covers that hour, and who stands no post during it, is moved to the post's area (an area move
    /// breaks no working-time rule); failing that (2) a patrol-capable officer gets a week slot covering the hour in the
    /// post's area, making room where a rule demands it by giving up shifts of their own during which they stand no post
    /// (that demand then shows as unmet: worse, but lawful). The officer who gives up the fewest hours takes it.
    /// Each repair adds a patrol-capable shift to the post's area at that hour and takes away only shifts that stand no
    /// post, so no post hour is lost and the loop ends; what is still unstaffed afterwards nobody can stand lawfully.
    /// </summary>
    public static List<Duty> CoverPosts(RosterProblem problem, IReadOnlyList<Duty> duties)
    {
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentNullException.ThrowIfNull(duties);
        var result = duties.ToList();
        var officers = problem.Officers.ToDictionary(o => o.Id, StringComparer.Ordinal);
        var slots = ShiftSlots.Week(problem);
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
            // A shift whose officer stands no post during it can change area, or be given up, without emptying a post.
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

            var byOfficer = result.ToLookup(d => d.OfficerId, StringComparer.Ordinal);
            var best = problem.Officers
                .Where(o => o.CanPatrol)
                .SelectMany(o => slots
                    .Where(s => !ShiftSlots.RequestedOff(o, s))
                    .Select(s => new Duty(o.Id, post.Area, s.StartHourOfWeek, s.LengthHours))
                    .Where(d => d.Covers(hour))
                    .Select(d => (Officer: o, Duty: d, Dropped: MakeRoom(problem.Rules, o, [.. byOfficer[o.Id]], d, Free))))
                .Where(x => x.Dropped is not null)
                .OrderBy(x => x.Dropped!.Sum(d => d.LengthHours))
                .ThenByDescending(x => post.HoursOfWeek().Count(x.Duty.Covers))
                .ThenBy(x => byOfficer[x.Officer.Id].Sum(d => d.LengthHours))
                .ThenBy(x => x.Duty.LengthHours)
                .FirstOrDefault();
            if (best.Duty is null)
            {
                return result; // nobody can stand it lawfully: the checker reports the post as unstaffed
            }

            foreach (var d in best.Dropped!)
            {
                result.Remove(d);
            }

            result.Add(best.Duty);
        }

        return result;
    }

    /// <summary>
    /// The officer's shifts to give up so that <paramref name="added"/> keeps every one of their rules, giving up only
    /// shifts <paramref name="mayDrop"/> allows (the one that leaves the fewest broken rules first); null when that is not enough.
    /// </summary>
    private static List<Duty>? MakeRoom(RosterRules rules, Officer officer, List<Duty> mine, Duty added, Func<Duty, bool> mayDrop)
    {
        var kept = mine.Append(added).ToList();
        var dropped = new List<Duty>();
        while (BrokenRules(rules, officer, kept) > 0)
        {
            var drop = kept
                .Where(d => !ReferenceEquals(d, added) && mayDrop(d))
                .Select(d => (Duty: d, Left: BrokenRules(rules, officer, [.. kept.Where(x => !ReferenceEquals(x, d))])))
                .OrderBy(x => x.Left).ThenBy(x => x.Duty.LengthHours)
                .Select(x => x.Duty)
                .FirstOrDefault();
            if (drop is null)
            {
                return null;
            }

            kept.Remove(drop);
            dropped.Add(drop);
        }

        return dropped;
    }

    private static int BrokenRules(RosterRules rules, Officer officer, List<Duty> duties)
    {
        var v = new List<RosterViolation>();
        RosterChecker.CheckOfficer(rules, officer, [.. duties.OrderBy(d => d.StartHourOfWeek)], v);
        return v.Count;
    }

    /// <summary>
    /// The last step of every planner, whatever time the stages before it had: shifts breaking an officer's rule are
    /// dropped, unstaffed post hours repaired, and the roster is returned only if <see cref="RosterChecker"/> accepts it.
    /// A short time limit may so cost unmet demand, never a broken rule.
    /// </summary>
    /// <exception cref="NoValidRosterException">No roster meeting every rule was found (a post nobody can stand lawfully).</exception>
    public static Roster Finish(RosterProblem problem, string method, IReadOnlyList<Duty> duties)
    {
        ArgumentNullException.ThrowIfNull(problem);
        var repaired = CoverPosts(problem, DropUnlawfulDuties(problem, duties))
            .OrderBy(d => d.OfficerId, StringComparer.Ordinal).ThenBy(d => d.StartHourOfWeek).ToList();
        var roster = new Roster(method, repaired, PostAssigner.Assign(problem, repaired));
        var violations = RosterChecker.Check(problem, roster);
        return violations.Count == 0 ? roster : throw new NoValidRosterException(violations);
    }

    private static bool Covers(PostDuty duty, int hour) =>
        Enumerable.Range(duty.FromHourOfWeek, duty.ToHourOfWeek - duty.FromHourOfWeek).Any(t => t % HourOfWeek.Count == hour);
}
