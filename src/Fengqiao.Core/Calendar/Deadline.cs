using NodaTime;

namespace Fengqiao.Core.Calendar;

/// <summary>
/// A computed time limit, made only by <see cref="DeadlineCalculator"/>. <see cref="Due"/> is the first instant
/// that is late: for day-based periods the start of the day after <see cref="DueDate"/> in local time, so work
/// done any time on the last day is on time.
/// </summary>
public sealed record Deadline
{
    internal Deadline(Instant start, Instant due, LocalDate dueDate, LocalDate nominalDueDate, SlaPeriod period,
        bool rollsToWorkingDay, int extensionDays, bool calendarCovered)
    {
        Start = start;
        Due = due;
        DueDate = dueDate;
        NominalDueDate = nominalDueDate;
        Period = period;
        RollsToWorkingDay = rollsToWorkingDay;
        ExtensionDays = extensionDays;
        CalendarCovered = calendarCovered;
    }

    /// <summary>When the period began (receipt, acceptance, reply …).</summary>
    public Instant Start { get; }

    /// <summary>The first late instant.</summary>
    public Instant Due { get; }

    /// <summary>The last local day on which the work is on time.</summary>
    public LocalDate DueDate { get; }

    /// <summary>The last day before rolling off a holiday (顺延前); extensions and pauses count from it.</summary>
    public LocalDate NominalDueDate { get; }

    public SlaPeriod Period { get; }

    /// <summary>Whether a last day on a holiday or weekend moves to the next working day (顺延).</summary>
    public bool RollsToWorkingDay { get; }

    /// <summary>Calendar days added by an approved extension (延期); 0 when none.</summary>
    public int ExtensionDays { get; }

    /// <summary>
    /// False when the period runs through a year whose holidays have not been entered: the deadline then counts
    /// only weekends as days off and may be too early. Show it so an administrator enters the year.
    /// </summary>
    public bool CalendarCovered { get; }

    public bool IsOverdueAt(Instant now) => now >= Due;
}
