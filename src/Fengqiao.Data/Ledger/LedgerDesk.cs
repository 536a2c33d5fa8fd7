using Fengqiao.Core.Ledger;
using Fengqiao.Core.Organisations;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Fengqiao.Data.Ledger;

/// <summary>A KPI row with the name of what it groups by (a unit, town or category; the key itself when unnamed).</summary>
public sealed record NamedKpiRow(string Key, string? Name, CaseKpis Kpis);

/// <summary>
/// The ledger (台账) and its KPIs as the ledger page and API read them, in the viewer's scope. Each call opens its own
/// short-lived context, so an interactive page may hold the desk for as long as its circuit lives.
/// </summary>
public sealed class LedgerDesk(IDbContextFactory<FengqiaoDbContext> contexts)
{
    public async Task<(int Total, IReadOnlyList<LedgerRow> Rows)> PageAsync(LedgerFilter filter, Instant asOf, int skip, int take, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await LedgerQueries.PageAsync(db, filter, asOf, skip, take, ct);
    }

    /// <summary>Hands every matching row, streamed from the database cursor, to <paramref name="write"/> (the Excel export).</summary>
    public async Task ExportAsync(LedgerFilter filter, Instant asOf, Func<IEnumerable<LedgerRow>, Task> write, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        await write(LedgerQueries.All(db, filter, asOf));
    }

    /// <summary>The filtered cases that carry a point, for the ledger's map (台账地图), and how many do not.</summary>
    public async Task<Places.CasePointSet> PointsAsync(LedgerFilter filter, Instant asOf, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await Places.CasePoints.OfAsync(filter.Apply(db.Cases.AsNoTracking(), asOf), asOf, ct: ct);
    }

    public async Task<CaseKpis> TotalAsync(LedgerFilter filter, Instant asOf, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await KpiQueries.TotalAsync(db, filter, asOf, ct);
    }

    public async Task<IReadOnlyList<KpiRow>> ByAsync(LedgerFilter filter, Instant asOf, KpiDimension by, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await KpiQueries.ByAsync(db, filter, asOf, by, ct);
    }

    /// <summary>The KPIs by a dimension, each row named: units, towns and categories by their names; channels keep their key.</summary>
    public async Task<IReadOnlyList<NamedKpiRow>> ByNamedAsync(LedgerFilter filter, Instant asOf, KpiDimension by, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var rows = await KpiQueries.ByAsync(db, filter, asOf, by, ct);
        var keys = rows.Select(r => r.Key).ToList();
        var names = by switch
        {
            // SQLite spells GUIDs upper-case, PostgreSQL lower-case: match either.
            KpiDimension.HandlingUnit => await UnitNamesAsync(db, keys, ct),
            KpiDimension.Town => await db.Divisions.AsNoTracking().Where(d => d.Level == DivisionLevel.Town && keys.Contains(d.Code)).ToDictionaryAsync(d => d.Code, d => d.Name, ct),
            KpiDimension.Category => await db.Categories.AsNoTracking().Where(c => keys.Contains(c.Code)).ToDictionaryAsync(c => c.Code, c => c.Name, ct),
            _ => new Dictionary<string, string>(),
        };
        return [.. rows.Select(r => new NamedKpiRow(r.Key, names.GetValueOrDefault(r.Key), r.Kpis))];
    }

    private static async Task<Dictionary<string, string>> UnitNamesAsync(FengqiaoDbContext db, List<string> keys, CancellationToken ct)
    {
        var ids = keys.Select(k => Guid.TryParse(k, out var id) ? id : (Guid?)null).OfType<Guid>().ToList();
        var units = await db.Units.AsNoTracking().Where(u => ids.Contains(u.Id)).Select(u => new { u.Id, u.Name }).ToListAsync(ct);
        var byId = units.ToDictionary(u => u.Id, u => u.Name);
        return keys.Where(k => Guid.TryParse(k, out var id) && byId.ContainsKey(id))
            .ToDictionary(k => k, k => byId[Guid.Parse(k)], StringComparer.OrdinalIgnoreCase);
    }
}
