using System.Diagnostics;
using CsCheck;
using Fengqiao.Tidal.Demand;
using Fengqiao.Tidal.Rostering;

namespace Fengqiao.Tidal.Tests.Rostering;

public class TwoStageRosterPlannerTests
{
    [Fact]
    public void Two_stage_roster_passes_every_rule_when_checked_from_scratch()
    {
        var problem = SmallScenario.Problem();
        var result = SmallScenario.SolvedTwoStage();
        Assert.Equal("two-stage", result.Solve.Method);
        Assert.NotEmpty(result.Roster.Duties);
        Assert.Empty(RosterChecker.Check(problem, result.Roster));
    }

    [Fact]
    public void Unmet_is_measured_on_the_roster_and_never_below_the_stage_one_bound()
    {
        var problem = SmallScenario.Problem();
        var result = SmallScenario.SolvedTwoStage();
        var measured = RosterEvaluator.Evaluate(problem, result.Roster);
        Assert.Equal(measured.UnmetDemandHours, result.Metrics.UnmetDemandHours);
        Assert.InRange(result.Solve.UnmetBound, 0, measured.UnmetDemandHours);
        Assert.True(measured.UnmetDemandHours < RosterEvaluator.Evaluate(problem, FixedThreeShiftPlanner.Plan(problem)).UnmetDemandHours);
    }

    [Fact]
    public void Stage_one_bound_is_a_bound_for_rosters_it_never_saw()
    {
        // A relaxation of the full problem must not claim more than any valid roster achieves: the weekly-template
        // roster (a different model) and the fixed three-shift plan are both rosters of the same problem.
        var problem = SmallScenario.Problem(patrolOfficers: 5);
        var lp = AggregateRosterModel.LpBound(problem);
        var weekly = new TidalRosterPlanner(new SolverOptions { TimeLimitSeconds = 4, Model = RosterModel.WeeklyTemplate }).Plan(problem, cancellationToken: TestContext.Current.CancellationToken);
        Assert.Empty(weekly.Violations);
        Assert.True(lp <= weekly.Metrics.UnmetDemandHours + 1e-6, $"LP {lp} vs weekly-template roster {weekly.Metrics.UnmetDemandHours}");
        Assert.True(lp > 0, "five patrol officers cannot cover three areas all week, so the bound must be positive");
    }

    [Fact]
    public void Stage_one_finds_a_positive_bound_and_the_roster_respects_it_when_officers_are_short()
    {
        var problem = SmallScenario.Problem(patrolOfficers: 5);
        var clock = Stopwatch.StartNew();
        var result = new TwoStageRosterPlanner(new SolverOptions { TimeLimitSeconds = 8 }).Plan(problem, cancellationToken: TestContext.Current.CancellationToken);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(20), $"took {clock.Elapsed}");
        Assert.Empty(result.Violations);
        Assert.True(result.Solve.UnmetBound > 0);
        Assert.InRange(result.Metrics.UnmetDemandHours, result.Solve.UnmetBound, long.MaxValue);
    }

    [Fact]
    public void Cancelling_the_two_stage_planner_returns_at_once()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(1));
        var clock = Stopwatch.StartNew();
        Assert.ThrowsAny<OperationCanceledException>(() => new TwoStageRosterPlanner(new SolverOptions { TimeLimitSeconds = 120 }).Plan(SmallScenario.Problem(), cancellationToken: cts.Token));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(15), $"took {clock.Elapsed}");
    }

    private static readonly Gen<(int MinRest, List<ShiftSlot> Slots)> SlotSets =
        Gen.Int[8, 12].SelectMany(rest =>
            Gen.Select(Gen.Int[0, 167], Gen.Int[6, 24 - rest]).Select((s, l) => new ShiftSlot(s, l)).List[2, 25]
                .Select(slots => (rest, slots.Distinct().ToList())));

    [Fact]
    public void Rest_cliques_hold_only_conflicting_slots_and_cover_every_conflicting_pair()
    {
        SlotSets.Sample(x =>
        {
            var (rest, slots) = x;
            var cliques = ShiftSlots.RestCliques(slots, rest);
            foreach (var clique in cliques)
            {
                foreach (var a in clique)
                {
                    foreach (var b in clique.Where(b => b != a))
                    {
                        Assert.True(ShiftSlots.Conflict(slots[a], slots[b], rest), $"{slots[a]} and {slots[b]} share clique but do not conflict");
                    }
                }
            }

            for (var a = 0; a < slots.Count; a++)
            {
                for (var b = a + 1; b < slots.Count; b++)
                {
                    if (ShiftSlots.Conflict(slots[a], slots[b], rest))
                    {
                        Assert.Contains(cliques, c => c.Contains(a) && c.Contains(b));
                    }
                }
            }
        }, iter: 300);
    }

    [Fact]
    public void Conflict_agrees_with_the_checker()
    {
        var problem = SmallScenario.Problem();
        Gen.Select(Gen.Int[0, 167], Gen.Int[0, 167]).Sample((s1, s2) =>
        {
            var a = new ShiftSlot(s1, 8);
            var b = new ShiftSlot(s2, 8);
            var roster = new Roster("t", [new Duty("P01", "A", s1, 8), new Duty("P01", "A", s2, 8)], []);
            var restBroken = RosterChecker.Check(problem, roster, false).Any(v => v.Rule is "rest" or "overlap");
            Assert.Equal(restBroken, s1 == s2 || ShiftSlots.Conflict(a, b, problem.Rules.MinRestHours));
        }, iter: 2000);
    }

    [Fact]
    public void Week_slots_are_every_template_on_every_day()
    {
        var problem = SmallScenario.Problem();
        var slots = ShiftSlots.Week(problem);
        Assert.Equal(problem.Shifts.Distinct().Count() * 7, slots.Count);
        Assert.All(slots, s => Assert.InRange(s.StartHourOfWeek, 0, HourOfWeek.Count - 1));
    }
}
