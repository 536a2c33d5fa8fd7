using Fengqiao.Tidal.Adjustment;
using Fengqiao.Tidal.Rostering;
using Fengqiao.Tidal.Tests.Rostering;

namespace Fengqiao.Tidal.Tests.Adjustment;

/// <summary>动态调整 of one day: a planned event and an officer off sick change that day only, and the changes are listed.</summary>
public class DayReplannerTests
{
    private const int Saturday = 5;

    [Fact]
    public void A_Saturday_evening_event_and_an_officer_off_sick_change_only_Saturdays_shifts()
    {
        var problem = SmallScenario.Problem();
        var roster = SmallScenario.SolvedTwoStage().Roster;
        var sick = roster.Duties.First(d => d.Day == Saturday).OfficerId;
        var match = new PlannedEvent("C", Saturday, 18, 23, 2);

        var replan = DayReplanner.Replan(problem, roster, Saturday, [match], [sick]);

        // The rest of the week stands exactly as the officers were told.
        Assert.Equal(
            roster.Duties.Where(d => d.Day != Saturday).OrderBy(d => d.OfficerId).ThenBy(d => d.StartHourOfWeek),
            replan.Roster.Duties.Where(d => d.Day != Saturday).OrderBy(d => d.OfficerId).ThenBy(d => d.StartHourOfWeek));
        Assert.DoesNotContain(replan.Roster.Duties, d => d.OfficerId == sick && d.Day == Saturday);
        Assert.Contains(replan.Changes, c => c.Kind == RosterChangeKind.OffSick && c.OfficerId == sick);

        // The event's demand is in the re-planned problem, and the day's moves and additions only ever help.
        Assert.Equal(problem.TotalDemandUnitHours + (5 * 2), replan.Problem.TotalDemandUnitHours);
        var withoutSick = roster.Duties.Where(d => !(d.Day == Saturday && d.OfficerId == sick)).ToList();
        Assert.True(replan.After.UnmetDemandHours <= DayReplanner.Unmet(replan.Problem, withoutSick));
        Assert.Equal(DayReplanner.Unmet(replan.Problem, [.. replan.Roster.Duties]), replan.After.UnmetDemandHours);
        Assert.All(replan.Changes.Where(c => c.Kind != RosterChangeKind.OffSick), c => Assert.Equal(Saturday, c.StartHourOfWeek / 24));
        Assert.DoesNotContain(replan.Violations, v => v.Rule != "post-coverage");
    }

    [Fact]
    public void An_event_outside_the_day_or_the_plan_is_refused()
    {
        var problem = SmallScenario.Problem();
        var roster = FixedThreeShiftPlanner.Plan(problem);
        Assert.Throws<ArgumentException>(() => DayReplanner.Replan(problem, roster, Saturday, [new PlannedEvent("Z", Saturday, 18, 22, 1)], []));
        Assert.Throws<ArgumentException>(() => DayReplanner.Replan(problem, roster, Saturday, [new PlannedEvent("C", 4, 18, 22, 1)], []));
        Assert.Throws<ArgumentException>(() => DayReplanner.Replan(problem, roster, Saturday, [new PlannedEvent("C", Saturday, 22, 18, 1)], []));
    }
}
