using Fengqiao.Data.Infrastructure;
using NodaTime;
using NodaTime.Text;

namespace Fengqiao.Testing;

/// <summary>
/// The one "now" of a test run. The demo seeder, every desk, the web host and the browser journeys' server all run on
/// a clock that started at <see cref="Start"/>, so no expectation depends on the day the suite runs. The default is an
/// ordinary working Wednesday; FENGQIAO_TEST_NOW (an ISO instant) moves the whole run to another day, e.g. across a
/// Beijing month boundary that is not one in UTC.
/// </summary>
public static class TestTime
{
    // 2026-11-25 10:00 in Beijing: a Wednesday, no holiday within two weeks either side.
    private static readonly Instant Default = Instant.FromUtc(2026, 11, 25, 2, 0);

    public static Instant Start { get; } = Parse(Environment.GetEnvironmentVariable("FENGQIAO_TEST_NOW"));

    /// <summary>The run's clock; every instance in the process reads the same.</summary>
    public static IClock Clock { get; } = new ShiftedClock(Start);

    /// <summary><see cref="Start"/> as the setting a host takes (<c>Clock:StartAt</c>).</summary>
    public static string Setting => InstantPattern.ExtendedIso.Format(Start);

    public static Instant Now => Clock.GetCurrentInstant();

    /// <summary>Today in Beijing on the run's clock.</summary>
    public static LocalDate Today => Now.InZone(DateTimeZoneProviders.Tzdb["Asia/Shanghai"]).Date;

    private static Instant Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return Default;
        }
        var parsed = InstantPattern.ExtendedIso.Parse(text.Trim());
        return parsed.Success ? parsed.Value : throw new InvalidOperationException($"FENGQIAO_TEST_NOW='{text}' is not an ISO instant such as 2026-12-31T16:30:00Z");
    }
}
