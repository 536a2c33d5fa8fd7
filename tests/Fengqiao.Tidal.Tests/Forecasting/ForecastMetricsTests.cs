using Fengqiao.Tidal.Demand;
using Fengqiao.Tidal.Forecasting;
using Fengqiao.Tidal.Incidents;
using NodaTime;

namespace Fengqiao.Tidal.Tests.Forecasting;

public class ForecastMetricsTests
{
    [Fact]
    public void Mae_and_rmse_by_hand()
    {
        double[] f = [1, 2, 3, 4];
        double[] y = [2, 2, 1, 4];
        Assert.Equal(0.75, ForecastMetrics.Mae(f, y), 12); // (1 + 0 + 2 + 0) / 4
        Assert.Equal(Math.Sqrt(5.0 / 4), ForecastMetrics.Rmse(f, y), 12);
    }

    [Fact]
    public void Pai_and_pei_by_hand()
    {
        // 20 equal cells, 5 % = 1 cell. The forecast's top cell holds 3 of 20 incidents; the best cell holds 5.
        var f = new double[20];
        var y = new double[20];
        f[0] = 9; y[0] = 3;
        y[1] = 5;
        for (var i = 2; i < 14; i++)
        {
            y[i] = 1;
        }

        var s = ForecastMetrics.Hotspot(f, y, 0.05);
        Assert.Equal(0.05, s.AreaShare, 12);
        Assert.Equal(3.0 / 20 / 0.05, s.Pai, 12); // (n/N)/(a/A) = 0.15 / 0.05 = 3
        Assert.Equal(3.0 / 5, s.Pei, 12); // n/n*
    }

    [Fact]
    public void Perfect_ranking_has_pei_one()
    {
        double[] y = [0, 7, 1, 2, 0, 0, 0, 0, 0, 0];
        var s = ForecastMetrics.Hotspot(y, y, 0.1);
        Assert.Equal(1, s.Pei, 12);
        Assert.Equal(7.0 / 10 / 0.1, s.Pai, 12);
    }

    [Fact]
    public void Seasonal_naive_repeats_last_week_and_averages_k_weeks()
    {
        var start = new LocalDateTime(2010, 1, 4, 0, 0); // Monday
        var incidents = new[]
        {
            new Incident(start.PlusHours(5), "A", "t"),
            new Incident(start.PlusHours(168 + 5), "A", "t"),
            new Incident(start.PlusHours(168 + 5), "A", "t"),
        };
        var h = WeeklyHistory.Build(incidents, ["A"], start, 2);
        Assert.Equal(2, new SeasonalNaiveForecaster(1).Forecast(h)[5]);
        Assert.Equal(1.5, new SeasonalNaiveForecaster(2).Forecast(h)[5]);
        Assert.Equal(0, new SeasonalNaiveForecaster(1).Forecast(h)[6]);
    }

    [Fact]
    public void Profile_forecast_keeps_the_weekly_volume_of_a_steady_area()
    {
        var start = new LocalDateTime(2010, 1, 4, 0, 0);
        var incidents = Enumerable.Range(0, 10).SelectMany(w => new[]
        {
            new Incident(start.PlusHours((w * 168) + 20), "A", "t"),
            new Incident(start.PlusHours((w * 168) + 44), "A", "t"),
        }).ToList();
        var h = WeeklyHistory.Build(incidents, ["A"], start, 10);
        var f = ProfileForecaster.Forecast(h, new ProfileSettings(4, 2, 0, 0));
        Assert.Equal(2, f.Sum(), 9);
        Assert.Equal(1, f[20], 9);
        Assert.Equal(1, f[44], 9);
        Assert.Equal(HourOfWeek.Count, f.Length);
    }
}
