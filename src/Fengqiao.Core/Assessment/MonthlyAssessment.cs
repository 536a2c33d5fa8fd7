using System.Collections.Immutable;
using NodaTime;

namespace Fengqiao.Core.Assessment;

/// <summary>
/// One town's or department's month (月度考核输入). Rates are given as counts so they cannot be out of range and
/// so that "no cases due" is distinguishable from "0 % on time".
/// </summary>
public sealed record UnitMonthInput(
    string UnitCode,
    string UnitName,
    YearMonth Month,
    decimal? WhistleRatingAverage,
    int CasesDue,
    int ClosedOnTime,
    int RatedCases,
    int SatisfiedCases,
    int LettersReceived,
    int OverdueCount);

/// <summary>The weights of the five indicators; only their proportions matter.</summary>
public sealed record AssessmentWeights
{
    public AssessmentWeights(decimal whistleRating, decimal onTimeClosure, decimal satisfaction, decimal letters, decimal overdue)
    {
        if (whistleRating < 0 || onTimeClosure < 0 || satisfaction < 0 || letters < 0 || overdue < 0)
        {
            throw new ArgumentException("权重不能为负 (weights cannot be negative)");
        }
        if (whistleRating + onTimeClosure + satisfaction + letters + overdue <= 0)
        {
            throw new ArgumentException("权重之和须大于 0 (the weights must not all be zero)");
        }
        WhistleRating = whistleRating;
        OnTimeClosure = onTimeClosure;
        Satisfaction = satisfaction;
        Letters = letters;
        Overdue = overdue;
    }

    public decimal WhistleRating { get; }

    public decimal OnTimeClosure { get; }

    public decimal Satisfaction { get; }

    public decimal Letters { get; }

    public decimal Overdue { get; }

    /// <summary>Whistle ratings 25, on-time closure 30, satisfaction 25, letters received 10, overdue cases 10.</summary>
    public static AssessmentWeights Default { get; } = new(25, 30, 25, 10, 10);
}

/// <summary>
/// Weights plus how the two "fewer is better" counts are scaled. With a cap, a count at or above the cap scores 0
/// whatever the others did; without one, counts are scaled against the worst unit of the month.
/// </summary>
public sealed record AssessmentScheme(AssessmentWeights Weights, int? LettersCap = null, int? OverdueCap = null)
{
    public static AssessmentScheme Default { get; } = new(AssessmentWeights.Default);
}

/// <summary>Each indicator normalised to 0–1 (higher is better); null when the unit had nothing to measure.</summary>
public sealed record IndicatorScores(decimal? WhistleRating, decimal? OnTimeClosure, decimal? Satisfaction, decimal Letters, decimal Overdue);

public sealed record UnitAssessment(
    int Rank,
    string UnitCode,
    string UnitName,
    decimal Score,
    IndicatorScores Indicators,
    decimal? ScoreChange,
    int? RankChange,
    UnitMonthInput Input);

public sealed record MonthlyRanking(YearMonth Month, ImmutableArray<UnitAssessment> Rows)
{
    public UnitAssessment? Find(string unitCode) => Rows.FirstOrDefault(r => string.Equals(r.UnitCode, unitCode, StringComparison.Ordinal));
}

