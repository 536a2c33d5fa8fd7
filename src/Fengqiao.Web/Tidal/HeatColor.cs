using System.Globalization;

namespace Fengqiao.Web.Tidal;

/// <summary>One colour ramp for every tidal heatmap: pale for quiet cells, deep red for the busiest.</summary>
public static class HeatColor
{
    public const string Empty = "#f7f7f7";

    public static string Of(double value, double max)
    {
        if (max <= 0 || value <= 0)
        {
            return Empty;
        }

        // Square root: incident counts are skewed, and a linear ramp leaves all but the top cells pale.
        return Ramp(Math.Sqrt(Math.Clamp(value / max, 0, 1)));
    }

    /// <summary>The ramp at t in [0, 1]: pale yellow to deep red.</summary>
    public static string Ramp(double t)
    {
        var lightness = 95 - (t * 60);
        var hue = 50 - (t * 50);
        return string.Create(CultureInfo.InvariantCulture, $"hsl({hue:F0},90%,{lightness:F0}%)");
    }

    public static string F(double value, int decimals = 2) => value.ToString("F" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
}

/// <summary>
/// A quantile colour scale (分位数着色): the non-zero cells are split into bands holding about as many cells each, so a
/// map where most cells need one officer is not painted nearly all one red by a few busy cells (a linear or square-root
/// scale against the maximum does exactly that). Zero stays blank. Ties keep a value in one band, so data with few
/// distinct values get fewer bands.
/// </summary>
public sealed class HeatScale
{
    private readonly double[] _upper; // each band's highest value, ascending

    private HeatScale(double[] upper) => _upper = upper;

    public int Bands => _upper.Length;

    public static HeatScale Quantiles(IEnumerable<double> values, int bands = 6)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(bands, 1);
        var sorted = values.Where(v => v > 0).Order().ToArray();
        if (sorted.Length == 0)
        {
            return new HeatScale([]);
        }

        var upper = Enumerable.Range(1, bands).Select(k => sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(k * sorted.Length / (double)bands) - 1)])
            .Distinct().ToArray();
        return new HeatScale(upper);
    }

    /// <summary>The band of a value: -1 for zero (blank), else 0 (quietest) to Bands - 1 (busiest).</summary>
    public int BandOf(double value)
    {
        if (value <= 0 || _upper.Length == 0)
        {
            return -1;
        }

        var i = Array.BinarySearch(_upper, value);
        return Math.Min(i >= 0 ? i : ~i, _upper.Length - 1);
    }

    public string ColourOf(double value) => BandOf(value) is var b and >= 0 ? BandColour(b) : HeatColor.Empty;

    public string BandColour(int band) => HeatColor.Ramp(_upper.Length == 1 ? 1 : 0.15 + (0.85 * band / (_upper.Length - 1)));

    /// <summary>Each band's value range, for the legend: (from, to] with the first band from just above zero.</summary>
    public IEnumerable<(int Band, double From, double To)> Legend() =>
        _upper.Select((to, i) => (i, i == 0 ? 0 : _upper[i - 1], to));
}
