using System.Globalization;
using System.Text.Json;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO.Converters;

namespace Fengqiao.Data.Places;

/// <summary>One feature of a boundary file: its code and name as the file gives them (either may be missing) and its geometry.</summary>
public sealed record BoundaryFeature(int Number, string? Code, string? Name, Geometry? Geometry);

/// <summary>A boundary file that cannot be read as a whole (not GeoJSON, a projected CRS, a shapefile without its parts).</summary>
public sealed class BoundaryFileException(string message) : Exception(message);

/// <summary>
/// Reads boundary files with NetTopologySuite: GeoJSON (a FeatureCollection or one Feature) and Esri Shapefile (with its
/// .dbf; a .prj, when present, must be geographic). Coordinates must be WGS-84/CGCS2000 longitude and latitude degrees.
/// </summary>
public static class BoundaryFiles
{
    /// <summary>Properties tried for the code when the caller names none (DataV's files call it adcode).</summary>
    public static readonly string[] DefaultCodeProperties = ["code", "adcode", "CODE", "ADCODE", "gb", "GB"];

    private static readonly string[] NameProperties = ["name", "NAME", "Name", "名称"];

    private static readonly JsonSerializerOptions Json = new() { Converters = { new GeoJsonConverterFactory() } };

    /// <summary>The geometry as GeoJSON text (what is stored and what a map draws).</summary>
    public static string ToGeoJson(Geometry geometry) => JsonSerializer.Serialize(geometry, Json);

    public static Geometry FromGeoJson(string text) =>
        JsonSerializer.Deserialize<Geometry>(text, Json) ?? throw new BoundaryFileException("empty geometry");

    public static IReadOnlyList<BoundaryFeature> Read(string path, string? codeProperty)
    {
        if (!File.Exists(path))
        {
            throw new BoundaryFileException($"文件不存在 (no such file): {path}");
        }
        var extension = Path.GetExtension(path).ToLowerInvariant();
        return extension switch
        {
            ".shp" => ReadShapefile(path, codeProperty),
            ".geojson" or ".json" => ReadGeoJson(path, codeProperty),
            _ => throw new BoundaryFileException($"只能导入 GeoJSON（.geojson/.json）或 Shapefile（.shp）(only GeoJSON or Shapefile files can be imported): {path}"),
        };
    }

