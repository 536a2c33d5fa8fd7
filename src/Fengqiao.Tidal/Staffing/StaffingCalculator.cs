using Fengqiao.Tidal.Demand;

namespace Fengqiao.Tidal.Staffing;

/// <summary>
/// Required units per area-hour from Erlang C, with the offered load lagged by the busy time.
/// A call that arrives at 21:40 and keeps a unit 55 minutes still occupies it at 22:30, so the load in an hour is
/// the modified offered load m(t) = ∫ λ(t − u)·P(S &gt; u) du (Jennings, Mandelbaum, Massey &amp; Whitt 1996) with
/// exponential busy time S; each hour is then sized as a stationary M/M/c with arrival rate m(t)/E[S].
/// The week is treated as cyclic, so Monday's small hours inherit Sunday night's load.
/// </summary>
public static class StaffingCalculator
{
    /// <summary>Modified offered load (erlangs) for each hour, from hourly arrival rates and a mean busy time in hours.</summary>
    public static double[] LaggedLoad(IReadOnlyList<double> arrivalsPerHour, double meanBusyHours)
    {
        ArgumentNullException.ThrowIfNull(arrivalsPerHour);
        var n = arrivalsPerHour.Count;
        var load = new double[n];
        if (meanBusyHours <= 0)
        {
            return load;
        }

        // Hour-averaged load: m̄(T) = Σ_k λ(T − k)·w_k with, for exponential busy time of mean s (hours),
        // w_0 = s − s²(1 − e^(−1/s)) (arrivals earlier in the same hour) and
        // w_k = s²(1 − e^(−1/s))²·e^(−(k−1)/s) for k ≥ 1; the weights sum to s, so a flat λ gives λ·s.
        var s = meanBusyHours;
        var lags = Math.Min(n, (int)Math.Ceiling(s * 30) + 2); // e^(−30): the tail is negligible
        var weights = new double[lags];
        var q = 1 - Math.Exp(-1 / s);
        weights[0] = s - (s * s * q);
        for (var k = 1; k < lags; k++)
        {
            weights[k] = s * s * q * q * Math.Exp(-(k - 1) / s);
        }

        for (var t = 0; t < n; t++)
        {
            double m = 0;
            for (var k = 0; k < lags; k++)
            {
                m += arrivalsPerHour[(((t - k) % n) + n) % n] * weights[k];
            }

            load[t] = m;
        }

        return load;
    }

    /// <summary>Share of incidents under each of the policy's standards (incidents without a matching priority fall to the default).</summary>
    public static double[] PriorityShares(IEnumerable<Fengqiao.Tidal.Incidents.Incident> incidents, StaffingPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(incidents);
        ArgumentNullException.ThrowIfNull(policy);
        var counts = new double[policy.Standards.Count];
        foreach (var i in incidents)
        {
            var standard = policy.For(i.Priority);
            for (var k = 0; k < policy.Standards.Count; k++)
            {
                if (ReferenceEquals(policy.Standards[k], standard))
                {
                    counts[k]++;
                    break;
                }
            }
        }

        var total = counts.Sum();
        return counts.Select(c => total > 0 ? c / total : 0).ToArray();
    }

    /// <summary>
    /// Required units per area-hour (area-major, areas × 168) from expected arrivals per area-hour, all priorities pooled
    /// FCFS: the busy time is the arrival-weighted mean of the priorities' busy times and each priority's own target must
    /// hold, so the strictest binding one decides.
    /// </summary>
    public static int[] RequiredUnits(IReadOnlyList<double> arrivals, int areas, StaffingPolicy policy, IReadOnlyList<double>? priorityShares = null)
    {
        ArgumentNullException.ThrowIfNull(arrivals);
        ArgumentNullException.ThrowIfNull(policy);
        const int H = HourOfWeek.Count;
        var standards = priorityShares is null ? [policy.For(null)] : policy.Standards;
        var shares = priorityShares ?? [1.0];
        var busyHours = standards.Select((s, i) => s.BusyMinutes * shares[i]).Sum() / 60.0 / Math.Max(1e-9, shares.Sum());
        var required = new int[areas * H];
        for (var a = 0; a < areas; a++)
        {
            var rates = new double[H];
            for (var h = 0; h < H; h++)
            {
                rates[h] = arrivals[(a * H) + h];
            }

            var load = LaggedLoad(rates, busyHours);
            for (var h = 0; h < H; h++)
            {
                var lambda = load[h] / busyHours;
                var units = policy.MinimumUnits;
                for (var i = 0; i < standards.Count; i++)
                {
                    if (shares[i] <= 0)
                    {
                        continue;
                    }

                    units = Math.Max(units, ErlangC.RequiredServers(lambda, busyHours, standards[i].TargetWaitMinutes / 60.0, standards[i].TargetProbability));
                }

                required[(a * H) + h] = units;
            }
        }

        return required;
    }
}
