using NodaTime;

namespace Fengqiao.Tidal.Incidents;

/// <summary>One reported incident or call for service (警情), placed in an area and a local hour.</summary>
/// <param name="Time">Local time of the jurisdiction; hour-of-week demand is a local-clock notion, so no offset is kept.</param>
/// <param name="Area">Beat, grid cell or police-station zone code.</param>
/// <param name="Type">Incident or call type as the source names it.</param>
/// <param name="Priority">Dispatch priority when the source has one (lower is more urgent).</param>
/// <param name="ServiceMinutes">Time a unit was busy with it, when the source records it.</param>
/// <param name="Location">Coordinates when known and plausible.</param>
public sealed record Incident(
    LocalDateTime Time,
    string Area,
    string Type,
    int? Priority = null,
    double? ServiceMinutes = null,
    GeoPoint? Location = null);

/// <summary>A WGS-84 point.</summary>
public readonly record struct GeoPoint(double Latitude, double Longitude)
{
    private const double EarthRadiusKm = 6371.0088;

    /// <summary>Great-circle distance in kilometres (haversine).</summary>
    public double DistanceKm(GeoPoint other)
    {
        var dLat = DegToRad(other.Latitude - Latitude);
        var dLon = DegToRad(other.Longitude - Longitude);
        var h = (Math.Sin(dLat / 2) * Math.Sin(dLat / 2))
            + (Math.Cos(DegToRad(Latitude)) * Math.Cos(DegToRad(other.Latitude)) * Math.Sin(dLon / 2) * Math.Sin(dLon / 2));
        return 2 * EarthRadiusKm * Math.Asin(Math.Min(1, Math.Sqrt(h)));
    }

    internal static double DegToRad(double degrees) => degrees * Math.PI / 180.0;
}

/// <summary>A latitude/longitude rectangle used to drop points geocoded outside the jurisdiction.</summary>
public sealed record GeoBounds(double MinLatitude, double MaxLatitude, double MinLongitude, double MaxLongitude)
{
    public bool Contains(GeoPoint p) =>
        p.Latitude >= MinLatitude && p.Latitude <= MaxLatitude && p.Longitude >= MinLongitude && p.Longitude <= MaxLongitude;
}
