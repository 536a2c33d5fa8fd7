using CsCheck;
using Fengqiao.Core.Calendar;
using Fengqiao.Core.Grid;
using Fengqiao.Core.Tests.Calendar;
using NodaTime;

namespace Fengqiao.Core.Tests.Grid;

public class InspectionPlanTests
{
    private static readonly KeyPlace School = new("p-school", "镇中心小学", KeyPlaceKind.School, "G01");
    private static readonly KeyPlace Market = new("p-market", "集贸市场", KeyPlaceKind.Market, "G01");
    private static readonly KeyPlace Rental = new("p-rental", "出租房屋片区", KeyPlaceKind.RentalHousing, "G01");

    private static InspectionPlan Plan(YearMonth month, params KeyPlace[] places) =>
        InspectionPlan.Generate("G01", month, places, InspectionFrequencyPolicy.Default, WorkCalendar.China);

    [Fact]
    public void Default_frequencies_are_weekly_for_schools_fortnightly_for_markets_and_monthly_for_rental_housing()
    {
        Assert.Equal(InspectionFrequency.Weekly, InspectionFrequencyPolicy.Default.For(KeyPlaceKind.School));
        Assert.Equal(InspectionFrequency.Fortnightly, InspectionFrequencyPolicy.Default.For(KeyPlaceKind.Market));
        Assert.Equal(InspectionFrequency.Monthly, InspectionFrequencyPolicy.Default.For(KeyPlaceKind.RentalHousing));
    }

    [Fact]
    public void In_an_ordinary_month_a_school_is_visited_every_week_a_market_every_other_week_and_rental_housing_once()
    {
        // November 2026 has no holidays: weeks from Mon 2nd … plus Sun 1st alone (a weekend, no working day) and Mon 30th.
        var plan = Plan(new YearMonth(2026, 11), School, Market, Rental);

        Assert.Equal(5, plan.For("p-school").Count()); // weeks of 2, 9, 16, 23 and the lone Monday 30th
        Assert.Equal(3, plan.For("p-market").Count());
        Assert.Single(plan.For("p-rental"));
        Assert.All(plan.Visits, v => Assert.True(WorkCalendar.China.IsWorkingDay(v.Date)));
    }

    [Fact]
    public void The_national_day_week_is_skipped_and_the_make_up_saturday_can_be_used()
    {
        // 1–7 October 2026 are holidays; Saturday 10 October is a make-up workday.
        var weeks = InspectionPlan.WorkingWeeks(new YearMonth(2026, 10), WorkCalendar.China);

        Assert.Equal(4, weeks.Count);
        Assert.Equal([new LocalDate(2026, 10, 8), new LocalDate(2026, 10, 9), new LocalDate(2026, 10, 10)], weeks[0]);
        var plan = Plan(new YearMonth(2026, 10), School);
        Assert.Equal(4, plan.For("p-school").Count());
        Assert.DoesNotContain(plan.Visits, v => v.Date.Day <= 7);
    }

    [Fact]
    public void Visits_are_spread_over_the_days_instead_of_piling_on_mondays()
    {
        var schools = Enumerable.Range(1, 5).Select(i => new KeyPlace($"s{i}", $"学校{i}", KeyPlaceKind.School, "G01")).ToArray();

        var plan = Plan(new YearMonth(2026, 11), schools);

        // Five weekly places in a five-day week: one per day, not five on Monday.
        var week = plan.Visits.Where(v => v.Date >= new LocalDate(2026, 11, 9) && v.Date <= new LocalDate(2026, 11, 13)).ToList();
        Assert.Equal(5, week.Select(v => v.Date).Distinct().Count());
    }

    [Fact]
    public void Progress_counts_planned_visits_done_and_lists_the_missed_ones()
    {
        var grid = GridFixture.Grid("G01");
        var plan = Plan(new YearMonth(2026, 11), School, Rental);
        var first = plan.Visits[0];
        var visits = new[]
        {
            InspectionVisit.Record(Guid.NewGuid(), grid, first.Place, first, "G01-leader", ChinaTime.At(2026, 11, 2, 10), "正常"),
            InspectionVisit.Record(Guid.NewGuid(), grid, Market, null, "G01-leader", ChinaTime.At(2026, 11, 2, 11), "计划外巡查"),
        };

        var progress = plan.Progress(visits);

        Assert.Equal(6, progress.Planned);
        Assert.Equal(1, progress.Done);
        Assert.Equal(5, progress.Missed.Length);
        Assert.DoesNotContain(first, progress.Missed);
    }

    [Fact]
    public void A_key_place_of_another_grid_is_refused()
    {
        var foreign = new KeyPlace("p-x", "别的网格的学校", KeyPlaceKind.School, "G02");
        Assert.Throws<GridRuleException>(() => Plan(new YearMonth(2026, 11), School, foreign));
    }

    [Fact]
    public void A_town_can_make_markets_weekly()
    {
        var policy = InspectionFrequencyPolicy.Default.With(KeyPlaceKind.Market, InspectionFrequency.Weekly);
        var plan = InspectionPlan.Generate("G01", new YearMonth(2026, 11), [Market], policy, WorkCalendar.China);
        Assert.Equal(5, plan.Visits.Length);
    }

    [Fact]
    public void Plans_cover_every_key_place_at_its_frequency_and_only_on_the_months_working_days()
    {
        var kinds = Enum.GetValues<KeyPlaceKind>();
        var genPlaces = Gen.Int[0, kinds.Length - 1].List[0, 25]
            .Select(ks => ks.Select((k, i) => new KeyPlace($"p{i:D2}", $"场所{i}", kinds[k], "G01")).ToArray());
        Gen.Select(genPlaces, Gen.Int[2004, 2026], Gen.Int[1, 12]).Sample((places, year, month) =>
        {
            var ym = new YearMonth(year, month);
            var plan = Plan(ym, places);
            var weeks = InspectionPlan.WorkingWeeks(ym, WorkCalendar.China);
            foreach (var place in places)
            {
                var frequency = InspectionFrequencyPolicy.Default.For(place.Kind);
                var windows = InspectionPlan.Windows(weeks, frequency);
                var visits = plan.For(place.Id).ToList();
                Assert.Equal(windows.Count, visits.Count);
                // One visit in each window, i.e. the visits are spread as the frequency says.
                Assert.All(windows, w => Assert.Single(visits, v => w.Contains(v.Date)));
            }
            Assert.All(plan.Visits, v =>
            {
                Assert.True(WorkCalendar.China.IsWorkingDay(v.Date));
                Assert.Equal(ym, v.Date.ToYearMonth());
            });
            Assert.Equal(plan.Visits.Length, plan.Visits.Select(v => v.Id).Distinct().Count());
        });
    }
}
