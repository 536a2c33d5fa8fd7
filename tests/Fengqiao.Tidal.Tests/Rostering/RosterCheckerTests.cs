using Fengqiao.Tidal.Rostering;

namespace Fengqiao.Tidal.Tests.Rostering;

/// <summary>The checker must catch each broken rule, or passing it would prove nothing.</summary>
public class RosterCheckerTests
{
    private static RosterProblem Problem => SmallScenario.Problem();

    private static Roster Valid() => FixedThreeShiftPlanner.Plan(Problem);

    [Fact]
    public void Fixed_plan_keeps_every_working_time_rule()
    {
        Assert.Empty(RosterChecker.Check(Problem, Valid(), requirePostCoverage: false));
    }

    [Fact]
    public void Short_rest_is_caught()
    {
        // 06–14 on Monday, then 22–06 the same evening: 8 h rest.
        var roster = new Roster("t", [new Duty("P01", "A", 6, 8), new Duty("P01", "A", 22, 8)], []);
        Assert.Contains(RosterChecker.Check(Problem, roster, false), v => v.Rule == "rest");
    }

    [Fact]
    public void Two_shifts_starting_on_one_day_are_caught_even_with_enough_rest()
    {
        // 00–08 and 20–04 on Monday: 12 h rest, but two duties on one day.
        var roster = new Roster("t", [new Duty("P01", "A", 0, 8), new Duty("P01", "A", 20, 8)], []);
        var violations = RosterChecker.Check(Problem, roster, false);
        Assert.Contains(violations, v => v.Rule == "shifts-per-day");
        Assert.DoesNotContain(violations, v => v.Rule == "rest");
    }

    [Fact]
    public void Rest_across_the_week_boundary_is_caught()
    {
        // Sunday 22–06 wraps into Monday; Monday 06–14 then starts with no rest.
        var roster = new Roster("t", [new Duty("P01", "A", 6, 8), new Duty("P01", "A", 166, 8)], []);
        Assert.Contains(RosterChecker.Check(Problem, roster, false), v => v.Rule is "rest" or "overlap");
    }

    [Fact]
    public void Weekly_hours_days_off_and_requested_days_are_caught()
    {
        var six = Enumerable.Range(0, 6).Select(d => new Duty("C01", "A", (d * 24) + 8, 8)).ToList(); // 48 h > 44, 1 day off, works Sunday? no: Mon–Sat
        var violations = RosterChecker.Check(Problem, new Roster("t", six, []), false);
        Assert.Contains(violations, v => v.Rule == "weekly-hours");
        Assert.Contains(violations, v => v.Rule == "days-off");
        var sunday = new Roster("t", [new Duty("C01", "A", (6 * 24) + 8, 8)], []);
        Assert.Contains(RosterChecker.Check(Problem, sunday, false), v => v.Rule == "requested-day-off");
    }

    [Fact]
    public void Posts_need_an_on_duty_patrol_officer_in_the_area_for_every_hour()
    {
        var roster = new Roster("t", [new Duty("T01", "B", 8, 8), new Duty("P01", "A", 8, 8)], [new PostDuty("T01", "school-1", 15, 17), new PostDuty("P01", "school-1", 15, 16)]);
        var violations = RosterChecker.Check(Problem, roster);
        Assert.Contains(violations, v => v.Rule == "post-skill");
        Assert.Contains(violations, v => v.Rule == "post-on-duty");
        Assert.Contains(violations, v => v.Rule == "post-coverage");
    }

    [Fact]
    public void Unknown_officers_and_areas_are_caught()
    {
        var roster = new Roster("t", [new Duty("X99", "A", 8, 8), new Duty("P01", "Z", 8, 8)], []);
        var violations = RosterChecker.Check(Problem, roster, false);
        Assert.Contains(violations, v => v.Rule == "officer");
        Assert.Contains(violations, v => v.Rule == "area");
    }
}
