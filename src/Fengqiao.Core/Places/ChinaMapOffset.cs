namespace Fengqiao.Core.Places;

/// <summary>
/// The base map's coordinate system (底图坐标系). 天地图 and most XYZ sources draw WGS-84/CGCS2000; the maps published
/// under China's GCJ-02 rule (高德, 腾讯 and others) are shifted by up to a few hundred metres, so a point is shifted
/// the same way before it is drawn on them. Stored points are never shifted.
/// </summary>
public enum MapCoordinateSystem
{
    Wgs84 = 0,
    Gcj02 = 1,
}

/// <summary>
/// WGS-84 to GCJ-02 (火星坐标), the published approximation every open converter uses (Krasovsky ellipsoid, the
/// standard polynomial offset). Outside mainland China's rough bounding box the point is returned unchanged, as the
/// GCJ-02 maps do there. Accurate to about a metre against the official converter, far below what a map shows.
/// </summary>
public static class ChinaMapOffset
{
    private const double A = 6378245.0;
    private const double Ee = 0.00669342162296594323;

    /// <summary>The point as a base map in <paramref name="system"/> expects it.</summary>
    public static GeoPoint ForDisplay(GeoPoint wgs84, MapCoordinateSystem system) =>
        system == MapCoordinateSystem.Gcj02 ? ToGcj02(wgs84) : wgs84;

    public static bool InMainlandBox(GeoPoint p) =>
        p.Longitude is >= 72.004 and <= 137.8347 && p.Latitude is >= 0.8293 and <= 55.8271;

    public static GeoPoint ToGcj02(GeoPoint wgs84)
    {
        if (!InMainlandBox(wgs84))
        {
            return wgs84;
        }
        var x = wgs84.Longitude - 105.0;
        var y = wgs84.Latitude - 35.0;
        var dLat = LatitudeOffset(x, y);
        var dLon = LongitudeOffset(x, y);
        var radLat = wgs84.Latitude / 180.0 * Math.PI;
        var magic = Math.Sin(radLat);
        magic = 1 - (Ee * magic * magic);
        var sqrtMagic = Math.Sqrt(magic);
        dLat = dLat * 180.0 / (A * (1 - Ee) / (magic * sqrtMagic) * Math.PI);
        dLon = dLon * 180.0 / (A / sqrtMagic * Math.Cos(radLat) * Math.PI);
        return new GeoPoint(wgs84.Latitude + dLat, wgs84.Longitude + dLon);
    }

    private static double LatitudeOffset(double x, double y)
    {
        var r = -100.0 + (2.0 * x) + (3.0 * y) + (0.2 * y * y) + (0.1 * x * y) + (0.2 * Math.Sqrt(Math.Abs(x)));
        r += ((20.0 * Math.Sin(6.0 * x * Math.PI)) + (20.0 * Math.Sin(2.0 * x * Math.PI))) * 2.0 / 3.0;
        r += ((20.0 * Math.Sin(y * Math.PI)) + (40.0 * Math.Sin(y / 3.0 * Math.PI))) * 2.0 / 3.0;
        r += ((160.0 * Math.Sin(y / 12.0 * Math.PI)) + (320 * Math.Sin(y * Math.PI / 30.0))) * 2.0 / 3.0;
        return r;
    }

    private static double LongitudeOffset(double x, double y)
    {
        var r = 300.0 + x + (2.0 * y) + (0.1 * x * x) + (0.1 * x * y) + (0.1 * Math.Sqrt(Math.Abs(x)));
        r += ((20.0 * Math.Sin(6.0 * x * Math.PI)) + (20.0 * Math.Sin(2.0 * x * Math.PI))) * 2.0 / 3.0;
        r += ((20.0 * Math.Sin(x * Math.PI)) + (40.0 * Math.Sin(x / 3.0 * Math.PI))) * 2.0 / 3.0;
        r += ((150.0 * Math.Sin(x / 12.0 * Math.PI)) + (300.0 * Math.Sin(x / 30.0 * Math.PI))) * 2.0 / 3.0;
        return r;
    }
}
