using Fengqiao.Core.Calendar;
using NodaTime;
using static Fengqiao.Core.Tests.Calendar.ChinaTime;

namespace Fengqiao.Core.Tests.Calendar;

public class DeadlineCalculatorTests
{
    private static readonly DeadlineCalculator Calc = Calculator;

    [Fact]
    public void Deadline_on_national_day_rolls_to_first_workday_after_the_holiday()
    {
        // Received 16 September 2026; the 15th day is 1 October, the first day of the National Day holiday.
        var deadline = Calc.Compute(At(2026, 9, 16, 15), SlaPeriod.CalendarDays(15), rollsToWorkingDay: true);
        Assert.Equal(new LocalDate(2026, 10, 1), deadline.NominalDueDate);
        Assert.Equal(new LocalDate(2026, 10, 8), deadline.DueDate);
        Assert.Equal(StartOf(2026, 10, 9), deadline.Due);
    }

    [Fact]
    public void Without_rolling_the_deadline_ends_on_the_holiday() =>
        Assert.Equal(StartOf(2026, 10, 2), Calc.Due(At(2026, 9, 16), SlaPeriod.CalendarDays(15), rollsToWorkingDay: false));

    [Fact]
    public void The_day_of_receipt_is_not_counted()
    {
        // 3 March 2026 is a Tuesday; day 1 is the Wednesday.
        Assert.Equal(StartOf(2026, 3, 5), Calc.Due(At(2026, 3, 3, 23, 59), SlaPeriod.CalendarDays(1), false));
        Assert.Equal(StartOf(2026, 3, 5), Calc.Due(At(2026, 3, 3, 0, 0), SlaPeriod.CalendarDays(1), false));
    }

    [Fact]
    public void Working_day_period_skips_the_golden_week_and_counts_the_make_up_saturday()
    {
        // Hotline call on 30 September 2026: 8 Oct (Thu), 9 Oct (Fri), 10 Oct (make-up Saturday).
        var due = Calc.Due(At(2026, 9, 30, 10), SlaPeriod.WorkingDays(3), rollsToWorkingDay: true);
        Assert.Equal(StartOf(2026, 10, 11), due);
    }

    [Fact]
    public void Local_date_is_taken_in_Beijing_time_not_UTC()
    {
        // 17:30 UTC on 1 January is already 01:30 on 2 January in Beijing.
        var instant = Instant.FromUtc(2026, 1, 1, 17, 30);
        Assert.Equal(new LocalDate(2026, 1, 2), Calc.LocalDateOf(instant));
        // Day 1 is 3 January, a holiday; it rolls to 4 January, the make-up Sunday, which ends at midnight before the 5th.
        Assert.Equal(StartOf(2026, 1, 5), Calc.Due(instant, SlaPeriod.CalendarDays(1), rollsToWorkingDay: true));
    }

    [Fact]
    public void Hour_limits_run_around_the_clock_through_holidays()
    {
        var start = At(2026, 10, 1, 23, 15);
        Assert.Equal(start + Duration.FromHours(2), Calc.Due(start, SlaPeriod.Hours(2), rollsToWorkingDay: true));
    }

    [Fact]
    public void Three_months_from_the_end_of_january_ends_on_the_last_day_of_april()
    {
        var deadline = Calc.Compute(At(2026, 1, 31), SlaPeriod.Months(3), rollsToWorkingDay: true);
        Assert.Equal(new LocalDate(2026, 4, 30), deadline.DueDate);
    }

    [Fact]
    public void Extension_counts_from_the_unrolled_last_day_and_rolls_again()
    {
        // 60 days from 2 March 2026 is 1 May (Labour Day holiday) → 6 May; +30 days from 1 May is 31 May (Sunday) → 1 June.
        var handling = Calc.Compute(At(2026, 3, 2), SlaPeriod.CalendarDays(60), true);
        Assert.Equal(new LocalDate(2026, 5, 6), handling.DueDate);
        var extended = Calc.Extend(handling, 30);
        Assert.Equal(new LocalDate(2026, 6, 1), extended.DueDate);
        Assert.Equal(30, extended.ExtensionDays);
        Assert.Equal(handling.Start, extended.Start);
    }

    [Fact]
    public void A_pause_moves_the_deadline_by_its_length_in_the_period_unit()
    {
        var handling = Calc.Compute(At(2026, 3, 2), SlaPeriod.CalendarDays(60), true);
        var resumed = Calc.Resume(handling, At(2026, 3, 10), At(2026, 3, 20));
        Assert.Equal(new LocalDate(2026, 5, 11), resumed.DueDate); // 1 May + 10 days

        var hotline = Calc.Compute(At(2026, 9, 28), SlaPeriod.WorkingDays(3), true);
        var paused = Calc.Resume(hotline, At(2026, 9, 28), At(2026, 9, 30)); // Tue 29 and Wed 30 are working days
        Assert.Equal(Calc.Calendar.AddWorkingDays(hotline.DueDate, 2), paused.DueDate);

        var urgent = Calc.Compute(At(2026, 9, 28), SlaPeriod.Hours(2), false);
        Assert.Equal(urgent.Due + Duration.FromMinutes(45), Calc.Resume(urgent, At(2026, 9, 28, 9, 30), At(2026, 9, 28, 10, 15)).Due);
    }

