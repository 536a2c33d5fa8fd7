using Fengqiao.Tidal.Rostering;

namespace Fengqiao.Tidal.Tests.Rostering;

public class RosterEditingTests
{
    [Fact]
    public void Moving_one_officer_by_hand_is_re_measured_and_re_checked()
    {
        var problem = SmallScenario.Problem();
        var roster = FixedThreeShiftPlanner.Plan(problem);
        var before = RosterEvaluator.Evaluate(problem, roster);
        var duty = roster.Duties.First(d => d.OfficerId.StartsWith('P') && d.Area != "C");

        var (edited, metrics, violations) = RosterEditing.MoveDuty(problem, roster, duty.OfficerId, duty.StartHourOfWeek, "C");

        Assert.Contains(edited.Duties, d => d.OfficerId == duty.OfficerId && d.StartHourOfWeek == duty.StartHourOfWeek && d.Area == "C");
        Assert.Equal(before.OfficerHours, metrics.OfficerHours);
        Assert.DoesNotContain(violations, v => v.Rule is "rest" or "weekly-hours" or "days-off");
        Assert.Throws<ArgumentException>(() => RosterEditing.MoveDuty(problem, roster, duty.OfficerId, duty.StartHourOfWeek + 1, "C"));
    }
}
