using CsCheck;
using Fengqiao.Core.Calendar;
using NodaTime;

namespace Fengqiao.Core.Tests.Calendar;

public class DeadlineCalculatorProperties
{
    private static readonly DeadlineCalculator Calc = ChinaTime.Calculator;

    // Any instant from 2004 to 2026, to the second.
    private static readonly Gen<Instant> Starts = Gen.Long[
        Instant.FromUtc(2004, 1, 1, 0, 0).ToUnixTimeSeconds(),
        Instant.FromUtc(2026, 12, 31, 0, 0).ToUnixTimeSeconds()].Select(Instant.FromUnixTimeSeconds);

    private static readonly Gen<SlaPeriod> Periods = Gen.OneOf(
        Gen.Int[1, 90].Select(SlaPeriod.CalendarDays),
        Gen.Int[1, 60].Select(SlaPeriod.WorkingDays),
        Gen.Int[1, 12].Select(SlaPeriod.Months),
        Gen.Int[1, 72].Select(SlaPeriod.Hours));

    private static readonly Gen<SlaPeriod> DayPeriods = Periods.Where(p => p.IsDayBased);

    [Fact]
    public void A_due_date_is_always_a_working_day_when_the_profile_rolls() =>
        Gen.Select(Starts, DayPeriods).Sample((start, period) =>
        {
            var deadline = Calc.Compute(start, period, rollsToWorkingDay: true);
            Assert.True(Calc.Calendar.IsWorkingDay(deadline.DueDate));
            Assert.True(deadline.DueDate >= deadline.NominalDueDate);
        }, iter: 5000);

    [Fact]
    public void Deadlines_are_monotone_in_the_start_instant() =>
        Gen.Select(Starts, Gen.Long[0, 40L * 86400], Periods, Gen.Bool).Sample((start, later, period, rolls) =>
            Assert.True(Calc.Due(start, period, rolls) <= Calc.Due(start + Duration.FromSeconds(later), period, rolls)), iter: 5000);

    [Fact]
    public void A_deadline_is_always_after_its_start_and_day_limits_end_at_Beijing_midnight() =>
        Gen.Select(Starts, Periods, Gen.Bool).Sample((start, period, rolls) =>
        {
            var due = Calc.Due(start, period, rolls);
            Assert.True(due > start);
            if (period.IsDayBased)
            {
                Assert.Equal(LocalTime.Midnight, due.InZone(DeadlineCalculator.ChinaTimeZone).TimeOfDay);
            }
        }, iter: 5000);

    [Fact]
    public void Fast_path_agrees_with_the_plain_NodaTime_computation() =>
        Gen.Select(Starts, DayPeriods, Gen.Bool).Sample((start, period, rolls) =>
            Assert.Equal(Reference(start, period, rolls), Calc.Due(start, period, rolls)), iter: 5000);

    [Fact]
    public void Compute_and_Due_agree() =>
        Gen.Select(Starts, Periods, Gen.Bool).Sample((start, period, rolls) =>
            Assert.Equal(Calc.Due(start, period, rolls), Calc.Compute(start, period, rolls).Due), iter: 2000);

    [Fact]
    public void Extending_a_calendar_day_limit_by_k_days_equals_a_limit_k_days_longer() =>
        Gen.Select(Starts, Gen.Int[1, 90], Gen.Int[1, 30]).Sample((start, days, k) =>
        {
            var deadline = Calc.Compute(start, SlaPeriod.CalendarDays(days), true);
            var extended = Calc.Extend(deadline, k);
            Assert.Equal(Calc.Due(start, SlaPeriod.CalendarDays(days + k), true), extended.Due);
            Assert.True(extended.Due >= deadline.Due);
        }, iter: 2000);

    [Fact]
    public void A_pause_never_brings_a_deadline_earlier_and_an_empty_pause_changes_nothing() =>
        Gen.Select(Starts, Periods, Gen.Long[0, 20L * 86400]).Sample((start, period, pausedSeconds) =>
        {
            var deadline = Calc.Compute(start, period, true);
            var pausedAt = start + Duration.FromHours(1);
            Assert.Equal(deadline.Due, Calc.Resume(deadline, pausedAt, pausedAt).Due);
            Assert.True(Calc.Resume(deadline, pausedAt, pausedAt + Duration.FromSeconds(pausedSeconds)).Due >= deadline.Due);
        }, iter: 2000);

    // The same rule written the slow, obvious way: local date, day-by-day walk, NodaTime's own midnight.
    private static Instant Reference(Instant start, SlaPeriod period, bool rolls)
    {
        var zone = DeadlineCalculator.ChinaTimeZone;
        var calendar = Calc.Calendar;
        var date = start.InZone(zone).Date;
        LocalDate last;
        switch (period.Unit)
        {
            case SlaUnit.CalendarDays:
                last = date.PlusDays(period.Amount);
                break;
            case SlaUnit.Months:
                last = date.PlusMonths(period.Amount);
                break;
            default:
                last = date;
                for (var left = period.Amount; left > 0;)
                {
                    last = last.PlusDays(1);
                    if (calendar.IsWorkingDay(last))
                    {
                        left--;
                    }
                }
                break;
        }
        while (rolls && !calendar.IsWorkingDay(last))
        {
            last = last.PlusDays(1);
        }
        return last.PlusDays(1).AtStartOfDayInZone(zone).ToInstant();
    }
}
