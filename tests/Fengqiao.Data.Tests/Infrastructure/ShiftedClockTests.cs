using Fengqiao.Data.Infrastructure;
using Microsoft.Extensions.Configuration;
using NodaTime;

namespace Fengqiao.Data.Tests.Infrastructure;

public sealed class ShiftedClockTests
{
    private static IClock From(string? startAt) =>
        ShiftedClock.FromConfiguration(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Clock:StartAt"] = startAt }).Build());

    [Fact]
    public void A_configured_start_moves_the_clock_to_that_instant_and_it_runs_on_from_there()
    {
        var start = Instant.FromUtc(2026, 12, 31, 16, 30);
        var clock = From("2026-12-31T16:30:00Z");

        var first = clock.GetCurrentInstant();
        var second = clock.GetCurrentInstant();

        Assert.Equal(start, Assert.IsType<ShiftedClock>(clock).StartAt);
        Assert.InRange(first, start, start + Duration.FromHours(1));
        Assert.True(second >= first);
    }

    [Fact]
    public void Two_clocks_started_at_the_same_instant_agree()
    {
        var start = Instant.FromUtc(2027, 2, 5, 1, 0);
        var a = new ShiftedClock(start);
        var b = new ShiftedClock(start);

        var fromA = a.GetCurrentInstant();
        var fromB = b.GetCurrentInstant();
        var againA = a.GetCurrentInstant();

        Assert.InRange(fromB, fromA, againA);
    }

    [Fact]
    public void Without_a_start_the_system_clock_is_used() =>
        Assert.IsType<SystemClock>(From(null));

    [Theory]
    [InlineData("2026-12-31")]
    [InlineData("tomorrow")]
    [InlineData("2026-13-01T00:00:00Z")]
    public void A_start_that_is_not_an_instant_stops_the_start_naming_the_setting(string startAt)
    {
        var refused = Assert.Throws<InvalidOperationException>(() => From(startAt));
        Assert.Contains("Clock:StartAt", refused.Message, StringComparison.Ordinal);
    }
}
