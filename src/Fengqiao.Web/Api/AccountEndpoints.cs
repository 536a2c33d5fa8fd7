using Fengqiao.Data.People;
using Fengqiao.Web.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc;

namespace Fengqiao.Web.Api;

/// <summary>Sign-in, sign-out and the language switch. Plain form posts, so they work before any circuit exists.</summary>
public static class AccountEndpoints
{
    public static void MapAccountEndpoints(this IEndpointRouteBuilder app)
    {
        // Signing in and out, and choosing the language, come before any account.
        var group = app.MapGroup("/account").ExcludeFromDescription().AllowAnonymous();

        group.MapPost("/login", async ([FromForm] string? userName, [FromForm] string? password, [FromForm] string? returnUrl, SignInManager<StaffUser> signIn) =>
        {
            var back = SafeLocal(returnUrl);
            if (string.IsNullOrWhiteSpace(userName) || string.IsNullOrEmpty(password))
            {
                return Results.LocalRedirect($"/account/login?error=required&returnUrl={Uri.EscapeDataString(back)}");
            }
            var result = await signIn.PasswordSignInAsync(userName.Trim(), password, isPersistent: false, lockoutOnFailure: true);
            FengqiaoTelemetry.SignIns.Add(1, new KeyValuePair<string, object?>("outcome", result.Succeeded ? "ok" : result.IsLockedOut ? "locked" : "failed"));
            if (result.Succeeded)
            {
                return Results.LocalRedirect(back);
            }
            var error = result.IsLockedOut ? "locked" : "failed";
            return Results.LocalRedirect($"/account/login?error={error}&returnUrl={Uri.EscapeDataString(back)}");
        });

        group.MapPost("/logout", async (SignInManager<StaffUser> signIn) =>
        {
            await signIn.SignOutAsync();
            return Results.LocalRedirect("/account/login");
        });

        app.MapGet("/culture/{culture}", (string culture, string? returnUrl, HttpContext context) =>
        {
            if (!WebHostSetup.Cultures.Any(c => c.Name.Equals(culture, StringComparison.OrdinalIgnoreCase)))
            {
                return Results.Problem(statusCode: 400, title: "Unsupported language", detail: $"支持的语言：zh-CN, en (supported: zh-CN, en); got '{culture}'");
            }
            context.Response.Cookies.Append(
                CookieRequestCultureProvider.DefaultCookieName,
                CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(culture)),
                new CookieOptions { MaxAge = TimeSpan.FromDays(365), IsEssential = true, HttpOnly = false, SameSite = SameSiteMode.Lax });
            return Results.LocalRedirect(SafeLocal(returnUrl));
        }).ExcludeFromDescription().AllowAnonymous();

        // 适老化: the portal's large-text mode, kept in a cookie like the language so the plain pages need no script.
        app.MapGet("/text-size/{size}", (string size, string? returnUrl, HttpContext context) =>
        {
            if (size is not (TextSize.Large or TextSize.Normal))
            {
                return Results.Problem(statusCode: 400, title: "Unsupported text size", detail: $"large or normal; got '{size}'");
            }
            context.Response.Cookies.Append(
                TextSize.CookieName, size,
                new CookieOptions { MaxAge = TimeSpan.FromDays(365), IsEssential = true, HttpOnly = true, SameSite = SameSiteMode.Lax });
            return Results.LocalRedirect(SafeLocal(returnUrl));
        }).ExcludeFromDescription().AllowAnonymous();
    }

    /// <summary>Only same-site paths: an open redirect would let a phishing link borrow our sign-in page.</summary>
    internal static string SafeLocal(string? url) =>
        !string.IsNullOrEmpty(url) && url.StartsWith('/') && !url.StartsWith("//", StringComparison.Ordinal) && !url.StartsWith("/\\", StringComparison.Ordinal) ? url : "/";
}
