using Fengqiao.Tidal.Rostering;

namespace Fengqiao.Tidal.Tests.Rostering;

public class RosterCleanupTests
{
    [Fact]
    public void Shifts_breaking_an_officers_rules_are_dropped_and_lawful_ones_kept()
    {
        var problem = SmallScenario.Problem();
        var lawful = FixedThreeShiftPlanner.Plan(problem).Duties.ToList();
        // P01 gets a second shift 8 h after one of theirs (rest) and P02 a second shift on the same day.
        var first = lawful.First(d => d.OfficerId == "P01");
        var second = lawful.First(d => d.OfficerId == "P02");
        var broken = lawful
            .Append(first with { StartHourOfWeek = (first.EndHourOfWeek + 8) % 168 })
            .Append(second with { StartHourOfWeek = second.StartHourOfWeek / 24 * 24 + (second.StartHourOfWeek % 24 + 12) % 24 })
            .ToList();
        Assert.NotEmpty(RosterChecker.Check(problem, new Roster("t", broken, []), requirePostCoverage: false));

        var cleaned = RosterCleanup.DropUnlawfulDuties(problem, broken);

        Assert.Empty(RosterChecker.Check(problem, new Roster("t", cleaned, []), requirePostCoverage: false));
        Assert.True(cleaned.Count >= lawful.Count - 2, $"{broken.Count} → {cleaned.Count}: only the offending officers lose a shift");
        Assert.All(lawful.Where(d => d.OfficerId is not ("P01" or "P02")), d => Assert.Contains(d, cleaned));
    }

    [Fact]
    public void A_lawful_roster_is_returned_unchanged()
    {
        var problem = SmallScenario.Problem();
        var lawful = FixedThreeShiftPlanner.Plan(problem).Duties.ToList();
        Assert.Equal(lawful, RosterCleanup.DropUnlawfulDuties(problem, lawful));
    }
}
