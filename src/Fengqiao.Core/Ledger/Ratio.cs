namespace Fengqiao.Core.Ledger;

/// <summary>A rate kept as its two counts, so "0 of 0" stays distinct from 0 % and figures can be added up across units.</summary>
public readonly record struct Ratio(int Numerator, int Denominator)
{
    /// <summary>The rate in [0, 1], or null when there is nothing to divide by.</summary>
    public double? Value => Denominator == 0 ? null : (double)Numerator / Denominator;

    /// <summary>As a percentage with two decimals, the way the monthly notices print it (64.65 %), or "—".</summary>
    public string Percent => Value is { } v ? (v * 100).ToString("F2", System.Globalization.CultureInfo.InvariantCulture) + " %" : "—";

    public static Ratio operator +(Ratio a, Ratio b) => new(a.Numerator + b.Numerator, a.Denominator + b.Denominator);
}
