using System.Globalization;
using System.Text.Json;
using Fengqiao.Core.Organisations;
using Microsoft.EntityFrameworkCore;
using NetTopologySuite.Geometries;
using NetTopologySuite.Operation.Valid;
using NodaTime;

namespace Fengqiao.Data.Places;

/// <summary>Why a drawn boundary was not saved: no such village or grid in the caller's area, or an outline the rules refuse.</summary>
public enum BoundaryDrawingFailure
{
    NotFound,
    Invalid,
}

/// <summary>A drawn boundary that was refused; the message is bilingual ("中文 (English)") and nothing was saved.</summary>
public sealed class BoundaryDrawingException(BoundaryDrawingFailure failure, string message) : Exception(message)
{
    public BoundaryDrawingFailure Failure { get; } = failure;
}

/// <summary>A village or grid that may be drawn, and whether it has an outline already (then drawing replaces it).</summary>
public sealed record BoundaryTarget(BoundaryKind Kind, string Code, string Name, string DivisionCode, bool HasOutline);

/// <summary>What a saved drawing became: the stored outline's key and division, and whether it replaced an older one.</summary>
public sealed record SavedBoundary(BoundaryKind Kind, string Code, string DivisionCode, string Name, bool Replaced);

/// <summary>
/// 网格划分: a village's or grid's boundary drawn on the map (or sent as GeoJSON) and stored in <c>Boundaries</c>, where
/// <see cref="BoundaryPlacement"/> uses it at once. Who may draw is Core's <see cref="StaffAction.DrawBoundaries"/>
/// (the endpoint's policy); where is the caller's scope: a village or grid outside it answers like one that does not
/// exist. The outline must be one valid polygon (or several parts) that does not cross itself and lies inside the
/// district's imported outline when there is one (a grid: inside its village's outline too); otherwise nothing is saved.
/// </summary>
public sealed class BoundaryDrawing(FengqiaoDbContext db, IClock clock, BoundaryPlacement placement)
{
    /// <summary>More corners than any hand-drawn village needs; a bigger outline belongs in <c>fengqiao import boundaries</c>.</summary>
    public const int MaxVertices = 5000;

    /// <summary>The GeoJSON text accepted for one drawing (a few thousand corners fit many times over).</summary>
    public const int MaxGeoJsonLength = 1_000_000;

    // The maps show outlines simplified to about 20 m (BoundaryOutlines), so a line drawn along the district's (or the
    // village's) edge may stray that far outside the stored outline without being wrong.
    private const double EdgeTolerance = 0.0002;

    /// <summary>The villages (and their grids) under <paramref name="area"/> in the caller's scope that may be drawn.</summary>
    public async Task<IReadOnlyList<BoundaryTarget>> TargetsAsync(string area, CancellationToken ct = default)
    {
        var villages = await db.Divisions.AsNoTracking()
            .Where(d => d.Level == DivisionLevel.Village && d.Code.StartsWith(area))
            .OrderBy(d => d.Code)
            .Select(d => new { d.Code, d.Name })
            .ToListAsync(ct);
        villages = [.. villages.Where(v => db.Scope.Permits(DivisionCode.Parse(v.Code), null, null, null))];
        var grids = await db.Grids.AsNoTracking().Where(g => g.VillageCode.StartsWith(area)).OrderBy(g => g.Code)
            .Select(g => new { g.Code, g.Name, g.VillageCode }).ToListAsync(ct);
        var outlined = (await db.Boundaries.AsNoTracking()
                .Where(b => (b.Kind == BoundaryKind.Village || b.Kind == BoundaryKind.Grid) && b.DivisionCode.StartsWith(area))
                .Select(b => new { b.Kind, b.Code }).ToListAsync(ct))
            .Select(b => (b.Kind, b.Code)).ToHashSet();
        return
        [
            .. villages.Select(v => new BoundaryTarget(BoundaryKind.Village, v.Code, v.Name, v.Code, outlined.Contains((BoundaryKind.Village, v.Code)))),
            .. grids.Select(g => new BoundaryTarget(BoundaryKind.Grid, g.Code, g.Name, g.VillageCode, outlined.Contains((BoundaryKind.Grid, g.Code)))),
        ];
    }

    /// <summary>The stored outline of a village or grid in the caller's scope as GeoJSON geometry, to edit it; null when none.</summary>
    public async Task<string?> CurrentAsync(BoundaryKind kind, string code, CancellationToken ct = default)
    {
        var target = await TargetAsync(kind, code, ct);
        return await db.Boundaries.AsNoTracking().Where(b => b.Kind == kind && b.Code == target.Code)
            .Select(b => b.GeometryJson).FirstOrDefaultAsync(ct);
    }