    private static IReadOnlyList<BoundaryFeature> ReadGeoJson(string path, string? codeProperty)
    {
        JsonDocument document;
        try
        {
            using var stream = File.OpenRead(path);
            document = JsonDocument.Parse(stream);
        }
        catch (JsonException ex)
        {
            throw new BoundaryFileException($"不是有效的 GeoJSON (not valid JSON): {ex.Message}");
        }
        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("type", out var type))
            {
                throw new BoundaryFileException("不是 GeoJSON：缺少 type (not GeoJSON: no \"type\")");
            }
            CheckCrs(root);
            var features = type.GetString() switch
            {
                "FeatureCollection" when root.TryGetProperty("features", out var list) && list.ValueKind == JsonValueKind.Array => list.EnumerateArray().ToList(),
                "Feature" => [root],
                _ => throw new BoundaryFileException("GeoJSON 须为 FeatureCollection 或 Feature，每个要素带区划代码属性 (GeoJSON must be a FeatureCollection or a Feature, each with a division code property)"),
            };
            var result = new List<BoundaryFeature>(features.Count);
            var number = 0;
            foreach (var feature in features)
            {
                number++;
                var properties = feature.TryGetProperty("properties", out var p) && p.ValueKind == JsonValueKind.Object ? p : default;
                string? Property(IEnumerable<string> names) => properties.ValueKind == JsonValueKind.Object
                    ? names.Select(n => properties.TryGetProperty(n, out var v) ? Text(v) : null).FirstOrDefault(v => !string.IsNullOrWhiteSpace(v))
                    : null;
                Geometry? geometry = null;
                if (feature.TryGetProperty("geometry", out var g) && g.ValueKind == JsonValueKind.Object)
                {
                    try
                    {
                        geometry = g.Deserialize<Geometry>(Json);
                    }
                    catch (Exception ex) when (ex is JsonException or ArgumentException or InvalidOperationException)
                    {
                        throw new BoundaryFileException($"第 {number} 个要素的几何无法读取 (feature {number}: unreadable geometry): {ex.Message}");
                    }
                }
                result.Add(new BoundaryFeature(number, Property(codeProperty is null ? DefaultCodeProperties : [codeProperty]), Property(NameProperties), geometry));
            }
            return result;
        }
    }

    // RFC 7946 has no "crs" member; older files name one. Anything but WGS-84 (or CGCS2000, which agrees to centimetres) is refused.
    private static void CheckCrs(JsonElement root)
    {
        if (root.TryGetProperty("crs", out var crs) && crs.ValueKind == JsonValueKind.Object
            && crs.TryGetProperty("properties", out var props) && props.TryGetProperty("name", out var name))
        {
            var text = name.GetString() ?? "";
            if (!IsGeographic(text))
            {
                throw new BoundaryFileException($"坐标系须为 WGS-84 或 CGCS2000 经纬度，本文件为 {text} (the coordinates must be WGS-84 or CGCS2000 degrees; this file is in {text}: reproject it first)");
            }
        }
    }

    private static bool IsGeographic(string crsName) =>
        crsName.Contains("CRS84", StringComparison.OrdinalIgnoreCase) || crsName.EndsWith(":4326", StringComparison.Ordinal)
        || crsName.EndsWith("::4326", StringComparison.Ordinal) || crsName.EndsWith(":4490", StringComparison.Ordinal);

    private static string? Text(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString()?.Trim(),
        JsonValueKind.Number => value.GetRawText(),
        _ => null,
    };

    private static IReadOnlyList<BoundaryFeature> ReadShapefile(string path, string? codeProperty)
    {
        if (!File.Exists(Path.ChangeExtension(path, ".dbf")))
        {
            throw new BoundaryFileException($"缺少属性表 {Path.GetFileName(Path.ChangeExtension(path, ".dbf"))}，无法读取区划代码 (the .dbf beside the .shp is missing; the division codes are in it)");
        }
        var prj = Path.ChangeExtension(path, ".prj");
        if (File.Exists(prj))
        {
            var wkt = File.ReadAllText(prj);
            if (wkt.TrimStart().StartsWith("PROJCS", StringComparison.OrdinalIgnoreCase) || wkt.TrimStart().StartsWith("PROJCRS", StringComparison.OrdinalIgnoreCase))
            {
                throw new BoundaryFileException($"坐标系须为 WGS-84 或 CGCS2000 经纬度，本文件为投影坐标 (the .prj names a projected CRS; reproject to WGS-84 or CGCS2000 degrees first): {wkt[..Math.Min(80, wkt.Length)]}");
            }
        }
        NetTopologySuite.Features.Feature[] features;
        try
        {
            features = NetTopologySuite.IO.Esri.Shapefile.ReadAllFeatures(path);
        }
        catch (Exception ex) when (ex is IOException or InvalidDataException or NotSupportedException or ArgumentException or FileNotFoundException)
        {
            throw new BoundaryFileException($"Shapefile 无法读取 (the shapefile cannot be read): {ex.Message}");
        }
        var result = new List<BoundaryFeature>(features.Length);
        var number = 0;
        foreach (var feature in features)
        {
            number++;
            string? Property(IEnumerable<string> names) => names
                .Where(n => feature.Attributes.Exists(n))
                .Select(n => feature.Attributes[n] switch
                {
                    null => null,
                    string s => s.Trim(),
                    IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
                    var o => o.ToString(),
                })
                .FirstOrDefault(v => !string.IsNullOrWhiteSpace(v));
            result.Add(new BoundaryFeature(number, Property(codeProperty is null ? DefaultCodeProperties : [codeProperty]), Property(NameProperties), feature.Geometry));
        }
        return result;
    }
}
