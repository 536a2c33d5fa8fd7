using System.Text.RegularExpressions;
using Fengqiao.Tidal.Demand;
using Fengqiao.Tidal.Demo;
using Fengqiao.Tidal.Rostering;
using Fengqiao.Tidal.Tests.Rostering;
using NodaTime;

namespace Fengqiao.Tidal.Tests.Demo;

/// <summary>The synthetic 克拉玛依区 demo: the same data for the same end date, the shape a planner expects, and a roster on it.</summary>
public sealed partial class KaramayDemoTests
{
    // A Monday well away from any real clock: the demo is generated for whatever date it is given.
    private static readonly LocalDate Until = new(2026, 3, 16);

    [GeneratedRegex("[A-Za-z]")]
    private static partial Regex Latin();

    [Fact]
    public void The_same_end_date_and_seed_give_the_same_incidents()
    {
        var pattern = WebLikeScenario.HoustonDemo();
        var a = KaramayDemo.Incidents(pattern, Until);
        var b = KaramayDemo.Incidents(pattern, Until);
        var other = KaramayDemo.Incidents(pattern, Until, seed: 1);

        Assert.Equal(a, b);
        Assert.NotEqual(a.Count, other.Count);
    }

    [Fact]
    public void Areas_are_the_districts_communities_under_their_stations()
    {
        var areas = KaramayDemo.Areas;

        Assert.Equal(94, areas.Count); // 95 committees less the street office's 虚拟社区
        Assert.Equal(areas.Count, areas.Select(a => a.Name).Distinct().Count());
        Assert.All(areas, a => Assert.DoesNotMatch(Latin(), a.Name));
        Assert.Contains(areas, a => a.Name == "和平社区" && a.Street == "天山路街道" && a.Station == "天山路派出所");
        Assert.Equal(9, KaramayDemo.Stations.Count); // 五五新镇街道 has no committee but its office's 虚拟社区
        Assert.True(areas.TakeWhile(a => a.Urban).Count() == areas.Count(a => a.Urban), "city communities come first");
    }

    [Fact]
    public void Incidents_fill_the_weeks_before_the_end_date_with_the_patterns_tide()
    {
        var pattern = WebLikeScenario.HoustonDemo();
        var incidents = KaramayDemo.Incidents(pattern, Until);

        Assert.True(incidents.Min(i => i.Time) >= Until.PlusWeeks(-KaramayDemo.DefaultWeeks).AtMidnight());
        Assert.True(incidents.Max(i => i.Time) < Until.AtMidnight());
        var perWeek = incidents.Count / (double)KaramayDemo.DefaultWeeks;
        Assert.InRange(perWeek, KaramayDemo.IncidentsPerWeek * 0.8, KaramayDemo.IncidentsPerWeek * 1.2);

        // Every category, each with its priority; every area known.
        var categories = KaramayDemo.Categories.ToDictionary(c => c.Name, c => c.Priority);
        Assert.All(incidents, i => Assert.Equal(categories[i.Type], i.Priority));
        Assert.Equal(categories.Count, incidents.Select(i => i.Type).Distinct().Count());
        var names = KaramayDemo.Areas.Select(a => a.Name).ToHashSet();
        Assert.All(incidents, i => Assert.Contains(i.Area, names));

        // The hour-of-week profile follows the pattern's (correlation); the city carries most calls, its busiest community more than the median one.
        var mine = KaramayDemo.HourProfile(incidents);
        var theirs = KaramayDemo.HourProfile(pattern);
        Assert.True(Correlation(mine, theirs) > 0.8, $"correlation {Correlation(mine, theirs):F2}");
        var byArea = incidents.GroupBy(i => i.Area).Select(g => g.Count()).OrderByDescending(c => c).ToList();
        Assert.True(byArea[0] > 1.2 * byArea[byArea.Count / 2], $"busiest {byArea[0]}, median {byArea[byArea.Count / 2]}");
        var urban = KaramayDemo.Areas.Where(a => a.Urban).Select(a => a.Name).ToHashSet();
        Assert.InRange(incidents.Count(i => urban.Contains(i.Area)) / (double)incidents.Count, 0.9, 0.99);
    }

