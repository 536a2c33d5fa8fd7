using NodaTime;
using Fengqiao.Tidal.Demand;
using Fengqiao.Tidal.Incidents;
using Fengqiao.Tidal.Staffing;

namespace Fengqiao.Tidal.Adjustment;

/// <summary>The live picture (动态研判) for one area.</summary>
/// <param name="Observed">Incidents in the look-back window.</param>
/// <param name="Expected">Forecast incidents for the same hours.</param>
/// <param name="PValue">P(X ≥ observed) for Poisson(expected): small means the area is running hot, not just noisy.</param>
/// <param name="NextHourRate">Expected calls in the next hour: the forecast scaled by the smoothed observed/expected ratio.</param>
public sealed record AreaStatus(string Area, int Observed, double Expected, double Ratio, double PValue, bool Hot, int UnitsOnDuty, double NextHourRate);

/// <summary>Move units from a quiet neighbour to a hot area, with the expected effect on waiting (Erlang C, minutes).</summary>
public sealed record MoveRecommendation(
    string FromArea,
    string ToArea,
    int Units,
    double? DistanceKm,
    double HotWaitBeforeMinutes,
    double HotWaitAfterMinutes,
    double DonorWaitBeforeMinutes,
    double DonorWaitAfterMinutes,
    double HotServiceLevelBefore,
    double HotServiceLevelAfter);

/// <summary>Areas running above forecast and the moves that help most.</summary>
public sealed record AdjustmentAdvice(LocalDateTime Now, int WindowHours, IReadOnlyList<AreaStatus> Areas, IReadOnlyList<MoveRecommendation> Moves);

/// <summary>Settings of the live adjustment.</summary>
public sealed record AdjustmentOptions
{
    public int WindowHours { get; init; } = 3;

    /// <summary>An area is hot when P(X ≥ observed) under the forecast is below this and it has at least <see cref="MinimumExcess"/> extra incidents.</summary>
    public double Alpha { get; init; } = 0.05;

    public double MinimumExcess { get; init; } = 2;

    /// <summary>Neighbours are areas whose centroids lie within this distance (all areas when centroids are unknown).</summary>
    public double NeighbourRadiusKm { get; init; } = 8;

    public int MaxUnitsPerHotArea { get; init; } = 3;

    /// <summary>Units a donor area always keeps.</summary>
    public int MinimumUnitsKept { get; init; } = 1;

    public double BusyHours { get; init; } = 55 / 60.0;

    public double TargetWaitMinutes { get; init; } = 5;
}

/// <summary>
/// Dynamic adjustment (动态调整): compares the last hours' incidents with the forecast, flags areas running
/// significantly above it (Poisson tail test), and greedily moves single units from the quietest neighbouring areas
/// while the arrival-weighted waiting saved in the hot area exceeds the waiting added in the donor area.
/// </summary>
public static class DynamicAdjuster
{
    // Overloaded areas have no finite mean wait; a 4-hour cap keeps them comparable without hiding partial relief.
    private const double WaitCapMinutes = 240;

