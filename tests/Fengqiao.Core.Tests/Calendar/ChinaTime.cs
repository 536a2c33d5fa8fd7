using Fengqiao.Core.Calendar;
using NodaTime;

namespace Fengqiao.Core.Tests.Calendar;

/// <summary>Instants written as Beijing wall-clock time, as the staff would say them.</summary>
internal static class ChinaTime
{
    public static Instant At(int year, int month, int day, int hour = 9, int minute = 0) =>
        new LocalDateTime(year, month, day, hour, minute).InZoneStrictly(DeadlineCalculator.ChinaTimeZone).ToInstant();

    /// <summary>Local midnight at the start of the given day: the first late instant of a period whose last day is the day before.</summary>
    public static Instant StartOf(int year, int month, int day) => At(year, month, day, 0);

    public static DeadlineCalculator Calculator { get; } = new(WorkCalendar.China);
}
