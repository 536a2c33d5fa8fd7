using Fengqiao.Core.Organisations;
using Microsoft.EntityFrameworkCore;

namespace Fengqiao.Data.Accounts;

public sealed record StaffListItem(string Id, string UserName, string DisplayName, Guid? UnitId, string? UnitName, string? UnitDivision, IReadOnlyList<string> Roles);

/// <summary>
/// Accounts as the current scope may see them: everything for All, the unit's colleagues for Unit, every unit in
/// the area for Area, nobody for Own. Identity's own user table carries no query filter (sign-in must find any
/// user), so account listings go through here.
/// </summary>
public static class StaffDirectory
{
    public static async Task<IReadOnlyList<StaffListItem>> VisibleAsync(FengqiaoDbContext db, CancellationToken cancellationToken = default)
    {
        var scope = db.Scope;
        if (scope.Kind <= ScopeKind.Own)
        {
            return [];
        }
        var unitId = scope.UnitId;
        var area = scope.Area?.Value;
        var all = scope.SeesAll;
        var rows = await (
                from u in db.Users
                join unit in db.Units on u.UnitId equals unit.Id into units
                from unit in units.DefaultIfEmpty()
                where all || (unit != null && (unit.Id == unitId || (area != null && unit.DivisionCode.StartsWith(area))))
                orderby u.UserName
                select new { u.Id, u.UserName, u.DisplayName, u.UnitId, UnitName = unit == null ? null : unit.Name, UnitDivision = unit == null ? null : unit.DivisionCode })
            .ToListAsync(cancellationToken);
        var ids = rows.Select(r => r.Id).ToList();
        var roles = await (from ur in db.UserRoles join r in db.Roles on ur.RoleId equals r.Id where ids.Contains(ur.UserId) select new { ur.UserId, r.Name })
            .ToListAsync(cancellationToken);
        var byUser = roles.ToLookup(r => r.UserId, r => r.Name!);
        return [.. rows.Select(r => new StaffListItem(r.Id, r.UserName!, r.DisplayName, r.UnitId, r.UnitName, r.UnitDivision, [.. byUser[r.Id]]))];
    }
}
