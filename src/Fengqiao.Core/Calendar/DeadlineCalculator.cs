using NodaTime;

namespace Fengqiao.Core.Calendar;

/// <summary>
/// Turns a start instant and a time limit into a due instant. Instants are stored; the counting happens on local
/// dates in the platform's zone (Asia/Shanghai), because "within 15 days" is a matter of calendar days in China,
/// not of 15 × 24 hours. The day of the start is not counted (期间开始之日不计算在内); a day-based period ends at
/// local midnight after its last day; when the rule says so, a last day that is not a working day rolls to the
/// next working day (期间届满的最后一日是法定节假日的，以节假日后的第一日为期间届满的日期).
/// </summary>
public sealed class DeadlineCalculator
{
    private const long TicksPerDay = NodaConstants.TicksPerDay;
    private const int UnixEpochDayNumber = 719162; // DateOnly.DayNumber of 1970-01-01

    private readonly WorkCalendar _calendar;
    private readonly DateTimeZone _zone;

    // When the zone keeps one offset over the calendar's whole span (Asia/Shanghai has since 1991), local dates
    // are plain arithmetic on ticks; that is what makes millions of computations per second possible.
    private readonly bool _fixedOffset;
    private readonly long _offsetTicks;

    // Day index 0 of the calendar, in days since the Unix epoch.
    private readonly int _firstUnixDay;

    public DeadlineCalculator(WorkCalendar calendar)
        : this(calendar, ChinaTimeZone)
    {
    }

