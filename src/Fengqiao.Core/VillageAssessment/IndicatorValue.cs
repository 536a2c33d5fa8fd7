namespace Fengqiao.Core.VillageAssessment;

/// <summary>What an indicator measured in a month: a count, a rate (numerator of denominator) or a yes/no.</summary>
public abstract record IndicatorValue
{
    private protected IndicatorValue()
    {
    }

    public static IndicatorValue Count(int count) => new CountValue(count);

    public static IndicatorValue Rate(int numerator, int denominator) => new RateValue(numerator, denominator);

    public static IndicatorValue Flag(bool value) => new FlagValue(value);
}

public sealed record CountValue : IndicatorValue
{
    public CountValue(int count)
    {
        if (count < 0)
        {
            throw new AssessmentRuleException($"计数不能为负：{count} (a count cannot be negative)");
        }
        Value = count;
    }

    public int Value { get; }

    public override string ToString() => Value.ToString(System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>A share such as "agreements honoured / agreements due". A zero denominator means nothing was due.</summary>
public sealed record RateValue : IndicatorValue
{
    public RateValue(int numerator, int denominator)
    {
        if (numerator < 0 || denominator < 0 || numerator > denominator)
        {
            throw new AssessmentRuleException($"比率应满足 0 ≤ {numerator} ≤ {denominator} (a rate needs 0 ≤ numerator ≤ denominator)");
        }
        Numerator = numerator;
        Denominator = denominator;
    }

    public int Numerator { get; }

    public int Denominator { get; }

    /// <summary>Null when nothing was due: the rule decides what an empty month is worth.</summary>
    public decimal? Fraction => Denominator == 0 ? null : (decimal)Numerator / Denominator;

    public override string ToString() => $"{Numerator}/{Denominator}";
}

public sealed record FlagValue(bool Value) : IndicatorValue
{
    public override string ToString() => Value ? "是" : "否";
}

/// <summary>Where a value came from: computed from Fengqiao's own records, or entered by hand with evidence.</summary>
public enum ValueSource
{
    Computed = 1, // 系统自动计算
    Manual = 2,   // 人工录入（附佐证）
}

/// <summary>One indicator's value for a village and month, with its provenance.</summary>
public sealed record IndicatorEntry
{
    private IndicatorEntry(IndicatorValue value, ValueSource source, string? evidence, string? enteredBy)
    {
        Value = value;
        Source = source;
        Evidence = evidence;
        EnteredBy = enteredBy;
    }

    public IndicatorValue Value { get; }

    public ValueSource Source { get; }

    /// <summary>For computed values, how it was computed (the query, the case numbers); for manual ones the evidence.</summary>
    public string? Evidence { get; }

    public string? EnteredBy { get; }

    public static IndicatorEntry Computed(IndicatorValue value, string? basis = null)
    {
        ArgumentNullException.ThrowIfNull(value);
        return new IndicatorEntry(value, ValueSource.Computed, basis?.Trim(), null);
    }

    /// <summary>A hand-entered value must say what it rests on (佐证材料) and who entered it, or the score cannot be defended.</summary>
    public static IndicatorEntry Manual(IndicatorValue value, string evidence, string enteredBy)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (string.IsNullOrWhiteSpace(evidence))
        {
            throw new AssessmentRuleException("人工录入的指标值必须附佐证说明 (a hand-entered value needs its evidence)");
        }
        if (string.IsNullOrWhiteSpace(enteredBy))
        {
            throw new AssessmentRuleException("人工录入须记录录入人 (a hand-entered value needs who entered it)");
        }
        return new IndicatorEntry(value, ValueSource.Manual, evidence.Trim(), enteredBy.Trim());
    }
}
