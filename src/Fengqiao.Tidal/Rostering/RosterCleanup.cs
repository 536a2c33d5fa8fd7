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
}
