using Microsoft.AspNetCore.DataProtection;

namespace Fengqiao.Web.Public;

/// <summary>
/// Keeps a resident's tracking number and query code (查询码) out of addresses: once the codes were typed (or a
/// submission or an action succeeded), the tracking page reads them from a short-lived, encrypted, HTTP-only cookie,
/// so they never sit in the browser history, a shared link or a server log.
/// </summary>
// Expiry is checked by the data protector against the machine's clock, like the cookie's own lifetime in the browser.
public sealed class TrackTickets(IDataProtectionProvider protection)
{
    private const string Cookie = "fq-track";
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(30);

    private ITimeLimitedDataProtector Protector => protection.CreateProtector("Fengqiao.Public.TrackTicket").ToTimeLimitedDataProtector();

    public void Issue(HttpContext http, string trackingCode, string queryCode)
    {
        ArgumentNullException.ThrowIfNull(http);
        var ticket = Protector.Protect($"{trackingCode}\n{queryCode.Trim()}", Lifetime);
        http.Response.Cookies.Append(Cookie, ticket, new CookieOptions
        {
            HttpOnly = true,
            Secure = http.Request.IsHttps,
            SameSite = SameSiteMode.Strict,
            Path = "/",
            MaxAge = Lifetime,
            IsEssential = true,
        });
    }

    /// <summary>The codes of the last case this browser opened, while the ticket is fresh; null otherwise (expired, tampered, none).</summary>
    public (string TrackingCode, string QueryCode)? Read(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        if (!http.Request.Cookies.TryGetValue(Cookie, out var ticket) || string.IsNullOrEmpty(ticket))
        {
            return null;
        }
        try
        {
            var parts = Protector.Unprotect(ticket).Split('\n');
            return parts.Length == 2 ? (parts[0], parts[1]) : null;
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return null;
        }
    }
}