    [Fact]
    public void Officers_have_distinct_Chinese_names_in_three_kinds_of_team()
    {
        var officers = KaramayDemo.Officers(150);

        Assert.Equal(150, officers.Select(o => o.Officer.Name).Distinct().Count());
        Assert.Equal(150, officers.Select(o => o.Officer.Id).Distinct().Count());
        Assert.All(officers, o => Assert.DoesNotMatch(Latin(), o.Officer.Name + o.Officer.Id + o.Station));
        Assert.Equal(105, officers.Count(o => o.Officer.Skill == Skill.Patrol));
        Assert.Equal(15, officers.Count(o => o.Officer.Skill == Skill.Traffic));
        Assert.Equal(30, officers.Count(o => o.Officer.Skill == Skill.Combined));
        Assert.Equal(KaramayDemo.Officers(40).Select(o => o.Officer.Name), officers.Take(40).Select(o => o.Officer.Name));
        // The timeline and the printed 勤务表 find an officer's 派出所 from the 警号 alone.
        Assert.All(officers, o => Assert.Equal(o.Station, KaramayDemo.StationOf(o.Officer.Id)));
        Assert.Null(KaramayDemo.StationOf("P001"));
        Assert.Null(KaramayDemo.StationOf("12"));
    }

    [Fact]
    public void School_posts_cover_the_morning_and_afternoon_school_runs_on_weekdays()
    {
        var posts = KaramayDemo.Posts(KaramayDemo.Areas.Take(10).Select(a => a.Name).ToList());

        var schools = posts.Where(p => p.Kind == KeySiteKind.School).ToList();
        Assert.Equal(12, schools.Count);
        Assert.All(schools, p => Assert.Equal(5, p.Days.Count));
        Assert.All(schools, p => Assert.True((p.StartHour, p.EndHour) is (7, 9) or (16, 18)));
        Assert.Contains(posts, p => p.Name.Contains("火车站", StringComparison.Ordinal));
        Assert.All(posts, p => Assert.DoesNotMatch(Latin(), p.Name + p.Id));
    }

    [Fact]
    public void The_solver_finds_a_roster_on_the_demo_district()
    {
        var pattern = WebLikeScenario.HoustonDemo();
        var incidents = KaramayDemo.Incidents(pattern, Until);
        var scenario = KaramayDemo.Apply(IncidentScenarioBuilder.Build(incidents, Until.PlusDays(-1), 10, 60, callsPerIncident: 1.0), 60);
        var problem = scenario.ToProblem();
        Assert.Equal(Until, problem.WeekStart); // the plan is for the week after the data: the coming week

        var result = new TidalRosterPlanner(new SolverOptions { TimeLimitSeconds = 4, Workers = 1 }).Plan(problem, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Empty(result.Violations);
        Assert.Empty(RosterChecker.Check(problem, result.Roster));
        Assert.All(result.Roster.Duties, d => Assert.Contains(d.Area, scenario.Areas));
        var fixedPlan = RosterEvaluator.Evaluate(problem, FixedThreeShiftPlanner.Plan(problem));
        Assert.True(result.Metrics.UnmetDemandHours <= fixedPlan.UnmetDemandHours, $"tidal {result.Metrics.UnmetDemandHours}, fixed {fixedPlan.UnmetDemandHours}");
    }

    private static double Correlation(double[] x, double[] y)
    {
        var (mx, my) = (x.Average(), y.Average());
        var cov = x.Zip(y, (a, b) => (a - mx) * (b - my)).Sum();
        return cov / Math.Sqrt(x.Sum(a => (a - mx) * (a - mx)) * y.Sum(b => (b - my) * (b - my)));
    }
}