    [Fact]
    public void Status_turns_yellow_within_the_threshold_and_red_at_the_due_instant()
    {
        // 15 days from 2 March 2026: last day Tuesday 17 March.
        var deadline = Calc.Compute(At(2026, 3, 2), SlaPeriod.CalendarDays(15), true);
        var warning = DueSoonThreshold.Create(workingDaysLeft: 3);
        Assert.Equal(DeadlineStatus.OnTrack, Calc.StatusAt(deadline, At(2026, 3, 5), warning));
        Assert.Equal(DeadlineStatus.DueSoon, Calc.StatusAt(deadline, At(2026, 3, 12), warning)); // 13, 16, 17 left
        Assert.Equal(DeadlineStatus.DueSoon, Calc.StatusAt(deadline, At(2026, 3, 17, 23, 59), warning));
        Assert.Equal(DeadlineStatus.Overdue, Calc.StatusAt(deadline, StartOf(2026, 3, 18), warning));
        Assert.Equal(0, Calc.WorkingDaysLeft(deadline, At(2026, 3, 17)));
    }

    [Fact]
    public void Percent_and_time_thresholds_work_for_hour_limits()
    {
        var urgent = Calc.Compute(At(2026, 3, 2, 9), SlaPeriod.Hours(2), false);
        var percent = DueSoonThreshold.Create(percentLeft: 25);
        Assert.Equal(DeadlineStatus.OnTrack, Calc.StatusAt(urgent, At(2026, 3, 2, 10), percent));
        Assert.Equal(DeadlineStatus.DueSoon, Calc.StatusAt(urgent, At(2026, 3, 2, 10, 31), percent));
        var minutes = DueSoonThreshold.Create(timeLeft: Duration.FromMinutes(10));
        Assert.Equal(DeadlineStatus.OnTrack, Calc.StatusAt(urgent, At(2026, 3, 2, 10, 31), minutes));
        Assert.Equal(DeadlineStatus.DueSoon, Calc.StatusAt(urgent, At(2026, 3, 2, 10, 50), minutes));
        Assert.Equal(DeadlineStatus.OnTrack, Calc.StatusAt(urgent, At(2026, 3, 2, 10, 59), DueSoonThreshold.None));
        Assert.True(urgent.IsOverdueAt(At(2026, 3, 2, 11)));
    }

    [Fact]
    public void Deadlines_running_into_a_year_without_holiday_data_are_flagged()
    {
        Assert.True(Calc.Compute(At(2026, 3, 2), SlaPeriod.CalendarDays(60), true).CalendarCovered);
        Assert.False(Calc.Compute(At(2026, 12, 20), SlaPeriod.CalendarDays(30), true).CalendarCovered);
        Assert.True(Calc.Compute(At(2026, 12, 31, 20), SlaPeriod.Hours(24), false).CalendarCovered);
    }

    [Fact]
    public void Bad_periods_and_thresholds_are_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => SlaPeriod.CalendarDays(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => SlaPeriod.WorkingDays(-3));
        Assert.Throws<ArgumentOutOfRangeException>(() => SlaPeriod.Hours(100_000));
        Assert.Throws<ArgumentOutOfRangeException>(() => SlaPeriod.Create(1, (SlaUnit)42));
        Assert.Throws<ArgumentOutOfRangeException>(() => DueSoonThreshold.Create(percentLeft: 120));
        Assert.Throws<ArgumentOutOfRangeException>(() => DueSoonThreshold.Create(workingDaysLeft: -1));
        Assert.Throws<ArgumentOutOfRangeException>(() => DueSoonThreshold.Create(timeLeft: Duration.FromHours(-1)));
    }

    [Fact]
    public void Bad_calculator_inputs_are_refused()
    {
        var deadline = Calc.Compute(At(2026, 3, 2), SlaPeriod.CalendarDays(15), true);
        Assert.Throws<ArgumentOutOfRangeException>(() => Calc.Extend(deadline, 0));
        Assert.Throws<ArgumentException>(() => Calc.Resume(deadline, At(2026, 3, 5), At(2026, 3, 4)));
        Assert.Throws<ArgumentOutOfRangeException>(() => Calc.Due(Instant.FromUtc(1995, 1, 1, 0, 0), SlaPeriod.CalendarDays(1), true));
        Assert.Throws<ArgumentOutOfRangeException>(() => Calc.Due(At(2100, 12, 30), SlaPeriod.WorkingDays(10), true));
        Assert.Throws<ArgumentNullException>(() => Calc.Due(At(2026, 3, 2), null!, true));
    }

    [Fact]
    public void A_zone_with_daylight_saving_gives_local_midnight_too()
    {
        var berlin = DateTimeZoneProviders.Tzdb["Europe/Berlin"];
        var calc = new DeadlineCalculator(WorkCalendar.WeekendsOnly, berlin);
        var start = new LocalDateTime(2026, 3, 27, 12, 0).InZoneStrictly(berlin).ToInstant(); // Friday before the switch to summer time
        var due = calc.Due(start, SlaPeriod.CalendarDays(3), rollsToWorkingDay: false);
        Assert.Equal(new LocalDate(2026, 3, 31).AtStartOfDayInZone(berlin).ToInstant(), due);
    }
}
