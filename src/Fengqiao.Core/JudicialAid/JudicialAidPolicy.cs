namespace Fengqiao.Core.JudicialAid;

/// <summary>
/// The cap on one case's aid. The national rule is, in general, at most 36 months of the province's average
/// monthly wage of the previous year; the wage is a figure the procuratorate enters each year.
/// </summary>
public sealed record JudicialAidPolicy
{
    public const int DefaultCapMonths = 36;

    private JudicialAidPolicy(decimal cap, string basis)
    {
        Cap = cap;
        Basis = basis;
    }

    /// <summary>The most one case may be granted, in yuan.</summary>
    public decimal Cap { get; }

    public string Basis { get; }

    public static JudicialAidPolicy WithCap(decimal cap, string basis)
    {
        if (cap <= 0 || decimal.Round(cap, 2) != cap)
        {
            throw new JudicialAidRuleException("救助金额上限应为正数，最多两位小数 (the cap is a positive amount in yuan and fen)");
        }
        if (string.IsNullOrWhiteSpace(basis))
        {
            throw new JudicialAidRuleException("上限需注明依据 (say what the cap rests on)");
        }
        return new JudicialAidPolicy(cap, basis.Trim());
    }

    /// <summary>The cap as so many months of the average monthly wage (上一年度职工月平均工资).</summary>
    public static JudicialAidPolicy FromMonthlyAverageWage(decimal monthlyAverageWage, int months = DefaultCapMonths)
    {
        if (monthlyAverageWage <= 0 || months is < 1 or > 120)
        {
            throw new JudicialAidRuleException("月平均工资应为正数，月数应在 1–120 之间 (the wage is positive and months 1–120)");
        }
        return WithCap(decimal.Round(monthlyAverageWage * months, 2),
            $"{months} 个月 × 月平均工资 {monthlyAverageWage:0.##} 元 ({months} months of the average monthly wage)");
    }

    /// <summary>Checks an amount in yuan: positive, whole fen.</summary>
    internal static void CheckAmount(decimal amount, string what)
    {
        if (amount <= 0 || decimal.Round(amount, 2) != amount)
        {
            throw new JudicialAidRuleException($"{what}应为正数，最多两位小数 ({what}: a positive amount in yuan and fen)");
        }
    }
}
