using Fengqiao.Core.Cases;
using Fengqiao.Core.Portal;
using Fengqiao.Data;
using Fengqiao.Data.Cases;
using Fengqiao.Web.Auth;
using Fengqiao.Web.Portal;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Fengqiao.Web.Api;

/// <summary>
/// The resident's actions from the public tracking page: rate the reply (评价) and request a review (复查). Plain form
/// posts, no account needed, both codes required. A hand-made bad request gets a 4xx with one line of text; a
/// refusal by the lifecycle (already rated, too late) sends the resident back to the page, which shows the current state.
/// </summary>
// The resident acts with the case's query key, not an account: anonymous by design.
public static class PublicCaseEndpoints
{
    public static void MapPublicCaseEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/query/rate", async ([FromForm] string? code, [FromForm] string? key, [FromForm] int? version, [FromForm] string? rating, HttpContext http, IServiceScopeFactory scopes, CancellationToken ct) =>
        {
            if (!Enum.TryParse<CaseRating>(rating, out var value) || !Enum.IsDefined(value) || value is CaseRating.NotRated || version is null)
            {
                await PublicGuards.RefuseAsync(http, 400, "评价无效 (the rating is invalid)");
                return Results.Empty;
            }
            return await ActAsync(http, scopes, code, key, version.Value, "&rated=1", t => new RateCase(t, "resident", value), ct);
        }).ExcludeFromDescription().AllowAnonymous();

        app.MapPost("/query/review", async ([FromForm] string? code, [FromForm] string? key, [FromForm] int? version, [FromForm] string? grounds, HttpContext http, IServiceScopeFactory scopes, CancellationToken ct) =>
        {
            if (version is null || string.IsNullOrWhiteSpace(grounds))
            {
                await PublicGuards.RefuseAsync(http, 400, "请填写复查理由 (give the grounds for the review)");
                return Results.Empty;
            }
            if (!PublicText.TryCheck(grounds, 2000, out var error))
            {
                await PublicGuards.RefuseAsync(http, 400, error);
                return Results.Empty;
            }
            return await ActAsync(http, scopes, code, key, version.Value, "&reviewed=1", null, ct, grounds.Trim());
        }).ExcludeFromDescription().AllowAnonymous();
    }

    private static async Task<IResult> ActAsync(HttpContext http, IServiceScopeFactory scopes, string? code, string? key, int version, string done,
        Func<NodaTime.Instant, CaseCommand>? command, CancellationToken ct, string? reviewGrounds = null)
    {
        var guard = http.RequestServices.GetRequiredService<PublicAbuseGuard>();
        if (await guard.ChallengeRequiredAsync(http))
        {
            await PublicGuards.RefuseAsync(http, 429, "失败次数较多，请先在查询页回答验证问题 (several attempts failed; answer the question on the tracking page first)");
            return Results.Empty;
        }
        await using var scope = scopes.CreateAsyncScope();
        // The codes prove the resident's right to this one case; the action then runs with system scope.
        scope.ServiceProvider.GetRequiredService<CurrentPrincipal>().ActAsSystem = true;
        var db = scope.ServiceProvider.GetRequiredService<FengqiaoDbContext>();
        var found = await PublicCaseLookup.FindAsync(db, code, key, ct);
        if (found is null)
        {
            await guard.RecordFailureAsync(http);
            await PublicGuards.RefuseAsync(http, 404, "编号或查询码不正确 (no case with that number and query code)");
            return Results.Empty;
        }
        var back = $"/portal/track?code={Uri.EscapeDataString(found.TrackingCode)}&key={Uri.EscapeDataString(key!.Trim())}";
        if (reviewGrounds is not null)
        {
            var reviewer = await ReviewingUnitAsync(db, found, ct);
            command = t => new RequestReview(t, "resident", reviewer, reviewGrounds);
        }
        try
        {
            await scope.ServiceProvider.GetRequiredService<CaseWorkflow>().ApplyAsync(found.TrackingCode, version, command!, ct);
            return Results.LocalRedirect(back + done);
        }
        catch (Exception ex) when (ex is CaseRuleException or CaseConflictException)
        {
            // Already rated, past the review window, or the case moved on: the page shows the current state.
            return Results.LocalRedirect(back);
        }
    }

    /// <summary>A review (复查) goes to the body above the one that handled the case; failing that, to the unit that registered it.</summary>
    private static async Task<Guid> ReviewingUnitAsync(FengqiaoDbContext db, CaseRecord found, CancellationToken ct)
    {
        if (found.HandlingUnitId is { } handler
            && await db.Units.IgnoreQueryFilters().Where(u => u.Id == handler).Select(u => u.ParentUnitId).FirstOrDefaultAsync(ct) is { } parent)
        {
            return parent;
        }
        return found.RegisteringUnitId;
    }
}
