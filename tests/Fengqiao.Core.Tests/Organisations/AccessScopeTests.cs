using Fengqiao.Core.Organisations;

namespace Fengqiao.Core.Tests.Organisations;

public class AccessScopeTests
{
    private static readonly Guid Bureau = Guid.NewGuid();
    private static readonly Guid Housing = Guid.NewGuid();
    private static readonly DivisionCode Kenli = DivisionCode.Parse("370505");
    private static readonly DivisionCode KenliVillage = DivisionCode.Parse("370505001201");
    private static readonly DivisionCode QingpuVillage = DivisionCode.Parse("310118001001");

    [Fact]
    public void An_area_role_sees_cases_located_in_its_area_and_its_units_cases_elsewhere()
    {
        var clerk = AccessScope.For([StaffRole.Clerk], "u1", Bureau, Kenli);
        Assert.True(clerk.Permits(KenliVillage, Guid.NewGuid(), null, null));
        Assert.False(clerk.Permits(QingpuVillage, Guid.NewGuid(), null, null));
        Assert.True(clerk.Permits(QingpuVillage, Bureau, null, null));
    }

    [Fact]
    public void A_unit_role_sees_only_cases_registered_at_or_handled_by_its_unit()
    {
        var handler = AccessScope.For([StaffRole.Handler], "u2", Housing, Kenli);
        Assert.Equal(ScopeKind.Unit, handler.Kind);
        Assert.Null(handler.Area);
        Assert.True(handler.Permits(QingpuVillage, Bureau, Housing, null));
        Assert.False(handler.Permits(KenliVillage, Bureau, null, null));
    }

    [Fact]
    public void A_resident_sees_only_own_cases()
    {
        var resident = AccessScope.For([StaffRole.Resident], "me", null, null);
        Assert.True(resident.Permits(KenliVillage, Bureau, Housing, "me"));
        Assert.False(resident.Permits(KenliVillage, Bureau, Housing, "someone-else"));
    }

    [Fact]
    public void The_widest_role_wins_when_an_account_holds_several()
    {
        var scope = AccessScope.For([StaffRole.Handler, StaffRole.TownLeader], "u3", Housing, Kenli);
        Assert.Equal(ScopeKind.Area, scope.Kind);
        Assert.Equal(ScopeKind.All, AccessScope.For([StaffRole.Handler, StaffRole.Administrator], "u4", Housing, Kenli).Kind);
    }

    [Fact]
    public void A_leader_contracted_to_a_case_sees_it_outside_their_scope_and_a_resident_named_alike_does_not()
    {
        var cadre = AccessScope.For([StaffRole.GridMember], "cadre-1", Guid.NewGuid(), DivisionCode.Parse("370505001001"));
        Assert.False(cadre.Permits(QingpuVillage, Bureau, Housing, null, "leader-9"));
        Assert.True(cadre.Permits(QingpuVillage, Bureau, Housing, null, "leader-9,cadre-1"));
        // A resident's own scope is never widened by a contract, even under the same account id.
        var resident = AccessScope.For([StaffRole.Resident], "cadre-1", null, null);
        Assert.False(resident.Permits(QingpuVillage, Bureau, Housing, null, "cadre-1"));
    }

    [Fact]
    public void A_staff_role_without_a_unit_sees_nothing_rather_than_too_much()
    {
        var orphan = AccessScope.For([StaffRole.Clerk], "u5", null, null);
        Assert.Equal(ScopeKind.None, orphan.Kind);
        Assert.False(orphan.Permits(KenliVillage, Bureau, Housing, "u5"));
        Assert.False(AccessScope.Nobody.Permits(KenliVillage, Bureau, Housing, null));
    }

    [Fact]
    public void Units_and_accounts_follow_the_same_rule()
    {
        var clerk = AccessScope.For([StaffRole.Clerk], "u1", Bureau, Kenli);
        Assert.True(clerk.PermitsUnit(Housing, Kenli));
        Assert.False(clerk.PermitsUnit(Housing, DivisionCode.Parse("310118")));
        var handler = AccessScope.For([StaffRole.Handler], "u2", Housing, Kenli);
        Assert.True(handler.PermitsUnit(Housing, Kenli));
        Assert.False(handler.PermitsUnit(Bureau, Kenli));
    }
}

public class RoleCatalogTests
{
    [Fact]
    public void Every_role_has_a_rule() =>
        Assert.All(Enum.GetValues<StaffRole>(), r => Assert.Equal(r, RoleCatalog.For(r).Role));

    [Fact]
    public void Staff_roles_need_a_unit_and_residents_do_not()
    {
        Assert.Contains(RoleCatalog.Validate([StaffRole.Handler], null), p => p.Contains("needs a unit", StringComparison.Ordinal));
        Assert.Empty(RoleCatalog.Validate([StaffRole.Resident], null));
    }

    [Theory]
    [InlineData(StaffRole.Procurator, UnitKind.Department, false)]
    [InlineData(StaffRole.Procurator, UnitKind.Procuratorate, true)]
    [InlineData(StaffRole.DisciplineCommission, UnitKind.PetitionBureau, false)]
    [InlineData(StaffRole.Handler, UnitKind.PoliceStation, true)]
    [InlineData(StaffRole.TownLeader, UnitKind.Government, true)]
    public void A_role_sits_only_in_units_of_a_fitting_kind(StaffRole role, UnitKind kind, bool allowed) =>
        Assert.Equal(allowed, RoleCatalog.Validate([role], kind).Count == 0);

    [Fact]
    public void No_roles_and_resident_mixed_with_staff_are_refused()
    {
        Assert.NotEmpty(RoleCatalog.Validate([], UnitKind.Government));
        Assert.Contains(RoleCatalog.Validate([StaffRole.Resident, StaffRole.Clerk], UnitKind.PetitionBureau), p => p.Contains("resident account", StringComparison.Ordinal));
    }
}
