using Fengqiao.Core.Cases;
using Fengqiao.Core.Cases.Routing;
using Fengqiao.Core.Organisations;

namespace Fengqiao.Core.Tests.Cases.Routing;

public class AssignableUnitsTests
{
    // A matter in 垦利街道 (370505001), village 370505001001, of 东营市 垦利区.
    private static readonly DivisionCode Village = DivisionCode.Parse("370505001001");

    private static RoutingUnit Unit(string name, string division, UnitKind kind = UnitKind.Department) =>
        new(Guid.NewGuid(), name, kind, DivisionCode.Parse(division));

    private static readonly RoutingUnit Committee = Unit("村委会", "370505001001", UnitKind.VillageCommittee);
    private static readonly RoutingUnit OtherCommittee = Unit("别村村委会", "370505002001", UnitKind.VillageCommittee);
    private static readonly RoutingUnit Street = Unit("垦利街道办事处", "370505001", UnitKind.Government);
    private static readonly RoutingUnit OtherTown = Unit("胜坨镇人民政府", "370505002", UnitKind.Government);
    private static readonly RoutingUnit Housing = Unit("垦利区住房和城乡建设局", "370505");
    private static readonly RoutingUnit Labour = Unit("垦利区人力资源和社会保障局", "370505");
    private static readonly RoutingUnit CityHousing = Unit("东营市住房和城乡建设局", "3705");
    private static readonly RoutingUnit Province = Unit("山东省信访局", "37", UnitKind.PetitionBureau);
    private static readonly RoutingUnit Congtai = Unit("丛台区住房和城乡建设局", "130403");
    private static readonly RoutingUnit Dongying = Unit("东营区住房和城乡建设局", "370502");
    private static readonly RoutingUnit OtherCity = Unit("邯郸市住房和城乡建设局", "1304");

    private static readonly RoutingUnit[] All = [Congtai, Province, OtherCity, Labour, OtherCommittee, CityHousing, Dongying, OtherTown, Housing, Street, Committee];

    [Fact]
    public void A_case_is_assigned_within_its_district_and_above_nearest_first()
    {
        var picked = AssignableUnits.For(Village).Pick(All);

        // The village and its street, then the district's departments, then the district's other towns and villages,
        // then the city and the province; never another district, nor another city.
        Assert.Equal([Committee, Street, Labour, Housing, OtherTown, OtherCommittee, CityHousing, Province], picked);
    }

    [Fact]
    public void Assigning_to_another_districts_unit_is_refused_with_a_reason_in_both_languages()
    {
        var routing = AssignableUnits.For(Village);

        var refused = Assert.Throws<CaseRuleException>(() => routing.Check(CaseState.Accepted, CaseAction.Assign, Congtai));
        Assert.Equal(CaseAction.Assign, refused.Action);
        Assert.Contains("丛台区住房和城乡建设局不属于本案所在区县（370505）", refused.Message, StringComparison.Ordinal);
        Assert.Contains("转送", refused.Message, StringComparison.Ordinal);
        Assert.EndsWith("transfer the case to send it elsewhere)", refused.Message, StringComparison.Ordinal);
        Assert.Throws<CaseRuleException>(() => routing.Check(CaseState.Accepted, CaseAction.Assign, Dongying));
        Assert.Throws<CaseRuleException>(() => routing.Check(CaseState.Accepted, CaseAction.Assign, null));
        routing.Check(CaseState.Accepted, CaseAction.Assign, Housing);
        routing.Check(CaseState.Accepted, CaseAction.Assign, CityHousing);
    }

    [Fact]
    public void After_a_transfer_to_another_district_that_district_assigns_within_its_own_area()
    {
        var routing = AssignableUnits.For(Village, transferredTo: Congtai.Division);

        Assert.Equal("130403", routing.District.Value);
        Assert.Equal([Congtai, OtherCity], routing.Pick(All));
    }

    [Fact]
    public void A_transfer_within_the_district_or_up_to_the_city_keeps_the_case_place_as_the_nearest_point()
    {
        Assert.Equal(Village, AssignableUnits.For(Village, transferredTo: Housing.Division).Place);
        Assert.Equal(Village, AssignableUnits.For(Village, transferredTo: CityHousing.Division).Place);
        Assert.Equal("370505", AssignableUnits.For(Village, transferredTo: CityHousing.Division).District.Value);
    }

    [Fact]
    public void A_case_placed_at_district_level_offers_the_district_before_its_towns()
    {
        var picked = AssignableUnits.For(DivisionCode.Parse("370505")).Pick(All);

        Assert.Equal([Labour, Housing, Street, OtherTown, Committee, OtherCommittee, CityHousing, Province], picked);
    }
}
