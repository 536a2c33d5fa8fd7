using Fengqiao.Tidal.Adjustment;
using Fengqiao.Tidal.Demand;
using Fengqiao.Tidal.Demo;
using Fengqiao.Tidal.Incidents;
using Fengqiao.Tidal.Rostering;
using NodaTime;

namespace Fengqiao.Tidal.Tests.Adjustment;

/// <summary>The 情指行 centre's live rule: today's calls against the forecast, who is on duty now, whom to move where.</summary>
public class LiveWatchTests
{
    private static readonly string[] Areas = ["城区一", "城区二", "城区三"];

    /// <summary>The time the tests run at, set by the test: a Wednesday afternoon in the district.</summary>
    private sealed class StoppedClock(Instant at) : IClock
    {
        public Instant GetCurrentInstant() => at;
    }

    private static readonly IClock Clock = new StoppedClock(Instant.FromUtc(2026, 12, 9, 6, 50)); // 14:50 in Asia/Shanghai

    private static LocalDateTime Now => Clock.GetCurrentInstant().Plus(Duration.FromHours(8)).InUtc().LocalDateTime;

    private static (RosterProblem Problem, Roster Roster, double[] Forecast) Day()
    {
        const int H = HourOfWeek.Count;
        var officers = Enumerable.Range(1, 7).Select(i => new Officer($"65300{i}", $"警员{i}", Skill.Patrol)).ToList();
        var problem = new RosterProblem(Areas, new int[Areas.Length * H], null, officers, [new ShiftTemplate(8, 10)]);
        var wednesday8 = (2 * 24) + 8;
        // 城区一 one officer, 城区二 four (653005 ends soonest), 城区三 one on duty (653007 works tomorrow).
        var roster = new Roster("test",
        [
            new Duty("653001", "城区一", wednesday8, 10),
            new Duty("653002", "城区二", wednesday8, 10),
            new Duty("653003", "城区二", wednesday8, 10),
            new Duty("653004", "城区二", wednesday8 + 2, 8),
            new Duty("653005", "城区二", wednesday8 - 2, 10),
            new Duty("653006", "城区三", wednesday8, 10),
            new Duty("653007", "城区三", wednesday8 + 24, 10),
        ], []);
        var forecast = Enumerable.Repeat(0.5, Areas.Length * H).ToArray();
        return (problem, roster, forecast);
    }

    private static List<Incident> Calls(int hotCalls)
    {
        var day = Now.Date;
        var calls = new List<Incident>();
        for (var k = 0; k < hotCalls; k++)
        {
            calls.Add(new Incident(day.At(new LocalTime(12, 5 * k)), "城区一", "治安警情"));
        }

        calls.Add(new Incident(day.At(new LocalTime(9, 0)), "城区二", "群众求助"));
        calls.Add(new Incident(day.At(new LocalTime(13, 0)), "城区三", "交通警情"));
        calls.Add(new Incident(day.At(new LocalTime(15, 30)), "城区二", "群众求助")); // after now: not counted yet
        return calls;
    }

    [Fact]
    public void An_area_running_hot_gets_named_officers_from_the_quiet_area_with_the_most_on_duty()
    {
        var (problem, roster, forecast) = Day();

        var board = LiveWatch.Build(problem, roster, forecast, Calls(8), Now, []);

        Assert.Equal(new LocalDateTime(2026, 12, 9, 14, 50), board.Now);
        var hot = Assert.Single(board.HotAreas);
        Assert.Equal("城区一", hot.Area);
        Assert.Equal(8, hot.Actual[12]);
        Assert.Equal(0, hot.Actual[15]);
        Assert.Equal(10, board.CallsToday); // the 15:30 call has not come in yet
        Assert.Equal(["653001"], board.Areas[0].OnDuty);
        Assert.Equal(4, board.Areas[1].OnDuty.Count);
        Assert.Equal(["653006"], board.Areas[2].OnDuty);

        var move = Assert.Single(board.Suggestions);
        Assert.Equal(("城区二", "城区一"), (move.FromArea, move.ToArea));
        // The officers with the most of their shift left go first (until 18:00), 653005 (until 16:00) last; 城区三's
        // only officer stays where he is.
        Assert.Equal("653002", move.Officers[0]);
        Assert.InRange(move.Officers.Count, 1, 3);
        Assert.DoesNotContain("653005", move.Officers);
        Assert.True(move.HotWaitAfterMinutes < move.HotWaitBeforeMinutes);
    }

    [Fact]
    public void A_quiet_day_suggests_nothing()
    {
        var (problem, roster, forecast) = Day();
        var board = LiveWatch.Build(problem, roster, forecast, Calls(1), Now, []);
        Assert.Empty(board.HotAreas);
        Assert.Empty(board.Suggestions);
    }

    [Fact]
    public void A_decided_suggestion_is_not_offered_again_that_hour_and_an_accepted_move_counts_the_officers_where_they_went()
    {
        var (problem, roster, forecast) = Day();
        var first = Assert.Single(LiveWatch.Build(problem, roster, forecast, Calls(8), Now, []).Suggestions);

        var dismissed = new LiveDecision(Now, first.FromArea, first.ToArea, first.Officers, false, "值班长");
        Assert.Empty(LiveWatch.Build(problem, roster, forecast, Calls(8), Now.PlusMinutes(5), [dismissed]).Suggestions);

        var accepted = dismissed with { Accepted = true };
        var later = LiveWatch.Build(problem, roster, forecast, Calls(8), Now.PlusMinutes(5), [accepted]);
        Assert.Equal(1 + first.Officers.Count, later.Areas[0].OnDuty.Count);
        Assert.Equal(4 - first.Officers.Count, later.Areas[1].OnDuty.Count);

        // Yesterday's decisions do not move anyone today.
        var yesterday = accepted with { Now = Now.PlusDays(-1) };
        Assert.Single(LiveWatch.Build(problem, roster, forecast, Calls(8), Now, [yesterday]).Areas[0].OnDuty);
    }

    [Fact]
    public void The_demo_districts_live_day_has_calls_up_to_now_only_and_the_same_calls_for_the_same_time()
    {
        var pattern = Fengqiao.Tidal.Tests.Rostering.WebLikeScenario.HoustonDemo();
        var calls = KaramayDemo.LiveDay(pattern, Now);
        Assert.NotEmpty(calls);
        Assert.All(calls, c => Assert.True(c.Time <= Now && c.Time.Date == Now.Date));
        Assert.Equal(calls, KaramayDemo.LiveDay(pattern, Now));
        // An hour keeps its calls as the day goes on (outside the hot hours).
        var later = KaramayDemo.LiveDay(pattern, Now.PlusHours(4));
        Assert.Equal(calls.Where(c => c.Time.Hour < 8), later.Where(c => c.Time.Hour < 8));
    }
}
