using NetTopologySuite.Geometries;
using NodaTime;

namespace Fengqiao.Data.Places;

/// <summary>What an imported boundary outlines (区县、乡镇街道、村社区、网格); the numbers follow <c>DivisionLevel</c>.</summary>
public enum BoundaryKind
{
    District = 3,
    Town = 4,
    Village = 5,
    Grid = 6, // 网格
}

/// <summary>
/// One imported outline (or, for a village known only by its centre, a point), kept as GeoJSON geometry text in WGS-84
/// so SQLite and PostgreSQL store it alike and a map can draw it as it is. <see cref="DivisionCode"/> is the division
/// a point inside it belongs to: the code itself for districts, towns and villages, the grid's village for a grid.
/// The bounding box lets a placement skip outlines far from the point without parsing them.
/// </summary>
public sealed class BoundaryRecord
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public BoundaryKind Kind { get; set; }
    /// <summary>The GB/T 2260 code, or the grid's code for a grid.</summary>
    public required string Code { get; set; }
    public required string DivisionCode { get; set; }
    public required string Name { get; set; }
    public required string GeometryJson { get; set; }
    public double MinLatitude { get; set; }
    public double MinLongitude { get; set; }
    public double MaxLatitude { get; set; }
    public double MaxLongitude { get; set; }
    /// <summary>Where the outline came from (the file's name or the data set's), shown beside it.</summary>
    public required string Source { get; set; }
    public Instant ImportedAt { get; set; }

    /// <summary>The longest stored name and source; longer text is cut (a file's name can be anything).</summary>
    public const int NameLength = 100, SourceLength = 200;

    /// <summary>A new row for <paramref name="code"/>, to be given its outline by <see cref="Outline"/>.</summary>
    public static BoundaryRecord For(BoundaryKind kind, string code) =>
        new() { Kind = kind, Code = code, DivisionCode = "", Name = "", GeometryJson = "", Source = "" };

    /// <summary>
    /// Sets the outline with its bounding box, the division and name it answers, and where it came from: the one place an
    /// import and a drawing write a row, so the box always matches the GeoJSON.
    /// </summary>
    public void Outline(Geometry geometry, string divisionCode, string name, string source, Instant at)
    {
        var box = geometry.EnvelopeInternal;
        DivisionCode = divisionCode;
        Name = Cut(name, NameLength);
        GeometryJson = BoundaryFiles.ToGeoJson(geometry);
        (MinLatitude, MaxLatitude, MinLongitude, MaxLongitude) = (box.MinY, box.MaxY, box.MinX, box.MaxX);
        Source = Cut(source, SourceLength);
        ImportedAt = at;
    }

    private static string Cut(string text, int length) => text.Length <= length ? text : text[..length];
}
