using Fengqiao.Core.Cases;
using Fengqiao.Core.Portal;
using Fengqiao.Data.Portal;
using Fengqiao.Web.Portal;
using Microsoft.AspNetCore.Mvc;

namespace Fengqiao.Web.Public;

/// <summary>
/// The code holder's (持码人) actions from the public tracking page: rate the reply (评价) and request a review (复查).
/// Plain form posts, no account needed, both codes required; <see cref="CodeHolderDesk"/> checks the codes and acts.
/// A hand-made bad request gets a 4xx with one line of text; a refusal by the lifecycle (already rated, too late)
/// sends the resident back to the page, which shows the current state.
/// </summary>
// The resident acts with the case's query key, not an account: anonymous by design.
public static class Endpoints
{
    public static void MapPublic(this IEndpointRouteBuilder app)
    {
        app.MapPost("/query/rate", Rate).ExcludeFromDescription().AllowAnonymous();
        app.MapPost("/query/review", Review).ExcludeFromDescription().AllowAnonymous();
    }

    private static async Task<IResult> Rate([FromForm] string? code, [FromForm] string? key, [FromForm] int? version, [FromForm] string? rating,
        HttpContext http, PublicAbuseGuard guard, TrackTickets tickets, CodeHolderDesk desk, CancellationToken ct)
    {
        if (!Enum.TryParse<CaseRating>(rating, out var value) || !Enum.IsDefined(value) || value is CaseRating.NotRated || version is null)
        {
            await PublicGuards.RefuseAsync(http, 400, "评价无效 (the rating is invalid)");
            return Results.Empty;
        }
        return await AnswerAsync(http, guard, tickets, key, "?rated=1", () => desk.RateAsync(code, key, version.Value, value, ct));
    }

    private static async Task<IResult> Review([FromForm] string? code, [FromForm] string? key, [FromForm] int? version, [FromForm] string? grounds,
        HttpContext http, PublicAbuseGuard guard, TrackTickets tickets, CodeHolderDesk desk, CancellationToken ct)
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
        return await AnswerAsync(http, guard, tickets, key, "?reviewed=1", () => desk.RequestReviewAsync(code, key, version.Value, grounds, ct));
    }

    private static async Task<IResult> AnswerAsync(HttpContext http, PublicAbuseGuard guard, TrackTickets tickets, string? key, string done, Func<Task<CodeHolderAct?>> act)
    {
        if (await guard.ChallengeRequiredAsync(http))
        {
            await PublicGuards.RefuseAsync(http, 429, "失败次数较多，请先在查询页回答验证问题 (several attempts failed; answer the question on the tracking page first)");
            return Results.Empty;
        }
        if (await act() is not { } outcome)
        {
            await guard.RecordFailureAsync(http);
            await PublicGuards.RefuseAsync(http, 404, "编号或查询码不正确 (no case with that number and query code)");
            return Results.Empty;
        }
        // Refused by the lifecycle (already rated, past the review window, moved on): the page shows the current state.
        // The codes travel back in the ticket cookie, never in the address.
        tickets.Issue(http, outcome.TrackingCode, key!);
        return Results.LocalRedirect(outcome.Taken ? "/portal/track" + done : "/portal/track");
    }
}