    /// <summary>
    /// Checks and stores a drawn outline (GeoJSON: a Polygon or MultiPolygon geometry, or a Feature holding one), replacing
    /// the village's or grid's earlier outline. Throws <see cref="BoundaryDrawingException"/> and saves nothing when refused.
    /// </summary>
    public async Task<SavedBoundary> SaveAsync(BoundaryKind kind, string code, string geoJson, string drawnBy, CancellationToken ct = default)
    {
        var target = await TargetAsync(kind, code, ct);
        var geometry = Read(geoJson);
        Check(geometry);
        var district = target.DivisionCode[..6];
        var districtOutline = await StoredOutlineAsync(BoundaryKind.District, district, ct);
        if (districtOutline is not null && !Within(geometry, districtOutline.Value.Outline))
        {
            throw Invalid($"边界超出{districtOutline.Value.Name}的范围，请在区（县）边界以内绘制 (the outline reaches outside the district's boundary: draw it inside the district)");
        }
        // A grid divides its village (网格在村社区之内): where the village has an outline, the grid stays inside it.
        if (kind == BoundaryKind.Grid && await StoredOutlineAsync(BoundaryKind.Village, target.DivisionCode, ct) is { } village
            && !Within(geometry, village.Outline))
        {
            throw Invalid($"网格边界超出{village.Name}的范围，请在村（社区）边界以内绘制 (the grid's outline reaches outside its village's boundary: draw it inside the village)");
        }

        var row = await db.Boundaries.FirstOrDefaultAsync(b => b.Kind == kind && b.Code == target.Code, ct);
        var replaced = row is not null;
        if (row is null)
        {
            row = BoundaryRecord.For(kind, target.Code);
            db.Boundaries.Add(row);
        }
        row.Outline(geometry, target.DivisionCode, target.Name, $"地图绘制 (drawn on the map): {drawnBy}", clock.GetCurrentInstant());
        await db.SaveChangesAsync(ct);
        placement.Forget();
        return new SavedBoundary(kind, target.Code, target.DivisionCode, row.Name, replaced);
    }

    /// <summary>
    /// Removes a village's or grid's outline (drawn or imported), so placement falls back to the village centre or the
    /// town again. False when it had none; throws <see cref="BoundaryDrawingException"/> when it is not in the caller's area.
    /// </summary>
    public async Task<bool> DeleteAsync(BoundaryKind kind, string code, CancellationToken ct = default)
    {
        var target = await TargetAsync(kind, code, ct);
        var row = await db.Boundaries.FirstOrDefaultAsync(b => b.Kind == kind && b.Code == target.Code, ct);
        if (row is null)
        {
            return false;
        }
        db.Boundaries.Remove(row);
        await db.SaveChangesAsync(ct);
        placement.Forget();
        return true;
    }

    /// <summary>The stored outline of a district or village, when it is an area (a village may be stored as its centre only).</summary>
    private async Task<(string Name, Geometry Outline)?> StoredOutlineAsync(BoundaryKind kind, string code, CancellationToken ct)
    {
        var stored = await db.Boundaries.AsNoTracking().Where(b => b.Kind == kind && b.Code == code)
            .Select(b => new { b.Name, b.GeometryJson }).FirstOrDefaultAsync(ct);
        if (stored is null)
        {
            return null;
        }
        var outline = BoundaryFiles.FromGeoJson(stored.GeometryJson);
        return outline is Polygon or MultiPolygon ? (stored.Name, outline) : null;
    }

    private static bool Within(Geometry drawn, Geometry outline) => outline.Buffer(EdgeTolerance).Covers(drawn);

