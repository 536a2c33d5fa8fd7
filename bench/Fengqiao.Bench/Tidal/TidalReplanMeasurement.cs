using System.Diagnostics;
using System.Globalization;
using Fengqiao.Tidal.Adjustment;
using Fengqiao.Tidal.Demand;
using Fengqiao.Tidal.Rostering;

namespace Fengqiao.Bench.Tidal;

/// <summary>
/// 动态调整 figures, greedy against CP-SAT, on one base roster (a solve is a minute, so both methods re-plan the same
/// roster in one process rather than one BenchmarkDotNet job each). Prints a Markdown table:
///   dotnet run -c Release --project bench/Fengqiao.Bench -- replan [scenarios/karamay-30x168x300-tight.json] [cp-sat seconds] [workers]
/// </summary>
internal static class TidalReplanMeasurement
{
    public static int Run(string[] args)
    {
        var name = args.Length > 0 ? args[0] : "karamay-30x168x300-tight.json";
        var seconds = args.Length > 1 ? double.Parse(args[1], CultureInfo.InvariantCulture) : 20;
        var workers = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 2;
        var scenario = PlanScenario.Load(File.Exists(name) ? name : TidalRosterBench.Find(Path.GetFileName(name)));
        var problem = scenario.ToProblem();
        var clock = Stopwatch.StartNew();
        var plan = new TidalRosterPlanner(scenario.Solver with { TimeLimitSeconds = 60, Workers = 2 }).Plan(problem);
        Console.WriteLine(Inv($"// {scenario.Name}: {problem.Areas.Count} areas, {problem.Officers.Count} officers, base roster unmet {plan.Metrics.UnmetDemandHours}, {plan.Violations.Count} violations, {clock.Elapsed.TotalSeconds:F1} s"));

        // The busiest areas on the day's evening take the events; the first officers working that day go off sick.
        string Busiest(int day, int rank) => problem.Areas
            .OrderByDescending(a => Enumerable.Range(18, 5).Sum(h => problem.PatrolUnits[(problem.AreaIndex[a] * HourOfWeek.Count) + (day * 24) + h]))
            .ThenBy(a => a, StringComparer.Ordinal).ElementAt(rank);
        List<string> Sick(int day, int n) => plan.Roster.Duties.Where(d => d.Day == day).Select(d => d.OfficerId).Distinct().Order(StringComparer.Ordinal).Take(n).ToList();
        var cases = new (string Label, int Day, PlannedEvent[] Events, List<string> Sick)[]
        {
            ("Sat 18–23 +3 in the busiest area", 5, [new(Busiest(5, 0), 5, 18, 23, 3)], []),
            ("Sat 18–23 +3, 5 off sick", 5, [new(Busiest(5, 0), 5, 18, 23, 3)], Sick(5, 5)),
            ("Wed 10 off sick", 2, [], Sick(2, 10)),
            ("Sun 14–22 +6 and +4 in two areas, 3 off sick", 6, [new(Busiest(6, 0), 6, 14, 22, 6), new(Busiest(6, 1), 6, 14, 22, 4)], Sick(6, 3)),
        };

        Console.WriteLine("| case | unmet before | greedy unmet | greedy changes | greedy s | CP-SAT unmet | CP-SAT changes | CP-SAT s | CP-SAT status | violations (greedy / CP-SAT) |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|---|---|");
        foreach (var (label, day, events, sick) in cases)
        {
            clock.Restart();
            var greedy = DayReplanner.Replan(problem, plan.Roster, day, events, sick);
            var greedySeconds = clock.Elapsed.TotalSeconds;
            var solved = DayReplanSolver.Replan(problem, plan.Roster, day, events, sick, new DayReplanOptions { TimeLimitSeconds = seconds, Workers = workers });
            Console.WriteLine(Inv(
                $"| {label} | {greedy.Before.UnmetDemandHours} | {greedy.After.UnmetDemandHours} | {Count(greedy)} | {greedySeconds:F1} | {solved.After.UnmetDemandHours} | {Count(solved)} | {solved.Seconds:F1} | {solved.Method} | {Broken(greedy)} / {Broken(solved)} |"));
        }

        return 0;
    }

    /// <summary>Changes the briefing lists besides the officers off sick (who are the input, not the re-plan's doing).</summary>
    private static string Count(DayReplan r) =>
        string.Join(" ", r.Changes.Where(c => c.Kind != RosterChangeKind.OffSick).GroupBy(c => c.Kind).OrderBy(g => g.Key).Select(g => Inv($"{g.Key} {g.Count()}"))) is { Length: > 0 } s
            ? Inv($"{r.Changes.Count(c => c.Kind != RosterChangeKind.OffSick)} ({s})")
            : "0";

    private static int Broken(DayReplan r) => r.Violations.Count(v => v.Rule != "post-coverage");

    private static string Inv(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
