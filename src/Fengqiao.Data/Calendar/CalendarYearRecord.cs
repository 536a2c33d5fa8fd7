using NodaTime;

namespace Fengqiao.Data.Calendar;

/// <summary>
/// One year of the work calendar as an administrator entered it (法定节假日与调休), overriding the shipped data for
/// that year. Holidays and make-up workdays are kept as JSON objects of ISO date → name.
/// </summary>
public sealed class CalendarYearRecord : IVersioned
{
    public int Year { get; set; }
    public required string HolidaysJson { get; set; }
    public required string WorkdaysJson { get; set; }
    public Instant UpdatedAt { get; set; }
    public required string UpdatedBy { get; set; }
    public int Version { get; set; }
}
