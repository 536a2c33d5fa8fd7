using Fengqiao.Core.Organisations;

namespace Fengqiao.Core.Contracting;

/// <summary>
/// Who may stand in which place of a contract: district and town leaders by their role, a village leader (村社区干部)
/// by sitting in a village committee, a department head (部门负责人) as a handler of a functional department.
/// </summary>
public static class LeaderEligibility
{
    public static bool Allows(LeaderRole role, IReadOnlyCollection<StaffRole> roles, UnitKind? unitKind)
    {
        ArgumentNullException.ThrowIfNull(roles);
        return role switch
        {
            LeaderRole.DistrictLeader => roles.Contains(StaffRole.DistrictLeader),
            LeaderRole.TownLeader or LeaderRole.AreaLeader => roles.Contains(StaffRole.TownLeader) || roles.Contains(StaffRole.DistrictLeader),
            LeaderRole.VillageLeader => unitKind == UnitKind.VillageCommittee && !roles.Contains(StaffRole.Resident),
            LeaderRole.DepartmentLeader => roles.Contains(StaffRole.Handler) && unitKind is not null and not UnitKind.VillageCommittee,
            _ => false,
        };
    }

    /// <summary>The place an account takes by default: the highest leadership its roles and unit give it, or none.</summary>
    public static LeaderRole? DefaultRole(IReadOnlyCollection<StaffRole> roles, UnitKind? unitKind) =>
        new[] { LeaderRole.DistrictLeader, LeaderRole.TownLeader, LeaderRole.VillageLeader, LeaderRole.DepartmentLeader }
            .Cast<LeaderRole?>().FirstOrDefault(r => Allows(r!.Value, roles, unitKind));
}
