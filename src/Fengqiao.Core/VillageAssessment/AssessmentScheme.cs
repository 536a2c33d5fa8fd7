using System.Collections.Immutable;
using Fengqiao.Core.Organisations;
using NodaTime;

namespace Fengqiao.Core.VillageAssessment;

/// <summary>
/// The "双十" scheme (双十考评): exactly ten positive and ten negative indicators and a base score. A village's
/// monthly score is the base plus the positive points minus the negative points.
/// </summary>
public sealed record AssessmentScheme
{
    public const int IndicatorsPerPolarity = 10;

    private AssessmentScheme(string name, decimal baseScore, ImmutableArray<Indicator> indicators)
    {
        Name = name;
        BaseScore = baseScore;
        Indicators = indicators;
    }

    public string Name { get; }

    public decimal BaseScore { get; }

    /// <summary>Positive indicators first, each group in code order.</summary>
    public ImmutableArray<Indicator> Indicators { get; }

    public IEnumerable<Indicator> Positive => Indicators.Where(i => i.Polarity == IndicatorPolarity.Positive);

    public IEnumerable<Indicator> Negative => Indicators.Where(i => i.Polarity == IndicatorPolarity.Negative);

    public decimal MaximumScore => BaseScore + Positive.Sum(i => i.Weight);

    public decimal MinimumScore => BaseScore - Negative.Sum(i => i.Weight);

    public Indicator this[string code] =>
        Indicators.FirstOrDefault(i => i.Code == code) ?? throw new AssessmentRuleException($"没有代码为 {code} 的指标 (no indicator {code})");

    public static AssessmentScheme Create(string name, decimal baseScore, IEnumerable<Indicator> indicators)
    {
        ArgumentNullException.ThrowIfNull(indicators);
        if (string.IsNullOrWhiteSpace(name))
        {
            throw new AssessmentRuleException("考评方案需有名称 (a scheme needs a name)");
        }
        if (baseScore < 0)
        {
            throw new AssessmentRuleException("基础分不能为负 (the base score cannot be negative)");
        }
        var list = indicators.ToList();
        var duplicate = list.GroupBy(i => i.Code, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new AssessmentRuleException($"指标代码 {duplicate.Key} 重复 (indicator code {duplicate.Key} used twice)");
        }
        var positive = list.Count(i => i.Polarity == IndicatorPolarity.Positive);
        var negative = list.Count - positive;
        if (positive != IndicatorsPerPolarity || negative != IndicatorsPerPolarity)
        {
            throw new AssessmentRuleException(
                $"“双十”考评需要 10 项正向、10 项负向指标，现有 {positive} 项正向、{negative} 项负向 (the scheme needs 10 positive and 10 negative indicators, found {positive} and {negative})");
        }
        return new AssessmentScheme(name.Trim(), baseScore,
            [.. list.OrderBy(i => i.Polarity).ThenBy(i => i.Code, StringComparer.Ordinal)]);
    }

    /// <summary>Replaces one indicator (same code), keeping the 10 + 10 shape.</summary>
    public AssessmentScheme With(Indicator indicator)
    {
        ArgumentNullException.ThrowIfNull(indicator);
        _ = this[indicator.Code];
        return Create(Name, BaseScore, Indicators.Select(i => i.Code == indicator.Code ? indicator : i));
    }

    /// <summary>
    /// Scores one village for one month. Every indicator needs an entry: a missing value would silently count as
    /// zero, which for a negative indicator flatters the village.
    /// </summary>
    public VillageMonthScore Score(DivisionCode village, YearMonth month, IReadOnlyDictionary<string, IndicatorEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        if (village.Level != DivisionLevel.Village)
        {
            throw new AssessmentRuleException($"{village} 不是村（社区）代码 (not a village code)");
        }
        var unknown = entries.Keys.Where(k => Indicators.All(i => i.Code != k)).ToList();
        if (unknown.Count > 0)
        {
            throw new AssessmentRuleException($"未知的指标：{string.Join("、", unknown)} (unknown indicators: {string.Join(", ", unknown)})");
        }
        var missing = Indicators.Where(i => !entries.ContainsKey(i.Code)).Select(i => i.Code).ToList();
        if (missing.Count > 0)
        {
            throw new AssessmentRuleException($"缺少指标值：{string.Join("、", missing)} (missing values for {string.Join(", ", missing)})");
        }
        var lines = Indicators.Select(i =>
        {
            var entry = entries[i.Code];
            return new ScoreLine(i, entry, i.SignedPoints(entry.Value));
        }).ToImmutableArray();
        return new VillageMonthScore(village, month, BaseScore, lines);
    }
}

/// <summary>One indicator's contribution to a village's monthly score.</summary>
public sealed record ScoreLine(Indicator Indicator, IndicatorEntry Entry, decimal Points);

/// <summary>A village's "双十" score for a month, with every line that made it up.</summary>
public sealed record VillageMonthScore(DivisionCode Village, YearMonth Month, decimal BaseScore, ImmutableArray<ScoreLine> Lines)
{
    public decimal PositivePoints => Lines.Where(l => l.Points > 0).Sum(l => l.Points);

    /// <summary>Points taken away, as a positive number.</summary>
    public decimal NegativePoints => -Lines.Where(l => l.Points < 0).Sum(l => l.Points);

    public decimal Total => BaseScore + PositivePoints - NegativePoints;

    /// <summary>The negative lines that cost points, largest first: what a notice names.</summary>
    public IEnumerable<ScoreLine> Deductions => Lines.Where(l => l.Points < 0).OrderBy(l => l.Points).ThenBy(l => l.Indicator.Code, StringComparer.Ordinal);
}