    public DeadlineCalculator(WorkCalendar calendar, DateTimeZone zone)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        ArgumentNullException.ThrowIfNull(zone);
        _calendar = calendar;
        _zone = zone;
        _firstUnixDay = calendar.FirstDayNumber - UnixEpochDayNumber;
        var spanStart = Instant.FromUnixTimeTicks(_firstUnixDay * TicksPerDay - TicksPerDay);
        var spanEnd = Instant.FromUnixTimeTicks((_firstUnixDay + (long)calendar.DayCount + 1) * TicksPerDay);
        var interval = zone.GetZoneInterval(spanStart);
        _fixedOffset = (!interval.HasEnd || interval.End > spanEnd) && (!interval.HasStart || interval.Start <= spanStart);
        _offsetTicks = interval.WallOffset.Ticks;
    }

    /// <summary>China Standard Time, the zone of every statutory deadline in Fengqiao.</summary>
    public static DateTimeZone ChinaTimeZone => DateTimeZoneProviders.Tzdb["Asia/Shanghai"];

    public WorkCalendar Calendar => _calendar;

    public DateTimeZone Zone => _zone;

    /// <summary>The local calendar date of an instant in the calculator's zone.</summary>
    public LocalDate LocalDateOf(Instant instant) => _calendar.DateAt(IndexOf(instant));

    /// <summary>The first late instant of a period starting at <paramref name="start"/>. Allocation-free.</summary>
    public Instant Due(Instant start, SlaPeriod period, bool rollsToWorkingDay)
    {
        ArgumentNullException.ThrowIfNull(period);
        if (period.Unit == SlaUnit.Hours)
        {
            return start + Duration.FromHours(period.Amount);
        }
        var last = LastDayIndex(IndexOf(start), period);
        if (rollsToWorkingDay)
        {
            last = _calendar.NextWorkingDayOnOrAfter(last);
        }
        return StartOfDay(last + 1);
    }

    public Deadline Compute(Instant start, SlaPeriod period, bool rollsToWorkingDay)
    {
        ArgumentNullException.ThrowIfNull(period);
        if (period.Unit == SlaUnit.Hours)
        {
            return FromHours(start, start + Duration.FromHours(period.Amount), period, rollsToWorkingDay, 0);
        }
        var startIndex = IndexOf(start);
        return FromNominal(start, startIndex, LastDayIndex(startIndex, period), period, rollsToWorkingDay, 0);
    }

    /// <summary>
    /// Adds calendar days to a deadline, counted from its last day before rolling, and rolls again. Whether the
    /// extension is allowed (approval, at most once, at most 30 days) is the case rules' decision, not this one's.
    /// </summary>
    public Deadline Extend(Deadline deadline, int calendarDays)
    {
        ArgumentNullException.ThrowIfNull(deadline);
        if (calendarDays is < 1 or > 366)
        {
            throw new ArgumentOutOfRangeException(nameof(calendarDays), calendarDays, "延长天数应在 1–366 之间 (extension must be 1–366 days)");
        }
        var extensionDays = deadline.ExtensionDays + calendarDays;
        if (deadline.Period.Unit == SlaUnit.Hours)
        {
            return FromHours(deadline.Start, deadline.Due + Duration.FromDays(calendarDays), deadline.Period, deadline.RollsToWorkingDay, extensionDays);
        }
        var nominal = _calendar.IndexOfChecked(deadline.NominalDueDate) + calendarDays;
        return FromNominal(deadline.Start, IndexOf(deadline.Start), CheckIndex(nominal), deadline.Period, deadline.RollsToWorkingDay, extensionDays);
    }

    /// <summary>
    /// Moves a deadline later by the time a case was suspended (中止), from <paramref name="pausedAt"/> to
    /// <paramref name="resumedAt"/>: by the elapsed time for hour limits, by the working days of the pause for
    /// working-day limits, and by its calendar days otherwise.
    /// </summary>
    public Deadline Resume(Deadline deadline, Instant pausedAt, Instant resumedAt)
    {
        ArgumentNullException.ThrowIfNull(deadline);
        if (resumedAt < pausedAt)
        {
            throw new ArgumentException("恢复时间早于中止时间 (resumed before it was paused)", nameof(resumedAt));
        }
        if (deadline.Period.Unit == SlaUnit.Hours)
        {
            return FromHours(deadline.Start, deadline.Due + (resumedAt - pausedAt), deadline.Period, deadline.RollsToWorkingDay, deadline.ExtensionDays);
        }
        int from = IndexOf(pausedAt), to = IndexOf(resumedAt);
        var nominal = _calendar.IndexOfChecked(deadline.NominalDueDate);
        nominal = deadline.Period.Unit == SlaUnit.WorkingDays
            ? _calendar.AddWorkingDays(nominal, _calendar.WorkingDaysBetween(from, to))
            : CheckIndex(nominal + (to - from));
        return FromNominal(deadline.Start, IndexOf(deadline.Start), nominal, deadline.Period, deadline.RollsToWorkingDay, deadline.ExtensionDays);
    }

    /// <summary>Working days from the day of <paramref name="now"/> (exclusive) to the last day (inclusive); 0 on the last day, negative when late.</summary>
    public int WorkingDaysLeft(Deadline deadline, Instant now)
    {
        ArgumentNullException.ThrowIfNull(deadline);
        return _calendar.WorkingDaysBetween(IndexOf(now), _calendar.IndexOfChecked(deadline.DueDate));
    }

    /// <summary>Green, yellow or red at <paramref name="now"/>.</summary>
    public DeadlineStatus StatusAt(Deadline deadline, Instant now, DueSoonThreshold threshold)
    {
        ArgumentNullException.ThrowIfNull(deadline);
        ArgumentNullException.ThrowIfNull(threshold);
        if (now >= deadline.Due)
        {
            return DeadlineStatus.Overdue;
        }
        var left = deadline.Due - now;
        var total = deadline.Due - deadline.Start;
        var dueSoon =
            (threshold.TimeLeft is { } time && left <= time)
            || (threshold.PercentLeft is { } percent && total > Duration.Zero && left.BclCompatibleTicks * 100 <= total.BclCompatibleTicks * percent)
            || (threshold.WorkingDaysLeft is { } days && deadline.Period.IsDayBased && WorkingDaysLeft(deadline, now) <= days);
        return dueSoon ? DeadlineStatus.DueSoon : DeadlineStatus.OnTrack;
    }

    private Deadline FromNominal(Instant start, int startIndex, int nominal, SlaPeriod period, bool rolls, int extensionDays)
    {
        var last = rolls ? _calendar.NextWorkingDayOnOrAfter(nominal) : nominal;
        var covered = _calendar.IsCovered(Math.Min(startIndex, last), last);
        var lastDate = _calendar.DateAt(last);
        var nominalDate = nominal == last ? lastDate : _calendar.DateAt(nominal);
        return new Deadline(start, StartOfDay(last + 1), lastDate, nominalDate, period, rolls, extensionDays, covered);
    }

    private Deadline FromHours(Instant start, Instant due, SlaPeriod period, bool rolls, int extensionDays)
    {
        // Hour limits ignore holidays, so the calendar's coverage does not matter to them.
        var dueDate = LocalDateOf(due);
        return new Deadline(start, due, dueDate, dueDate, period, rolls, extensionDays, calendarCovered: true);
    }

    private int LastDayIndex(int startIndex, SlaPeriod period) => period.Unit switch
    {
        SlaUnit.CalendarDays => CheckIndex(startIndex + period.Amount),
        SlaUnit.WorkingDays => _calendar.AddWorkingDays(startIndex, period.Amount),
        // A month period ends on the same day number of the target month, or its last day when shorter (1.31 + 1 month = 2.28).
        _ => _calendar.IndexOfChecked(_calendar.DateAt(startIndex).PlusMonths(period.Amount)),
    };

    private int IndexOf(Instant instant)
    {
        long localTicks;
        if (_fixedOffset)
        {
            localTicks = instant.ToUnixTimeTicks() + _offsetTicks;
        }
        else
        {
            localTicks = instant.ToUnixTimeTicks() + _zone.GetUtcOffset(instant).Ticks;
        }
        var index = FloorDiv(localTicks) - _firstUnixDay;
        return CheckIndex(index);
    }

    private static long FloorDiv(long ticks) => ticks >= 0 ? ticks / TicksPerDay : ((ticks + 1) / TicksPerDay) - 1;

    private int CheckIndex(long index) =>
        (ulong)index < (ulong)_calendar.DayCount
            ? (int)index
            : throw new ArgumentOutOfRangeException(nameof(index), index,
                $"日期超出工作日历范围 {IsoDate.Format(_calendar.FirstDate)}–{IsoDate.Format(_calendar.LastDate)} (date outside the working calendar)");

    /// <summary>The instant local midnight begins on the day with this index (index may be one past the span).</summary>
    private Instant StartOfDay(int index)
    {
        if (_fixedOffset)
        {
            return Instant.FromUnixTimeTicks((_firstUnixDay + (long)index) * TicksPerDay - _offsetTicks);
        }
        var date = LocalDate.FromDateOnly(DateOnly.FromDayNumber(_calendar.FirstDayNumber + index));
        return _zone.AtStartOfDay(date).ToInstant();
    }
}
