using Fengqiao.Core.Calendar;
using NodaTime;

namespace Fengqiao.Core.Assessment;

/// <summary>
/// A span of whole local days in China time, first and last day included (统计周期): a month, a year, or any
/// range a notice covers. Instants are placed by their Beijing date, as the counts in a notice are.
/// </summary>
public sealed record ReportingPeriod
{
    private ReportingPeriod(LocalDate first, LocalDate last)
    {
        First = first;
        Last = last;
    }

    public LocalDate First { get; }

    public LocalDate Last { get; }

    public static ReportingPeriod Between(LocalDate first, LocalDate last) => last >= first
        ? new ReportingPeriod(first, last)
        : throw new ArgumentException("统计周期的结束日早于开始日 (the period ends before it starts)", nameof(last));

    public static ReportingPeriod Month(YearMonth month) => new(month.OnDayOfMonth(1), month.OnDayOfMonth(month.Calendar.GetDaysInMonth(month.Year, month.Month)));

    public static ReportingPeriod Year(int year) => new(new LocalDate(year, 1, 1), new LocalDate(year, 12, 31));

    public bool Contains(LocalDate date) => date >= First && date <= Last;

    public bool Contains(Instant instant) => Contains(instant.InZone(DeadlineCalculator.ChinaTimeZone).Date);
}
