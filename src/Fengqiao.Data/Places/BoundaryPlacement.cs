using System.Collections.Concurrent;
using Fengqiao.Core.Places;
using Fengqiao.Data.Infrastructure;
using Fengqiao.Data.Scope;
using Microsoft.EntityFrameworkCore;
using NetTopologySuite.Geometries;
using NetTopologySuite.Geometries.Prepared;

namespace Fengqiao.Data.Places;

/// <summary>
/// Places a point by the imported boundaries (点位落区划), in memory with NetTopologySuite: the smallest outline of the
/// district that contains the point (a grid answers its village). Where no outline below the district contains it, the
/// nearest known village centre of the district answers, flagged as an estimate; with none known, the district itself,
/// flagged. Each district's outlines are parsed and prepared once and kept until an import changes the table (checked
/// by a cheap count-and-latest query per placement, so a CLI import on another process is seen too).
/// </summary>
public sealed class BoundaryPlacement(DatabaseSettings settings) : IPointPlacement
{
    private sealed record Outline(BoundaryKind Kind, string DivisionCode, IPreparedGeometry? Prepared, Envelope Box, double Area, Point Centre);

    private sealed record DistrictOutlines((int Count, long Latest) Stamp, IReadOnlyList<Outline> Outlines);

    private readonly ConcurrentDictionary<string, DistrictOutlines> _cache = new();

    /// <summary>Drops what is cached (after an import in this process).</summary>
    public void Forget() => _cache.Clear();

    public async Task<PointPlace?> PlaceAsync(GeoPoint point, string district, CancellationToken cancellationToken = default)
    {
        if (district is not { Length: 6 })
        {
            return null;
        }
        var outlines = await OutlinesAsync(district, cancellationToken);
        var at = new Point(point.Longitude, point.Latitude);
        var containing = outlines
            .Where(o => o.Prepared is not null && o.Box.Covers(at.Coordinate) && o.Prepared.Covers(at))
            .OrderByDescending(o => o.Kind).ThenBy(o => o.Area)
            .FirstOrDefault();
        if (containing is { Kind: > BoundaryKind.District })
        {
            return new PointPlace(containing.DivisionCode, IsEstimate: false);
        }
        // A known district outline the point lies outside of says the point is elsewhere: no village of the district is "nearest".
        var districtKnown = outlines.Any(o => o.Kind == BoundaryKind.District && o.Prepared is not null);
        if (containing is not null || !districtKnown)
        {
            var scale = Math.Cos(point.Latitude * Math.PI / 180);
            var nearest = outlines.Where(o => o.Kind == BoundaryKind.Village)
                .MinBy(o => Math.Pow((o.Centre.X - at.X) * scale, 2) + Math.Pow(o.Centre.Y - at.Y, 2));
            if (nearest is not null)
            {
                return new PointPlace(nearest.DivisionCode, IsEstimate: true);
            }
        }
        return new PointPlace(district, IsEstimate: true);
    }

    private async Task<IReadOnlyList<Outline>> OutlinesAsync(string district, CancellationToken ct)
    {
        await using var db = settings.CreateContext(new SystemAccessScopeProvider());
        var ofDistrict = db.Boundaries.AsNoTracking().Where(b => b.DivisionCode.StartsWith(district));
        var count = await ofDistrict.CountAsync(ct);
        var latest = count == 0 ? default : await ofDistrict.OrderByDescending(b => b.ImportedAt).Select(b => b.ImportedAt).FirstAsync(ct);
        var stamp = (count, latest.ToUnixTimeTicks());
        if (_cache.TryGetValue(district, out var cached) && cached.Stamp == stamp)
        {
            return cached.Outlines;
        }
        var rows = await ofDistrict.Select(b => new { b.Kind, b.DivisionCode, b.GeometryJson }).ToListAsync(ct);
        var outlines = rows.Select(r =>
        {
            var geometry = BoundaryFiles.FromGeoJson(r.GeometryJson);
            var prepared = geometry is Polygon or MultiPolygon ? PreparedGeometryFactory.Prepare(geometry) : null;
            var centre = geometry is Point p ? p : geometry.InteriorPoint;
            return new Outline(r.Kind, r.DivisionCode, prepared, geometry.EnvelopeInternal, geometry.Area, centre);
        }).ToList();
        _cache[district] = new DistrictOutlines(stamp, outlines);
        return outlines;
    }
}
