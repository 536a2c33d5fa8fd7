using Fengqiao.Core.Cases;
using Fengqiao.Data.Cases;
using Fengqiao.Data.Categories;
using Fengqiao.Core.Places;
using Fengqiao.Data.Infrastructure;
using Fengqiao.Data.Places;
using Fengqiao.Data.Scope;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Fengqiao.Data.Open311;

/// <summary>One service request as GeoReport v2 lists it: the case, when it last changed, the unit handling it and its service's name.</summary>
public sealed record Open311Request(CaseRecord Case, Instant UpdatedAt, string? Agency, string? ServiceName);

/// <summary>
/// Which requests to list: by id (the other filters then do not apply, as the specification says), or registered
/// within a range, in any of the states (none: all) and of any of the four-digit service codes (none: all).
/// </summary>
public sealed record Open311RequestFilter(IReadOnlyList<string>? TrackingCodes, Instant From, Instant To, IReadOnlyList<CaseState> States, IReadOnlyList<string> ServiceCodes);

/// <summary>
/// What the public GeoReport v2 interface reads: the services (the matter taxonomy's second level and its subjects),
/// the places a request may name, and the requests that came in through Open311. GeoReport v2 lists those requests to
/// anyone, so they are read past the caller's scope (an anonymous caller sees nothing), on a context of its own acting
/// as the system, and only those registered by an Open311 client; what the answer may show of them is Web's to mask.
/// </summary>
public sealed class Open311Desk(DatabaseSettings settings, IPointPlacement placement)
{
    /// <summary>How a case registered by an Open311 client names its registrar: this prefix and the client's name.</summary>
    public const string ActorPrefix = "open311:";

    /// <summary>How a request's token is kept as the case's idempotency key.</summary>
    public const string TokenPrefix = "open311:";

    private FengqiaoDbContext Open() => settings.CreateContext(new SystemAccessScopeProvider());

    /// <summary>The whole matter taxonomy (three levels), for the service list.</summary>
    public async Task<IReadOnlyList<Category>> CategoriesAsync(CancellationToken ct = default)
    {
        await using var db = Open();
        return await db.Categories.AsNoTracking().ToListAsync(ct);
    }

    /// <summary>The subjects (third level) of a service, in code order; null when the code is no service (second level).</summary>
    public async Task<IReadOnlyList<Category>?> SubjectsAsync(string serviceCode, CancellationToken ct = default)
    {
        if (serviceCode.Length > 12)
        {
            return null;
        }
        await using var db = Open();
        if (!await db.Categories.AnyAsync(c => c.Code == serviceCode && c.Level == 2, ct))
        {
            return null;
        }
        return await db.Categories.AsNoTracking().Where(c => c.ParentCode == serviceCode).OrderBy(c => c.Code).ToListAsync(ct);
    }

    /// <summary>Whether a code names a subject of the service.</summary>
    public async Task<bool> IsSubjectOfAsync(string subjectCode, string serviceCode, CancellationToken ct = default)
    {
        if (subjectCode.Length > 12)
        {
            return false;
        }
        await using var db = Open();
        return await db.Categories.AnyAsync(c => c.Code == subjectCode && c.ParentCode == serviceCode, ct);
    }

    /// <summary>Whether the division exists.</summary>
    public async Task<bool> IsDivisionAsync(string code, CancellationToken ct = default)
    {
        await using var db = Open();
        return await db.Divisions.AnyAsync(d => d.Code == code, ct);
    }

    /// <summary>
    /// Where a point-only report goes: the division the point lies in within the district of the client's unit (the
    /// jurisdiction it reports for). Null when that unit has no district, so the point cannot be placed.
    /// </summary>
    public async Task<PointPlace?> PlacePointAsync(GeoPoint point, Guid clientUnitId, CancellationToken ct = default)
    {
        await using var db = Open();
        var unitDivision = await db.Units.Where(u => u.Id == clientUnitId).Select(u => u.DivisionCode).FirstOrDefaultAsync(ct);
        if (unitDivision is not { Length: >= 6 })
        {
            return null;
        }
        return await placement.PlaceAsync(point, unitDivision[..6], ct);
    }

    /// <summary>The name of a category (service or subject), or null.</summary>
    public async Task<string?> CategoryNameAsync(string code, CancellationToken ct = default)
    {
        await using var db = Open();
        return await db.Categories.Where(c => c.Code == code).Select(c => c.Name).FirstOrDefaultAsync(ct);
    }

    /// <summary>The Open311 requests the filter names, newest first, at most a thousand.</summary>
    public async Task<IReadOnlyList<Open311Request>> RequestsAsync(Open311RequestFilter filter, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        await using var db = Open();
        var query = db.Cases.AsNoTracking().Where(c => c.RegisteredBy.StartsWith(ActorPrefix));
        if (filter.TrackingCodes is { } ids)
        {
            query = query.Where(c => ids.Contains(c.TrackingCode));
        }
        else
        {
            query = query.Where(c => c.RegisteredAt >= filter.From && c.RegisteredAt <= filter.To);
            if (filter.States.Count > 0)
            {
                var states = filter.States;
                query = query.Where(c => states.Contains(c.State));
            }
            if (filter.ServiceCodes.Count > 0)
            {
                var codes = filter.ServiceCodes;
                query = query.Where(c => c.CategoryCode != null && codes.Contains(c.CategoryCode.Substring(0, 4)));
            }
        }
        var cases = await query.OrderByDescending(c => c.RegisteredAt).Take(1000).ToListAsync(ct);
        var caseIds = cases.Select(c => c.Id).ToList();
        var updated = await db.CaseEvents.Where(e => caseIds.Contains(e.CaseId)).GroupBy(e => e.CaseId)
            .Select(g => new { g.Key, At = g.Max(e => e.At) }).ToDictionaryAsync(g => g.Key, g => g.At, ct);
        var unitIds = cases.Where(c => c.HandlingUnitId != null).Select(c => c.HandlingUnitId!.Value).Distinct().ToList();
        var units = await db.Units.Where(u => unitIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.Name, ct);
        var services = await db.Categories.AsNoTracking().Where(c => c.Level == 2).ToDictionaryAsync(c => c.Code, c => c.Name, ct);
        return [.. cases.Select(c => new Open311Request(c,
            updated.TryGetValue(c.Id, out var at) ? at : c.RegisteredAt,
            c.HandlingUnitId is { } u ? units.GetValueOrDefault(u) : null,
            c.CategoryCode is { Length: >= 4 } cat ? services.GetValueOrDefault(cat[..4]) : null))];
    }

    /// <summary>The tracking code of the request posted with this token, or null.</summary>
    public async Task<string?> TrackingCodeOfTokenAsync(string token, CancellationToken ct = default)
    {
        if (token.Length > 64)
        {
            return null;
        }
        var key = TokenPrefix + token;
        await using var db = Open();
        return await db.Cases.AsNoTracking().Where(c => c.IdempotencyKey == key).Select(c => c.TrackingCode).FirstOrDefaultAsync(ct);
    }
}
