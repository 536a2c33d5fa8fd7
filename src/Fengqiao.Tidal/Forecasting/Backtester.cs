using NodaTime;
using Fengqiao.Tidal.Demand;
using Fengqiao.Tidal.Incidents;

namespace Fengqiao.Tidal.Forecasting;

/// <summary>One method's back-test scores, averaged over the test weeks.</summary>
/// <param name="Pai">PAI at the hotspot share, spatial: areas ranked by the week's forecast total.</param>
/// <param name="Pei">PEI* at the hotspot share, spatial.</param>
/// <param name="PaiAreaHour">PAI when the cells are area-hours (where and when to patrol).</param>
/// <param name="PeiAreaHour">PEI* over area-hour cells.</param>
public sealed record MethodScore(string Method, double Mae, double Rmse, double Pai, double Pei, double PaiAreaHour, double PeiAreaHour);

/// <summary>Back-test results and how they were obtained.</summary>
public sealed record BacktestReport(
    LocalDate TrainFrom,
    LocalDate TrainTo,
    LocalDate TestTo,
    int TrainWeeks,
    int TestWeeks,
    int Areas,
    double TestIncidents,
    double HotspotShare,
    IReadOnlyList<MethodScore> Methods);

/// <summary>
/// Rolling-origin back-test: each test week is forecast from every whole week before it (the model never sees the
/// week it is scored on). Training ends on <c>trainTo</c> inclusive; buckets are 7-day blocks counted backwards
/// from there.
/// </summary>
public static class Backtester
{
    public static IReadOnlyList<IDemandForecaster> StandardMethods() =>
    [
        new SeasonalNaiveForecaster(1),
        new SeasonalNaiveForecaster(4),
        new KdeHotspotForecaster(),
        new ProfileForecaster(),
    ];

    public static BacktestReport Run(
        IReadOnlyList<Incident> incidents,
        LocalDate trainTo,
        int testWeeks,
        IEnumerable<IDemandForecaster>? methods = null,
        double hotspotShare = 0.05,
        IReadOnlyList<string>? areas = null,
        IProgress<double>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(incidents);
        ArgumentOutOfRangeException.ThrowIfLessThan(testWeeks, 1);
        if (incidents.Count == 0)
        {
            throw new ArgumentException("no incidents to back-test on", nameof(incidents));
        }

        var testStart = trainTo.PlusDays(1).AtMidnight();
        var first = incidents.Min(i => i.Time);
        var trainWeeks = (int)(Period.Between(first, testStart, PeriodUnits.Hours).Hours / HourOfWeek.Count);
        if (trainWeeks < 2)
        {
            throw new ArgumentException("need at least two whole weeks of history before the test period");
        }

        var start = testStart.PlusWeeks(-trainWeeks);
        areas ??= incidents.Where(i => i.Time >= start && i.Time < testStart)
            .Select(i => i.Area).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var history = WeeklyHistory.Build(incidents, areas, start, trainWeeks + testWeeks);
        var methodList = (methods ?? StandardMethods()).ToList();
        var scores = new List<MethodScore>();
        double testTotal = 0;
        for (var w = 0; w < testWeeks; w++)
        {
            testTotal += history.WeekMatrix(trainWeeks + w).Sum();
        }

        var step = 0;
        foreach (var method in methodList)
        {
            double mae = 0, rmse = 0, pai = 0, pei = 0, paiAh = 0, peiAh = 0;
            for (var w = 0; w < testWeeks; w++)
            {
                var train = history.Take(trainWeeks + w);
                var forecast = method.Forecast(train);
                var actual = history.WeekMatrix(trainWeeks + w);
                mae += ForecastMetrics.Mae(forecast, actual);
                rmse += ForecastMetrics.Rmse(forecast, actual);
                var spatial = ForecastMetrics.Hotspot(AreaTotals(forecast, areas.Count), AreaTotals(actual, areas.Count), hotspotShare);
                var spaceTime = ForecastMetrics.Hotspot(forecast, actual, hotspotShare);
                pai += spatial.Pai;
                pei += spatial.Pei;
                paiAh += spaceTime.Pai;
                peiAh += spaceTime.Pei;
                progress?.Report(++step / (double)(methodList.Count * testWeeks));
            }

            scores.Add(new MethodScore(method.Name, mae / testWeeks, rmse / testWeeks, pai / testWeeks, pei / testWeeks, paiAh / testWeeks, peiAh / testWeeks));
        }

        return new BacktestReport(start.Date, trainTo, trainTo.PlusWeeks(testWeeks), trainWeeks, testWeeks, areas.Count, testTotal, hotspotShare, scores);
    }

    private static double[] AreaTotals(double[] m, int areas)
    {
        var t = new double[areas];
        for (var a = 0; a < areas; a++)
        {
            for (var h = 0; h < HourOfWeek.Count; h++)
            {
                t[a] += m[(a * HourOfWeek.Count) + h];
            }
        }

        return t;
    }
}
