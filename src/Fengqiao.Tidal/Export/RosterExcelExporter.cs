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

    /// <param name="label">
    /// The reader's words for the sheet names, column headers and teams (keys as written here: "Duties", "Officer",
    /// "Skill.Patrol" …); the English keys themselves when null.
    /// </param>
    public static void Write(Stream stream, RosterProblem problem, Roster roster, Func<string, string>? label = null)
    {
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentNullException.ThrowIfNull(roster);
        var l = label ?? (key => key.StartsWith("Skill.", StringComparison.Ordinal) ? key["Skill.".Length..] : key);
        Dictionary<string, object?> Row(params (string Key, object? Value)[] cells) => cells.ToDictionary(c => l(c.Key), c => c.Value);
        var officers = problem.Officers.ToDictionary(o => o.Id, StringComparer.Ordinal);
        var posts = problem.Posts.ToDictionary(p => p.Id, StringComparer.Ordinal);
        var postDuties = roster.PostDuties.ToLookup(p => p.OfficerId, StringComparer.Ordinal);
        var duties = roster.Duties.OrderBy(d => d.StartHourOfWeek).ThenBy(d => d.Area, StringComparer.Ordinal).ThenBy(d => d.OfficerId, StringComparer.Ordinal)
            .Select(d =>
            {
                var start = At(problem.WeekStart, d.StartHourOfWeek);
                var standing = postDuties[d.OfficerId].Where(p => p.FromHourOfWeek >= d.StartHourOfWeek && p.FromHourOfWeek < d.EndHourOfWeek)
                    .Select(p => $"{posts[p.PostId].Name} {At(problem.WeekStart, p.FromHourOfWeek):HH\\:mm}-{At(problem.WeekStart, p.ToHourOfWeek):HH\\:mm}");
                var o = officers.GetValueOrDefault(d.OfficerId);
                return Row(
                    ("Officer", d.OfficerId),
                    ("Name", o?.Name ?? d.OfficerId),
                    ("Skill", o is null ? null : l($"Skill.{o.Skill}")),
                    ("Area", d.Area),
                    ("Start", start.ToDateTimeUnspecified()),
                    ("End", start.PlusHours(d.LengthHours).ToDateTimeUnspecified()),
                    ("Hours", d.LengthHours),
                    ("KeyPosts", string.Join("; ", standing)));
            }).ToList();
        var hours = roster.Duties.GroupBy(d => d.OfficerId, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Sum(d => d.LengthHours), StringComparer.Ordinal);
        var officerRows = problem.Officers.Select(o => Row(
            ("Officer", o.Id),
            ("Name", o.Name),
            ("Skill", l($"Skill.{o.Skill}")),
            ("Shifts", roster.Duties.Count(d => d.OfficerId == o.Id)),
            ("Hours", hours.GetValueOrDefault(o.Id)),
            ("Overtime", Math.Max(0, hours.GetValueOrDefault(o.Id) - problem.Rules.StandardWeeklyHours)))).ToList();
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
                areaRows.Add(Row(
                    ("Area", problem.Areas[a]),
                    ("Hour", At(problem.WeekStart, h).ToDateTimeUnspecified()),
                    ("PatrolNeeded", problem.PatrolUnits[cell]),
                    ("PostsNeeded", problem.PostUnits[cell]),
                    ("TrafficNeeded", problem.TrafficUnits[cell]),
                    ("Patrol", p),
                    ("Traffic", t),
                    ("Combined", c),
                    ("Unmet", RosterEvaluator.Unmet(problem.PatrolUnits[cell] + problem.PostUnits[cell], problem.TrafficUnits[cell], p, t, c))));
            }
        }

        var sheets = new Dictionary<string, object>
        {
            [l("Duties")] = duties,
            [l("Officers")] = officerRows,
            [l("Areas")] = areaRows,
        };
        stream.SaveAs(sheets);
    }

    internal static LocalDateTime At(LocalDate weekStart, int hourOfWeek) => weekStart.AtMidnight().PlusHours(hourOfWeek);
}
