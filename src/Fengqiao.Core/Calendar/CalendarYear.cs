using System.Collections.Immutable;
using NodaTime;

namespace Fengqiao.Core.Calendar;

/// <summary>
/// One year's official calendar as published by the State Council (国务院办公厅放假安排): the holidays, the
/// make-up working days on weekends (调休上班) and, for information, the holiday days that were moved (调休日).
/// A year is only entered whole, so a half-edited year can never reach the deadline arithmetic.
/// </summary>
public sealed class CalendarYear
{
    private CalendarYear(int year, ImmutableSortedDictionary<LocalDate, string> holidays,
        ImmutableSortedDictionary<LocalDate, string> workdays, ImmutableSortedDictionary<LocalDate, string> inLieuDays)
    {
        Year = year;
        Holidays = holidays;
        Workdays = workdays;
        InLieuDays = inLieuDays;
    }

    public int Year { get; }

    /// <summary>Days off (放假), each with its label, e.g. "National Day,国庆节,3".</summary>
    public ImmutableSortedDictionary<LocalDate, string> Holidays { get; }

    /// <summary>Weekend days that are worked to make up for a holiday (调休上班).</summary>
    public ImmutableSortedDictionary<LocalDate, string> Workdays { get; }

    /// <summary>Holiday days that are paid back by a make-up workday (调休日). Informative only.</summary>
    public ImmutableSortedDictionary<LocalDate, string> InLieuDays { get; }

    public static CalendarYear Create(int year, IEnumerable<KeyValuePair<LocalDate, string>> holidays,
        IEnumerable<KeyValuePair<LocalDate, string>> workdays, IEnumerable<KeyValuePair<LocalDate, string>>? inLieuDays = null)
    {
        ArgumentNullException.ThrowIfNull(holidays);
        ArgumentNullException.ThrowIfNull(workdays);
        if (year is < WorkCalendar.MinimumYear or > WorkCalendar.MaximumYear)
        {
            throw new ArgumentOutOfRangeException(nameof(year), year,
                $"年份应在 {WorkCalendar.MinimumYear}–{WorkCalendar.MaximumYear} 之间 (year must be within {WorkCalendar.MinimumYear}–{WorkCalendar.MaximumYear})");
        }
        var h = Collect(year, holidays, "holidays");
        var w = Collect(year, workdays, "workdays");
        var l = Collect(year, inLieuDays ?? [], "inLieuDays");
        foreach (var day in w.Keys)
        {
            if (h.ContainsKey(day))
            {
                throw new ArgumentException($"{IsoDate.Format(day)} 不能既是假日又是调休上班日 (a day cannot be both a holiday and a make-up workday)", nameof(workdays));
            }
            // A make-up workday on a weekday would change nothing and almost certainly is a typing error.
            if (day.DayOfWeek is not (IsoDayOfWeek.Saturday or IsoDayOfWeek.Sunday))
            {
                throw new ArgumentException($"调休上班日 {IsoDate.Format(day)} 应为周末 (a make-up workday must fall on a weekend)", nameof(workdays));
            }
        }
        return new CalendarYear(year, h, w, l);
    }

    private static ImmutableSortedDictionary<LocalDate, string> Collect(int year, IEnumerable<KeyValuePair<LocalDate, string>> days, string what)
    {
        var builder = ImmutableSortedDictionary.CreateBuilder<LocalDate, string>();
        foreach (var (day, label) in days)
        {
            if (day.Year != year)
            {
                throw new ArgumentException($"{IsoDate.Format(day)} 不属于 {year} 年 (the {what} of {year} must lie in {year})", what);
            }
            if (!builder.TryAdd(day, label?.Trim() ?? string.Empty))
            {
                throw new ArgumentException($"{IsoDate.Format(day)} 重复 (duplicate day in {what})", what);
            }
        }
        return builder.ToImmutable();
    }
}
