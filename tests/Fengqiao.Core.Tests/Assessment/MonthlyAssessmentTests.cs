using Fengqiao.Core.Assessment;
using NodaTime;

namespace Fengqiao.Core.Tests.Assessment;

public class MonthlyAssessmentTests
{
    internal static readonly YearMonth March = new(2026, 3);

    internal static UnitMonthInput Unit(string code, decimal? rating = 5, int due = 10, int onTime = 10, int rated = 10, int satisfied = 10, int letters = 0, int overdue = 0) =>
        new(code, "单位" + code, March, rating, due, onTime, rated, satisfied, letters, overdue);

    [Fact]
    public void A_perfect_unit_scores_100()
    {
        var row = MonthlyAssessment.Rank(March, [Unit("A")], AssessmentScheme.Default).Rows.Single();
        Assert.Equal(100m, row.Score);
        Assert.Equal(1, row.Rank);
    }

    [Fact]
    public void The_score_follows_the_documented_formula()
    {
        // r = (4 − 1)/4 = 0.75; t = 8/10; s = 6/8 = 0.75; letters 2 of worst 4 → 0.5; overdue 1 of worst 2 → 0.5.
        // 100 × (25·0.75 + 30·0.8 + 25·0.75 + 10·0.5 + 10·0.5) / 100 = 71.5
        var ranking = MonthlyAssessment.Rank(March,
            [Unit("A", 4, 10, 8, 8, 6, letters: 2, overdue: 1), Unit("B", letters: 4, overdue: 2)], AssessmentScheme.Default);
        var a = ranking.Find("A")!;
        Assert.Equal(71.5m, a.Score);
        Assert.Equal(0.75m, a.Indicators.WhistleRating);
        Assert.Equal(0.5m, a.Indicators.Letters);
    }

    [Fact]
    public void Indicators_a_unit_had_nothing_for_are_left_out_and_the_other_weights_rescaled()
    {
        // No whistle rated, no rating: on-time 8/10 (weight 30), letters and overdue both best (10 + 10).
        // 100 × (30·0.8 + 10·1 + 10·1) / (30 + 10 + 10) = 88 — not (100 − 25 − 25) and not full points for the two missing.
        var ranking = MonthlyAssessment.Rank(March, [Unit("A", null, 10, 8, 0, 0, letters: 0, overdue: 0), Unit("B", letters: 1, overdue: 1)], AssessmentScheme.Default);
        var a = ranking.Find("A")!;
        Assert.Null(a.Indicators.WhistleRating);
        Assert.Null(a.Indicators.Satisfaction);
        Assert.Equal(88m, a.Score);
    }

    [Fact]
    public void A_unit_with_no_cases_is_not_rated_and_listed_after_the_ranked_with_the_reason()
    {
        // Nothing due, nothing summoned, nothing rated: it would have scored 100 on "no letters, nothing overdue" alone.
        var ranking = MonthlyAssessment.Rank(March, [Unit("Z", null, 0, 0, 0, 0), Unit("A", onTime: 5)], AssessmentScheme.Default);
        Assert.Equal(["A"], ranking.Rows.Select(r => r.UnitCode));
        Assert.Equal(1, ranking.Rows[0].Rank);
        var z = Assert.Single(ranking.NotRated);
        Assert.Equal(("Z", NotRatedReason.NoWork), (z.UnitCode, z.Reason));
        Assert.Null(ranking.Find("Z"));
    }

    [Fact]
    public void A_unit_without_cases_does_not_set_the_scale_of_the_counts()
    {
        // Z had four letters on old matters but no work this month; A's one letter is then the worst of the rated units.
        var ranking = MonthlyAssessment.Rank(March, [Unit("Z", null, 0, 0, 0, 0, letters: 4), Unit("A", letters: 1), Unit("B")], AssessmentScheme.Default);
        Assert.Equal(0m, ranking.Find("A")!.Indicators.Letters);
        Assert.Equal(NotRatedReason.NoWork, Assert.Single(ranking.NotRated).Reason);
    }

    [Fact]
    public void A_department_summoned_by_a_whistle_is_rated_even_with_no_case_due()
    {
        // It ignored the whistle (flagged, so overdue) and got a letter: not rating it would reward the silence.
        var ranking = MonthlyAssessment.Rank(March,
            [Unit("S", null, 0, 0, 0, 0, letters: 2, overdue: 1) with { WhistlesSummoned = 1 }, Unit("A")], AssessmentScheme.Default);
        Assert.Equal(["A", "S"], ranking.Rows.Select(r => r.UnitCode));
        Assert.Equal(0m, ranking.Find("S")!.Score);
        Assert.Empty(ranking.NotRated);
    }

