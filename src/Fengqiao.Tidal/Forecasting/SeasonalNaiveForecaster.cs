using Fengqiao.Tidal.Demand;

namespace Fengqiao.Tidal.Forecasting;

/// <summary>Seasonal naive: the same hour-of-week in the last <see cref="Weeks"/> weeks, averaged (1 = plain "same hour last week").</summary>
public sealed class SeasonalNaiveForecaster(int weeks = 1) : IDemandForecaster
{
    public int Weeks { get; } = weeks >= 1 ? weeks : throw new ArgumentOutOfRangeException(nameof(weeks));

    public string Name => Weeks == 1 ? "seasonal-naive" : $"seasonal-naive-{Weeks}w";

    public double[] Forecast(WeeklyHistory history)
    {
        ArgumentNullException.ThrowIfNull(history);
        var k = Math.Min(Weeks, history.Weeks);
        var f = new double[history.Areas.Count * HourOfWeek.Count];
        for (var a = 0; a < history.Areas.Count; a++)
        {
            for (var h = 0; h < HourOfWeek.Count; h++)
            {
                double s = 0;
                for (var w = history.Weeks - k; w < history.Weeks; w++)
                {
                    s += history[a, w, h];
                }

                f[(a * HourOfWeek.Count) + h] = k > 0 ? s / k : 0;
            }
        }

        return f;
    }
}
