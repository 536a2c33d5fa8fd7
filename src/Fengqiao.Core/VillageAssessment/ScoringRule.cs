using System.Collections.Immutable;

namespace Fengqiao.Core.VillageAssessment;

/// <summary>
/// Turns an indicator's value into points (before the indicator's polarity is applied). Points are never
/// negative and never exceed the indicator's weight: the weight is the most one indicator can move a score.
/// </summary>
public abstract record ScoringRule
{
    private protected ScoringRule()
    {
    }

    /// <summary>Raw points for a value; the caller clamps to [0, weight].</summary>
    public abstract decimal RawPoints(IndicatorValue value, decimal weight);

    public abstract string Describe();

    /// <summary>So many points per counted event (each unresolved dispute −2).</summary>
    public static ScoringRule PerCount(decimal pointsPerUnit) => new PerCountRule(pointsPerUnit);

    /// <summary>Points by the highest threshold the rate reaches (≥ 95 % → 10, ≥ 80 % → 6); an empty month scores <paramref name="whenNothingDue"/>.</summary>
    public static ScoringRule RateThresholds(IEnumerable<(decimal MinimumRate, decimal Points)> steps, decimal whenNothingDue) =>
        new RateThresholdRule([.. steps.Select(s => new RateStep(s.MinimumRate, s.Points))], whenNothingDue);

    /// <summary>Full weight when the flag is set (or, with <paramref name="whenTrue"/> false, when it is not).</summary>
    public static ScoringRule Boolean(bool whenTrue = true) => new BooleanRule(whenTrue);

    /// <summary>Another rule with a lower ceiling than the weight.</summary>
    public static ScoringRule Capped(ScoringRule inner, decimal cap) => new CappedRule(inner, cap);

    private protected static T As<T>(IndicatorValue value, string rule)
        where T : IndicatorValue =>
        value as T ?? throw new AssessmentRuleException($"{rule} 规则需要 {typeof(T).Name} 类型的值，收到 {value.GetType().Name} (the {rule} rule needs a {typeof(T).Name})");
}

public sealed record PerCountRule : ScoringRule
{
    public PerCountRule(decimal pointsPerUnit)
    {
        if (pointsPerUnit <= 0)
        {
            throw new AssessmentRuleException("每次分值应大于 0 (points per unit must be positive)");
        }
        PointsPerUnit = pointsPerUnit;
    }

    public decimal PointsPerUnit { get; }

    public override decimal RawPoints(IndicatorValue value, decimal weight) => As<CountValue>(value, "per-count").Value * PointsPerUnit;

    public override string Describe() => $"每次 {PointsPerUnit} 分 (per count)";
}

public sealed record RateStep(decimal MinimumRate, decimal Points);

public sealed record RateThresholdRule : ScoringRule
{
    public RateThresholdRule(ImmutableArray<RateStep> steps, decimal whenNothingDue)
    {
        if (steps.IsDefaultOrEmpty)
        {
            throw new AssessmentRuleException("比率规则至少需要一个档位 (a rate rule needs at least one step)");
        }
        if (steps.Any(s => s.MinimumRate is < 0 or > 1 || s.Points < 0) || whenNothingDue < 0)
        {
            throw new AssessmentRuleException("档位比率应在 0–1 之间，分值不能为负 (rates are 0–1 and points are not negative)");
        }
        if (steps.Select(s => s.MinimumRate).Distinct().Count() != steps.Length)
        {
            throw new AssessmentRuleException("档位比率重复 (two steps share a rate)");
        }
        Steps = [.. steps.OrderByDescending(s => s.MinimumRate)];
        WhenNothingDue = whenNothingDue;
    }

    /// <summary>Highest rate first.</summary>
    public ImmutableArray<RateStep> Steps { get; }

    public decimal WhenNothingDue { get; }

    public override decimal RawPoints(IndicatorValue value, decimal weight)
    {
        var fraction = As<RateValue>(value, "rate").Fraction;
        if (fraction is null)
        {
            return WhenNothingDue;
        }
        return Steps.FirstOrDefault(s => fraction >= s.MinimumRate)?.Points ?? 0;
    }

    public override string Describe() =>
        string.Join("；", Steps.Select(s => $"≥{s.MinimumRate:P0} 得 {s.Points} 分")) + " (rate thresholds)";

    public bool Equals(RateThresholdRule? other) =>
        other is not null && Steps.SequenceEqual(other.Steps) && WhenNothingDue == other.WhenNothingDue;

    public override int GetHashCode() => HashCode.Combine(Steps.Length, WhenNothingDue);
}

public sealed record BooleanRule(bool WhenTrue) : ScoringRule
{
    public override decimal RawPoints(IndicatorValue value, decimal weight) =>
        As<FlagValue>(value, "boolean").Value == WhenTrue ? weight : 0;

    public override string Describe() => WhenTrue ? "是则得满分 (full weight when true)" : "否则得满分 (full weight when false)";
}

public sealed record CappedRule : ScoringRule
{
    public CappedRule(ScoringRule inner, decimal cap)
    {
        ArgumentNullException.ThrowIfNull(inner);
        if (cap <= 0)
        {
            throw new AssessmentRuleException("封顶分值应大于 0 (a cap must be positive)");
        }
        Inner = inner;
        Cap = cap;
    }

    public ScoringRule Inner { get; }

    public decimal Cap { get; }

    public override decimal RawPoints(IndicatorValue value, decimal weight) => Math.Min(Cap, Inner.RawPoints(value, weight));

    public override string Describe() => $"{Inner.Describe()}，最多 {Cap} 分 (capped)";
}