    /// <param name="forecast">Expected incidents per area-hour of the week, area-major (areas × 168), in calls.</param>
    /// <param name="unitsOnDuty">Units on duty now per area.</param>
    /// <param name="centroids">Area centroids for neighbourhood; null entries or a null list mean "everyone is a neighbour".</param>
    public static AdjustmentAdvice Advise(
        IReadOnlyList<string> areas,
        IReadOnlyList<double> forecast,
        IEnumerable<Incident> recent,
        LocalDateTime now,
        IReadOnlyList<int> unitsOnDuty,
        IReadOnlyList<GeoPoint?>? centroids = null,
        AdjustmentOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(areas);
        ArgumentNullException.ThrowIfNull(forecast);
        ArgumentNullException.ThrowIfNull(recent);
        ArgumentNullException.ThrowIfNull(unitsOnDuty);
        var o = options ?? new AdjustmentOptions();
        const int H = HourOfWeek.Count;
        var index = areas.Select((a, i) => (a, i)).ToDictionary(x => x.a, x => x.i, StringComparer.Ordinal);
        var from = now.PlusHours(-o.WindowHours);
        var observed = new int[areas.Count];
        foreach (var i in recent)
        {
            if (i.Time > from && i.Time <= now && index.TryGetValue(i.Area, out var a))
            {
                observed[a]++;
            }
        }

        var nowHow = HourOfWeek.Of(now);
        var statuses = new List<AreaStatus>();
        var rate = new double[areas.Count];
        var units = unitsOnDuty.ToArray();
        for (var a = 0; a < areas.Count; a++)
        {
            double expected = 0;
            for (var k = 0; k < o.WindowHours; k++)
            {
                expected += forecast[(a * H) + (((nowHow - k) % H) + H) % H];
            }

            // Smoothed ratio: one pseudo-incident on each side keeps a single call from tripling the estimate.
            var ratio = (observed[a] + 1) / (expected + 1);
            rate[a] = forecast[(a * H) + ((nowHow + 1) % H)] * ratio;
            var p = PoissonUpperTail(observed[a], expected);
            var hot = p < o.Alpha && observed[a] - expected >= o.MinimumExcess;
            statuses.Add(new AreaStatus(areas[a], observed[a], expected, observed[a] / Math.Max(expected, 1e-9), p, hot, units[a], rate[a]));
        }

        var moves = new List<MoveRecommendation>();
        foreach (var hot in Enumerable.Range(0, areas.Count).Where(a => statuses[a].Hot).OrderBy(a => statuses[a].PValue))
        {
            for (var step = 0; step < o.MaxUnitsPerHotArea; step++)
            {
                var best = -1;
                var bestNet = 0.0;
                foreach (var donor in Enumerable.Range(0, areas.Count))
                {
                    if (donor == hot || statuses[donor].Hot || units[donor] <= o.MinimumUnitsKept || !Near(centroids, hot, donor, o.NeighbourRadiusKm))
                    {
                        continue;
                    }

                    var saved = rate[hot] * (Wait(units[hot], rate[hot], o) - Wait(units[hot] + 1, rate[hot], o));
                    var added = rate[donor] * (Wait(units[donor] - 1, rate[donor], o) - Wait(units[donor], rate[donor], o));
                    var net = saved - added;
                    if (net > bestNet + 1e-9)
                    {
                        bestNet = net;
                        best = donor;
                    }
                }

                if (best < 0)
                {
                    break;
                }

                moves.Add(new MoveRecommendation(
                    areas[best],
                    areas[hot],
                    1,
                    centroids?[hot] is { } ch && centroids[best] is { } cb ? ch.DistanceKm(cb) : null,
                    Wait(units[hot], rate[hot], o),
                    Wait(units[hot] + 1, rate[hot], o),
                    Wait(units[best], rate[best], o),
                    Wait(units[best] - 1, rate[best], o),
                    ErlangC.ServiceLevel(units[hot], rate[hot], o.BusyHours, o.TargetWaitMinutes / 60),
                    ErlangC.ServiceLevel(units[hot] + 1, rate[hot], o.BusyHours, o.TargetWaitMinutes / 60)));
                units[hot]++;
                units[best]--;
            }
        }

        return new AdjustmentAdvice(now, o.WindowHours, statuses, moves);
    }

    /// <summary>Mean wait in minutes for a free unit, capped when the area is overloaded.</summary>
    private static double Wait(int units, double rate, AdjustmentOptions o) =>
        Math.Min(WaitCapMinutes, ErlangC.MeanWait(units, rate, o.BusyHours) * 60);

    private static bool Near(IReadOnlyList<GeoPoint?>? centroids, int a, int b, double radiusKm) =>
        centroids?[a] is not { } ca || centroids[b] is not { } cb || ca.DistanceKm(cb) <= radiusKm;

    /// <summary>P(X ≥ k) for X ~ Poisson(mean).</summary>
    public static double PoissonUpperTail(int k, double mean)
    {
        if (k <= 0)
        {
            return 1;
        }

        if (mean <= 0)
        {
            return 0;
        }

        double term = Math.Exp(-mean), cdf = 0;
        for (var i = 0; i < k; i++)
        {
            cdf += term;
            term *= mean / (i + 1);
        }

        return Math.Max(0, 1 - cdf);
    }
}
