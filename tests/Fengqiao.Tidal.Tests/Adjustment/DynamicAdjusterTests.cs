using Fengqiao.Tidal.Adjustment;
using Fengqiao.Tidal.Demand;
using Fengqiao.Tidal.Incidents;
using NodaTime;

namespace Fengqiao.Tidal.Tests.Adjustment;

public class DynamicAdjusterTests
{
    private static readonly LocalDateTime Now = new(2010, 7, 9, 22, 0); // a Friday

    [Fact]
    public void Poisson_tail_by_hand()
    {
        Assert.Equal(1 - Math.Exp(-2), DynamicAdjuster.PoissonUpperTail(1, 2), 12);
        Assert.Equal(1 - (Math.Exp(-2) * (1 + 2)), DynamicAdjuster.PoissonUpperTail(2, 2), 12);
        Assert.Equal(1, DynamicAdjuster.PoissonUpperTail(0, 5));
    }

    [Fact]
    public void A_burst_above_forecast_draws_a_unit_from_the_quiet_neighbour_not_the_far_one()
    {
        string[] areas = ["HOT", "NEAR", "FAR"];
        var forecast = Enumerable.Repeat(0.5, areas.Length * HourOfWeek.Count).ToArray();
        var burst = Enumerable.Range(0, 8).Select(i => new Incident(Now.PlusMinutes(-10 * i), "HOT", "disturbance")).ToList();
        GeoPoint?[] centroids = [new GeoPoint(29.75, -95.36), new GeoPoint(29.76, -95.37), new GeoPoint(30.5, -96.5)];

        var advice = DynamicAdjuster.Advise(areas, forecast, burst, Now, [1, 3, 3], centroids);

        var hot = Assert.Single(advice.Areas, a => a.Hot);
        Assert.Equal("HOT", hot.Area);
        Assert.Equal(8, hot.Observed);
        Assert.Equal(1.5, hot.Expected, 9);
        Assert.NotEmpty(advice.Moves);
        Assert.All(advice.Moves, m => Assert.Equal(("NEAR", "HOT"), (m.FromArea, m.ToArea)));
        var first = advice.Moves[0];
        Assert.True(first.HotWaitAfterMinutes < first.HotWaitBeforeMinutes);
        Assert.True(first.HotServiceLevelAfter > first.HotServiceLevelBefore);
    }

    [Fact]
    public void Quiet_day_gives_no_moves()
    {
        string[] areas = ["A", "B"];
        var forecast = Enumerable.Repeat(1.0, areas.Length * HourOfWeek.Count).ToArray();
        var normal = new[] { new Incident(Now.PlusMinutes(-30), "A", "t"), new Incident(Now.PlusMinutes(-90), "B", "t") };
        var advice = DynamicAdjuster.Advise(areas, forecast, normal, Now, [2, 2]);
        Assert.DoesNotContain(advice.Areas, a => a.Hot);
        Assert.Empty(advice.Moves);
    }
}
