using Fengqiao.Core.Organisations;

namespace Fengqiao.Core.Tests.Organisations;

/// <summary>The service-provider role: no unit needed, no staff pages, sees only what is its own, holds no other role.</summary>
public sealed class ServiceProviderRoleTests
{
    [Fact]
    public void A_provider_account_needs_no_unit_but_may_not_hold_another_role()
    {
        Assert.Empty(RoleCatalog.Validate([StaffRole.ServiceProvider], null));
        Assert.Contains(RoleCatalog.Validate([StaffRole.ServiceProvider, StaffRole.JudicialOfficer], UnitKind.JudicialOffice),
            p => p.Contains("service provider account holds no other role", StringComparison.Ordinal));
    }

    [Fact]
    public void Only_residents_and_providers_are_outside_the_staff()
    {
        Assert.Equal([StaffRole.Resident, StaffRole.ServiceProvider], Enum.GetValues<StaffRole>().Where(r => !RoleCatalog.IsStaff(r)));
    }

    [Fact]
    public void A_provider_sees_only_its_own_records_and_no_case_of_any_unit_or_area()
    {
        var scope = AccessScope.For([StaffRole.ServiceProvider], "provider-1", null, null);
        Assert.Equal((ScopeKind.Own, null, null), (scope.Kind, scope.UnitId, scope.Area));
        Assert.False(scope.Permits(DivisionCode.Parse("370505001001"), Guid.NewGuid(), Guid.NewGuid(), "someone-else"));
        Assert.False(RoleCatalog.MayRevealPersonalData([StaffRole.ServiceProvider]));
    }
}
