namespace Fengqiao.Tidal.Rostering;

/// <summary>Hand edits a planner makes on a roster (move one officer), re-measured and re-checked at once.</summary>
public static class RosterEditing
{
    /// <summary>Sends the officer's shift that starts at <paramref name="startHourOfWeek"/> to <paramref name="newArea"/>; post duties are re-assigned.</summary>
    public static (Roster Roster, RosterMetrics Metrics, IReadOnlyList<RosterViolation> Violations) MoveDuty(
        RosterProblem problem, Roster roster, string officerId, int startHourOfWeek, string newArea)
    {
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentNullException.ThrowIfNull(roster);
        var found = false;
        var duties = roster.Duties.Select(d =>
        {
            if (d.OfficerId == officerId && d.StartHourOfWeek == startHourOfWeek)
            {
                found = true;
                return d with { Area = newArea };
            }

            return d;
        }).ToList();
        if (!found)
        {
            throw new ArgumentException($"officer {officerId} has no shift starting at hour {startHourOfWeek}");
        }

        var edited = new Roster(roster.Method + "+edit", duties, PostAssigner.Assign(problem, duties));
        return (edited, RosterEvaluator.Evaluate(problem, edited), RosterChecker.Check(problem, edited));
    }
}
