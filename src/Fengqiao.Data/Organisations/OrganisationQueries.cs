using Fengqiao.Core.Organisations;
using Microsoft.EntityFrameworkCore;

namespace Fengqiao.Data.Organisations;

public sealed record DivisionView(string Code, string Name, DivisionLevel Level, string? ParentCode);

/// <summary>A division with the divisions above it (province first) and its children.</summary>
public sealed record DivisionTree(DivisionView Division, IReadOnlyList<DivisionView> Path, IReadOnlyList<DivisionView> Children);

public sealed record UnitView(Guid Id, string Name, UnitKind Kind, string DivisionCode, Guid? ParentUnitId, string? DocumentPrefix);

/// <summary>An account's unit: its name, its division, and that division with the ones directly below it (where its people work).</summary>
public sealed record UnitHome(Guid Id, string Name, string DivisionCode, IReadOnlyList<DivisionView> Areas);

public sealed record CategoryView(string Code, string Name, string? ParentCode, int Level);

/// <summary>
/// The GB/T 2260 tree, the units and the matter taxonomy as the organisation page and API read them. Each call opens
/// its own short-lived context, so an interactive page may hold this for as long as its circuit lives.
/// </summary>
public sealed class OrganisationQueries(IDbContextFactory<FengqiaoDbContext> contexts)
{
    public async Task<IReadOnlyList<DivisionView>> ProvincesAsync(CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await db.Divisions.AsNoTracking().Where(d => d.ParentCode == null).OrderBy(d => d.Code)
            .Select(d => new DivisionView(d.Code, d.Name, d.Level, d.ParentCode)).ToListAsync(ct);
    }

    /// <summary>The division with its ancestors and children; null when the code names no division.</summary>
    public async Task<DivisionTree?> TreeAsync(DivisionCode code, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var path = new List<string>();
        for (var p = code.Parent; p is { } x; p = x.Parent)
        {
            path.Add(x.Value);
        }
        var division = await db.Divisions.AsNoTracking().Where(d => d.Code == code.Value)
            .Select(d => new DivisionView(d.Code, d.Name, d.Level, d.ParentCode)).FirstOrDefaultAsync(ct);
        if (division is null)
        {
            return null;
        }
        var ancestors = await db.Divisions.AsNoTracking().Where(d => path.Contains(d.Code)).OrderBy(d => d.Level)
            .Select(d => new DivisionView(d.Code, d.Name, d.Level, d.ParentCode)).ToListAsync(ct);
        var children = await db.Divisions.AsNoTracking().Where(d => d.ParentCode == code.Value).OrderBy(d => d.Code)
            .Select(d => new DivisionView(d.Code, d.Name, d.Level, d.ParentCode)).ToListAsync(ct);
        return new DivisionTree(division, ancestors, children);
    }

    /// <summary>Units serving the division and below (all units without one), at most <paramref name="take"/>.</summary>
    public async Task<IReadOnlyList<UnitView>> UnitsWithinAsync(DivisionCode? within, int take = 2000, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var query = db.Units.AsNoTracking();
        if (within is { } w)
        {
            query = query.Where(u => u.DivisionCode.StartsWith(w.Value));
        }
        return await query.OrderBy(u => u.DivisionCode).ThenBy(u => u.Name)
            .Select(u => new UnitView(u.Id, u.Name, u.Kind, u.DivisionCode, u.ParentUnitId, u.DocumentPrefix)).Take(take).ToListAsync(ct);
    }

    /// <summary>Units of exactly this division, by kind then name (the organisation page's right-hand table).</summary>
    public async Task<IReadOnlyList<UnitView>> UnitsAtAsync(DivisionCode division, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await db.Units.AsNoTracking().Where(u => u.DivisionCode == division.Value).OrderBy(u => u.Kind).ThenBy(u => u.Name)
            .Select(u => new UnitView(u.Id, u.Name, u.Kind, u.DivisionCode, u.ParentUnitId, u.DocumentPrefix)).ToListAsync(ct);
    }

    public async Task<UnitHome?> HomeAsync(Guid unitId, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var unit = await db.Units.AsNoTracking().Where(u => u.Id == unitId).Select(u => new { u.Name, u.DivisionCode }).FirstOrDefaultAsync(ct);
        if (unit is null)
        {
            return null;
        }
        var areas = await db.Divisions.AsNoTracking().Where(d => d.Code == unit.DivisionCode || d.ParentCode == unit.DivisionCode).OrderBy(d => d.Code)
            .Select(d => new DivisionView(d.Code, d.Name, d.Level, d.ParentCode)).ToListAsync(ct);
        return new UnitHome(unitId, unit.Name, unit.DivisionCode, areas);
    }

    /// <summary>Towns and villages (and the districts above them) within an area, or everywhere without one: where a matter can be placed at intake.</summary>
    public async Task<IReadOnlyList<DivisionView>> PlacesWithinAsync(DivisionCode? area, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var prefix = area?.Value;
        return await db.Divisions.AsNoTracking()
            .Where(d => d.Level >= DivisionLevel.Town && (prefix == null || d.Code.StartsWith(prefix)))
            .OrderBy(d => d.Code).Select(d => new DivisionView(d.Code, d.Name, d.Level, d.ParentCode)).ToListAsync(ct);
    }

    /// <summary>The three-level matter taxonomy (事项分类).</summary>
    public async Task<IReadOnlyList<CategoryView>> CategoriesAsync(CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await db.Categories.AsNoTracking().OrderBy(c => c.Code).Select(c => new CategoryView(c.Code, c.Name, c.ParentCode, c.Level)).ToListAsync(ct);
    }
}
