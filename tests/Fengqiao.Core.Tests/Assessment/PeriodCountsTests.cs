using Fengqiao.Core.Assessment;
using Fengqiao.Core.Letters;
using Fengqiao.Core.Tests.Letters;
using Fengqiao.Core.Tests.Whistles;
using Fengqiao.Core.Whistles;
using NodaTime;
using static Fengqiao.Core.Tests.Calendar.ChinaTime;

namespace Fengqiao.Core.Tests.Assessment;

public class PeriodCountsTests
{
    [Fact]
    public void Letters_count_by_type_on_their_issue_date_and_drafts_do_not_count()
    {
        Letter[] letters = [LetterFixture.IssuedSupervision(1), LetterFixture.IssuedSupervision(2), LetterFixture.Drafted(LetterType.RiskAlert)];
        var year = PeriodCounts.LettersByType(letters, ReportingPeriod.Year(2026));
        Assert.Equal(2, year[LetterType.Supervision]);
        Assert.Equal(0, year[LetterType.RiskAlert]);
        Assert.Equal(0, PeriodCounts.LettersByType(letters, ReportingPeriod.Month(new YearMonth(2026, 4)))[LetterType.Supervision]);
    }

    [Fact]
    public void A_period_places_an_instant_by_its_Beijing_date()
    {
        var march = ReportingPeriod.Month(new YearMonth(2026, 3));
        Assert.True(march.Contains(At(2026, 3, 31, 23, 59)));  // 15:59 UTC
        Assert.False(march.Contains(At(2026, 4, 1, 0, 30)));   // still 31 March in UTC
        Assert.Throws<ArgumentException>(() => ReportingPeriod.Between(new LocalDate(2026, 3, 2), new LocalDate(2026, 3, 1)));
    }

    [Fact]
    public void Whistle_counts_include_escalations_levels_reached_and_closures()
    {
        var escalated = WhistleFixture.Blown().Escalate(At(2026, 3, 3, 9), "scheduler").Whistle;
        var closed = WhistleFixture.Blown(departments: [WhistleFixture.Housing])
            .Completed(WhistleFixture.Housing, At(2026, 3, 2, 10))
            .Close(WhistleFixture.Community, At(2026, 3, 3), "c", "已解决").Whistle;
        var counts = PeriodCounts.Whistles([escalated, closed, WhistleFixture.Blown(At(2026, 5, 1))], ReportingPeriod.Month(new YearMonth(2026, 3)));
        Assert.Equal((2, 1, 1), (counts.Blown, counts.Closed, counts.Escalations));
        Assert.Equal(1, counts.ByHighestLevel[WhistleLevel.Street]);
        Assert.Equal(1, counts.ByHighestLevel[WhistleLevel.Community]);
    }

    [Fact]
    public void A_departments_whistle_rating_average_is_the_mean_of_the_ratings_given_in_the_period()
    {
        Whistle Rated(int mark, Instant at) => WhistleFixture.Blown(departments: [WhistleFixture.Housing])
            .Completed(WhistleFixture.Housing, At(2026, 3, 2, 10))
            .Rate(WhistleFixture.Community, WhistleFixture.Housing, WhistleFixture.Rating(mark, mark, mark), at, "c").Whistle;
        Whistle[] whistles = [Rated(5, At(2026, 3, 5)), Rated(2, At(2026, 3, 6)), Rated(1, At(2026, 4, 2))];
        var march = ReportingPeriod.Month(new YearMonth(2026, 3));
        Assert.Equal(3.5m, PeriodCounts.WhistleRatingAverage(whistles, WhistleFixture.Housing, march));
        Assert.Null(PeriodCounts.WhistleRatingAverage(whistles, WhistleFixture.Labour, march));
    }
}
