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

    [Fact]
    public void An_unstaffed_post_gets_an_officer_whose_shift_covers_it_moved_to_its_area()
    {
        var problem = SmallScenario.Problem();
        // Every patrol-capable shift covering the school's afternoon window is moved away from area B.
        var post = problem.Posts.Single();
        var window = post.HoursOfWeek().ToHashSet();
        var away = FixedThreeShiftPlanner.Plan(problem).Duties
            .Select(d => d.Area == post.Area && window.Any(d.Covers) ? d with { Area = problem.Areas.First(a => a != post.Area) } : d)
            .ToList();
        Assert.Contains(RosterChecker.Check(problem, new Roster("t", away, PostAssigner.Assign(problem, away))), v => v.Rule == "post-coverage");

        var covered = RosterCleanup.CoverPosts(problem, away);

        var roster = new Roster("t", covered, PostAssigner.Assign(problem, covered));
        Assert.Empty(RosterChecker.Check(problem, roster));
        Assert.Equal(away.Count, covered.Count); // moved, not added: shifts already covered the window
    }
}
