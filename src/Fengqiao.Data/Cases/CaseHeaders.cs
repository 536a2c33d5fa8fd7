using Fengqiao.Core.Contracting;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Fengqiao.Data.Cases;

/// <summary>
/// What the top of the case page names: the matter's category, its place from the district down, who registered it,
/// who handles it, when the running limit falls due, and the leaders contracted to it (包案领导).
/// </summary>
public sealed record CaseHeader(string? Category, IReadOnlyList<string> Place, string? RegisteringUnit, string? HandlingUnit, Instant? DueAt, IReadOnlyList<string> ContractLeaders);

public static class CaseHeaders
{
    public static async Task<CaseHeader> ForAsync(FengqiaoDbContext db, CaseRecord record, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(record);
        var category = record.CategoryCode is { } code
            ? await db.Categories.AsNoTracking().Where(c => c.Code == code).Select(c => c.Name).FirstOrDefaultAsync(cancellationToken)
            : null;
        // District, town or street, village or community: as far down as the case's place goes.
        var placeCodes = new[] { 6, 9, 12 }.Where(n => record.DivisionCode.Length >= n).Select(n => record.DivisionCode[..n]).ToList();
        var places = await db.Divisions.AsNoTracking().Where(d => placeCodes.Contains(d.Code)).Select(d => new { d.Code, d.Name }).ToListAsync(cancellationToken);
        var unitIds = new[] { record.RegisteringUnitId, record.HandlingUnitId ?? Guid.Empty };
        var units = await db.Units.AsNoTracking().Where(u => unitIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.Name, cancellationToken);
        var leaders = await db.CaseContractLeaders.AsNoTracking()
            .Where(l => l.CaseId == record.Id && db.CaseContracts.Any(c => c.Id == l.ContractId && c.State == ContractState.Active))
            .OrderBy(l => l.Id).Select(l => l.Name).ToListAsync(cancellationToken);
        return new CaseHeader(
            category,
            [.. places.OrderBy(p => p.Code.Length).Select(p => p.Name)],
            units.GetValueOrDefault(record.RegisteringUnitId),
            record.HandlingUnitId is { } handling ? units.GetValueOrDefault(handling) : null,
            record.DueAt,
            [.. leaders.Distinct(StringComparer.Ordinal)]);
    }
}
