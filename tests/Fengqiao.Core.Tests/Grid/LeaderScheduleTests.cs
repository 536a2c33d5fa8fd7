using Fengqiao.Core.Calendar;
using Fengqiao.Core.Grid;
using Fengqiao.Core.Organisations;
using NodaTime;

namespace Fengqiao.Core.Tests.Grid;

public class LeaderScheduleTests
{
    private static readonly Leader Secretary = new("l1", "王书记", "镇党委书记");
    private static readonly Leader Mayor = new("l2", "李镇长", "镇长");
    private static readonly DivisionCode[] Villages = [GridFixture.Village, GridFixture.OtherVillage];

    [Fact]
    public void Leaders_take_turns_receiving_residents_every_tuesday()
    {
        var days = ReceptionRota.Generate([Secretary, Mayor], Villages, new LocalDate(2026, 11, 1), new LocalDate(2026, 11, 30), WorkCalendar.China);

        Assert.Equal([3, 10, 17, 24], days.Select(d => d.Date.Day));
        Assert.All(days, d => Assert.Equal(IsoDayOfWeek.Tuesday, d.Date.DayOfWeek));
        Assert.Equal(["l1", "l2", "l1", "l2"], days.Select(d => d.Leader.Id));
        Assert.Equal(GridFixture.OtherVillage, days[1].Village);
    }

    [Fact]
    public void A_tuesday_holiday_moves_the_reception_to_the_next_working_day_of_that_week()
    {
        // Tuesday 6 October 2026 is National Day; Thursday the 8th is the first working day after it.
        var days = ReceptionRota.Generate([Secretary], Villages, new LocalDate(2026, 10, 1), new LocalDate(2026, 10, 31), WorkCalendar.China);

        Assert.Equal(new LocalDate(2026, 10, 8), days[0].Date);
        Assert.True(days[0].MovedFromHoliday);
        Assert.False(days[1].MovedFromHoliday);
    }

    [Fact]
    public void A_week_that_is_all_holiday_has_no_reception()
    {
        // 15–23 February 2026 is the Spring Festival: the week of Tuesday the 17th has no working day.
        var days = ReceptionRota.Generate([Secretary], Villages, new LocalDate(2026, 2, 16), new LocalDate(2026, 2, 22), WorkCalendar.China);
        Assert.Empty(days);
    }

    [Fact]
    public void A_rota_without_leaders_is_refused() =>
        Assert.Throws<GridRuleException>(() =>
            ReceptionRota.Generate([], Villages, new LocalDate(2026, 11, 1), new LocalDate(2026, 11, 30), WorkCalendar.China));

    [Fact]
    public void Night_visits_give_each_leader_their_count_on_working_evenings_rotating_villages()
    {
        var visits = NightVisitRota.Generate([Secretary, Mayor], Villages, new YearMonth(2026, 10), 2, WorkCalendar.China);

        Assert.Equal(4, visits.Length);
        Assert.All(visits, v => Assert.True(WorkCalendar.China.IsWorkingDay(v.Date)));
        Assert.All(visits, v => Assert.Equal(new LocalTime(19, 0), v.Start));
        Assert.Equal(2, visits.Count(v => v.Leader == Secretary));
        Assert.Equal(2, visits.Count(v => v.Village == GridFixture.Village));
        // Leaders are offset within each slot, so no two go out on the same evening here.
        Assert.Equal(4, visits.Select(v => v.Date).Distinct().Count());
    }

    [Fact]
    public void A_night_visit_in_the_afternoon_is_refused() =>
        Assert.Throws<GridRuleException>(() =>
            NightVisitRota.Generate([Secretary], Villages, new YearMonth(2026, 11), 1, WorkCalendar.China, new LocalTime(15, 0)));

    [Fact]
    public void A_night_visit_record_refuses_a_negative_household_count()
    {
        var visit = new NightVisit(new LocalDate(2026, 11, 4), new LocalTime(19, 0), Secretary, GridFixture.Village);
        Assert.Throws<GridRuleException>(() => NightVisitRecord.Create(visit, -1, []));
        var record = NightVisitRecord.Create(visit, 12, ["路灯不亮", " "]);
        Assert.Equal(["路灯不亮"], record.Issues);
    }

    [Fact]
    public void A_six_questions_visit_needs_an_answer_to_every_question()
    {
        var answers = Enum.GetValues<SixQuestion>().ToDictionary(q => q, _ => "无");
        var visit = SixQuestionsVisit.Record(Guid.NewGuid(), GridFixture.Village, "3组 刘某家", "村支书", new LocalDate(2026, 11, 5), answers, false);
        Assert.Equal(6, visit.Answers.Count);

        answers.Remove(SixQuestion.Disputes);
        var e = Assert.Throws<GridRuleException>(() =>
            SixQuestionsVisit.Record(Guid.NewGuid(), GridFixture.Village, "3组 刘某家", "村支书", new LocalDate(2026, 11, 5), answers, false));
        Assert.Contains("Disputes", e.Message, StringComparison.Ordinal);
    }
}
