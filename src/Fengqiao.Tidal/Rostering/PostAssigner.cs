using Fengqiao.Tidal.Demand;

namespace Fengqiao.Tidal.Rostering;

/// <summary>
/// Puts officers who are on duty in a post's area onto the post hour by hour, keeping the same officer on a post while
/// possible (fewer hand-overs) and otherwise the one with fewest post hours so far (a fair share of standing duty).
/// </summary>
public static class PostAssigner
{
    public static IReadOnlyList<PostDuty> Assign(RosterProblem problem, IReadOnlyList<Duty> duties)
    {
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentNullException.ThrowIfNull(duties);
        const int H = HourOfWeek.Count;
        var officers = problem.Officers.ToDictionary(o => o.Id, StringComparer.Ordinal);
        var byArea = duties.Where(d => officers.TryGetValue(d.OfficerId, out var o) && o.CanPatrol)
            .ToLookup(d => d.Area, StringComparer.Ordinal);
        var busy = new HashSet<(string, int)>();
        var postHours = new Dictionary<string, int>(StringComparer.Ordinal);
        var result = new List<PostDuty>();
        foreach (var post in problem.Posts)
        {
            foreach (var day in post.Days)
            {
                var previous = new List<string>();
                var segments = new Dictionary<string, int>(StringComparer.Ordinal); // officer -> segment start
                for (var t = (((int)day - 1) * 24) + post.StartHour; t < (((int)day - 1) * 24) + post.EndHour; t++)
                {
                    var h = t % H;
                    var candidates = byArea[post.Area].Where(d => d.Covers(h) && !busy.Contains((d.OfficerId, h)))
                        .Select(d => d.OfficerId).Distinct(StringComparer.Ordinal).ToList();
                    var chosen = candidates.Where(previous.Contains)
                        .Concat(candidates.Where(c => !previous.Contains(c)).OrderBy(c => postHours.GetValueOrDefault(c)).ThenBy(c => c, StringComparer.Ordinal))
                        .Take(post.Officers).ToList();
                    foreach (var gone in segments.Keys.Where(o => !chosen.Contains(o)).ToList())
                    {
                        result.Add(new PostDuty(gone, post.Id, segments[gone], t));
                        segments.Remove(gone);
                    }

                    foreach (var o in chosen)
                    {
                        busy.Add((o, h));
                        postHours[o] = postHours.GetValueOrDefault(o) + 1;
                        segments.TryAdd(o, t);
                    }

                    previous = chosen;
                }

                var end = (((int)day - 1) * 24) + post.EndHour;
                result.AddRange(segments.Select(s => new PostDuty(s.Key, post.Id, s.Value, end)));
            }
        }

        return result;
    }
}
