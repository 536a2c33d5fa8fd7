using Fengqiao.Core.Contracting;
using Fengqiao.Core.Organisations;

namespace Fengqiao.Core.Tests.Contracting;

public class LeaderEligibilityTests
{
    [Theory]
    [InlineData(LeaderRole.TownLeader, StaffRole.TownLeader, UnitKind.Government, true)]
    [InlineData(LeaderRole.AreaLeader, StaffRole.TownLeader, UnitKind.Government, true)]
    [InlineData(LeaderRole.DistrictLeader, StaffRole.TownLeader, UnitKind.Government, false)]
    [InlineData(LeaderRole.DistrictLeader, StaffRole.DistrictLeader, UnitKind.Government, true)]
    [InlineData(LeaderRole.VillageLeader, StaffRole.GridMember, UnitKind.VillageCommittee, true)]
    [InlineData(LeaderRole.VillageLeader, StaffRole.TownLeader, UnitKind.Government, false)]
    [InlineData(LeaderRole.AreaLeader, StaffRole.Clerk, UnitKind.PetitionBureau, false)]
    [InlineData(LeaderRole.DepartmentLeader, StaffRole.Handler, UnitKind.Department, true)]
    [InlineData(LeaderRole.DepartmentLeader, StaffRole.Clerk, UnitKind.PetitionBureau, false)]
    public void A_place_in_a_contract_follows_role_and_unit(LeaderRole place, StaffRole role, UnitKind unit, bool allowed) =>
        Assert.Equal(allowed, LeaderEligibility.Allows(place, [role], unit));

    [Fact]
    public void The_default_place_is_the_highest_the_account_can_take()
    {
        Assert.Equal(LeaderRole.DistrictLeader, LeaderEligibility.DefaultRole([StaffRole.DistrictLeader], UnitKind.Government));
        Assert.Equal(LeaderRole.TownLeader, LeaderEligibility.DefaultRole([StaffRole.TownLeader], UnitKind.Government));
        Assert.Equal(LeaderRole.VillageLeader, LeaderEligibility.DefaultRole([StaffRole.GridMember], UnitKind.VillageCommittee));
        Assert.Null(LeaderEligibility.DefaultRole([StaffRole.Clerk], UnitKind.PetitionBureau));
        Assert.Null(LeaderEligibility.DefaultRole([StaffRole.Resident], null));
    }
}
