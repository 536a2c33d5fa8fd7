using Fengqiao.Core.Organisations;
using Fengqiao.Data.Organisations;
using Microsoft.EntityFrameworkCore;

namespace Fengqiao.Data.Portal;

public sealed record PublicPlace(string Code, string Name);

public sealed record PublicDistrict(string Code, string Name, IReadOnlyList<PublicPlace> Towns);

/// <summary>
/// The places a resident can choose (地点): the towns and streets of every district that has a receiving unit, and the
/// resolution of a free-text address (Open311's address_string) to the deepest division it names.
/// </summary>
public sealed class PublicPlaces(FengqiaoDbContext db)
{
    public async Task<IReadOnlyList<PublicDistrict>> DistrictsAsync(CancellationToken cancellationToken = default)
    {
        var served = await db.Units.IgnoreQueryFilters().AsNoTracking()
            .Where(u => u.Kind == UnitKind.PetitionBureau && u.DivisionCode.Length == 6)
            .Select(u => u.DivisionCode).Distinct().ToListAsync(cancellationToken);
        var divisions = await db.Divisions.AsNoTracking()
            .Where(d => served.Contains(d.Code) || (d.Level == DivisionLevel.Town && served.Contains(d.ParentCode!)))
            .ToListAsync(cancellationToken);
        return [.. divisions.Where(d => d.Level == DivisionLevel.County).OrderBy(d => d.Code)
            .Select(c => new PublicDistrict(c.Code, c.Name, [.. divisions.Where(t => t.ParentCode == c.Code).OrderBy(t => t.Code).Select(t => new PublicPlace(t.Code, t.Name))]))];
    }

    /// <summary>The villages and communities of a town in a served district, by code; none for any other code.</summary>
    public async Task<IReadOnlyList<PublicPlace>> VillagesAsync(string? townCode, CancellationToken cancellationToken = default)
    {
        if (townCode is not { Length: 9 } || !(await DistrictsAsync(cancellationToken)).Any(d => d.Towns.Any(t => t.Code == townCode)))
        {
            return [];
        }
        return await db.Divisions.AsNoTracking().Where(d => d.ParentCode == townCode).OrderBy(d => d.Code)
            .Select(d => new PublicPlace(d.Code, d.Name)).ToListAsync(cancellationToken);
    }

    /// <summary>
    /// The deepest served division whose name the address contains ("垦利区垦利街道胜利路 8 号" → 垦利街道). When a name
    /// occurs in several districts, the one whose district is also named wins; still ambiguous or nothing found → null.
    /// </summary>
    public async Task<Division?> ResolveAsync(string? address, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(address) || address.Length > 200)
        {
            return null;
        }
        var districts = await DistrictsAsync(cancellationToken);
        var candidates = districts.SelectMany(d => d.Towns.Select(t => (Code: t.Code, t.Name, District: d.Name)))
            .Concat(districts.Select(d => (d.Code, d.Name, District: d.Name)))
            .Where(c => address.Contains(c.Name, StringComparison.Ordinal))
            .ToList();
        var towns = candidates.Where(c => c.Code.Length > 6).ToList();
        if (towns.Count > 1)
        {
            towns = [.. towns.Where(t => address.Contains(t.District, StringComparison.Ordinal))];
        }
        var pick = towns.Count == 1 ? towns[0].Code : towns.Count == 0 && candidates.Count == 1 ? candidates[0].Code : null;
        return pick is null ? null : await db.Divisions.AsNoTracking().FirstOrDefaultAsync(d => d.Code == pick, cancellationToken);
    }
}
