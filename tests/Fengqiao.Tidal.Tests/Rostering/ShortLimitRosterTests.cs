using CsCheck;
using Fengqiao.Tidal.Demand;
using Fengqiao.Tidal.Rostering;
using NodaTime;

namespace Fengqiao.Tidal.Tests.Rostering;

/// <summary>
/// Less solver time may buy more unmet demand, never a broken rule: whatever a stage had time for, the planner returns a
/// roster the checker accepts, or says there is none (<see cref="NoValidRosterException"/>).
/// </summary>
public class ShortLimitRosterTests
{
    /// <summary>Every CP-SAT call stops after presolve without a solution: what a very busy machine does to a short limit.</summary>
    private const string NoSolverSolution = "stop_after_presolve:true";

    public static TheoryData<RosterModel, bool> ModelsAndScenarios => new()
    {
        { RosterModel.TwoStage, false },
        { RosterModel.WeeklyTemplate, false },
        { RosterModel.TwoStage, true },
        { RosterModel.WeeklyTemplate, true },
    };

    [Theory]
    [MemberData(nameof(ModelsAndScenarios))]
    public void A_solver_with_no_solution_in_time_still_gives_a_roster_the_checker_accepts(RosterModel model, bool webScenario)
    {
        var problem = webScenario ? WebLikeScenario.Problem() : SmallScenario.Problem();
        var options = new SolverOptions { Model = model, TimeLimitSeconds = 1, Workers = 1, ExtraParameters = NoSolverSolution };

        var result = new TidalRosterPlanner(options).Plan(problem, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Empty(result.Violations);
        Assert.Empty(RosterChecker.Check(problem, result.Roster));
        Assert.Equal(RosterEvaluator.Evaluate(problem, result.Roster).UnmetDemandHours, result.Metrics.UnmetDemandHours);
    }

    public static TheoryData<RosterModel, double> ShortLimits => new()
    {
        { RosterModel.TwoStage, 0.5 },
        { RosterModel.TwoStage, 1 },
        { RosterModel.TwoStage, 2 },
        { RosterModel.WeeklyTemplate, 0.5 },
        { RosterModel.WeeklyTemplate, 2 },
    };

    [Theory]
    [MemberData(nameof(ShortLimits))]
    public void A_short_limit_on_one_worker_gives_a_valid_roster_or_says_there_is_none(RosterModel model, double seconds)
    {
        var problem = WebLikeScenario.Problem();
        var options = new SolverOptions { Model = model, TimeLimitSeconds = seconds, Workers = 1 };

        var result = PlanOrNone(problem, options);

        // The web scenario has a valid roster; "none" would be honest but is not expected here.
        Assert.NotNull(result);
        Assert.Empty(result.Violations);
        Assert.Empty(RosterChecker.Check(problem, result.Roster));
    }

    [Fact]
    public void A_post_nobody_may_stand_is_reported_as_no_valid_roster_not_returned_broken()
    {
        // The only patrol officer asked for Monday off, and the school post is on Monday.
        var problem = new RosterProblem(
            ["A"],
            new int[HourOfWeek.Count],
            null,
            [new Officer("P1", "Patrol 1", Skill.Patrol, 48, [IsoDayOfWeek.Monday]), new Officer("T1", "Traffic 1", Skill.Traffic)],
            PlanScenario.StaggeredShifts(2),
            [new KeyPost("school", "School", "A", KeySiteKind.School, [IsoDayOfWeek.Monday], 7, 9)]);

        foreach (var model in new[] { RosterModel.TwoStage, RosterModel.WeeklyTemplate })
        {
            var error = Assert.Throws<NoValidRosterException>(() => new TidalRosterPlanner(new SolverOptions { Model = model, TimeLimitSeconds = 1, Workers = 1 })
                .Plan(problem, cancellationToken: TestContext.Current.CancellationToken));
            Assert.Contains(error.Violations, v => v.Rule == "post-coverage" && v.Subject == "school");
            Assert.Contains("no roster meeting every rule was found", error.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void An_unstaffed_post_gets_an_officer_who_gives_up_a_shift_when_everyone_is_fully_booked()
    {
        // Five patrol officers each work their five days at 12:00 in B; the morning market in A needs one of them daily.
        // Nobody's shift covers 06:00–10:00 and nobody may take a sixth day, so one must give a shift up to stand it.
        var problem = new RosterProblem(
            ["A", "B"],
            new int[2 * HourOfWeek.Count],
            null,
            [.. Enumerable.Range(1, 5).Select(i => new Officer($"P{i}", $"Patrol {i}", Skill.Patrol))],
            PlanScenario.StaggeredShifts(2),
            [new KeyPost("market", "Market", "A", KeySiteKind.Market, [.. Enumerable.Range(1, 7).Select(d => (IsoDayOfWeek)d)], 6, 10)]);
        var booked = Enumerable.Range(1, 5)
            .SelectMany(i => Enumerable.Range(0, 5).Select(k => new Duty($"P{i}", "B", ((((i - 1) + k) % 7) * 24) + 12, 8)))
            .ToList();
        Assert.Empty(RosterChecker.Check(problem, new Roster("t", booked, []), requirePostCoverage: false));

        var covered = RosterCleanup.CoverPosts(problem, booked);

        Assert.Empty(RosterChecker.Check(problem, new Roster("t", covered, PostAssigner.Assign(problem, covered))));
        Assert.InRange(booked.Count - covered.Count(booked.Contains), 1, 7); // at most one shift given up per market morning
    }

    /// <summary>Small random weeks with room to stand every post (8+ patrol officers, at most two posts a day of ≤ 6 h).</summary>
    private static readonly Gen<RosterProblem> Weeks =
        Gen.Select(Gen.Int[1, 3], Gen.Int[8, 12], Gen.Int[0, 3], Gen.Int[0, 3], Gen.Int[0, 2], Gen.Int[0, int.MaxValue])
            .Select((areas, patrol, traffic, combined, posts, seed) => RandomWeek(areas, patrol, traffic, combined, posts, seed));

    [Fact]
    public void Any_small_week_with_room_for_its_posts_gets_a_valid_roster_from_a_starved_solver()
    {
        Weeks.Sample(
            problem =>
            {
                foreach (var model in new[] { RosterModel.TwoStage, RosterModel.WeeklyTemplate })
                {
                    var result = PlanOrNone(problem, new SolverOptions { Model = model, TimeLimitSeconds = 1, Workers = 1, ExtraParameters = NoSolverSolution });
                    Assert.NotNull(result);
                    Assert.Empty(RosterChecker.Check(problem, result.Roster));
                }
            },
            iter: 12,
            threads: 1);
    }

    private static PlanResult? PlanOrNone(RosterProblem problem, SolverOptions options)
    {
        try
        {
            var result = new TidalRosterPlanner(options).Plan(problem, cancellationToken: TestContext.Current.CancellationToken);
            // A roster handed back is a valid one: the planner never reports success on a broken roster.
            Assert.Empty(RosterChecker.Check(problem, result.Roster));
            return result;
        }
        catch (NoValidRosterException)
        {
            return null;
        }
    }

    private static RosterProblem RandomWeek(int areaCount, int patrol, int traffic, int combined, int postCount, int seed)
    {
        const int H = HourOfWeek.Count;
        var rng = new Random(seed);
        var areas = Enumerable.Range(0, areaCount).Select(a => ((char)('A' + a)).ToString()).ToList();
        var patrolUnits = Enumerable.Range(0, areaCount * H).Select(_ => rng.Next(0, 3)).ToArray();
        var trafficUnits = Enumerable.Range(0, areaCount * H).Select(i => i % 24 is >= 7 and < 10 ? rng.Next(0, 2) : 0).ToArray();
        IsoDayOfWeek Day() => (IsoDayOfWeek)rng.Next(1, 8);
        var officers = Enumerable.Range(0, patrol).Select(i => new Officer($"P{i}", $"Patrol {i}", Skill.Patrol, rng.Next(40, 49), i < 2 ? [Day()] : null))
            .Concat(Enumerable.Range(0, traffic).Select(i => new Officer($"T{i}", $"Traffic {i}", Skill.Traffic)))
            .Concat(Enumerable.Range(0, combined).Select(i => new Officer($"C{i}", $"Combined {i}", Skill.Combined, 48, [Day()])))
            .ToList();
        var posts = Enumerable.Range(0, postCount).Select(i =>
        {
            var start = rng.Next(0, 24);
            var days = Enumerable.Range(1, 7).Where(_ => rng.Next(2) == 0).Select(d => (IsoDayOfWeek)d).DefaultIfEmpty(Day()).ToList();
            return new KeyPost($"post-{i}", $"Post {i}", areas[rng.Next(areaCount)], KeySiteKind.Other, days, start, start + rng.Next(1, 7));
        }).ToList();
        return new RosterProblem(areas, patrolUnits, trafficUnits, officers, PlanScenario.StaggeredShifts(rng.Next(2, 5), 6, 18), posts)
        {
            WeekStart = new LocalDate(2026, 3, 2),
        };
    }
}
