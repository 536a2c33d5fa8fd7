using Fengqiao.Tidal.Staffing;

namespace Fengqiao.Tidal.Tests.Staffing;

public class ErlangCTests
{
    [Theory]
    [InlineData(10, 10.0, 0.2146)] // Erlang B table: 10 erlangs on 10 circuits
    [InlineData(5, 3.0, 0.1101)]
    [InlineData(1, 1.0, 0.5)]
    public void Erlang_b_matches_published_tables(int servers, double load, double expected) =>
        Assert.Equal(expected, ErlangC.ErlangB(servers, load), 4);

    [Theory]
    [InlineData(1, 0.5, 0.5)] // M/M/1: P(wait) = ρ
    [InlineData(2, 1.0, 1.0 / 3)] // M/M/2 at a = 1: 1/3
    [InlineData(3, 2.0, 4.0 / 9)] // M/M/3 at a = 2: 4/9
    [InlineData(11, 10.0, 0.6821)] // the classic 10-erlang call-centre example
    [InlineData(14, 10.0, 0.1741)]
    public void Erlang_c_matches_published_values(int servers, double load, double expected) =>
        Assert.Equal(expected, ErlangC.ProbabilityOfWaiting(servers, load), 4);

    [Fact]
    public void Call_centre_example_service_level_and_agents()
    {
        // 100 calls per 30 min, 180 s handling, answer within 20 s: 14 agents give 88.8 %, 13 give 79.6 %.
        var rate = 200.0; // per hour
        var aht = 180 / 3600.0;
        Assert.Equal(0.8884, ErlangC.ServiceLevel(14, rate, aht, 20 / 3600.0), 3);
        Assert.Equal(0.7956, ErlangC.ServiceLevel(13, rate, aht, 20 / 3600.0), 3);
        Assert.Equal(14, ErlangC.RequiredServers(rate, aht, 20 / 3600.0, 0.80));
    }

    [Fact]
    public void Mean_wait_and_unstable_queue()
    {
        // M/M/1, λ = 0.5, μ = 1: W_q = ρ / (μ − λ) = 1.
        Assert.Equal(1.0, ErlangC.MeanWait(1, 0.5, 1.0), 12);
        Assert.True(double.IsPositiveInfinity(ErlangC.MeanWait(2, 3, 1)));
        Assert.Equal(0, ErlangC.RequiredServers(0, 1, 0.1, 0.9));
    }

    [Fact]
    public void Lagged_load_of_a_flat_rate_is_rate_times_busy_time()
    {
        var load = StaffingCalculator.LaggedLoad(Enumerable.Repeat(2.0, 168).ToArray(), 0.75);
        Assert.All(load, l => Assert.Equal(1.5, l, 9));
    }

    [Fact]
    public void Lagged_load_carries_a_burst_into_the_following_hours()
    {
        var rates = new double[168];
        rates[20] = 4;
        var load = StaffingCalculator.LaggedLoad(rates, 1.0);
        Assert.True(load[21] > 0.5 && load[22] > 0.1);
        Assert.True(load[21] > load[22]);
        Assert.Equal(0, load[19]);
        Assert.Equal(4.0, load.Sum(), 6); // total load is arrivals × busy time
    }

    [Fact]
    public void Required_units_meet_the_target_and_one_fewer_does_not()
    {
        var arrivals = Enumerable.Repeat(3.0, 168).ToArray();
        var units = StaffingCalculator.RequiredUnits(arrivals, 1, StaffingPolicy.Default);
        var busy = 55 / 60.0;
        var c = units[0];
        Assert.True(ErlangC.ServiceLevel(c, 3.0, busy, 5 / 60.0) >= 0.9);
        Assert.True(ErlangC.ServiceLevel(c - 1, 3.0, busy, 5 / 60.0) < 0.9);
    }
}

public class PriorityStaffingTests
{
    private static readonly StaffingPolicy Policy = new()
    {
        Standards =
        [
            new PriorityStandard(1, 40, 8, 2, 0.95), // emergencies: answered within 2 min
            new PriorityStandard(null, 40, 8, 10, 0.8),
        ],
    };

    [Fact]
    public void Shares_follow_the_incidents_priorities()
    {
        var t = new NodaTime.LocalDateTime(2023, 1, 2, 10, 0);
        int?[] priorities = [1, 2, null, 1];
        var incidents = priorities.Select(p => new Fengqiao.Tidal.Incidents.Incident(t, "A", "x", p)).ToList();
        var shares = StaffingCalculator.PriorityShares(incidents, Policy);
        Assert.Equal([0.5, 0.5], shares); // two priority-1 calls; priority 2 and none fall to the default
    }

    [Fact]
    public void A_strict_priority_present_raises_the_units_needed()
    {
        var arrivals = Enumerable.Repeat(2.0, 168).ToArray();
        var lenient = StaffingCalculator.RequiredUnits(arrivals, 1, Policy, [0.0, 1.0]);
        var mixed = StaffingCalculator.RequiredUnits(arrivals, 1, Policy, [0.2, 0.8]);
        Assert.True(mixed[0] > lenient[0], $"{mixed[0]} vs {lenient[0]}");
    }
}
