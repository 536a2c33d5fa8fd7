namespace Fengqiao.Tidal.Staffing;

/// <summary>
/// M/M/c queue formulas. The Erlang B recursion B(0) = 1, B(k) = a·B(k−1) / (k + a·B(k−1)) is numerically stable for
/// hundreds of servers, unlike the textbook factorial sums; Erlang C follows as C = c·B / (c − a·(1 − B)).
/// </summary>
public static class ErlangC
{
    /// <summary>Blocking probability of M/M/c/c with offered load <paramref name="load"/> erlangs.</summary>
    public static double ErlangB(int servers, double load)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(servers);
        ArgumentOutOfRangeException.ThrowIfNegative(load);
        var b = 1.0;
        for (var k = 1; k <= servers; k++)
        {
            b = load * b / (k + (load * b));
        }

        return b;
    }

    /// <summary>Probability an arriving call waits (all units busy); 1 when the queue is unstable (load ≥ servers).</summary>
    public static double ProbabilityOfWaiting(int servers, double load)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(load);
        if (load <= 0)
        {
            return 0;
        }

        if (servers <= load)
        {
            return 1;
        }

        var b = ErlangB(servers, load);
        return servers * b / (servers - (load * (1 - b)));
    }

    /// <summary>P(wait ≤ t) = 1 − C·e^(−(c·μ − λ)·t), with service time and t in the same unit.</summary>
    public static double ServiceLevel(int servers, double arrivalRate, double meanServiceTime, double targetWait)
    {
        var load = arrivalRate * meanServiceTime;
        if (load <= 0)
        {
            return 1;
        }

        if (servers <= load)
        {
            return 0;
        }

        var c = ProbabilityOfWaiting(servers, load);
        return 1 - (c * Math.Exp(-(servers - load) * targetWait / meanServiceTime));
    }

    /// <summary>Mean wait in queue W_q = C / (c·μ − λ), in the unit of the service time; +∞ when unstable.</summary>
    public static double MeanWait(int servers, double arrivalRate, double meanServiceTime)
    {
        var load = arrivalRate * meanServiceTime;
        if (load <= 0)
        {
            return 0;
        }

        if (servers <= load)
        {
            return double.PositiveInfinity;
        }

        return ProbabilityOfWaiting(servers, load) * meanServiceTime / (servers - load);
    }

    /// <summary>Fewest servers with P(wait ≤ t) ≥ target (0 when there is no load).</summary>
    public static int RequiredServers(double arrivalRate, double meanServiceTime, double targetWait, double targetProbability)
    {
        var load = arrivalRate * meanServiceTime;
        if (load <= 0)
        {
            return 0;
        }

        var c = Math.Max(1, (int)Math.Floor(load) + 1);
        while (ServiceLevel(c, arrivalRate, meanServiceTime, targetWait) < targetProbability)
        {
            c++;
        }

        return c;
    }
}
