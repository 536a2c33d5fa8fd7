using Fengqiao.Core.Organisations;

namespace Fengqiao.Core.Cases.Routing;

/// <summary>A unit as routing sees it: who it is and the division it serves.</summary>
public sealed record RoutingUnit(Guid Id, string Name, UnitKind Kind, DivisionCode Division);

/// <summary>
/// Which units a case may be assigned to (交办): the units of its own district — the district's departments and the
/// units of its towns, streets and villages — and the city and province units above it, nearest first. Sending a
/// case to another district is a transfer (转送), a separate action; assigning never does it. After a transfer the
/// case belongs to the receiving unit's area, so that unit assigns within its own district.
/// </summary>
public sealed record AssignableUnits
{
    private AssignableUnits(DivisionCode place, DivisionCode district)
    {
        Place = place;
        District = district;
    }

    /// <summary>Where routing starts: the case's place, or the receiving unit's division after a transfer elsewhere.</summary>
    public DivisionCode Place { get; }

    /// <summary>The district (区县) the case is assigned within; a place above district level is its own area.</summary>
    public DivisionCode District { get; }

    /// <param name="place">The case's place (its GB/T 2260 division).</param>
    /// <param name="transferredTo">The division of the unit the case was transferred to (转送), if it was.</param>
    public static AssignableUnits For(DivisionCode place, DivisionCode? transferredTo = null)
    {
        // A transfer within the district, or up to a body above the place, leaves the place the nearest point.
        var anchor = transferredTo is { } received && !place.IsWithin(DistrictOf(received)) ? received : place;
        return new AssignableUnits(anchor, DistrictOf(anchor));
    }

    /// <summary>
    /// True for a unit in the district, or above it: a city or province body may take a matter of its own competence
    /// (分级负责、归口办理) and still covers the place, so it is the one step beyond the district an assignment may go.
    /// </summary>
    public bool Permits(DivisionCode unit) => unit.IsWithin(District) || District.IsWithin(unit);

    /// <summary>The units among <paramref name="units"/> a case may be assigned to, nearest first.</summary>
    public IReadOnlyList<RoutingUnit> Pick(IEnumerable<RoutingUnit> units)
    {
        ArgumentNullException.ThrowIfNull(units);
        return [.. units.Where(u => Permits(u.Division))
            .OrderBy(u => Ring(u.Division))
            .ThenBy(u => Steps(u.Division))
            .ThenBy(u => u.Division)
            .ThenBy(u => u.Kind)
            .ThenBy(u => u.Name, StringComparer.Ordinal)];
    }

    /// <summary>Refuses, with a bilingual reason, an assignment to an unknown unit (null) or one outside <see cref="Permits"/>.</summary>
    public void Check(CaseState state, CaseAction action, RoutingUnit? unit)
    {
        if (unit is null)
        {
            throw new CaseRuleException(state, action, "所选单位不存在 (no such unit)");
        }
        if (!Permits(unit.Division))
        {
            throw new CaseRuleException(state, action,
                $"{unit.Name}不属于本案所在区县（{District}）及其上级单位，不能{CaseNames.Chinese(action)}；送往其他区县请用转送 " +
                $"(the unit is outside the case's district {District} and the levels above it: {CaseNames.EnglishVerb(action)} within the district, or transfer the case to send it elsewhere)");
        }
    }

    // 0: on the way from the place up to the district (its village, town, the district itself);
    // 1: elsewhere in the district (other towns and villages); 2: above the district.
    private int Ring(DivisionCode unit) => Place.IsWithin(unit) ? (unit.IsWithin(District) ? 0 : 2) : 1;

    // Within a ring: on the way up the nearer level first, elsewhere in the district the higher level first.
    private int Steps(DivisionCode unit) => Ring(unit) == 1 ? (int)unit.Level : Place.Level - unit.Level;

    private static DivisionCode DistrictOf(DivisionCode code) =>
        code.Level > DivisionLevel.County ? DivisionCode.Parse(code.Value[..6]) : code;
}
