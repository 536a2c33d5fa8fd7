using Fengqiao.Core.VillageAssessment;

namespace Fengqiao.Core.Tests.VillageAssessment;

public class AssessmentSchemeTests
{
    [Fact]
    public void The_default_scheme_has_ten_positive_and_ten_negative_indicators()
    {
        var scheme = DefaultAssessmentScheme.Scheme;

        Assert.Equal(10, scheme.Positive.Count());
        Assert.Equal(10, scheme.Negative.Count());
        Assert.Equal(100m, scheme.BaseScore);
        Assert.Equal(150m, scheme.MaximumScore);
        Assert.Contains(scheme.Positive, i => i.Name.Contains("村内化解", StringComparison.Ordinal));
        Assert.Contains(scheme.Negative, i => i.Name.Contains("重复信访", StringComparison.Ordinal));
        Assert.Contains(scheme.Negative, i => i.Name.Contains("安全", StringComparison.Ordinal));
        Assert.All(scheme.Indicators, i => Assert.False(string.IsNullOrWhiteSpace(i.Definition)));
    }

    [Fact]
    public void A_scheme_with_nine_negative_indicators_is_refused()
    {
        var indicators = DefaultAssessmentScheme.Scheme.Indicators.Where(i => i.Code != "N10");
        var e = Assert.Throws<AssessmentRuleException>(() => AssessmentScheme.Create("缺一项", 100, indicators));
        Assert.Contains("10 positive and 10 negative", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Two_indicators_with_one_code_are_refused()
    {
        var indicators = DefaultAssessmentScheme.Scheme.Indicators.Select(i => i.Code == "N10"
            ? Indicator.Create("N09", "重复", IndicatorPolarity.Negative, 1, ScoringRule.PerCount(1), true)
            : i);
        Assert.Throws<AssessmentRuleException>(() => AssessmentScheme.Create("重复代码", 100, indicators));
    }

    [Fact]
    public void An_indicator_can_be_reconfigured_keeping_the_ten_plus_ten_shape()
    {
        var stricter = Indicator.Create("N02", "重复信访", IndicatorPolarity.Negative, 15, ScoringRule.PerCount(5), true);
        var scheme = DefaultAssessmentScheme.Scheme.With(stricter);
        Assert.Equal(15, scheme["N02"].Weight);
        Assert.Throws<AssessmentRuleException>(() => scheme.With(Indicator.Create("X1", "新", IndicatorPolarity.Positive, 1, ScoringRule.Boolean(), false)));
    }

    [Fact]
    public void A_quiet_month_scores_the_base_plus_the_points_for_things_that_went_right()
    {
        var score = AssessmentFixture.Score(1, AssessmentFixture.Quiet());

        // P01, P03, P04, P05 (nothing due: full), P02 (no escalation), P06 (plan done).
        Assert.Equal(8 + 6 + 5 + 5 + 5 + 5, score.PositivePoints);
        Assert.Equal(0, score.NegativePoints);
        Assert.Equal(134, score.Total);
    }

    [Fact]
    public void Negative_indicators_take_points_away_up_to_their_weight()
    {
        var entries = AssessmentFixture.Quiet()
            .With("N01", IndicatorValue.Count(2))   // 2 × 2
            .With("N03", IndicatorValue.Count(5))   // 5 × 5 = 25, capped at 10
            .With("P02", IndicatorValue.Flag(false));

        var score = AssessmentFixture.Score(1, entries);

        Assert.Equal(14, score.NegativePoints);
        Assert.Equal(100 + 28 - 14, score.Total);
        Assert.Equal(["N03", "N01"], score.Deductions.Select(l => l.Indicator.Code));
    }

    [Fact]
    public void A_missing_indicator_value_is_refused_rather_than_counted_as_zero()
    {
        var entries = AssessmentFixture.Quiet();
        entries.Remove("N02");
        var e = Assert.Throws<AssessmentRuleException>(() => AssessmentFixture.Score(1, entries));
        Assert.Contains("N02", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_indicator_value_is_refused()
    {
        var entries = AssessmentFixture.Quiet().With("Z99", IndicatorValue.Count(1));
        Assert.Throws<AssessmentRuleException>(() => AssessmentFixture.Score(1, entries));
    }

    [Fact]
    public void A_value_of_the_wrong_shape_for_its_rule_is_refused()
    {
        var entries = AssessmentFixture.Quiet().With("P02", IndicatorValue.Count(1));
        Assert.Throws<AssessmentRuleException>(() => AssessmentFixture.Score(1, entries));
    }

    [Fact]
    public void A_hand_entered_value_needs_evidence_and_who_entered_it()
    {
        Assert.Throws<AssessmentRuleException>(() => IndicatorEntry.Manual(IndicatorValue.Count(1), " ", "镇综治办"));
        Assert.Throws<AssessmentRuleException>(() => IndicatorEntry.Manual(IndicatorValue.Count(1), "事故报告", ""));
        var entry = IndicatorEntry.Manual(IndicatorValue.Count(1), "安监站事故报告〔2026〕7号", "镇应急办");
        Assert.Equal(ValueSource.Manual, entry.Source);
    }

    [Fact]
    public void Scores_keep_the_evidence_of_each_line()
    {
        var entries = AssessmentFixture.Quiet();
        entries["N05"] = IndicatorEntry.Manual(IndicatorValue.Count(1), "安监站事故报告〔2026〕7号", "镇应急办");

        var line = AssessmentFixture.Score(1, entries).Lines.Single(l => l.Indicator.Code == "N05");

        Assert.Equal(-5, line.Points);
        Assert.Equal("安监站事故报告〔2026〕7号", line.Entry.Evidence);
    }
}