/// <summary>
/// The monthly assessment of towns or of departments (月度考核排名). Rank towns and departments in separate calls:
/// the relative scaling compares a unit with its own cohort.
/// <para>
/// Formula. Each indicator is normalised to 0–1, higher better:
/// whistle rating r = (mean of the 1–5 marks − 1) / 4;
/// on-time closure t = closed on time / cases due;
/// satisfaction s = satisfied / rated;
/// letters l = 1 − min(letters, L) / L, overdue o = 1 − min(overdue, O) / O, where L and O are the scheme's caps or,
/// without caps, the month's highest count in the cohort (and the indicator is 1 for all when that is 0).
/// Score = 100 × Σ wᵢ·xᵢ / Σ wᵢ over the indicators the unit has (one with no rated whistles, no cases due or no
/// ratings is scored on the rest rather than given 0 or 1 for them), rounded half away from zero to 2 decimals.
/// </para>
/// <para>
/// Ranking: by score descending; equal (rounded) scores share a rank and the next rank skips (1, 2, 2, 4); within
/// a tie rows are listed by unit code, so the table is the same every time. Month-on-month: the change in score,
/// and rank change = last month's rank − this month's (positive means the unit moved up); null for a unit that was
/// not ranked last month.
/// </para>
/// </summary>
public static class MonthlyAssessment
{
    public static MonthlyRanking Rank(YearMonth month, IEnumerable<UnitMonthInput> inputs, AssessmentScheme scheme, MonthlyRanking? previous = null)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(scheme);
        var rows = inputs.ToList();
        Validate(month, rows, scheme);
        var lettersScale = scheme.LettersCap ?? (rows.Count == 0 ? 0 : rows.Max(r => r.LettersReceived));
        var overdueScale = scheme.OverdueCap ?? (rows.Count == 0 ? 0 : rows.Max(r => r.OverdueCount));
        var scored = rows
            .Select(r =>
            {
                var indicators = new IndicatorScores(
                    r.WhistleRatingAverage is { } avg ? (avg - 1) / 4 : null,
                    r.CasesDue > 0 ? (decimal)r.ClosedOnTime / r.CasesDue : null,
                    r.RatedCases > 0 ? (decimal)r.SatisfiedCases / r.RatedCases : null,
                    FewerIsBetter(r.LettersReceived, lettersScale),
                    FewerIsBetter(r.OverdueCount, overdueScale));
                return (Input: r, Indicators: indicators, Score: Score(indicators, scheme.Weights));
            })
            .OrderByDescending(x => x.Score)
            .ThenBy(x => x.Input.UnitCode, StringComparer.Ordinal)
            .ToList();
        var result = ImmutableArray.CreateBuilder<UnitAssessment>(scored.Count);
        for (var i = 0; i < scored.Count; i++)
        {
            var (input, indicators, score) = scored[i];
            var rank = i > 0 && scored[i - 1].Score == score ? result[i - 1].Rank : i + 1;
            var before = previous?.Find(input.UnitCode);
            result.Add(new UnitAssessment(rank, input.UnitCode, input.UnitName, score, indicators,
                before is null ? null : score - before.Score,
                before is null ? null : before.Rank - rank, input));
        }
        return new MonthlyRanking(month, result.MoveToImmutable());
    }

    private static decimal FewerIsBetter(int count, int scale) =>
        scale <= 0 ? 1m : 1m - (decimal)Math.Min(count, scale) / scale;

    private static decimal Score(IndicatorScores x, AssessmentWeights w)
    {
        decimal sum = 0, weight = 0;
        void Add(decimal? value, decimal wi)
        {
            if (value is { } v)
            {
                sum += wi * v;
                weight += wi;
            }
        }
        Add(x.WhistleRating, w.WhistleRating);
        Add(x.OnTimeClosure, w.OnTimeClosure);
        Add(x.Satisfaction, w.Satisfaction);
        Add(x.Letters, w.Letters);
        Add(x.Overdue, w.Overdue);
        return weight == 0 ? 0m : Math.Round(100m * sum / weight, 2, MidpointRounding.AwayFromZero);
    }

    private static void Validate(YearMonth month, List<UnitMonthInput> rows, AssessmentScheme scheme)
    {
        if (scheme.LettersCap is < 1 || scheme.OverdueCap is < 1)
        {
            throw new ArgumentException("扣分封顶值须至少为 1 (a cap must be at least 1)", nameof(scheme));
        }
        var codes = new HashSet<string>(StringComparer.Ordinal);
        foreach (var r in rows)
        {
            ArgumentNullException.ThrowIfNull(r);
            if (string.IsNullOrWhiteSpace(r.UnitCode) || !codes.Add(r.UnitCode))
            {
                throw new ArgumentException($"单位编码为空或重复：{r.UnitCode} (unit code missing or repeated)", nameof(rows));
            }
            if (r.Month != month)
            {
                throw new ArgumentException($"{r.UnitName} 的数据不属于 {month} (input for another month)", nameof(rows));
            }
            if (r.WhistleRatingAverage is < 1 or > 5)
            {
                throw new ArgumentException($"{r.UnitName} 的吹哨评价均分应在 1–5 之间 (rating average must be 1–5)", nameof(rows));
            }
            if (r.CasesDue < 0 || r.ClosedOnTime < 0 || r.ClosedOnTime > r.CasesDue
                || r.RatedCases < 0 || r.SatisfiedCases < 0 || r.SatisfiedCases > r.RatedCases
                || r.LettersReceived < 0 || r.OverdueCount < 0)
            {
                throw new ArgumentException($"{r.UnitName} 的统计数不一致（负数或部分大于总数）(counts are negative or a part exceeds its whole)", nameof(rows));
            }
        }
    }
}
