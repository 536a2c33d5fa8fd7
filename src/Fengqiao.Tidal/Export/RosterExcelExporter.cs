using MiniExcelLibs;
using NodaTime;
using Fengqiao.Tidal.Demand;
using Fengqiao.Tidal.Rostering;

namespace Fengqiao.Tidal.Export;

/// <summary>
/// Roster workbook (排班表): a "Duties" sheet (one row per shift, with any key-post duty), an "Officers" sheet (hours per
/// officer) and an "Areas" sheet (units present against units needed per area-hour).
/// </summary>
public static class RosterExcelExporter
{
    public static void Save(string path, RosterProblem problem, Roster roster)
    {
        using var stream = File.Create(path);
        Write(stream, problem, roster);
    }

    public static void Write(Stream stream, RosterProblem problem, Roster roster)
    {
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentNullException.ThrowIfNull(roster);
        var officers = problem.Officers.ToDictionary(o => o.Id, StringComparer.Ordinal);
        var posts = problem.Posts.ToDictionary(p => p.Id, StringComparer.Ordinal);
        var postDuties = roster.PostDuties.ToLookup(p => p.OfficerId, StringComparer.Ordinal);
        var duties = roster.Duties.OrderBy(d => d.StartHourOfWeek).ThenBy(d => d.Area, StringComparer.Ordinal).ThenBy(d => d.OfficerId, StringComparer.Ordinal)
            .Select(d =>
            {
                var start = At(problem.WeekStart, d.StartHourOfWeek);
                var standing = postDuties[d.OfficerId].Where(p => p.FromHourOfWeek >= d.StartHourOfWeek && p.FromHourOfWeek < d.EndHourOfWeek)
                    .Select(p => $"{posts[p.PostId].Name} {At(problem.WeekStart, p.FromHourOfWeek):HH\\:mm}-{At(problem.WeekStart, p.ToHourOfWeek):HH\\:mm}");
                return new Dictionary<string, object?>
                {
                    ["Officer"] = d.OfficerId,
                    ["Name"] = officers.TryGetValue(d.OfficerId, out var o) ? o.Name : d.OfficerId,
                    ["Skill"] = o?.Skill.ToString(),
                    ["Area"] = d.Area,
                    ["Start"] = start.ToDateTimeUnspecified(),
                    ["End"] = start.PlusHours(d.LengthHours).ToDateTimeUnspecified(),
                    ["Hours"] = d.LengthHours,
                    ["KeyPosts"] = string.Join("; ", standing),
                };
            }).ToList();
        var hours = roster.Duties.GroupBy(d => d.OfficerId, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Sum(d => d.LengthHours), StringComparer.Ordinal);
        var officerRows = problem.Officers.Select(o => new Dictionary<string, object?>
        {
            ["Officer"] = o.Id,
            ["Name"] = o.Name,
            ["Skill"] = o.Skill.ToString(),
            ["Shifts"] = roster.Duties.Count(d => d.OfficerId == o.Id),
            ["Hours"] = hours.GetValueOrDefault(o.Id),
            ["Overtime"] = Math.Max(0, hours.GetValueOrDefault(o.Id) - problem.Rules.StandardWeeklyHours),
        }).ToList();
        var present = RosterEvaluator.Presence(problem, roster);
        var areaRows = new List<Dictionary<string, object?>>();
        for (var a = 0; a < problem.Areas.Count; a++)
        {
            for (var h = 0; h < HourOfWeek.Count; h++)
            {
                var cell = (a * HourOfWeek.Count) + h;
                var p = present[cell * 3];
                var t = present[(cell * 3) + 1];
                var c = present[(cell * 3) + 2];
                areaRows.Add(new Dictionary<string, object?>
                {
                    ["Area"] = problem.Areas[a],
                    ["Hour"] = At(problem.WeekStart, h).ToDateTimeUnspecified(),
                    ["PatrolNeeded"] = problem.PatrolUnits[cell],
                    ["PostsNeeded"] = problem.PostUnits[cell],
                    ["TrafficNeeded"] = problem.TrafficUnits[cell],
                    ["Patrol"] = p,
                    ["Traffic"] = t,
                    ["Combined"] = c,
                    ["Unmet"] = RosterEvaluator.Unmet(problem.PatrolUnits[cell] + problem.PostUnits[cell], problem.TrafficUnits[cell], p, t, c),
                });
            }
        }

        var sheets = new Dictionary<string, object>
        {
            ["Duties"] = duties,
            ["Officers"] = officerRows,
            ["Areas"] = areaRows,
        };
        stream.SaveAs(sheets);
    }

    internal static LocalDateTime At(LocalDate weekStart, int hourOfWeek) => weekStart.AtMidnight().PlusHours(hourOfWeek);
}
