using Fengqiao.Tidal.Demand;
using Fengqiao.Tidal.Rostering;

namespace Fengqiao.Tidal.Tests.Rostering;

/// <summary>The tide chart's numbers: demand, officers on duty and unmet units per hour, for the district and each area.</summary>
public class TideSeriesTests
{
    [Fact]
    public void The_district_tide_adds_up_to_the_rosters_unmet_demand_hours_and_to_its_areas()
    {
        var problem = SmallScenario.Problem();
        foreach (var roster in new[] { FixedThreeShiftPlanner.Plan(problem), SmallScenario.SolvedTwoStage().Roster })
        {
            var district = TideSeries.Of(problem, roster);
            Assert.Equal(RosterEvaluator.Evaluate(problem, roster).UnmetDemandHours, district.UnmetDemandHours);
            Assert.Equal(HourOfWeek.Count, district.Demand.Length);
            var areas = problem.Areas.Select(a => TideSeries.Of(problem, roster, a)).ToList();
            for (var h = 0; h < HourOfWeek.Count; h++)
            {
                Assert.Equal(district.Demand[h], areas.Sum(a => a.Demand[h]));
                Assert.Equal(district.OnDuty[h], areas.Sum(a => a.OnDuty[h]));
                Assert.Equal(district.Unmet[h], areas.Sum(a => a.Unmet[h]));
                // A gap is never larger than the demand, nor smaller than what the officers on duty leave open.
                Assert.InRange(district.Unmet[h], Math.Max(0, district.Demand[h] - district.OnDuty[h]), district.Demand[h]);
            }
        }
    }

    [Fact]
    public void Demand_counts_calls_traffic_and_key_posts()
    {
        var problem = SmallScenario.Problem();
        var b = TideSeries.Of(problem, new Roster("none", [], []), "B");
        // Area B, Monday 15:00: one patrol unit for calls and the school post; nobody on duty, so all of it is unmet.
        Assert.Equal(2, b.Demand[15]);
        Assert.Equal(0, b.OnDuty[15]);
        Assert.Equal(2, b.Unmet[15]);
        var a = TideSeries.Of(problem, new Roster("none", [], []), "A");
        Assert.Equal(2, a.Demand[8]); // Monday 08:00: one patrol unit and the weekday rush's traffic unit
        Assert.Throws<ArgumentException>(() => TideSeries.Of(problem, new Roster("none", [], []), "Z"));
    }
}
