using CsCheck;
using Fengqiao.Core.Calendar;
using NodaTime;

namespace Fengqiao.Core.Tests.Calendar;

public class WorkCalendarProperties
{
    private static readonly WorkCalendar China = WorkCalendar.China;

    // Dates from 2004 (first year of data) to the end of 2026, plus a few uncovered years.
    private static readonly Gen<LocalDate> Dates =
        Gen.Int[0, 365 * 25].Select(d => new LocalDate(2004, 1, 1).PlusDays(d));

    [Fact]
    public void Adding_n_working_days_then_counting_working_days_between_gives_n() =>
        Gen.Select(Dates, Gen.Int[0, 400]).Sample((date, n) =>
            Assert.Equal(n, China.WorkingDaysBetween(date, China.AddWorkingDays(date, n))), iter: 5000);

    [Fact]
    public void Counting_back_from_a_working_day_and_forward_again_returns_to_it() =>
        Gen.Select(Dates.Select(China.NextWorkingDayOnOrAfter), Gen.Int[0, 400]).Sample((day, n) =>
            Assert.Equal(day, China.AddWorkingDays(China.AddWorkingDays(day, -n), n)), iter: 5000);

    [Fact]
    public void Adding_a_positive_number_of_working_days_lands_on_a_working_day() =>
        Gen.Select(Dates, Gen.Int[1, 400]).Sample((date, n) => Assert.True(China.IsWorkingDay(China.AddWorkingDays(date, n))), iter: 5000);

    [Fact]
    public void Fast_addition_matches_a_day_by_day_walk() =>
        Gen.Select(Dates, Gen.Int[1, 60]).Sample((date, n) =>
        {
            var walk = date;
            for (var left = n; left > 0;)
            {
                walk = walk.PlusDays(1);
                if (IsWorkingByDefinition(walk))
                {
                    left--;
                }
            }
            Assert.Equal(walk, China.AddWorkingDays(date, n));
        }, iter: 2000);

    [Fact]
    public void Next_working_day_is_a_working_day_with_none_skipped() =>
        Dates.Sample(date =>
        {
            var next = China.NextWorkingDayOnOrAfter(date);
            Assert.True(China.IsWorkingDay(next));
            for (var d = date; d < next; d = d.PlusDays(1))
            {
                Assert.False(China.IsWorkingDay(d));
            }
        }, iter: 2000);

    // The definition, straight from the year data: (weekday and not a holiday) or a make-up workday.
    private static bool IsWorkingByDefinition(LocalDate date) =>
        China.IsMakeUpWorkday(date)
        || (date.DayOfWeek is not (IsoDayOfWeek.Saturday or IsoDayOfWeek.Sunday) && !China.IsHoliday(date));
}
