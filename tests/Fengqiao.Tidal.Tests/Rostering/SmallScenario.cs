using Fengqiao.Tidal.Demand;
using Fengqiao.Tidal.Rostering;
using NodaTime;

namespace Fengqiao.Tidal.Tests.Rostering;

/// <summary>A three-area week small enough to solve in a second or two: an evening peak, a school post, traffic windows.</summary>
internal static class SmallScenario
{
    public static RosterProblem Problem(int patrolOfficers = 9)
    {
        const int H = HourOfWeek.Count;
        string[] areas = ["A", "B", "C"];
        var patrol = new int[areas.Length * H];
        var traffic = new int[areas.Length * H];
        for (var h = 0; h < H; h++)
        {
            var hour = h % 24;
            patrol[h] = hour is >= 17 and < 23 ? 2 : 1; // A: evening peak
            patrol[H + h] = hour is >= 9 and < 17 ? 1 : 0; // B: daytime
            patrol[(2 * H) + h] = hour is >= 20 or < 2 ? 1 : 0; // C: night-life
            traffic[h] = h < 120 && hour is >= 7 and < 10 ? 1 : 0; // A: weekday rush
        }

        var officers = Enumerable.Range(1, patrolOfficers).Select(i => new Officer($"P{i:D2}", $"Patrol {i}", Skill.Patrol))
            .Append(new Officer("T01", "Traffic 1", Skill.Traffic))
            .Append(new Officer("C01", "Combined 1", Skill.Combined, 44, [IsoDayOfWeek.Sunday]))
            .Append(new Officer("C02", "Combined 2", Skill.Combined))
            .ToList();
        IsoDayOfWeek[] weekdays = [IsoDayOfWeek.Monday, IsoDayOfWeek.Tuesday, IsoDayOfWeek.Wednesday, IsoDayOfWeek.Thursday, IsoDayOfWeek.Friday];
        var posts = new[] { new KeyPost("school-1", "School 1", "B", KeySiteKind.School, weekdays, 15, 17) };
        return new RosterProblem(areas, patrol, traffic, officers, PlanScenario.StaggeredShifts(2, 8), posts)
        {
            Arrivals = patrol.Select(u => u * 0.6).ToArray(),
            WeekStart = new LocalDate(2026, 3, 2),
        };
    }

    private static PlanResult? _solved;
    private static PlanResult? _twoStage;
    private static readonly Lock Gate = new();

    /// <summary>Solved once and shared with the weekly-template model: the solver is the slow part of these tests.</summary>
    public static PlanResult Solved()
    {
        lock (Gate)
        {
            return _solved ??= new TidalRosterPlanner(new SolverOptions { TimeLimitSeconds = 6, Workers = 2, Model = RosterModel.WeeklyTemplate }).Plan(Problem());
        }
    }

    /// <summary>Solved once and shared with the two-stage model (the default).</summary>
    public static PlanResult SolvedTwoStage()
    {
        lock (Gate)
        {
            return _twoStage ??= new TidalRosterPlanner(new SolverOptions { TimeLimitSeconds = 8, Workers = 2 }).Plan(Problem());
        }
    }
}
