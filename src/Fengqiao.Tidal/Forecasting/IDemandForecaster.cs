namespace Fengqiao.Tidal.Forecasting;

/// <summary>Forecasts the next 7-day bucket's expected incidents per area-hour from the history before it.</summary>
public interface IDemandForecaster
{
    string Name { get; }

    /// <summary>Expected counts, area-major: <c>[area * 168 + hourOfWeek]</c>, for the bucket right after <paramref name="history"/>.</summary>
    double[] Forecast(WeeklyHistory history);
}
