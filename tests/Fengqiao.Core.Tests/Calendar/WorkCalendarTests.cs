using Fengqiao.Core.Calendar;
using NodaTime;

namespace Fengqiao.Core.Tests.Calendar;

public class WorkCalendarTests
{
    private static readonly WorkCalendar China = WorkCalendar.China;

    [Fact]
    public void Shipped_calendar_covers_2004_to_2026_and_reports_later_years_as_not_covered()
    {
        Assert.Equal(Enumerable.Range(2004, 23), China.CoveredYears);
        Assert.True(China.IsCovered(2026));
        Assert.False(China.IsCovered(2027));
        Assert.Equal([2027, 2028], China.UncoveredYears(2025, 2028));
    }

    [Fact]
    public void Make_up_Sunday_counts_as_a_working_day()
    {
        var sunday = new LocalDate(2026, 1, 4); // 元旦调休上班
        Assert.Equal(IsoDayOfWeek.Sunday, sunday.DayOfWeek);
        Assert.True(China.IsMakeUpWorkday(sunday));
        Assert.True(China.IsWorkingDay(sunday));
    }

    [Fact]
    public void Weekday_public_holiday_is_not_a_working_day()
    {
        var nationalDay = new LocalDate(2026, 10, 1);
        Assert.Equal(IsoDayOfWeek.Thursday, nationalDay.DayOfWeek);
        Assert.True(China.IsHoliday(nationalDay));
        Assert.Contains("国庆节", China.HolidayName(nationalDay), StringComparison.Ordinal);
        Assert.False(China.IsWorkingDay(nationalDay));
    }

    [Fact]
    public void Ordinary_weekend_is_not_a_working_day_and_ordinary_weekday_is()
    {
        Assert.False(China.IsWorkingDay(new LocalDate(2026, 3, 7)));
        Assert.True(China.IsWorkingDay(new LocalDate(2026, 3, 9)));
        Assert.Null(China.HolidayName(new LocalDate(2026, 3, 9)));
    }

    [Fact]
    public void Year_2026_has_248_working_days() =>
        Assert.Equal(248, China.WorkingDaysBetween(new LocalDate(2025, 12, 31), new LocalDate(2026, 12, 31)));

    [Fact]
    public void Uncovered_year_falls_back_to_plain_weekends()
    {
        var day = new LocalDate(2027, 10, 1); // a Friday; no 2027 data shipped
        Assert.True(China.IsWorkingDay(day));
        Assert.False(China.IsWorkingDay(new LocalDate(2027, 10, 2)));
    }

    [Fact]
    public void Adding_working_days_skips_the_spring_festival_and_uses_the_make_up_saturday()
    {
        var friday = new LocalDate(2026, 2, 13);
        Assert.Equal(new LocalDate(2026, 2, 14), China.AddWorkingDays(friday, 1)); // 调休上班的周六
        Assert.Equal(new LocalDate(2026, 2, 24), China.AddWorkingDays(friday, 2)); // 春节假期之后
        Assert.Equal(friday, China.AddWorkingDays(new LocalDate(2026, 2, 24), -2));
        Assert.Equal(friday, China.AddWorkingDays(friday, 0));
    }

    [Fact]
    public void Next_working_day_on_or_after_a_holiday_is_the_first_day_back()
    {
        Assert.Equal(new LocalDate(2026, 10, 8), China.NextWorkingDayOnOrAfter(new LocalDate(2026, 10, 1)));
        Assert.Equal(new LocalDate(2026, 10, 8), China.NextWorkingDayOnOrAfter(new LocalDate(2026, 10, 8)));
    }

    [Fact]
    public void WithYear_replaces_one_year_and_leaves_the_original_unchanged()
    {
        var edited = China.WithYear(2027,
            [new(new LocalDate(2027, 1, 1), "New Year's Day,元旦,1")],
            [new(new LocalDate(2027, 1, 2), "New Year's Day,元旦,1")]);
        Assert.True(edited.IsCovered(2027));
        Assert.False(edited.IsWorkingDay(new LocalDate(2027, 1, 1)));
        Assert.True(edited.IsWorkingDay(new LocalDate(2027, 1, 2)));
        Assert.False(China.IsCovered(2027));
        Assert.True(China.IsWorkingDay(new LocalDate(2027, 1, 1)));

        var cleared = edited.WithYear(2026, [], []);
        Assert.True(cleared.IsWorkingDay(new LocalDate(2026, 10, 1)));
        Assert.False(edited.WithoutYear(2027).IsCovered(2027));
    }

    [Fact]
    public void A_make_up_workday_on_a_weekday_is_refused()
    {
        var e = Assert.Throws<ArgumentException>(() => China.WithYear(2027, [], [new(new LocalDate(2027, 1, 4), "x")]));
        Assert.Contains("周末", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_day_outside_the_year_or_both_holiday_and_workday_is_refused()
    {
        Assert.Throws<ArgumentException>(() => China.WithYear(2027, [new(new LocalDate(2028, 1, 1), "x")], []));
        var saturday = new LocalDate(2027, 1, 2);
        Assert.Throws<ArgumentException>(() => China.WithYear(2027, [new(saturday, "x")], [new(saturday, "y")]));
        Assert.Throws<ArgumentOutOfRangeException>(() => CalendarYear.Create(1800, [], []));
    }

    [Fact]
    public void Dates_outside_the_calendar_span_are_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => China.IsWorkingDay(new LocalDate(1999, 12, 31)));
        Assert.Throws<ArgumentOutOfRangeException>(() => China.AddWorkingDays(new LocalDate(2100, 12, 30), 5));
    }

    [Fact]
    public void Json_round_trip_keeps_every_day_and_label()
    {
        var json = WorkCalendarJson.Save(China);
        var reloaded = WorkCalendarJson.Load(json);
        Assert.Equal(China.CoveredYears, reloaded.CoveredYears);
        foreach (var (original, copy) in China.Years.Zip(reloaded.Years))
        {
            Assert.Equal(original.Holidays, copy.Holidays);
            Assert.Equal(original.Workdays, copy.Workdays);
            Assert.Equal(original.InLieuDays, copy.InLieuDays);
        }
        Assert.Contains("\"2026-10-01\": \"National Day,国庆节,3\"", json, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("[]")]
    [InlineData("{\"workdays\":{}}")]
    [InlineData("{\"holidays\":{\"2026-13-01\":\"x\"},\"workdays\":{}}")]
    [InlineData("{\"holidays\":[],\"workdays\":{}}")]
    public void Malformed_holiday_files_are_refused(string json) =>
        Assert.Throws<FormatException>(() => WorkCalendarJson.Load(json));
}