    private async Task<BoundaryTarget> TargetAsync(BoundaryKind kind, string code, CancellationToken ct)
    {
        var notFound = new BoundaryDrawingException(BoundaryDrawingFailure.NotFound,
            "没有这个村（社区）或网格，或不在您的管辖范围内 (no such village or grid in your area)");
        code = code.Trim();
        if (kind == BoundaryKind.Village)
        {
            var village = await db.Divisions.AsNoTracking().Where(d => d.Code == code && d.Level == DivisionLevel.Village)
                .Select(d => new { d.Code, d.Name }).FirstOrDefaultAsync(ct);
            // Divisions are public geography; the caller's scope says which of them they may divide.
            if (village is null || !db.Scope.Permits(DivisionCode.Parse(village.Code), null, null, null))
            {
                throw notFound;
            }
            return new BoundaryTarget(kind, village.Code, village.Name, village.Code, false);
        }
        if (kind == BoundaryKind.Grid)
        {
            // Grids carry the scope's query filter: one outside the caller's area is not found.
            var grid = await db.Grids.AsNoTracking().Where(g => g.Code == code).Select(g => new { g.Code, g.Name, g.VillageCode }).FirstOrDefaultAsync(ct);
            return grid is null ? throw notFound : new BoundaryTarget(kind, grid.Code, grid.Name, grid.VillageCode, false);
        }
        throw Invalid("只能绘制村（社区）或网格的边界，区县、乡镇边界请导入 (only village and grid boundaries are drawn; import district and town boundaries)");
    }

    private static Geometry Read(string geoJson)
    {
        if (string.IsNullOrWhiteSpace(geoJson))
        {
            throw Invalid("没有收到边界，请先在地图上绘制 (no outline was sent: draw one on the map first)");
        }
        if (geoJson.Length > MaxGeoJsonLength)
        {
            throw Invalid($"边界数据过大，最多 {MaxGeoJsonLength} 个字符 (the outline is too large: at most {MaxGeoJsonLength} characters)");
        }
        try
        {
            using var document = JsonDocument.Parse(geoJson);
            var root = document.RootElement;
            var geometry = root.ValueKind == JsonValueKind.Object && root.TryGetProperty("type", out var type) && type.ValueKind == JsonValueKind.String
                ? type.GetString() switch
                {
                    "Feature" when root.TryGetProperty("geometry", out var g) && g.ValueKind == JsonValueKind.Object => g.GetRawText(),
                    "FeatureCollection" when root.TryGetProperty("features", out var f) && f.ValueKind == JsonValueKind.Array && f.GetArrayLength() == 1
                        && f[0].TryGetProperty("geometry", out var g1) && g1.ValueKind == JsonValueKind.Object => g1.GetRawText(),
                    _ => root.GetRawText(),
                }
                : null;
            return geometry is null ? throw NotGeoJson() : BoundaryFiles.FromGeoJson(geometry);
        }
        catch (Exception ex) when (ex is JsonException or ArgumentException or InvalidOperationException or FormatException or BoundaryFileException)
        {
            throw NotGeoJson();
        }
    }

    private static void Check(Geometry geometry)
    {
        if (geometry is not (Polygon or MultiPolygon) || geometry.IsEmpty)
        {
            throw Invalid($"边界须为面（Polygon 或 MultiPolygon），收到的是 {geometry.GeometryType} (the outline must be a Polygon or MultiPolygon, not a {geometry.GeometryType})");
        }
        if (geometry.NumPoints > MaxVertices)
        {
            throw Invalid($"边界顶点过多，最多 {MaxVertices} 个 (too many corners: at most {MaxVertices})");
        }
        var box = geometry.EnvelopeInternal;
        if (box.MinX < -180 || box.MaxX > 180 || box.MinY < -90 || box.MaxY > 90)
        {
            throw Invalid("坐标须为 WGS-84 经纬度 (the coordinates must be WGS-84 longitude and latitude degrees)");
        }
        // The import repairs what it can; a drawing is refused instead, so the person sees what is wrong and redraws.
        if (new IsValidOp(geometry).ValidationError is { } error)
        {
            var at = error.Coordinate is { } c
                ? string.Create(CultureInfo.InvariantCulture, $"{c.X:0.#####}, {c.Y:0.#####}")
                : "?";
            throw Invalid(error.ErrorType is TopologyValidationErrors.SelfIntersection or TopologyValidationErrors.RingSelfIntersection
                ? $"边界自相交（在经纬度 {at} 附近），请重新绘制，边线不要交叉 (the outline crosses itself near {at}: redraw it without crossing lines)"
                : $"边界不是有效的面（在经纬度 {at} 附近），请重新绘制 (not a valid polygon near {at}: {error.Message}; redraw it)");
        }
        if (geometry.Area <= 0)
        {
            throw Invalid("边界面积为零，请重新绘制 (the outline encloses no area: redraw it)");
        }
    }

    private static BoundaryDrawingException NotGeoJson() =>
        Invalid("不是有效的 GeoJSON 面 (not a GeoJSON Polygon, MultiPolygon or a Feature holding one)");

    private static BoundaryDrawingException Invalid(string message) => new(BoundaryDrawingFailure.Invalid, message);
}
