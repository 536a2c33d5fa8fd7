using System.Security.Claims;
using Fengqiao.Core.Organisations;
using Fengqiao.Data.Cases;
using Fengqiao.Data.Security;
using Fengqiao.Web.Auth;
using Fengqiao.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Fengqiao.Web.Cases;

/// <summary>The read side of cases for API clients: what the caller's scope lets them see. Intake and the lifecycle are in CaseIntakeApi.</summary>
public static class Endpoints
{
    public static void MapCases(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/cases").RequireAuthorization().WithTags("Cases");
        group.MapGet("/", List).WithSummary("Cases in the caller's scope, newest first");
        group.MapGet("/{trackingCode}", One).WithSummary("One case with its hash-chained timeline");
        group.MapGet("/{trackingCode}/parties", Parties).WithSummary("The case's petitioners and parties, ID numbers and phones masked");
        group.MapPost("/{trackingCode}/parties/{partyId:guid}/reveal", RevealParty)
            .WithSummary("The whole ID number and phone of one party, for roles that meet the person; every call is logged");
    }

    // Out of scope and absent look the same: the answer must not reveal that a case exists elsewhere.
    public static ProblemHttpResult CaseNotFound() =>
        TypedResults.Problem(statusCode: 404, title: BilingualText.Pick("案件不存在或不在您的可见范围内 (no such case in your scope)"));

    private static async Task<Ok<CasePage>> List(string? q, int? skip, int? take, CaseFiles files, CancellationToken ct) =>
        TypedResults.Ok(await files.PageAsync(q, skip, take, ct));

    private static async Task<Results<Ok<CaseDetailDto>, ProblemHttpResult>> One(string trackingCode, CaseFiles files, CancellationToken ct) =>
        await files.DetailAsync(trackingCode, ct) is { } found ? TypedResults.Ok(found) : CaseNotFound();

    private static async Task<Results<Ok<IReadOnlyList<CasePartyDto>>, ProblemHttpResult>> Parties(string trackingCode, CaseFiles files, CancellationToken ct) =>
        await files.PartiesAsync(trackingCode, ct) is { } parties ? TypedResults.Ok(parties) : CaseNotFound();

    private static async Task<Results<Ok<CasePartyDto>, ProblemHttpResult>> RevealParty(string trackingCode, Guid partyId, HttpContext http, PersonalDataViews views, CancellationToken ct)
    {
        if (!RoleCatalog.MayRevealPersonalData(FengqiaoClaims.Roles(http.User)))
        {
            return TypedResults.Problem(statusCode: 403, title: BilingualText.Pick("您的角色不能查看完整个人信息 (your role may not see full personal data)"));
        }
        var accountId = http.User.FindFirstValue(ClaimTypes.NameIdentifier) ?? "";
        var revealed = await views.RevealAsync(trackingCode, partyId, accountId, FengqiaoClaims.Name(http.User), ct);
        return revealed is null
            ? CaseNotFound()
            : TypedResults.Ok(new CasePartyDto(revealed.PartyId, revealed.Name, revealed.IsRepresentative, revealed.IdNumber, revealed.Phone));
    }
}
