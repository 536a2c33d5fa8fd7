using Fengqiao.Tidal.Rostering;

namespace Fengqiao.Tidal.Tests.Rostering;

public class FixedThreeShiftPlannerTests
{
    [Fact]
    public void Everyone_works_five_eight_hour_shifts_at_a_fixed_start()
    {
        var problem = SmallScenario.Problem();
        var roster = FixedThreeShiftPlanner.Plan(problem);
        foreach (var officer in problem.Officers)
        {
            var duties = roster.Duties.Where(d => d.OfficerId == officer.Id).ToList();
            Assert.Equal(5, duties.Count);
            Assert.All(duties, d => Assert.Equal(8, d.LengthHours));
            Assert.Contains(Assert.Single(duties.Select(d => d.StartHourOfWeek % 24).Distinct()), new[] { 6, 14, 22 });
        }

        Assert.DoesNotContain(roster.Duties, d => d.OfficerId == "C01" && d.Day == 6); // requested Sunday off
    }

    [Fact]
    public void Apportionment_by_largest_remainder()
    {
        Assert.Equal([3, 1, 1], FixedThreeShiftPlanner.Apportion([5.0, 2.0, 1.5], 5)); // quotas 2.94, 1.18, 0.88
        Assert.Equal([0, 0], FixedThreeShiftPlanner.Apportion([1.0, 1.0], 0));
    }

    [Fact]
    public void Evaluator_counts_unmet_with_combined_units_filling_either_gap()
    {
        Assert.Equal(0, RosterEvaluator.Unmet(needPatrol: 2, needTraffic: 1, patrol: 1, traffic: 0, combined: 2));
        Assert.Equal(1, RosterEvaluator.Unmet(needPatrol: 2, needTraffic: 1, patrol: 1, traffic: 0, combined: 1));
        Assert.Equal(0, RosterEvaluator.Unmet(needPatrol: 1, needTraffic: 0, patrol: 3, traffic: 0, combined: 0));
    }
}
