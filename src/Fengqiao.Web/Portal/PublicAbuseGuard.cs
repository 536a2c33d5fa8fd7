using System.Globalization;
using Fengqiao.Core.Portal;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Caching.Memory;

namespace Fengqiao.Web.Portal;

/// <summary>
/// Counts a client's failures on the public pages (wrong query codes, refused submissions) and, after a few, asks for
/// a small sum before the next attempt (人机校验). The answer travels only inside a Data Protection cookie that expires
/// in ten minutes, so the page needs no server session and any node can check it. Failures are counted per node in
/// memory: a guessing client spread over nodes still meets the rate limiter.
/// </summary>
public sealed class PublicAbuseGuard(IMemoryCache cache, IDataProtectionProvider protection)
{
    public const int FailuresBeforeChallenge = 3;
    public const string CookieName = "fengqiao.challenge";
    private static readonly TimeSpan FailureWindow = TimeSpan.FromMinutes(15);
    private static readonly TimeSpan ChallengeLifetime = TimeSpan.FromMinutes(10);

    private readonly ITimeLimitedDataProtector _protector = protection.CreateProtector("Fengqiao.Portal.Challenge").ToTimeLimitedDataProtector();

    public static string ClientOf(HttpContext http) => http.Connection.RemoteIpAddress?.ToString() ?? "local";

    public bool ChallengeRequired(HttpContext http) => cache.TryGetValue(Key(http), out int failures) && failures >= FailuresBeforeChallenge;

    public void RecordFailure(HttpContext http)
    {
        var key = Key(http);
        var failures = cache.TryGetValue(key, out int seen) ? seen + 1 : 1;
        cache.Set(key, failures, FailureWindow);
    }

    public void Forgive(HttpContext http) => cache.Remove(Key(http));

    /// <summary>A new sum for this client; its answer goes into the protected cookie, never into the page.</summary>
    public ArithmeticChallenge Issue(HttpContext http)
    {
        var challenge = ArithmeticChallenge.Create(Random.Shared);
        var sealedAnswer = _protector.Protect(challenge.Answer.ToString(CultureInfo.InvariantCulture), ChallengeLifetime);
        http.Response.Cookies.Append(CookieName, sealedAnswer, new CookieOptions
        {
            HttpOnly = true,
            SameSite = SameSiteMode.Strict,
            Secure = http.Request.IsHttps,
            MaxAge = ChallengeLifetime,
            Path = "/",
        });
        return challenge;
    }

    /// <summary>True when no challenge is due, or the typed answer matches the cookie's. A cookie serves one attempt.</summary>
    public bool TryPass(HttpContext http, string? typed)
    {
        if (!ChallengeRequired(http))
        {
            return true;
        }
        if (!http.Request.Cookies.TryGetValue(CookieName, out var sealedAnswer) || string.IsNullOrEmpty(sealedAnswer) || sealedAnswer.Length > 1024)
        {
            return false;
        }
        if (!http.Response.HasStarted)
        {
            http.Response.Cookies.Delete(CookieName);
        }
        try
        {
            var answer = int.Parse(_protector.Unprotect(sealedAnswer), CultureInfo.InvariantCulture);
            return ArithmeticChallenge.IsAnswer(answer, typed);
        }
        catch (Exception ex) when (ex is System.Security.Cryptography.CryptographicException or FormatException)
        {
            return false;
        }
    }

    private static string Key(HttpContext http) => "portal-failures:" + ClientOf(http);
}
