using Fengqiao.Core.Cases;
using Fengqiao.Core.Cases.Routing;
using Fengqiao.Core.Organisations;
using Microsoft.EntityFrameworkCore;

namespace Fengqiao.Data.Cases;

/// <summary>
/// Where a case may go, read for Core's <see cref="AssignableUnits"/>: the units a case may be assigned to (交办), for the
/// case page's picker and the API, and the check the workflow makes before an assignment is saved, so the page, the
/// API, the CLI and the timers all refuse the same units.
/// </summary>
public static class CaseRouting
{
    /// <summary>The area a case is assigned within: its place, or the receiving unit's after a transfer (转送) elsewhere.</summary>
    public static async Task<AssignableUnits> AreaAsync(FengqiaoDbContext db, string place, Guid? transferredTo, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var received = transferredTo is { } to
            ? await db.Units.AsNoTracking().Where(u => u.Id == to).Select(u => u.DivisionCode).FirstOrDefaultAsync(cancellationToken)
            : null;
        return AssignableUnits.For(DivisionCode.Parse(place), received is null ? null : DivisionCode.Parse(received));
    }

    /// <summary>The units this case may be assigned to, nearest first.</summary>
    public static async Task<IReadOnlyList<RoutingUnit>> AssignableAsync(FengqiaoDbContext db, CaseRecord record, CaseFile file, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(file);
        var area = await AreaAsync(db, record.DivisionCode, file.TransferredTo, cancellationToken);
        var district = area.District.Value;
        var above = new List<string>();
        for (var up = area.District.Parent; up is { } code; up = code.Parent)
        {
            above.Add(code.Value);
        }
        // The prefix test is indexed (DivisionCode, Name); the Core rule then decides and orders.
        var rows = await db.Units.AsNoTracking()
            .Where(u => u.DivisionCode.StartsWith(district) || above.Contains(u.DivisionCode))
            .Select(u => new { u.Id, u.Name, u.Kind, u.DivisionCode })
            .ToListAsync(cancellationToken);
        return area.Pick(rows.Select(u => new RoutingUnit(u.Id, u.Name, u.Kind, DivisionCode.Parse(u.DivisionCode))));
    }

    /// <summary>Every unit, by division and name: a transfer (转送) or a review request may go to any of them.</summary>
    public static async Task<IReadOnlyList<RoutingUnit>> AllUnitsAsync(FengqiaoDbContext db, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var rows = await db.Units.AsNoTracking().OrderBy(u => u.DivisionCode).ThenBy(u => u.Name)
            .Select(u => new { u.Id, u.Name, u.Kind, u.DivisionCode })
            .ToListAsync(cancellationToken);
        return [.. rows.Select(u => new RoutingUnit(u.Id, u.Name, u.Kind, DivisionCode.Parse(u.DivisionCode)))];
    }

    /// <summary>
    /// Refuses (<see cref="CaseRuleException"/>) an assignment whose handling or co-handling unit is unknown or outside
    /// the units the case may be assigned to. <paramref name="file"/> is the case before the command.
    /// </summary>
    public static async Task CheckAsync(FengqiaoDbContext db, CaseRecord record, CaseFile file, CaseCommand command, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(file);
        List<Guid> targets = command switch
        {
            AssignCase a => [a.HandlingUnit, .. a.CoHandlers ?? []],
            _ => [],
        };
        if (targets.Count == 0)
        {
            return;
        }
        var area = await AreaAsync(db, record.DivisionCode, file.TransferredTo, cancellationToken);
        var units = await db.Units.AsNoTracking().Where(u => targets.Contains(u.Id))
            .Select(u => new { u.Id, u.Name, u.Kind, u.DivisionCode })
            .ToDictionaryAsync(u => u.Id, cancellationToken);
        foreach (var id in targets)
        {
            var unit = units.GetValueOrDefault(id);
            area.Check(file.State, command.Action, unit is null ? null : new RoutingUnit(unit.Id, unit.Name, unit.Kind, DivisionCode.Parse(unit.DivisionCode)));
        }
    }
}
