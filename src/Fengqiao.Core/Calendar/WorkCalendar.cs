using System.Collections.Immutable;
using NodaTime;

namespace Fengqiao.Core.Calendar;

/// <summary>
/// China's working calendar (工作日历): a day is a working day when it is a weekday and not a public holiday, or
/// when it is a weekend day worked to make up for a holiday (调休上班). Years without entered data fall back to
/// plain weekends and are reported by <see cref="IsCovered"/> so an administrator knows to enter them.
/// </summary>
/// <remarks>
/// Deadline checks run over every open case on every page load, so the calendar is precomputed once: a
/// cumulative count of working days per day and the position of every working day. Adding n working days or
/// counting them between two dates is then two array reads. Instances are immutable; editing a year returns a
/// new calendar.
/// </remarks>
public sealed class WorkCalendar
{
    public const int MinimumYear = 1950;
    public const int MaximumYear = 2999;

    // The precomputed span always covers these years even when the data does not, so deadlines near the edge of
    // the data (a case registered in late December of the last entered year) still have room.
    private const int SpanFirstYear = 2000;
    private const int SpanLastYear = 2100;

    private readonly ImmutableSortedDictionary<int, CalendarYear> _years;

    // Day index i counts days from _firstDayNumber (DateOnly.DayNumber of 1 January of the first spanned year).
    private readonly int _firstDayNumber;
    private readonly int _dayCount;

    // _workingBefore[i] = number of working days with index < i; length _dayCount + 1.
    private readonly int[] _workingBefore;

    // _workingDayAt[k] = index of the k-th working day (0-based).
    private readonly int[] _workingDayAt;

    // _uncoveredBefore[i] = number of days with index < i in years without entered data; length _dayCount + 1.
    private readonly int[] _uncoveredBefore;

    private WorkCalendar(ImmutableSortedDictionary<int, CalendarYear> years)
    {
        _years = years;
        var firstYear = years.Count == 0 ? SpanFirstYear : Math.Min(SpanFirstYear, years.Keys.First());
        var lastYear = years.Count == 0 ? SpanLastYear : Math.Max(SpanLastYear, years.Keys.Last());
        FirstDate = new LocalDate(firstYear, 1, 1);
        LastDate = new LocalDate(lastYear, 12, 31);
        _firstDayNumber = FirstDate.ToDateOnly().DayNumber;
        _dayCount = LastDate.ToDateOnly().DayNumber - _firstDayNumber + 1;

        var working = new bool[_dayCount];
        var date = DateOnly.FromDayNumber(_firstDayNumber);
        for (var i = 0; i < _dayCount; i++, date = date.AddDays(1))
        {
            working[i] = date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday);
        }
        foreach (var year in years.Values)
        {
            foreach (var day in year.Holidays.Keys)
            {
                working[IndexOfChecked(day)] = false;
            }
            foreach (var day in year.Workdays.Keys)
            {
                working[IndexOfChecked(day)] = true;
            }
        }

