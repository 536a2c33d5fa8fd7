using Fengqiao.Core.Places;

namespace Fengqiao.Web.Components.Maps;

/// <summary>
/// The base map (底图), from the <c>Maps</c> section. No <see cref="TileUrl"/>: every map draws its features on a plain
/// background and says so. 天地图 needs a key: put it in <see cref="Key"/> and write <c>{key}</c> where its URL takes
/// <c>tk=</c> (docs/operations.md, "Base map").
/// </summary>
public sealed class MapSettings
{
    public const string Section = "Maps";

    /// <summary>An XYZ tile template: <c>{z}</c>, <c>{x}</c>, <c>{y}</c>, optionally <c>{s}</c> and <c>{key}</c>.</summary>
    public string? TileUrl { get; set; }

    /// <summary>A second tile layer drawn over the first (天地图's labels, cva_w), same placeholders; optional.</summary>
    public string? LabelUrl { get; set; }

    public string? Attribution { get; set; }

    /// <summary>The letters or digits that replace <c>{s}</c> (天地图: 01234567).</summary>
    public string? Subdomains { get; set; }

    public string? Key { get; set; }

    public int MaxZoom { get; set; } = 18;

    /// <summary>What the tiles are drawn in: WGS84 (天地图, OpenStreetMap) or GCJ02 (高德, 腾讯); points are shifted for GCJ02.</summary>
    public MapCoordinateSystem CoordinateSystem { get; set; } = MapCoordinateSystem.Wgs84;

    public bool HasTiles => !string.IsNullOrWhiteSpace(TileUrl);

    /// <summary>The template with the key filled in, as the browser asks for tiles.</summary>
    public string? Resolve(string? template) =>
        string.IsNullOrWhiteSpace(template) ? null : template.Replace("{key}", Key ?? "", StringComparison.Ordinal);
}
