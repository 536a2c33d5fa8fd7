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
    public void Indicators_a_unit_had_nothing_for_are_left_out_not_scored_zero()
    {
        // No whistles rated, no cases due, no ratings: only the two count indicators remain, both perfect.
        var row = MonthlyAssessment.Rank(March, [Unit("A", null, 0, 0, 0, 0)], AssessmentScheme.Default).Rows.Single();
        Assert.Null(row.Indicators.WhistleRating);
        Assert.Null(row.Indicators.OnTimeClosure);
        Assert.Equal(100m, row.Score);
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
        Assert.Throws<ArgumentException>(() => new AssessmentWeights(0, 0, 0, 0, 0));
        Assert.Throws<ArgumentException>(() => new AssessmentWeights(-1, 1, 1, 1, 1));
    }
}
