using System.Globalization;
using Fengqiao.Tidal.Demand;
using Fengqiao.Tidal.Rostering;
using Fengqiao.Web.Resources;
using Fengqiao.Web.Tidal;
using Microsoft.Extensions.Localization;

namespace Fengqiao.Web.Tidal;

/// <summary>The planner's words in the reader's language: weekdays ("周二 06:00"), teams, datasets, officers by name.</summary>
public static class TidalText
{
    public static string HourLabel(IStringLocalizer<Strings> l, int hourOfWeek) => string.Create(
        CultureInfo.InvariantCulture,
        $"{l[$"Tidal.Day.{HourOfWeek.DayOf(hourOfWeek)}"].Value} {HourOfWeek.HourOfDay(hourOfWeek):D2}:00");

    public static string Team(IStringLocalizer<Strings> l, Skill skill) => l[$"Tidal.Skill.{skill}"];

    public static string Dataset(IStringLocalizer<Strings> l, TidalDataset dataset) => dataset switch
    {
        { IsKaramay: true } => l["Tidal.DemoKaramay"],
        { IsDemo: true, Name: TidalDataset.DemoName } => l["Tidal.DemoHouston"],
        _ => dataset.Name,
    };

    /// <summary>An officer's name from the plan (the 警号 or code only when the plan has no such officer).</summary>
    public static string Officer(RosterProblem problem, string officerId) =>
        problem.Officers.FirstOrDefault(o => o.Id == officerId)?.Name ?? officerId;

    /// <summary>A post's name (护学岗·… for the demo district) rather than its id.</summary>
    public static string Post(RosterProblem problem, string postId) =>
        problem.Posts.FirstOrDefault(p => p.Id == postId)?.Name ?? postId;

    public static string Status(IStringLocalizer<Strings> l, string status) => status.ToUpperInvariant() switch
    {
        "OPTIMAL" => l["Tidal.Status.Optimal"],
        "FEASIBLE" => l["Tidal.Status.Feasible"],
        _ => l["Tidal.Status.Other"],
    };

    public static string Method(IStringLocalizer<Strings> l, string method)
    {
        if (method.StartsWith("seasonal-naive-", StringComparison.Ordinal) && int.TryParse(method["seasonal-naive-".Length..].TrimEnd('w'), CultureInfo.InvariantCulture, out var weeks))
        {
            return string.Format(CultureInfo.CurrentCulture, l["Tidal.Method.seasonal-naive-nw"], weeks);
        }

        var text = l[$"Tidal.Method.{method}"];
        return text.ResourceNotFound ? method : text.Value;
    }
}
