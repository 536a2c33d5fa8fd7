using System.Globalization;
using NodaTime;

namespace Fengqiao.Tidal.Demand;

/// <summary>Hour of the week (周内小时), 0 = Monday 00:00–01:00 … 167 = Sunday 23:00–24:00 (ISO week).</summary>
public static class HourOfWeek
{
    public const int Count = 168;

    public static int Of(LocalDateTime time) => (((int)time.DayOfWeek - 1) * 24) + time.Hour;

    /// <summary>ISO day (1 = Monday) of an hour-of-week index.</summary>
    public static IsoDayOfWeek DayOf(int hourOfWeek) => (IsoDayOfWeek)((hourOfWeek / 24) + 1);

    public static int HourOfDay(int hourOfWeek) => hourOfWeek % 24;

    /// <summary>Short label such as "Mon 07:00".</summary>
    public static string Label(int hourOfWeek) => string.Create(
        CultureInfo.InvariantCulture,
        $"{DayOf(hourOfWeek).ToString()[..3]} {HourOfDay(hourOfWeek):D2}:00");
}