        _workingBefore = new int[_dayCount + 1];
        for (var i = 0; i < _dayCount; i++)
        {
            _workingBefore[i + 1] = _workingBefore[i] + (working[i] ? 1 : 0);
        }
        _uncoveredBefore = new int[_dayCount + 1];
        var current = DateOnly.FromDayNumber(_firstDayNumber);
        for (var i = 0; i < _dayCount; i++, current = current.AddDays(1))
        {
            _uncoveredBefore[i + 1] = _uncoveredBefore[i] + (years.ContainsKey(current.Year) ? 0 : 1);
        }
        _workingDayAt = new int[_workingBefore[_dayCount]];
        for (int i = 0, k = 0; i < _dayCount; i++)
        {
            if (working[i])
            {
                _workingDayAt[k++] = i;
            }
        }
    }

    /// <summary>A calendar of plain weekends with no holidays entered.</summary>
    public static WorkCalendar WeekendsOnly { get; } = new(ImmutableSortedDictionary<int, CalendarYear>.Empty);

    /// <summary>The official calendar shipped with Fengqiao (2004 onwards; see Calendar/SOURCES.md).</summary>
    public static WorkCalendar China => LazyChina.Value;

    private static readonly Lazy<WorkCalendar> LazyChina = new(WorkCalendarJson.LoadEmbedded);

    public static WorkCalendar FromYears(IEnumerable<CalendarYear> years)
    {
        ArgumentNullException.ThrowIfNull(years);
        var builder = ImmutableSortedDictionary.CreateBuilder<int, CalendarYear>();
        foreach (var year in years)
        {
            if (!builder.TryAdd(year.Year, year))
            {
                throw new ArgumentException($"{year.Year} 年重复 (year {year.Year} given twice)", nameof(years));
            }
        }
        return new WorkCalendar(builder.ToImmutable());
    }

    /// <summary>First and last date the calendar can compute with.</summary>
    public LocalDate FirstDate { get; }

    public LocalDate LastDate { get; }

    /// <summary>The years with entered holiday data, in order.</summary>
    public IReadOnlyList<int> CoveredYears => [.. _years.Keys];

    public IEnumerable<CalendarYear> Years => _years.Values;

    public bool IsCovered(int year) => _years.ContainsKey(year);

    /// <summary>Years in [from, to] that have no holiday data and therefore count only weekends as days off.</summary>
    public IReadOnlyList<int> UncoveredYears(int from, int to) =>
        [.. Enumerable.Range(from, Math.Max(0, to - from + 1)).Where(y => !_years.ContainsKey(y))];

    public CalendarYear? Year(int year) => _years.GetValueOrDefault(year);

    /// <summary>Replaces (or adds) one year's holidays and make-up workdays, returning a new calendar.</summary>
    public WorkCalendar WithYear(int year, IEnumerable<KeyValuePair<LocalDate, string>> holidays,
        IEnumerable<KeyValuePair<LocalDate, string>> workdays) =>
        WithYear(CalendarYear.Create(year, holidays, workdays));

    public WorkCalendar WithYear(CalendarYear year)
    {
        ArgumentNullException.ThrowIfNull(year);
        return new WorkCalendar(_years.SetItem(year.Year, year));
    }

    /// <summary>Removes a year's data; that year falls back to plain weekends.</summary>
    public WorkCalendar WithoutYear(int year) => new(_years.Remove(year));

    public bool IsWorkingDay(LocalDate date)
    {
        var i = IndexOfChecked(date);
        return _workingBefore[i + 1] != _workingBefore[i];
    }

    public bool IsHoliday(LocalDate date) => _years.TryGetValue(date.Year, out var y) && y.Holidays.ContainsKey(date);

    public bool IsMakeUpWorkday(LocalDate date) => _years.TryGetValue(date.Year, out var y) && y.Workdays.ContainsKey(date);

    /// <summary>The holiday's label (e.g. "National Day,国庆节,3"), or null when the date is not a holiday.</summary>
    public string? HolidayName(LocalDate date) =>
        _years.TryGetValue(date.Year, out var y) ? y.Holidays.GetValueOrDefault(date) : null;

    /// <summary>
    /// The n-th working day after <paramref name="date"/>; the date itself is not counted (期间开始之日不计算在内).
    /// A negative n counts back; zero returns the date unchanged.
    /// </summary>
    public LocalDate AddWorkingDays(LocalDate date, int workingDays) =>
        DateAt(AddWorkingDays(IndexOfChecked(date), workingDays));

    /// <summary>Working days in (from, to]: the day after <paramref name="from"/> up to and including <paramref name="to"/>. Negative when to is before from.</summary>
    public int WorkingDaysBetween(LocalDate from, LocalDate to) =>
        _workingBefore[IndexOfChecked(to) + 1] - _workingBefore[IndexOfChecked(from) + 1];

    /// <summary>The date itself when it is a working day, otherwise the first working day after it (顺延).</summary>
    public LocalDate NextWorkingDayOnOrAfter(LocalDate date) => DateAt(NextWorkingDayOnOrAfter(IndexOfChecked(date)));

    // Index-based fast paths used by the deadline calculator; the index is days since FirstDate.

    internal int FirstDayNumber => _firstDayNumber;

    internal int DayCount => _dayCount;

    internal int AddWorkingDays(int index, int workingDays)
    {
        // For n > 0 the target is the working day whose rank is (working days up to and including index) + n - 1.
        var rank = workingDays >= 0 ? _workingBefore[index + 1] + workingDays - 1 : _workingBefore[index] + workingDays;
        if (workingDays == 0)
        {
            return index;
        }
        if ((uint)rank >= (uint)_workingDayAt.Length)
        {
            throw OutOfRange(DateAt(index));
        }
        return _workingDayAt[rank];
    }

    internal int NextWorkingDayOnOrAfter(int index)
    {
        var rank = _workingBefore[index];
        if (rank >= _workingDayAt.Length)
        {
            throw OutOfRange(DateAt(index));
        }
        return _workingDayAt[rank];
    }

    internal bool IsWorkingDay(int index) => _workingBefore[index + 1] != _workingBefore[index];

    internal int WorkingDaysBetween(int from, int to) => _workingBefore[to + 1] - _workingBefore[from + 1];

    /// <summary>True when every day from index <paramref name="from"/> to <paramref name="to"/> (inclusive) lies in a year with entered data.</summary>
    internal bool IsCovered(int from, int to) => _uncoveredBefore[to + 1] == _uncoveredBefore[from];

    internal int IndexOfChecked(LocalDate date)
    {
        var i = date.ToDateOnly().DayNumber - _firstDayNumber;
        return (uint)i < (uint)_dayCount ? i : throw OutOfRange(date);
    }

    internal LocalDate DateAt(int index) => LocalDate.FromDateOnly(DateOnly.FromDayNumber(_firstDayNumber + index));

    internal ArgumentOutOfRangeException OutOfRange(LocalDate date) =>
        new(nameof(date), IsoDate.Format(date),
            $"日期超出工作日历范围 {IsoDate.Format(FirstDate)}–{IsoDate.Format(LastDate)} (date outside the working calendar)");
}
