using CsCheck;
using Fengqiao.Core.Organisations;
using Fengqiao.Core.VillageAssessment;
using NodaTime;

namespace Fengqiao.Core.Tests.VillageAssessment;

public class VillageRankingTests
{
    private static VillageMonthScore WithRepeats(int village, int repeatPetitions, YearMonth? month = null) =>
        AssessmentFixture.Score(village, AssessmentFixture.Quiet().With("N02", IndicatorValue.Count(repeatPetitions)), month);

    [Fact]
    public void Villages_are_ranked_by_total_with_equal_totals_sharing_a_rank()
    {
        var ranking = VillageRanking.Rank(AssessmentFixture.November,
            [WithRepeats(1, 2), WithRepeats(2, 0), WithRepeats(3, 2), WithRepeats(4, 3)]);

        Assert.Equal([2, 1, 3, 4], ranking.Rows.Select(r => int.Parse(r.Village.Value[^3..])));
        Assert.Equal([1, 2, 2, 4], ranking.Rows.Select(r => r.Rank));
    }

    [Fact]
    public void Equal_totals_are_ordered_by_more_positive_points_then_fewer_deductions()
    {
        // Village 5 earns 3 outreach points and loses 3 to a repeat petition: same total as a quiet village 6.
        var busy = AssessmentFixture.Score(5, AssessmentFixture.Quiet().With("P08", IndicatorValue.Count(3)).With("N02", IndicatorValue.Count(1)));
        var quiet = AssessmentFixture.Score(6, AssessmentFixture.Quiet());
        Assert.Equal(busy.Total, quiet.Total);

        var ranking = VillageRanking.Rank(AssessmentFixture.November, [quiet, busy]);

        Assert.Equal(busy.Village, ranking.Rows[0].Village);
        Assert.Equal(1, ranking.Rows[1].Rank);
    }

    [Fact]
    public void The_trend_compares_with_last_month()
    {
        var october = new YearMonth(2026, 10);
        var ranking = VillageRanking.Rank(AssessmentFixture.November,
            [WithRepeats(1, 0), WithRepeats(2, 1), WithRepeats(3, 0), WithRepeats(9, 0)],
            [WithRepeats(1, 1, october), WithRepeats(2, 0, october), WithRepeats(3, 0, october)]);

        var byVillage = ranking.Rows.ToDictionary(r => int.Parse(r.Village.Value[^3..]));
        Assert.Equal(Trend.Up, byVillage[1].Trend);
        Assert.Equal(3, byVillage[1].Change);
        Assert.Equal(Trend.Down, byVillage[2].Trend);
        Assert.Equal(1, byVillage[2].PreviousRank);
        Assert.Equal(Trend.Same, byVillage[3].Trend);
        Assert.Equal(Trend.New, byVillage[9].Trend);
        Assert.Null(byVillage[9].Change);
    }

    [Fact]
    public void A_village_scored_twice_in_a_month_is_refused() =>
        Assert.Throws<AssessmentRuleException>(() => VillageRanking.Rank(AssessmentFixture.November, [WithRepeats(1, 0), WithRepeats(1, 1)]));

    [Fact]
    public void A_score_from_another_month_is_refused() =>
        Assert.Throws<AssessmentRuleException>(() =>
            VillageRanking.Rank(AssessmentFixture.November, [WithRepeats(1, 0), WithRepeats(2, 0, new YearMonth(2026, 10))]));

    [Fact]
    public void Rankings_are_sorted_permutations_whatever_the_input_order() =>
        Gen.Int[0, 4].Array[1, 30].Sample(repeats =>
        {
            var scores = repeats.Select((r, i) => WithRepeats(i + 1, r)).ToList();
            var ranking = VillageRanking.Rank(AssessmentFixture.November, scores);
            var shuffled = VillageRanking.Rank(AssessmentFixture.November, Enumerable.Reverse(scores));

            Assert.Equal(scores.Select(s => s.Village).Order(), ranking.Rows.Select(r => r.Village).Order());
            Assert.Equal(ranking.Rows.Select(r => r.Village), shuffled.Rows.Select(r => r.Village));
            for (var i = 1; i < ranking.Rows.Length; i++)
            {
                var (a, b) = (ranking.Rows[i - 1], ranking.Rows[i]);
                Assert.True(a.Total >= b.Total);
                Assert.True(a.Total != b.Total || a.Village.CompareTo(b.Village) < 0 || a.Score.PositivePoints > b.Score.PositivePoints);
                Assert.Equal(a.Total == b.Total ? a.Rank : i + 1, b.Rank);
            }
        });

    [Fact]
    public void The_notice_names_the_best_and_the_worst_with_their_reasons()
    {
        var scores = Enumerable.Range(1, 8).Select(i => WithRepeats(i, i - 1)).ToList();
        var names = scores.ToDictionary(s => s.Village, s => $"{int.Parse(s.Village.Value[^3..])}村");
        var ranking = VillageRanking.Rank(AssessmentFixture.November, scores);

        var notice = AssessmentNotice.Compose(ranking, "某镇平安建设领导小组", new LocalDate(2026, 12, 3), names);

        Assert.Equal("关于2026年11月“双十”考评结果的通报", notice.Title);
        Assert.Equal(8, notice.VillageCount);
        Assert.Equal(8, notice.Table.Length);
        Assert.Equal(["1村", "2村", "3村"], notice.Commended.Select(e => e.VillageName));
        Assert.Equal(["8村", "7村", "6村"], notice.Warned.Select(e => e.VillageName));
        Assert.Contains("重复信访 -10", notice.Warned[0].Reasons);
        Assert.Equal(ranking.Rows.Max(r => r.Total), notice.Highest);
    }

    [Fact]
    public void A_notice_before_the_month_ends_is_refused()
    {
        var ranking = VillageRanking.Rank(AssessmentFixture.November, [WithRepeats(1, 0), WithRepeats(2, 0)]);
        Assert.Throws<AssessmentRuleException>(() =>
            AssessmentNotice.Compose(ranking, "某镇", new LocalDate(2026, 11, 20), new Dictionary<DivisionCode, string>()));
    }

    [Fact]
    public void A_small_town_never_both_commends_and_warns_the_same_village()
    {
        var ranking = VillageRanking.Rank(AssessmentFixture.November, [WithRepeats(1, 0), WithRepeats(2, 1), WithRepeats(3, 2)]);
        var notice = AssessmentNotice.Compose(ranking, "某镇", new LocalDate(2026, 12, 1), new Dictionary<DivisionCode, string>());
        Assert.Empty(notice.Commended.Select(e => e.Village).Intersect(notice.Warned.Select(e => e.Village)));
        Assert.Single(notice.Commended);
    }
}
