namespace Fengqiao.Core.VillageAssessment;

/// <summary>Whether an indicator adds points (正向, 加分) or takes them away (负向, 减分).</summary>
public enum IndicatorPolarity
{
    Positive = 1, // 正向指标
    Negative = 2, // 负向指标
}

/// <summary>
/// One of the "双十" indicators. <see cref="Computable"/> says whether Fengqiao can compute the value from its own
/// records (cases, inspections, outreach); otherwise a village clerk enters it with evidence.
/// </summary>
public sealed record Indicator
{
    private Indicator(string code, string name, IndicatorPolarity polarity, decimal weight, ScoringRule rule, bool computable, string? definition)
    {
        Code = code;
        Name = name;
        Polarity = polarity;
        Weight = weight;
        Rule = rule;
        Computable = computable;
        Definition = definition;
    }

    public string Code { get; }

    public string Name { get; }

    public IndicatorPolarity Polarity { get; }

    /// <summary>The most points this indicator can add or take away.</summary>
    public decimal Weight { get; }

    public ScoringRule Rule { get; }

    public bool Computable { get; }

    /// <summary>The written definition shown next to the score, so a village can check how it was scored.</summary>
    public string? Definition { get; }

    public static Indicator Create(string code, string name, IndicatorPolarity polarity, decimal weight, ScoringRule rule,
        bool computable, string? definition = null)
    {
        ArgumentNullException.ThrowIfNull(rule);
        if (string.IsNullOrWhiteSpace(code) || string.IsNullOrWhiteSpace(name))
        {
            throw new AssessmentRuleException("指标需有代码和名称 (an indicator needs a code and a name)");
        }
        if (!Enum.IsDefined(polarity))
        {
            throw new AssessmentRuleException("未知的指标方向 (unknown polarity)");
        }
        if (weight is <= 0 or > 100)
        {
            throw new AssessmentRuleException($"指标 {code} 的权重应在 0–100 之间 (weight must be in (0, 100])");
        }
        return new Indicator(code.Trim(), name.Trim(), polarity, weight, rule, computable, definition);
    }

    /// <summary>Points for a value: the rule's points clamped to [0, weight], negative for a negative indicator.</summary>
    public decimal SignedPoints(IndicatorValue value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var points = Math.Clamp(Rule.RawPoints(value, Weight), 0, Weight);
        return Polarity == IndicatorPolarity.Positive ? points : -points;
    }
}
