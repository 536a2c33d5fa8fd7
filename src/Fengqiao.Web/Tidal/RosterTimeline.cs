using Fengqiao.Tidal.Demand;
using Fengqiao.Tidal.Demo;
using Fengqiao.Tidal.Rostering;

namespace Fengqiao.Web.Tidal;

/// <summary>A stretch of one row of the roster timeline: a shift in an area, or a key post stood within it.</summary>
/// <param name="From">Hour from the start of the window shown.</param>
public sealed record TimelineBar(int From, int To, string Label, bool IsPost, int StartHourOfWeek);

/// <summary>One officer's row of the timeline (勤务时间轴).</summary>
public sealed record TimelineRow(Officer Officer, string? Station, IReadOnlyList<TimelineBar> Shifts, IReadOnlyList<TimelineBar> Posts);

/// <summary>
/// The roster as rows of bars for a window of the week (a day or the whole week): one row per officer on duty in it,
/// by station, team and name, filtered by station (派出所) and team. Shifts and posts running past Sunday midnight wrap
/// to Monday morning, as the roster repeats weekly.
/// </summary>
public static class RosterTimeline
{
    /// <param name="day">0 = Monday … 6 = Sunday; null for the whole week.</param>
    public static IReadOnlyList<TimelineRow> Rows(RosterProblem problem, Roster roster, int? day, string? station = null, Skill? team = null)
    {
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentNullException.ThrowIfNull(roster);
        var (from, length) = day is { } d ? (d * 24, 24) : (0, HourOfWeek.Count);
        var posts = problem.Posts.ToDictionary(p => p.Id, StringComparer.Ordinal);
        var duties = roster.Duties.ToLookup(x => x.OfficerId, StringComparer.Ordinal);
        var stood = roster.PostDuties.ToLookup(x => x.OfficerId, StringComparer.Ordinal);
        var rows = new List<TimelineRow>();
        foreach (var officer in problem.Officers)
        {
            var officerStation = KaramayDemo.StationOf(officer.Id);
            if ((station is not null && officerStation != station) || (team is { } t && officer.Skill != t))
            {
                continue;
            }

            var shifts = duties[officer.Id].SelectMany(x => Clip(x.StartHourOfWeek, x.EndHourOfWeek, from, length, x.Area, false)).ToList();
            if (shifts.Count == 0)
            {
                continue;
            }

            var marks = stood[officer.Id].SelectMany(x => Clip(x.FromHourOfWeek, x.ToHourOfWeek, from, length, posts.TryGetValue(x.PostId, out var p) ? p.Name : x.PostId, true)).ToList();
            rows.Add(new TimelineRow(officer, officerStation, shifts, marks));
        }

        return [.. rows.OrderBy(r => r.Station, StringComparer.Ordinal).ThenBy(r => r.Officer.Skill).ThenBy(r => r.Shifts.Min(s => s.From)).ThenBy(r => r.Officer.Id, StringComparer.Ordinal)];
    }

    /// <summary>The part of [start, end) hours-of-week (end may pass 168) inside the window, as window hours.</summary>
    private static IEnumerable<TimelineBar> Clip(int start, int end, int from, int length, string label, bool isPost)
    {
        // The week repeats: a stretch is seen at its own place and one week earlier (its wrapped tail).
        foreach (var shift in new[] { 0, -HourOfWeek.Count })
        {
            var s = Math.Max(start + shift, from);
            var e = Math.Min(end + shift, from + length);
            if (e > s)
            {
                yield return new TimelineBar(s - from, e - from, label, isPost, start);
            }
        }
    }
}
