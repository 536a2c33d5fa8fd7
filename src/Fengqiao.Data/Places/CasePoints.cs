using Fengqiao.Core.Cases;
using Fengqiao.Data.Cases;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Fengqiao.Data.Places;

/// <summary>A case with a point, as a map draws it (WGS-84 degrees, as stored).</summary>
public sealed record CasePoint(string TrackingCode, string Title, double Latitude, double Longitude, CaseState State, bool Overdue, bool PlaceIsEstimate);

/// <summary>
/// The cases of a query that carry a point, and how many of the query's cases do not (the map's caption counts them).
/// <see cref="Truncated"/> when more cases had points than the map is sent (the newest are kept).
/// </summary>
public sealed record CasePointSet(IReadOnlyList<CasePoint> Points, int WithoutPoint, bool Truncated);

/// <summary>Points of an already scoped and filtered case query (the scope comes from the context's query filters).</summary>
public static class CasePoints
{
    /// <summary>More points than this make a heat map, not a map people read; the newest are kept.</summary>
    public const int Limit = 5000;

    public static async Task<CasePointSet> OfAsync(IQueryable<CaseRecord> cases, Instant asOf, int limit = Limit, CancellationToken ct = default)
    {
        var located = cases.Where(c => c.Latitude != null && c.Longitude != null);
        var withoutPoint = await cases.CountAsync(c => c.Latitude == null || c.Longitude == null, ct);
        var rows = await located.OrderByDescending(c => c.RegisteredAt).Take(limit + 1)
            .Select(c => new { c.TrackingCode, c.Title, c.Latitude, c.Longitude, c.State, c.DueAt, c.PlaceIsEstimate })
            .ToListAsync(ct);
        var points = rows.Take(limit)
            .Select(c => new CasePoint(c.TrackingCode, c.Title, c.Latitude!.Value, c.Longitude!.Value, c.State, c.DueAt is { } due && due <= asOf, c.PlaceIsEstimate))
            .ToList();
        return new CasePointSet(points, withoutPoint, rows.Count > limit);
    }
}
