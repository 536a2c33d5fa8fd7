using Fengqiao.Tidal.Demand;
using Fengqiao.Tidal.Incidents;
using Fengqiao.Tidal.Rostering;
using NodaTime;

namespace Fengqiao.Tidal.Tests.Rostering;

public class ScenarioTests
{
    [Fact]
    public void Shipped_small_scenario_loads_and_solves_cleanly()
    {
        string? path = null;
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null && path is null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "scenarios", "small-3-areas.json");
            path = File.Exists(candidate) ? candidate : null;
        }

        if (path is null)
        {
            Assert.Skip("scenarios/small-3-areas.json not found above the test binaries");
        }

        var scenario = PlanScenario.Load(path!);
        var problem = scenario.ToProblem();
        Assert.Equal(12, problem.Officers.Count);
        Assert.Equal(new LocalDate(2026, 3, 2), problem.WeekStart);
        Assert.Contains(problem.Officers, o => o.Id == "C01" && o.RequestedOff.Contains(IsoDayOfWeek.Sunday));

        var result = new TidalRosterPlanner(scenario.Solver with { TimeLimitSeconds = 4 }).Plan(problem, cancellationToken: TestContext.Current.CancellationToken);
        Assert.Empty(RosterChecker.Check(problem, result.Roster));
    }

    [Fact]
    public void Scenario_round_trips_through_json()
    {
        var scenario = new PlanScenario
        {
            Name = "rt",
            Areas = ["A"],
            PatrolUnits = [Enumerable.Repeat(1, HourOfWeek.Count).ToList()],
            OfficerGroups = [new OfficerGroupSpec("P", 5, Skill.Patrol)],
            Posts = [new KeyPost("m", "Market 早市", "A", KeySiteKind.Market, [IsoDayOfWeek.Saturday], 6, 10)],
        };
        var file = Path.GetTempFileName();
        try
        {
            scenario.Save(file);
            Assert.Contains("早市", File.ReadAllText(file), StringComparison.Ordinal);
            var back = PlanScenario.Load(file).ToProblem();
            Assert.Equal(5, back.Officers.Count);
            Assert.Equal(4, back.PostUnits.Sum());
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void Houston_scenario_has_30_beats_300_officers_and_calibrated_demand()
    {
        var path = TestData.SharedIncidentFile("houston_2010_jan_jul.csv.gz");
        var incidents = IncidentImporter.ImportFile(path, ImportPresets.Houston).Incidents;

        var scenario = IncidentScenarioBuilder.Build(incidents, new LocalDate(2010, 7, 3));
        var problem = scenario.ToProblem();

        Assert.Equal(30, problem.Areas.Count);
        Assert.Equal(300, problem.Officers.Count);
        Assert.Equal(new LocalDate(2010, 7, 5), problem.WeekStart);
        var patrolCapableHours = problem.Officers.Count(o => o.CanPatrol) * 40.0;
        var need = problem.PatrolUnits.Sum() + problem.PostUnits.Sum();
        Assert.InRange(need / patrolCapableHours, 0.85, 0.901);
    }
}
