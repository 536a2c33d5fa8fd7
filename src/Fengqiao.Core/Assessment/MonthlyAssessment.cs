using System.Collections.Immutable;
using NodaTime;

namespace Fengqiao.Core.Assessment;

/// <summary>
/// One town's or department's month (月度考核输入). Rates are given as counts so they cannot be out of range and
/// so that "no cases due" is distinguishable from "0 % on time". <see cref="WhistlesSummoned"/> counts the whistles
/// that summoned the unit in the month (吹哨报到任务), rated or not.
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
    int OverdueCount,
    int WhistlesSummoned = 0)
{
    /// <summary>
    /// Whether the unit had work to be measured on this month: a case fell due, a whistle summoned it, or a resident
    /// or whistle rated its work. Letters and overdue counts alone do not make a unit rated: "fewer is better" cannot
    /// tell a unit that worked well from one that had nothing to do.
    /// </summary>
    public bool HadWork => CasesDue > 0 || WhistlesSummoned > 0 || RatedCases > 0 || WhistleRatingAverage is not null;
}

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

/// <summary>
/// Each indicator normalised to 0–1 (higher is better); null (无数据) when its denominator is 0: the unit had nothing
/// to measure, or, for the two counts without a cap, no rated unit of the cohort had any.
/// </summary>
public sealed record IndicatorScores(decimal? WhistleRating, decimal? OnTimeClosure, decimal? Satisfaction, decimal? Letters, decimal? Overdue);

/// <summary>Why a unit has no score this month (不参评原因).</summary>
public enum NotRatedReason
{
    NoWork = 1,         // 本月无到期案件、无吹哨报到、无评价
    NoWeightedData = 2, // 有权重的指标本月均无数据
}

/// <summary>A unit listed after the ranked ones, with no score and no rank (不参评), and why.</summary>
public sealed record UnratedUnit(string UnitCode, string UnitName, NotRatedReason Reason, UnitMonthInput Input);

public sealed record UnitAssessment(
    int Rank,
    string UnitCode,
    string UnitName,
    decimal Score,
    IndicatorScores Indicators,
    decimal? ScoreChange,
    int? RankChange,
    UnitMonthInput Input);

/// <summary>The ranked units, best first, then the units not rated this month (by unit code).</summary>
public sealed record MonthlyRanking(YearMonth Month, ImmutableArray<UnitAssessment> Rows, ImmutableArray<UnratedUnit> NotRated)
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
/// without caps, the month's highest count among the rated units.
/// A ratio whose denominator is 0 scores nothing (无数据): no rated whistle, no case due, no rating, or (without a
/// cap) no rated unit with any letter or overdue case. Its weight is not given as full points; the total is
/// Score = 100 × Σ wᵢ·xᵢ / Σ wᵢ over the indicators with data (the weights rescaled, 按权重折算), rounded half away
/// from zero to 2 decimals.
/// </para>
/// <para>
/// Not rated (不参评): a unit with no work in the month (<see cref="UnitMonthInput.HadWork"/>) gets no score and no
/// rank, and does not set the scale of the counts; nor does a unit none of whose weighted indicators has data.
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
        var all = inputs.ToList();
        Validate(month, all, scheme);
        var rows = all.Where(r => r.HadWork).ToList();
        var lettersScale = scheme.LettersCap ?? (rows.Count == 0 ? 0 : rows.Max(r => r.LettersReceived));
        var overdueScale = scheme.OverdueCap ?? (rows.Count == 0 ? 0 : rows.Max(r => r.OverdueCount));
        var measured = rows
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
            .ToList();
        var notRated = all.Where(r => !r.HadWork).Select(r => new UnratedUnit(r.UnitCode, r.UnitName, NotRatedReason.NoWork, r))
            .Concat(measured.Where(x => x.Score is null).Select(x => new UnratedUnit(x.Input.UnitCode, x.Input.UnitName, NotRatedReason.NoWeightedData, x.Input)))
            .OrderBy(u => u.UnitCode, StringComparer.Ordinal)
            .ToImmutableArray();
        var scored = measured
            .Where(x => x.Score is not null)
            .Select(x => (x.Input, x.Indicators, Score: x.Score!.Value))
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
        return new MonthlyRanking(month, result.MoveToImmutable(), notRated);
    }

    private static decimal? FewerIsBetter(int count, int scale) =>
        scale <= 0 ? null : 1m - (decimal)Math.Min(count, scale) / scale;

    /// <summary>The weighted mean of the indicators with data and a weight, or null when there is none.</summary>
    private static decimal? Score(IndicatorScores x, AssessmentWeights w)
    {
        decimal sum = 0, weight = 0;
        void Add(decimal? value, decimal wi)
        {
            if (value is { } v && wi > 0)
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
        return weight == 0 ? null : Math.Round(100m * sum / weight, 2, MidpointRounding.AwayFromZero);
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
                || r.LettersReceived < 0 || r.OverdueCount < 0 || r.WhistlesSummoned < 0)
            {
                throw new ArgumentException($"{r.UnitName} 的统计数不一致（负数或部分大于总数）(counts are negative or a part exceeds its whole)", nameof(rows));
            }
        }
    }
}
