using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Fengqiao.Core.Places;

/// <summary>
/// A point on the earth as WGS-84 latitude and longitude in degrees (what phones, GPS and Open311 send; CGCS2000 agrees
/// with it to within centimetres). Display on a GCJ-02 base map converts it there; the stored point is never shifted.
/// </summary>
public readonly record struct GeoPoint
{
    public double Latitude { get; }
    public double Longitude { get; }

    public GeoPoint(double latitude, double longitude)
    {
        if (!double.IsFinite(latitude) || latitude is < -90 or > 90)
        {
            throw new ArgumentOutOfRangeException(nameof(latitude), latitude, "latitude must be between -90 and 90");
        }
        if (!double.IsFinite(longitude) || longitude is < -180 or > 180)
        {
            throw new ArgumentOutOfRangeException(nameof(longitude), longitude, "longitude must be between -180 and 180");
        }
        Latitude = latitude;
        Longitude = longitude;
    }

    /// <summary>
    /// Reads a point from the two texts a form sends (decimal degrees, "." as the decimal mark). Both missing: no point
    /// and no error. Otherwise both must be finite numbers in range; the errors are bilingual, one per wrong field.
    /// </summary>
    public static bool TryParse(string? latitude, string? longitude, out GeoPoint? point, out IReadOnlyList<(string Field, string Error)> errors)
    {
        point = null;
        var found = new List<(string, string)>();
        errors = found;
        var hasLat = !string.IsNullOrWhiteSpace(latitude);
        var hasLong = !string.IsNullOrWhiteSpace(longitude);
        if (!hasLat && !hasLong)
        {
            return true;
        }
        if (!hasLat || !hasLong)
        {
            found.Add((hasLat ? "long" : "lat", "经度和纬度须同时提供 (lat and long must be given together)"));
            return false;
        }
        var lat = Degrees(latitude!, 90);
        var lon = Degrees(longitude!, 180);
        if (lat is null)
        {
            found.Add(("lat", "纬度须为 -90 到 90 之间的十进制度数 (lat must be decimal degrees between -90 and 90)"));
        }
        if (lon is null)
        {
            found.Add(("long", "经度须为 -180 到 180 之间的十进制度数 (long must be decimal degrees between -180 and 180)"));
        }
        if (found.Count > 0)
        {
            return false;
        }
        point = new GeoPoint(lat!.Value, lon!.Value);
        return true;
    }

    /// <summary>A plain decimal number within ±limit; NaN, infinities, hex and thousands separators are refused.</summary>
    private static double? Degrees(string text, double limit)
    {
        var trimmed = text.Trim();
        if (trimmed.Length > 32 || !double.TryParse(trimmed, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent, CultureInfo.InvariantCulture, out var value))
        {
            return null;
        }
        return double.IsFinite(value) && Math.Abs(value) <= limit ? value : null;
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Latitude:0.######},{Longitude:0.######}");
}
