using System.Security.Claims;
using Fengqiao.Data;
using Fengqiao.Data.People;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Fengqiao.Web.Auth;

/// <summary>Puts the account's unit and that unit's division into the cookie at sign-in.</summary>
public sealed class FengqiaoClaimsPrincipalFactory(
    UserManager<StaffUser> users, RoleManager<IdentityRole> roles, IOptions<IdentityOptions> options, FengqiaoDbContext db)
    : UserClaimsPrincipalFactory<StaffUser, IdentityRole>(users, roles, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(StaffUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim(FengqiaoClaims.DisplayName, user.DisplayName));
        if (user.UnitId is { } unitId)
        {
            var unit = await db.Units.AsNoTracking().FirstOrDefaultAsync(u => u.Id == unitId);
            if (unit is not null)
            {
                identity.AddClaim(new Claim(FengqiaoClaims.UnitId, unit.Id.ToString()));
                identity.AddClaim(new Claim(FengqiaoClaims.UnitName, unit.Name));
                identity.AddClaim(new Claim(FengqiaoClaims.UnitDivision, unit.DivisionCode));
            }
        }
        return identity;
    }
}
