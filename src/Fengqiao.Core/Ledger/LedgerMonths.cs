using NodaTime;

namespace Fengqiao.Core.Ledger;

/// <summary>
/// A ledger period cut into what the monthly roll-up can answer (whole Beijing months) and the partial months at
/// either end, which are counted from the cases themselves. The three parts never overlap and together are exactly
/// [From, To).
/// </summary>
public sealed record PeriodSplit(Interval? Head, int FirstMonthKey, int EndMonthKey, Instant MonthsFrom, Instant MonthsTo, Interval? Tail)
{
    /// <summary>True when at least one whole month lies inside the period.</summary>
    public bool HasMonths => FirstMonthKey < EndMonthKey;
}

/// <summary>Calendar months in Beijing time (北京时间), the way the monthly notices count them.</summary>
public static class LedgerMonths
{
    private static readonly DateTimeZone Beijing = DateTimeZoneProviders.Tzdb["Asia/Shanghai"];

    /// <summary>The month as one sortable number, e.g. 202610 for October 2026.</summary>
    public static int Key(YearMonth month) => month.Year * 100 + month.Month;

    public static int KeyOf(Instant instant) => Key(MonthOf(instant));

    public static YearMonth MonthOf(Instant instant)
    {
        var date = instant.InZone(Beijing).Date;
        return new YearMonth(date.Year, date.Month);
    }

    public static Instant Start(YearMonth month) => month.OnDayOfMonth(1).AtStartOfDayInZone(Beijing).ToInstant();

    public static PeriodSplit Split(Instant from, Instant to)
    {
        if (to <= from)
        {
            return new PeriodSplit(null, 0, 0, from, from, null);
        }
        var first = MonthOf(from);
        if (Start(first) < from)
        {
            first = first.PlusMonths(1);
        }
        var end = MonthOf(to);
        var monthsFrom = Start(first);
        var monthsTo = Start(end);
        if (monthsTo <= monthsFrom)
        {
            return new PeriodSplit(new Interval(from, to), 0, 0, to, to, null);
        }
        return new PeriodSplit(
            from < monthsFrom ? new Interval(from, monthsFrom) : null,
            Key(first),
            Key(end),
            monthsFrom,
            monthsTo,
            monthsTo < to ? new Interval(monthsTo, to) : null);
    }
}
