using System.Globalization;
using Fengqiao.Core.Portal;
using Fengqiao.Data;
using Fengqiao.Data.Portal;
using Microsoft.AspNetCore.DataProtection;
using NodaTime;

namespace Fengqiao.Web.Portal;

/// <summary>
/// Counts a client's failures on the public pages (wrong query codes, refused submissions) and, after a few, asks for
/// a small sum before the next attempt (人机校验). The answer travels only inside a Data Protection cookie that expires
/// in ten minutes, so the page needs no server session and any node can check it. Failures are counted in the
/// database (<see cref="PortalFailureCounter"/>), so a client spreading its guesses over several nodes is challenged
/// after the same number of failures as on one.
/// </summary>
public sealed class PublicAbuseGuard(IServiceScopeFactory scopes, IClock clock, IDataProtectionProvider protection)
{
    public const int FailuresBeforeChallenge = 3;
    public const string CookieName = "fengqiao.challenge";
    private static readonly Duration FailureWindow = Duration.FromMinutes(15);
    private static readonly TimeSpan ChallengeLifetime = TimeSpan.FromMinutes(10);

    private readonly ITimeLimitedDataProtector _protector = protection.CreateProtector("Fengqiao.Portal.Challenge").ToTimeLimitedDataProtector();

    public static string ClientOf(HttpContext http) => http.Connection.RemoteIpAddress?.ToString() ?? "local";

    public Task<bool> ChallengeRequiredAsync(HttpContext http) =>
        WithDatabaseAsync(async db => await PortalFailureCounter.FailuresAsync(db, ClientOf(http), clock.GetCurrentInstant(), FailureWindow, http.RequestAborted) >= FailuresBeforeChallenge);

    /// <summary>Counts a failure and answers whether the client must now answer a sum (the count the update returned, not a second read).</summary>
    public Task<bool> RecordFailureAsync(HttpContext http) =>
        WithDatabaseAsync(async db => await PortalFailureCounter.RecordAsync(db, ClientOf(http), clock.GetCurrentInstant(), FailureWindow, http.RequestAborted) >= FailuresBeforeChallenge);

    /// <summary>
    /// A public page refused the request: counts the failure, answers with <paramref name="status"/>, and returns the
    /// sum to show when one is now due (its answer already in the cookie). The status is set as the response starts:
    /// a page that set it while rendering would be sent without its body, and the page must still say what went wrong.
    /// </summary>
    public async Task<ArithmeticChallenge?> RefusePageAsync(HttpContext http, int status)
    {
        var due = await RecordFailureAsync(http);
        http.Response.OnStarting(() =>
        {
            http.Response.StatusCode = status;
            return Task.CompletedTask;
        });
        return due ? Issue(http) : null;
    }

    public Task ForgiveAsync(HttpContext http) =>
        WithDatabaseAsync(async db =>
        {
            await PortalFailureCounter.ForgiveAsync(db, ClientOf(http), http.RequestAborted);
            return true;
        });

    // The guard is a singleton; each check uses a short-lived context of its own.
    private async Task<T> WithDatabaseAsync<T>(Func<FengqiaoDbContext, Task<T>> work)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<FengqiaoDbContext>());
    }

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
    public async Task<bool> TryPassAsync(HttpContext http, string? typed)
    {
        if (!await ChallengeRequiredAsync(http))
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
}
