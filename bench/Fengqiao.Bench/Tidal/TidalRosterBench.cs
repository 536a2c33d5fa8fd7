using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using Fengqiao.Tidal.Rostering;

namespace Fengqiao.Bench.Tidal;

/// <summary>
/// The shipped 30 areas × 168 h × 300 officers scenarios, 2 CP-SAT workers: stage 1 alone (bound and shift counts)
/// and the whole two-stage plan within 60 s. One run each: a solve is seconds to a minute, and the figures that
/// matter (unmet, bound) are printed per run.
///   dotnet run -c Release --project bench/Fengqiao.Bench -- --filter '*TidalRoster*'
/// </summary>
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 0, iterationCount: 1)]
public class TidalRosterBench
{
    private RosterProblem _problem = null!;
    private SolverOptions _options = null!;

    [Params("houston-30x168x300.json", "houston-30x168x300-tight.json")]
    public string Scenario { get; set; } = "";

    [GlobalSetup]
    public void Setup()
    {
        var scenario = PlanScenario.Load(Find(Scenario));
        _problem = scenario.ToProblem();
        _options = scenario.Solver with { TimeLimitSeconds = 60, Workers = 2 };
    }

    [Benchmark]
    public long StageOne()
    {
        var plan = AggregateRosterModel.Solve(_problem, _options, 60 * TwoStageRosterPlanner.StageOneShare);
        Console.WriteLine($"// {Scenario} stage 1: unmet {plan.Unmet}, bound {plan.Bound} (LP {plan.LpValue:F1}), {plan.Seconds:F1} s");
        return plan.Unmet;
    }

    [Benchmark]
    public long TwoStagePlan()
    {
        var result = new TwoStageRosterPlanner(_options).Plan(_problem);
        var fixedUnmet = RosterEvaluator.Evaluate(_problem, FixedThreeShiftPlanner.Plan(_problem)).UnmetDemandHours;
        Console.WriteLine($"// {Scenario} two-stage: unmet {result.Metrics.UnmetDemandHours}, bound {result.Solve.UnmetBound}, fixed {fixedUnmet}, violations {result.Violations.Count}, {result.Solve.TotalSeconds:F1} s");
        return result.Metrics.UnmetDemandHours;
    }

    internal static string Find(string name)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var path = Path.Combine(dir.FullName, "scenarios", name);
            if (File.Exists(path))
            {
                return path;
            }
        }

        throw new FileNotFoundException($"scenarios/{name} not found above {AppContext.BaseDirectory}");
    }
}
