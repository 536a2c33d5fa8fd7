using Microsoft.AspNetCore.DataProtection;

namespace Fengqiao.Web.Mediation;

/// <summary>
/// Proof, in one browser, that the invited party opened the session with their SMS code: the invitation's id protected
/// and time-limited by Data Protection (any node can check it), HTTP-only, for this path only.
/// </summary>
public static class RemoteSessionCookie
{
    public const string Name = "fengqiao.mediation";

    private static readonly TimeSpan Lifetime = TimeSpan.FromHours(4);

    private static ITimeLimitedDataProtector Protector(IDataProtectionProvider protection) =>
        protection.CreateProtector("Fengqiao.Mediation.RemoteSession").ToTimeLimitedDataProtector();

    public static void Issue(HttpContext http, IDataProtectionProvider protection, Guid invitation)
    {
        ArgumentNullException.ThrowIfNull(http);
        http.Response.Cookies.Append(Name, Protector(protection).Protect(invitation.ToString("N"), Lifetime), new CookieOptions
        {
            HttpOnly = true, SameSite = SameSiteMode.Lax, Secure = http.Request.IsHttps, Path = "/mediation/join", MaxAge = Lifetime, IsEssential = true,
        });
    }

    public static bool Holds(HttpContext http, IDataProtectionProvider protection, Guid invitation)
    {
        ArgumentNullException.ThrowIfNull(http);
        if (!http.Request.Cookies.TryGetValue(Name, out var value) || string.IsNullOrEmpty(value))
        {
            return false;
        }
        try
        {
            return Protector(protection).Unprotect(value) == invitation.ToString("N");
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return false;
        }
    }
}
