using Fengqiao.Tidal.Adjustment;
using Fengqiao.Tidal.Rostering;
using Fengqiao.Tidal.Tests.Rostering;

namespace Fengqiao.Tidal.Tests.Adjustment;

/// <summary>动态调整 with CP-SAT on small fixed scenarios: never worse than the greedy, the sick stay home, the rest stands.</summary>
public class DayReplanSolverTests
{
    private const int Saturday = 5;

    // One worker and a fixed seed: these scenarios solve to optimality well inside the limit, so runs repeat exactly.
    private static readonly DayReplanOptions Options = new() { TimeLimitSeconds = 20, Workers = 1, RandomSeed = 3 };

    public static TheoryData<int, string, int, int, int, int> Cases => new()
    {
        // day, event area, from, to, extra officers, officers off sick (the first n working that day)
        { Saturday, "C", 18, 23, 2, 1 },
        { Saturday, "A", 19, 24, 3, 2 },
        { 2, "B", 8, 12, 1, 0 },
        { 6, "C", 0, 4, 2, 3 },
        { 0, "", 0, 0, 0, 2 },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Never_more_unmet_demand_than_the_greedy_and_the_sick_are_never_on_duty(int day, string area, int from, int to, int extra, int sickCount)
    {
        var problem = SmallScenario.Problem();
        var roster = FixedThreeShiftPlanner.Plan(problem);
        List<PlannedEvent> events = area.Length == 0 ? [] : [new PlannedEvent(area, day, from, to, extra)];
        var sick = roster.Duties.Where(d => d.Day == day).Select(d => d.OfficerId).Distinct().Order(StringComparer.Ordinal).Take(sickCount).ToList();

        var greedy = DayReplanner.Replan(problem, roster, day, events, sick);
        var solved = DayReplanSolver.Replan(problem, roster, day, events, sick, Options, TestContext.Current.CancellationToken);

        Assert.Equal(DayReplanMethod.CpSatOptimal, solved.Method);
        Assert.True(solved.After.UnmetDemandHours <= greedy.After.UnmetDemandHours, $"CP-SAT {solved.After.UnmetDemandHours} > greedy {greedy.After.UnmetDemandHours}");
        Assert.True(solved.After.UnmetDemandHours <= solved.Before.UnmetDemandHours + SickHours(roster, day, sick));
        Assert.DoesNotContain(solved.Roster.Duties, d => d.Day == day && sick.Contains(d.OfficerId));
        Assert.DoesNotContain(solved.Roster.PostDuties, p => p.FromHourOfWeek / 24 == day && sick.Contains(p.OfficerId));
        Assert.Equal(sick.Count, solved.Changes.Count(c => c.Kind == RosterChangeKind.OffSick && c.StartHourOfWeek / 24 == day));
        Assert.DoesNotContain(solved.Changes, c => c.Kind == RosterChangeKind.Removed); // dropping a shift never helps

        // Every other day stands exactly as the officers were told, and no per-person rule breaks.
        Assert.Equal(Sorted(roster.Duties.Where(d => d.Day != day)), Sorted(solved.Roster.Duties.Where(d => d.Day != day)));
        Assert.DoesNotContain(solved.Violations, v => v.Rule != "post-coverage");
        AssertChangesAreTheDifference(roster, solved, day);
    }

    [Fact]
    public void Re_planning_the_re_planned_day_again_changes_nothing()
    {
        var problem = SmallScenario.Problem();
        var roster = FixedThreeShiftPlanner.Plan(problem);
        var match = new PlannedEvent("C", Saturday, 18, 23, 2);
        var sick = roster.Duties.First(d => d.Day == Saturday).OfficerId;
        var first = DayReplanSolver.Replan(problem, roster, Saturday, [match], [sick], Options, TestContext.Current.CancellationToken);
        Assert.Contains(first.Changes, c => c.Kind != RosterChangeKind.OffSick);

        // The first answer is already least unmet with no change: nothing that does not help moves.
        var again = DayReplanSolver.Replan(problem, first.Roster, Saturday, [match], [], Options, TestContext.Current.CancellationToken);

        Assert.Empty(again.Changes);
        Assert.Equal(first.After.UnmetDemandHours, again.After.UnmetDemandHours);
        Assert.Equal(Sorted(first.Roster.Duties), Sorted(again.Roster.Duties));
    }

    [Fact]
    public void Without_events_or_sickness_an_optimal_roster_stays_as_it_was()
    {
        var problem = SmallScenario.Problem();
        var roster = SmallScenario.SolvedTwoStage().Roster;
        var before = RosterEvaluator.Evaluate(problem, roster).UnmetDemandHours;

        var replan = DayReplanSolver.Replan(problem, roster, Saturday, [], [], Options, TestContext.Current.CancellationToken);

        Assert.True(replan.After.UnmetDemandHours <= before);
        if (replan.After.UnmetDemandHours == before)
        {
            Assert.Empty(replan.Changes);
        }

        Assert.Equal(Sorted(roster.Duties.Where(d => d.Day != Saturday)), Sorted(replan.Roster.Duties.Where(d => d.Day != Saturday)));
    }

    [Fact]
    public void Same_input_same_answer()
    {
        var problem = SmallScenario.Problem();
        var roster = FixedThreeShiftPlanner.Plan(problem);
        var sick = roster.Duties.Where(d => d.Day == Saturday).Select(d => d.OfficerId).Order(StringComparer.Ordinal).Take(2).ToList();
        PlannedEvent[] events = [new("A", Saturday, 17, 23, 3)];

        var one = DayReplanSolver.Replan(problem, roster, Saturday, events, sick, Options, TestContext.Current.CancellationToken);
        var two = DayReplanSolver.Replan(problem, roster, Saturday, events, sick, Options, TestContext.Current.CancellationToken);

        Assert.Equal(Sorted(one.Roster.Duties), Sorted(two.Roster.Duties));
        Assert.Equal(one.Changes, two.Changes);
    }

    [Fact]
    public void An_event_outside_the_day_or_the_plan_is_refused()
    {
        var problem = SmallScenario.Problem();
        var roster = FixedThreeShiftPlanner.Plan(problem);
        Assert.Throws<ArgumentException>(() => DayReplanSolver.Replan(problem, roster, Saturday, [new PlannedEvent("Z", Saturday, 18, 22, 1)], [], Options, TestContext.Current.CancellationToken));
        Assert.Throws<ArgumentException>(() => DayReplanSolver.Replan(problem, roster, Saturday, [new PlannedEvent("C", 4, 18, 22, 1)], [], Options, TestContext.Current.CancellationToken));
    }

    [Fact]
    public void A_solve_that_fails_leaves_the_greedy_re_plan_standing_and_says_so()
    {
        var problem = SmallScenario.Problem();
        var roster = FixedThreeShiftPlanner.Plan(problem);
        var sick = roster.Duties.Where(d => d.Day == Saturday).Select(d => d.OfficerId).Order(StringComparer.Ordinal).Take(2).ToList();
        PlannedEvent[] events = [new("C", Saturday, 18, 23, 2)];
        // CP-SAT refuses a negative worker count as an invalid model (MODEL_INVALID): a solve that yields no answer at all,
        // which is the path a solve that finds nothing in its time takes as well.
        var failing = Options with { Workers = -1 };

        var greedy = DayReplanner.Replan(problem, roster, Saturday, events, sick);
        var replan = DayReplanSolver.Replan(problem, roster, Saturday, events, sick, failing, TestContext.Current.CancellationToken);

        Assert.Equal(DayReplanMethod.GreedyFallback, replan.Method);
        Assert.Equal(Sorted(greedy.Roster.Duties), Sorted(replan.Roster.Duties));
        Assert.Equal(greedy.Changes, replan.Changes);
        Assert.Equal(greedy.After.UnmetDemandHours, replan.After.UnmetDemandHours);
        Assert.DoesNotContain(replan.Roster.Duties, d => d.Day == Saturday && sick.Contains(d.OfficerId));
        Assert.Equal(Sorted(roster.Duties.Where(d => d.Day != Saturday)), Sorted(replan.Roster.Duties.Where(d => d.Day != Saturday)));
    }

    /// <summary>Officers not in the list work that day exactly as before; the listed ones as the list says.</summary>
    private static void AssertChangesAreTheDifference(Roster roster, DayReplan replan, int day)
    {
        var listed = replan.Changes.Select(c => c.OfficerId).ToHashSet(StringComparer.Ordinal);
        var before = roster.Duties.Where(d => d.Day == day).ToLookup(d => d.OfficerId, StringComparer.Ordinal);
        var after = replan.Roster.Duties.Where(d => d.Day == day).ToLookup(d => d.OfficerId, StringComparer.Ordinal);
        foreach (var id in replan.Problem.Officers.Select(o => o.Id).Where(id => !listed.Contains(id)))
        {
            Assert.Equal(Sorted(before[id]), Sorted(after[id]));
        }

        foreach (var c in replan.Changes.Where(c => c.Kind is RosterChangeKind.Moved or RosterChangeKind.Added or RosterChangeKind.Retimed))
        {
            Assert.Contains(after[c.OfficerId], d => d.StartHourOfWeek == c.StartHourOfWeek && d.LengthHours == c.LengthHours && d.Area == c.ToArea);
        }
    }

    private static long SickHours(Roster roster, int day, List<string> sick) =>
        roster.Duties.Where(d => d.Day == day && sick.Contains(d.OfficerId)).Sum(d => (long)d.LengthHours);

    private static List<Duty> Sorted(IEnumerable<Duty> duties) =>
        duties.OrderBy(d => d.OfficerId, StringComparer.Ordinal).ThenBy(d => d.StartHourOfWeek).ThenBy(d => d.Area, StringComparer.Ordinal).ToList();
}
