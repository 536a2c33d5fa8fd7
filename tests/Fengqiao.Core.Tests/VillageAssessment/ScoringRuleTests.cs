using CsCheck;
using Fengqiao.Core.VillageAssessment;

namespace Fengqiao.Core.Tests.VillageAssessment;

public class ScoringRuleTests
{
    private static Indicator Positive(ScoringRule rule, decimal weight = 10) =>
        Indicator.Create("P", "正向", IndicatorPolarity.Positive, weight, rule, true);

    [Fact]
    public void Per_count_scores_each_event_and_stops_at_the_weight()
    {
        var indicator = Positive(ScoringRule.PerCount(3));
        Assert.Equal(9, indicator.SignedPoints(IndicatorValue.Count(3)));
        Assert.Equal(10, indicator.SignedPoints(IndicatorValue.Count(4)));
    }

    [Fact]
    public void A_cap_below_the_weight_stops_the_points_earlier()
    {
        var indicator = Positive(ScoringRule.Capped(ScoringRule.PerCount(0.1m), 4), 5);
        Assert.Equal(2.5m, indicator.SignedPoints(IndicatorValue.Count(25)));
        Assert.Equal(4, indicator.SignedPoints(IndicatorValue.Count(300)));
    }

    [Theory]
    [InlineData(19, 20, 10)] // 95 %
    [InlineData(18, 20, 6)]  // 90 %
    [InlineData(16, 20, 6)]  // 80 %
    [InlineData(15, 20, 0)]  // 75 %
    [InlineData(0, 0, 7)]    // nothing due
    public void Rate_thresholds_score_the_highest_step_reached(int numerator, int denominator, decimal expected)
    {
        var rule = ScoringRule.RateThresholds([(0.95m, 10), (0.8m, 6)], whenNothingDue: 7);
        Assert.Equal(expected, Positive(rule).SignedPoints(IndicatorValue.Rate(numerator, denominator)));
    }

    [Fact]
    public void A_boolean_rule_gives_the_full_weight_or_nothing()
    {
        Assert.Equal(6, Positive(ScoringRule.Boolean(), 6).SignedPoints(IndicatorValue.Flag(true)));
        Assert.Equal(0, Positive(ScoringRule.Boolean(), 6).SignedPoints(IndicatorValue.Flag(false)));
        Assert.Equal(6, Positive(ScoringRule.Boolean(whenTrue: false), 6).SignedPoints(IndicatorValue.Flag(false)));
    }

    [Fact]
    public void A_negative_indicator_returns_negative_points()
    {
        var indicator = Indicator.Create("N", "负向", IndicatorPolarity.Negative, 10, ScoringRule.PerCount(2), true);
        Assert.Equal(-4, indicator.SignedPoints(IndicatorValue.Count(2)));
    }

    [Fact]
    public void Invalid_values_cannot_be_built()
    {
        Assert.Throws<AssessmentRuleException>(() => IndicatorValue.Count(-1));
        Assert.Throws<AssessmentRuleException>(() => IndicatorValue.Rate(3, 2));
        Assert.Throws<AssessmentRuleException>(() => IndicatorValue.Rate(-1, 2));
        Assert.Throws<AssessmentRuleException>(() => ScoringRule.PerCount(0));
        Assert.Throws<AssessmentRuleException>(() => ScoringRule.RateThresholds([(1.5m, 3)], 0));
        Assert.Throws<AssessmentRuleException>(() => ScoringRule.Capped(ScoringRule.PerCount(1), 0));
        Assert.Throws<AssessmentRuleException>(() => Indicator.Create("X", "零权重", IndicatorPolarity.Positive, 0, ScoringRule.Boolean(), true));
    }

    [Fact]
    public void Points_always_lie_between_zero_and_the_weight() =>
        Gen.Select(Gen.Int[0, 1000], Gen.Int[1, 100], Gen.Decimal[0.01m, 20m]).Sample((count, weight, perUnit) =>
        {
            var positive = Positive(ScoringRule.PerCount(decimal.Round(perUnit, 2)), weight);
            var points = positive.SignedPoints(IndicatorValue.Count(count));
            Assert.InRange(points, 0, weight);
        });
}
