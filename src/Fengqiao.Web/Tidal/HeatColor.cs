using System.Globalization;

namespace Fengqiao.Web.Tidal;

/// <summary>One colour ramp for every tidal heatmap: pale for quiet cells, deep red for the busiest.</summary>
public static class HeatColor
{
    public static string Of(double value, double max)
    {
        if (max <= 0 || value <= 0)
        {
            return "#f7f7f7";
        }

        // Square root: incident counts are skewed, and a linear ramp leaves all but the top cells pale.
        var t = Math.Sqrt(Math.Clamp(value / max, 0, 1));
        var lightness = 95 - (t * 60);
        var hue = 50 - (t * 50);
        return string.Create(CultureInfo.InvariantCulture, $"hsl({hue:F0},90%,{lightness:F0}%)");
    }

    public static string F(double value, int decimals = 2) => value.ToString("F" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
}
