using System.Security.Claims;
using Fengqiao.Core.Organisations;

namespace Fengqiao.Web.Auth;

/// <summary>The claims Fengqiao adds to the sign-in cookie, so the scope is known without a database round trip.</summary>
public static class FengqiaoClaims
{
    public const string UnitId = "fq:unit";
    public const string UnitName = "fq:unit_name";
    public const string UnitDivision = "fq:unit_division";
    public const string DisplayName = "fq:name";

    public static AccessScope ToScope(ClaimsPrincipal principal)
    {
        if (principal.Identity?.IsAuthenticated != true)
        {
            return AccessScope.Nobody;
        }
        var roles = Roles(principal);
        Guid? unit = Guid.TryParse(principal.FindFirstValue(UnitId), out var u) ? u : null;
        DivisionCode? division = DivisionCode.TryParse(principal.FindFirstValue(UnitDivision), out var d, out _) ? d : null;
        var accountId = principal.FindFirstValue(ClaimTypes.NameIdentifier) ?? string.Empty;
        return AccessScope.For(roles, accountId, unit, division);
    }

    public static string Name(ClaimsPrincipal principal) =>
        principal.FindFirstValue(DisplayName) ?? principal.Identity?.Name ?? string.Empty;

    /// <summary>The account's unit, or null for an account without one (a resident, an unlinked administrator).</summary>
    public static Guid? Unit(ClaimsPrincipal principal) => Guid.TryParse(principal.FindFirstValue(UnitId), out var u) ? u : null;

    /// <summary>The account's id (the name identifier), or empty when signed out.</summary>
    public static string AccountId(ClaimsPrincipal principal) => principal.FindFirstValue(ClaimTypes.NameIdentifier) ?? string.Empty;

    public static IReadOnlyList<StaffRole> Roles(ClaimsPrincipal principal) =>
        [.. principal.FindAll(ClaimTypes.Role).Select(c => Enum.TryParse<StaffRole>(c.Value, out var r) ? r : (StaffRole?)null).OfType<StaffRole>()];

    /// <summary>Whether the account's roles allow the act (Core's <see cref="StaffPermissions"/>): what pages offer.</summary>
    public static bool May(ClaimsPrincipal principal, StaffAction action) => StaffPermissions.Allows(Roles(principal), action);
}
