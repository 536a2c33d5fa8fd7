using System.Globalization;

namespace Fengqiao.Core.Calendar;

/// <summary>A time limit (期限) such as 15 days, 3 working days, 2 hours or 3 months. Always positive.</summary>
public sealed record SlaPeriod
{
    private SlaPeriod(int amount, SlaUnit unit)
    {
        Amount = amount;
        Unit = unit;
    }

    public int Amount { get; }

    public SlaUnit Unit { get; }

    /// <summary>True for days, working days and months: these end at midnight local time and may roll off a holiday.</summary>
    public bool IsDayBased => Unit != SlaUnit.Hours;

    public static SlaPeriod CalendarDays(int days) => Create(days, SlaUnit.CalendarDays);

    public static SlaPeriod WorkingDays(int days) => Create(days, SlaUnit.WorkingDays);

    public static SlaPeriod Hours(int hours) => Create(hours, SlaUnit.Hours);

    public static SlaPeriod Months(int months) => Create(months, SlaUnit.Months);

    public static SlaPeriod Create(int amount, SlaUnit unit)
    {
        // Upper bounds keep every deadline within the calendar's span and catch unit mix-ups (720 "days" meant as hours).
        var max = unit switch
        {
            SlaUnit.CalendarDays => 3660,
            SlaUnit.WorkingDays => 2500,
            SlaUnit.Hours => 24 * 366,
            SlaUnit.Months => 120,
            _ => throw new ArgumentOutOfRangeException(nameof(unit), unit, "未知的期限单位 (unknown time-limit unit)"),
        };
        if (amount < 1 || amount > max)
        {
            throw new ArgumentOutOfRangeException(nameof(amount), amount,
                $"期限应在 1–{max} 之间 (a {unit} limit must be between 1 and {max})");
        }
        return new SlaPeriod(amount, unit);
    }

    public override string ToString() => Unit switch
    {
        SlaUnit.CalendarDays => string.Create(CultureInfo.InvariantCulture, $"{Amount} 日"),
        SlaUnit.WorkingDays => string.Create(CultureInfo.InvariantCulture, $"{Amount} 个工作日"),
        SlaUnit.Hours => string.Create(CultureInfo.InvariantCulture, $"{Amount} 小时"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{Amount} 个月"),
    };
}
