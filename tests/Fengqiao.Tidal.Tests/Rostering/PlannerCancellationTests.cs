using System.Diagnostics;
using Fengqiao.Tidal.Rostering;

namespace Fengqiao.Tidal.Tests.Rostering;

/// <summary>A planner who presses cancel gets control back at once, not when the time limit runs out.</summary>
public sealed class PlannerCancellationTests
{
    [Fact]
    public void Cancelling_stops_a_long_solve_within_a_few_seconds()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(1));
        var planner = new TidalRosterPlanner(new SolverOptions { TimeLimitSeconds = 120, Workers = 2 });
        var clock = Stopwatch.StartNew();
        Assert.ThrowsAny<OperationCanceledException>(() => planner.Plan(SmallScenario.Problem(), cancellationToken: cts.Token));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(15), $"took {clock.Elapsed}");
    }

    [Fact]
    public void Progress_names_each_phase_in_order()
    {
        var phases = new List<string>();
        var progress = new SynchronousProgress(phases.Add);
        new TidalRosterPlanner(new SolverOptions { TimeLimitSeconds = 3, Workers = 2, Model = RosterModel.WeeklyTemplate }).Plan(SmallScenario.Problem(), progress, TestContext.Current.CancellationToken);
        Assert.StartsWith("local search", phases[0], StringComparison.Ordinal);
        Assert.Contains(phases, p => p.StartsWith("phase 1", StringComparison.Ordinal));
    }

    private sealed class SynchronousProgress(Action<string> report) : IProgress<string>
    {
        public void Report(string value) => report(value);
    }
}
