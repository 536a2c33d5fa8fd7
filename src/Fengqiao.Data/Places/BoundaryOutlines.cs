using Fengqiao.Core.Places;
using Microsoft.EntityFrameworkCore;
using NetTopologySuite.Geometries;
using NetTopologySuite.Simplify;

namespace Fengqiao.Data.Places;

/// <summary>An imported outline as a map draws it: its rings (outer rings of each part), in WGS-84 as stored.</summary>
public sealed record BoundaryOutline(BoundaryKind Kind, string Code, string Name, IReadOnlyList<IReadOnlyList<GeoPoint>> Rings);

/// <summary>
/// The outlines a map draws for an area: the area's own and every outline below it, and the district around it.
/// Simplified to about 20 m so a district's outline stays a small payload. Public geography: no scope applies.
/// </summary>
public sealed class BoundaryOutlines(IDbContextFactory<FengqiaoDbContext> contexts)
{
    private const double Tolerance = 0.0002; // degrees, about 20 m

    /// <summary>The smallest division (district, town or village) holding every code given; null when they span districts or none is given.</summary>
    public static string? CommonArea(IEnumerable<string> divisionCodes)
    {
        string? common = null;
        foreach (var code in divisionCodes)
        {
            common = common is null ? code : new string([.. common.Zip(code).TakeWhile(p => p.First == p.Second).Select(p => p.First)]);
        }
        var length = common?.Length switch { >= 12 => 12, >= 9 => 9, >= 6 => 6, _ => 0 };
        return length == 0 ? null : common![..length];
    }

    /// <summary>
    /// The outlines for a map of the caller's own cases (the ledger, the dashboard): those of the scope's area; for a
    /// unit-scoped account, of its unit's division; for one who sees everything, the districts' outlines only.
    /// </summary>
    public async Task<IReadOnlyList<BoundaryOutline>> ForViewerAsync(CancellationToken ct = default)
    {
        string? area;
        await using (var db = await contexts.CreateDbContextAsync(ct))
        {
            var scope = db.Scope;
            if (scope.SeesAll)
            {
                return await OutlinesAsync(b => b.Kind == BoundaryKind.District, ct);
            }
            area = scope.Area?.Value;
            if (area is null && scope.UnitId is { } unit)
            {
                area = await db.Units.AsNoTracking().Where(u => u.Id == unit).Select(u => u.DivisionCode).FirstOrDefaultAsync(ct);
            }
        }
        return area is null ? [] : await InAreaAsync(area, ct);
    }

    public async Task<IReadOnlyList<BoundaryOutline>> InAreaAsync(string areaCode, CancellationToken ct = default)
    {
        if (areaCode.Length < 6)
        {
            return [];
        }
        var district = areaCode[..6];
        return await OutlinesAsync(b => b.DivisionCode.StartsWith(areaCode) || (b.Kind == BoundaryKind.District && b.Code == district), ct);
    }

    private async Task<IReadOnlyList<BoundaryOutline>> OutlinesAsync(System.Linq.Expressions.Expression<Func<BoundaryRecord, bool>> which, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var rows = await db.Boundaries.AsNoTracking()
            .Where(which)
            .OrderBy(b => b.Kind).ThenBy(b => b.Code)
            .Select(b => new { b.Kind, b.Code, b.Name, b.GeometryJson })
            .ToListAsync(ct);
        var outlines = new List<BoundaryOutline>(rows.Count);
        foreach (var row in rows)
        {
            var geometry = BoundaryFiles.FromGeoJson(row.GeometryJson);
            if (geometry is not (Polygon or MultiPolygon))
            {
                continue; // a village known only by its centre has no outline to draw
            }
            var simple = TopologyPreservingSimplifier.Simplify(geometry, Tolerance);
            var rings = Enumerable.Range(0, simple.NumGeometries)
                .Select(i => simple.GetGeometryN(i))
                .OfType<Polygon>()
                .Select(p => (IReadOnlyList<GeoPoint>)[.. p.ExteriorRing.Coordinates.Select(c => new GeoPoint(c.Y, c.X))])
                .ToList();
            outlines.Add(new BoundaryOutline(row.Kind, row.Code, row.Name, rings));
        }
        return outlines;
    }
}
