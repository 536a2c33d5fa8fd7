using Microsoft.AspNetCore.Identity;

namespace Fengqiao.Data.People;

/// <summary>A sign-in account: a staff member (always in a unit) or a resident (no unit).</summary>
public sealed class StaffUser : IdentityUser
{
    public required string DisplayName { get; set; }
    public Guid? UnitId { get; set; }
}
