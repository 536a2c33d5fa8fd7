using Fengqiao.Core.Places;

namespace Fengqiao.Web.Components.Maps;

public enum MapFeatureKind
{
    /// <summary>A pin (a small dot that keeps its size).</summary>
    Point,
    /// <summary>A circle of <see cref="MapFeature.RadiusMetres"/> on the ground.</summary>
    Circle,
    /// <summary>An area bounded by <see cref="MapFeature.Ring"/>.</summary>
    Polygon,
}

/// <summary>
/// One thing a <see cref="PlaceMap"/> draws, in WGS-84 as stored (the map shifts it for a GCJ-02 base map).
/// <see cref="Label"/> is shown as text in the popup, never as markup; <see cref="Href"/> must be a path on this site.
/// <see cref="Key"/> names the feature on the page (a tracking code), so a test or a link can find it.
/// </summary>
public sealed record MapFeature(
    MapFeatureKind Kind,
    GeoPoint At,
    string? Label = null,
    string? Href = null,
    string Colour = MapColours.Default,
    double RadiusMetres = 0,
    double Weight = 1,
    string? Key = null,
    IReadOnlyList<GeoPoint>? Ring = null)
{
    public static MapFeature Pin(GeoPoint at, string? label = null, string? href = null, string colour = MapColours.Default, string? key = null) =>
        new(MapFeatureKind.Point, at, label, href, colour, Key: key);
}

/// <summary>The few colours the maps use, so a legend means the same on every page.</summary>
public static class MapColours
{
    public const string Default = "#1565c0";
    public const string Overdue = "#c62828";
    public const string Estimate = "#ef6c00";
    public const string Done = "#2e7d32";
    public const string Grey = "#757575";

    /// <summary>
    /// A 双十 total as its distance from the scheme's base score (100 by default): well above green, around it light
    /// green and yellow, well below orange and red. The choropleth's scale.
    /// </summary>
    public static string ForScore(decimal total, decimal baseScore) => (total - baseScore) switch
    {
        >= 10 => "#1b5e20",
        >= 0 => "#43a047",
        >= -10 => "#c0ca33",
        >= -20 => "#fb8c00",
        _ => "#c62828",
    };
}
