using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Configuration;
using NodaTime;
using NodaTime.Text;

namespace Fengqiao.Data.Infrastructure;

/// <summary>
/// A clock that read <see cref="StartAt"/> when the process started and runs at the real rate from there. Tests,
/// training environments and demos set <c>Clock:StartAt</c> to run every page, timer and CLI verb on a chosen day;
/// production leaves it empty and gets the system clock. Every instance in one process shares the same origin, so two
/// clocks started at the same instant agree to the tick.
/// </summary>
public sealed class ShiftedClock(Instant startAt) : IClock
{
    private static readonly long Origin = Stopwatch.GetTimestamp();

    public Instant StartAt { get; } = startAt;

    public Instant GetCurrentInstant() => StartAt + Duration.FromTimeSpan(Stopwatch.GetElapsedTime(Origin));

    /// <summary>
    /// The clock configuration asks for: <c>Clock:StartAt</c> as an ISO-8601 instant (<c>2026-12-31T16:30:00Z</c>) or
    /// the system clock when it is empty. A value that does not parse stops the start, naming the setting.
    /// </summary>
    public static IClock FromConfiguration(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var text = configuration["Clock:StartAt"];
        if (string.IsNullOrWhiteSpace(text))
        {
#pragma warning disable RS0030 // the one place the product takes the real clock
            return SystemClock.Instance;
#pragma warning restore RS0030
        }
        var parsed = InstantPattern.ExtendedIso.Parse(text.Trim());
        return parsed.Success
            ? new ShiftedClock(parsed.Value)
            : throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture,
                $"Clock:StartAt '{text}' is not an ISO-8601 instant such as 2026-12-31T16:30:00Z"));
    }
}
