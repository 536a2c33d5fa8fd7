using NodaTime;

namespace Fengqiao.Testing;

/// <summary>A clock that stands still until a test moves it; safe to read from several hosts' timers at once.</summary>
public sealed class MovableClock(Instant start) : IClock
{
    private long _ticks = start.ToUnixTimeTicks();

    public Instant GetCurrentInstant() => Instant.FromUnixTimeTicks(Interlocked.Read(ref _ticks));

    public void Advance(Duration by) => Interlocked.Add(ref _ticks, by.BclCompatibleTicks);
}
