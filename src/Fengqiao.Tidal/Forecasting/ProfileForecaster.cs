using Fengqiao.Tidal.Demand;

namespace Fengqiao.Tidal.Forecasting;

/// <summary>Settings of <see cref="ProfileForecaster"/>.</summary>
/// <param name="LevelHalfLifeWeeks">Half-life of the exponentially weighted recent weekly level.</param>
/// <param name="LevelPriorWeeks">Weight (in weeks) of the long-run, trend-adjusted level the recent level is shrunk towards.</param>
/// <param name="ProfilePriorCount">Pseudo-incidents of the city-wide hour-of-week profile mixed into each area's profile.</param>
/// <param name="Smoothing">Share of each hour's count spread to the two neighbouring hours (0 keeps spikes such as midnight).</param>
public sealed record ProfileSettings(double LevelHalfLifeWeeks = 4, double LevelPriorWeeks = 2, double ProfilePriorCount = 100, double Smoothing = 0);

/// <summary>
/// Our model ("tidal-profile"): expected count = level × profile.
/// The level is an area's exponentially weighted recent weekly count, shrunk (Poisson–gamma empirical Bayes) towards
/// its long-run mean scaled by the city-wide recent trend; the profile is the area's own hour-of-week shares,
/// shrunk towards the city-wide profile so that sparse areas borrow the city's rhythm. With
/// <see cref="TuneOnHistory"/> the four settings are chosen by rolling-origin validation on the last training
/// weeks only (never on the weeks being tested).
/// </summary>
public sealed class ProfileForecaster(ProfileSettings? settings = null, bool tuneOnHistory = true, int validationWeeks = 4) : IDemandForecaster
{
    /// <summary>The fixed settings, used as they are when tuning is off or the history is too short to tune on.</summary>
    public ProfileSettings Settings { get; } = settings ?? new ProfileSettings();

    /// <summary>Settings chosen by the most recent tuned forecast (for reports; each call tunes on its own history).</summary>
    public ProfileSettings? LastTuned { get; private set; }

    public bool TuneOnHistory { get; } = tuneOnHistory;

    public string Name => "tidal-profile";

    public double[] Forecast(WeeklyHistory history)
    {
        ArgumentNullException.ThrowIfNull(history);
        var used = Settings;
        if (TuneOnHistory && history.Weeks > validationWeeks + 4)
        {
            used = Tune(history, validationWeeks);
            LastTuned = used;
        }

        return Forecast(history, used);
    }

    /// <summary>Grid search over settings, scored by MAE per area-hour on one-week-ahead forecasts of the last training weeks.</summary>
    public static ProfileSettings Tune(WeeklyHistory history, int validationWeeks)
    {
        ArgumentNullException.ThrowIfNull(history);
        var best = new ProfileSettings();
        var bestScore = double.MaxValue;
        var folds = Enumerable.Range(history.Weeks - validationWeeks, validationWeeks)
            .Select(w => (train: history.Take(w), actual: history.WeekMatrix(w)))
            .ToList();
        foreach (var halfLife in new[] { 1.0, 2, 4, 8, 16 })
        {
            foreach (var prior in new[] { 0.0, 2, 8 })
            {
                foreach (var profilePrior in new[] { 20.0, 100, 400 })
                {
                    foreach (var smoothing in new[] { 0.0, 0.2 })
                    {
                        var s = new ProfileSettings(halfLife, prior, profilePrior, smoothing);
                        double score = 0;
                        foreach (var (train, actual) in folds)
                        {
                            score += ForecastMetrics.Mae(Forecast(train, s), actual);
                        }

                        if (score < bestScore - 1e-12)
                        {
                            bestScore = score;
                            best = s;
                        }
                    }
                }
            }
        }

        return best;
    }

    public static double[] Forecast(WeeklyHistory history, ProfileSettings s)
    {
        ArgumentNullException.ThrowIfNull(history);
        ArgumentNullException.ThrowIfNull(s);
        const int H = HourOfWeek.Count;
        var areas = history.Areas.Count;
        var weeks = history.Weeks;
        var f = new double[areas * H];
        if (weeks == 0)
        {
            return f;
        }

        var decay = Math.Pow(0.5, 1.0 / s.LevelHalfLifeWeeks);
        var weights = new double[weeks];
        double weightSum = 0;
        for (var w = 0; w < weeks; w++)
        {
            weights[w] = Math.Pow(decay, weeks - 1 - w);
            weightSum += weights[w];
        }

        // City-wide trend: recent weighted level over the long-run level (summer rises, holiday dips).
        var weekTotals = new double[areas, weeks];
        double cityRecent = 0, cityLong = 0;
        for (var a = 0; a < areas; a++)
        {
            for (var w = 0; w < weeks; w++)
            {
                var t = history.WeekTotal(a, w);
                weekTotals[a, w] = t;
                cityRecent += weights[w] * t;
                cityLong += t;
            }
        }

        cityRecent /= weightSum;
        cityLong /= weeks;
        var trend = cityLong > 0 ? cityRecent / cityLong : 1.0;

        var cityProfile = new double[H];
        var areaProfile = new double[areas, H];
        for (var a = 0; a < areas; a++)
        {
            for (var w = 0; w < weeks; w++)
            {
                for (var h = 0; h < H; h++)
                {
                    var n = history[a, w, h];
                    areaProfile[a, h] += n;
                    cityProfile[h] += n;
                }
            }
        }

        var cityTotal = cityProfile.Sum();
        for (var a = 0; a < areas; a++)
        {
            double recent = 0, longRun = 0;
            for (var w = 0; w < weeks; w++)
            {
                recent += weights[w] * weekTotals[a, w];
                longRun += weekTotals[a, w];
            }

            longRun /= weeks;
            var level = (recent + (s.LevelPriorWeeks * longRun * trend)) / (weightSum + s.LevelPriorWeeks);

            // Circular smoothing over neighbouring hours, then shrinkage to the city profile.
            var smoothed = new double[H];
            double areaTotal = 0;
            for (var h = 0; h < H; h++)
            {
                var prev = areaProfile[a, (h + H - 1) % H];
                var next = areaProfile[a, (h + 1) % H];
                smoothed[h] = ((1 - s.Smoothing) * areaProfile[a, h]) + (s.Smoothing / 2 * (prev + next));
                areaTotal += smoothed[h];
            }

            for (var h = 0; h < H; h++)
            {
                var prior = cityTotal > 0 ? cityProfile[h] / cityTotal : 1.0 / H;
                var share = (smoothed[h] + (s.ProfilePriorCount * prior)) / (areaTotal + s.ProfilePriorCount);
                f[(a * H) + h] = level * share;
            }
        }

        return f;
    }
}