    [Fact]
    public void Counts_no_rated_unit_had_score_nothing_rather_than_full_points()
    {
        // Nobody received a letter or was overdue: 0 of a worst of 0 is no data, so only the three ratios count.
        var ranking = MonthlyAssessment.Rank(March, [Unit("A", 5, 10, 5, 0, 0), Unit("B")], AssessmentScheme.Default);
        var a = ranking.Find("A")!;
        Assert.Equal((null, null), (a.Indicators.Letters, a.Indicators.Overdue));
        Assert.Equal(Math.Round(100m * (25m + 15m) / 55m, 2, MidpointRounding.AwayFromZero), a.Score);
    }

    [Fact]
    public void A_unit_none_of_whose_weighted_indicators_has_data_is_not_rated()
    {
        // Weighted on whistle ratings alone: a town is never rated on a whistle, so it has nothing to be scored on.
        var scheme = new AssessmentScheme(new AssessmentWeights(1, 0, 0, 0, 0));
        var ranking = MonthlyAssessment.Rank(March, [Unit("T", rating: null), Unit("D", rating: 3)], scheme);
        Assert.Equal(["D"], ranking.Rows.Select(r => r.UnitCode));
        Assert.Equal(("T", NotRatedReason.NoWeightedData), (ranking.NotRated.Single().UnitCode, ranking.NotRated.Single().Reason));
    }

    [Fact]
    public void A_unit_not_rated_last_month_is_new_this_month()
    {
        var february = MonthlyAssessment.Rank(new YearMonth(2026, 2), [Unit("A", null, 0, 0, 0, 0) with { Month = new YearMonth(2026, 2) }], AssessmentScheme.Default);
        var march = MonthlyAssessment.Rank(March, [Unit("A")], AssessmentScheme.Default, february);
        Assert.Equal((null, null), (march.Find("A")!.RankChange, march.Find("A")!.ScoreChange));
    }

    [Fact]
    public void Caps_scale_counts_independently_of_the_other_units()
    {
        var scheme = AssessmentScheme.Default with { LettersCap = 5, OverdueCap = 10 };
        var row = MonthlyAssessment.Rank(March, [Unit("A", letters: 5, overdue: 5)], scheme).Rows.Single();
        Assert.Equal((0m, 0.5m), (row.Indicators.Letters, row.Indicators.Overdue));
        Assert.Equal(85m, row.Score);
    }

    [Fact]
    public void Equal_scores_share_a_rank_listed_by_unit_code_and_the_next_rank_skips()
    {
        var ranking = MonthlyAssessment.Rank(March, [Unit("C"), Unit("B"), Unit("A", onTime: 5), Unit("D")], AssessmentScheme.Default);
        Assert.Equal(["B", "C", "D", "A"], ranking.Rows.Select(r => r.UnitCode));
        Assert.Equal([1, 1, 1, 4], ranking.Rows.Select(r => r.Rank));
    }

    [Fact]
    public void Month_on_month_change_compares_score_and_rank_with_last_month()
    {
        var february = MonthlyAssessment.Rank(new YearMonth(2026, 2),
            [Unit("A", onTime: 5) with { Month = new YearMonth(2026, 2) }, Unit("B") with { Month = new YearMonth(2026, 2) }], AssessmentScheme.Default);
        var march = MonthlyAssessment.Rank(March, [Unit("A"), Unit("B", onTime: 6), Unit("N")], AssessmentScheme.Default, february);
        var a = march.Find("A")!;
        Assert.Equal(1, a.RankChange); // 2nd → 1st
        Assert.Equal(100m - february.Find("A")!.Score, a.ScoreChange);
        Assert.True(march.Find("B")!.RankChange < 0);
        Assert.Null(march.Find("N")!.RankChange);
    }

    [Fact]
    public void Inconsistent_inputs_are_refused()
    {
        Assert.Throws<ArgumentException>(() => MonthlyAssessment.Rank(March, [Unit("A", onTime: 11)], AssessmentScheme.Default));
        Assert.Throws<ArgumentException>(() => MonthlyAssessment.Rank(March, [Unit("A", rating: 6)], AssessmentScheme.Default));
        Assert.Throws<ArgumentException>(() => MonthlyAssessment.Rank(March, [Unit("A"), Unit("A")], AssessmentScheme.Default));
        Assert.Throws<ArgumentException>(() => MonthlyAssessment.Rank(March, [Unit("A") with { Month = new YearMonth(2026, 4) }], AssessmentScheme.Default));
        Assert.Throws<ArgumentException>(() => MonthlyAssessment.Rank(March, [Unit("A") with { WhistlesSummoned = -1 }], AssessmentScheme.Default));
        Assert.Throws<ArgumentException>(() => new AssessmentWeights(0, 0, 0, 0, 0));
        Assert.Throws<ArgumentException>(() => new AssessmentWeights(-1, 1, 1, 1, 1));
    }
}
