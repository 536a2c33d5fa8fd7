namespace Fengqiao.Core.Organisations;

/// <summary>
/// What one account may see. The rule, in one sentence: an account sees a record when its scope is All, or
/// the record belongs to its unit (Unit and wider), or the record lies in its unit's division or below
/// (Area), or the record is its own (Own). The data layer applies this same rule as a query filter.
/// </summary>
public sealed record AccessScope(ScopeKind Kind, Guid? UnitId, DivisionCode? Area, string? AccountId)
{
    /// <summary>Background timers, the CLI and the seeder act for the system and see everything.</summary>
    public static AccessScope System { get; } = new(ScopeKind.All, null, null, null);

    /// <summary>No principal: nothing is visible. Deny is the default.</summary>
    public static AccessScope Nobody { get; } = new(ScopeKind.None, null, null, null);

    public static AccessScope For(IEnumerable<StaffRole> roles, string accountId, Guid? unitId, DivisionCode? unitDivision)
    {
        var kind = roles.Select(r => RoleCatalog.For(r).Scope).DefaultIfEmpty(ScopeKind.None).Max();
        // A staff scope without a unit would silently widen or narrow: treat it as no access instead.
        if (kind is ScopeKind.Unit or ScopeKind.Area && unitId is null)
        {
            return Nobody;
        }
        if (kind == ScopeKind.Area && unitDivision is null)
        {
            kind = ScopeKind.Unit;
        }
        return new AccessScope(
            kind,
            kind >= ScopeKind.Unit ? unitId : null,
            kind == ScopeKind.Area ? unitDivision : null,
            accountId);
    }

    public bool SeesAll => Kind == ScopeKind.All;

    /// <summary>
    /// The rule for a case-like record: its division, the units it belongs to, its resident's account, and the staff
    /// accounts contracted to it (包案, comma-separated): a leader answers for a contracted case wherever it lies.
    /// </summary>
    public bool Permits(DivisionCode? division, Guid? registeringUnit, Guid? handlingUnit, string? residentAccount, string? contractLeaders = null)
    {
        if (SeesAll)
        {
            return true;
        }
        if (UnitId is { } unit && (registeringUnit == unit || handlingUnit == unit))
        {
            return true;
        }
        if (Area is { } area && division is { } d && d.IsWithin(area))
        {
            return true;
        }
        if (Kind >= ScopeKind.Unit && AccountId is not null && contractLeaders is not null
            && contractLeaders.Split(',').Contains(AccountId, StringComparer.Ordinal))
        {
            return true;
        }
        return Kind == ScopeKind.Own && AccountId is not null && residentAccount == AccountId;
    }

    /// <summary>The rule for a staff account or a unit: in the unit itself, or in the area.</summary>
    public bool PermitsUnit(Guid unitId, DivisionCode unitDivision) =>
        SeesAll
        || (Kind >= ScopeKind.Unit && UnitId == unitId)
        || (Area is { } area && unitDivision.IsWithin(area));
}
