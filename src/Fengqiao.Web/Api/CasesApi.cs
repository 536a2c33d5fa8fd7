using Fengqiao.Core.Audit;
using Fengqiao.Core.Cases;
using Fengqiao.Data;
using System.Security.Claims;
using Fengqiao.Core.Organisations;
using Fengqiao.Data.Cases;
using Fengqiao.Data.Security;
using Fengqiao.Web.Auth;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Fengqiao.Web.Api;

public sealed record CaseListItemDto(Guid Id, string TrackingCode, CaseKind Kind, CaseChannel Channel, CaseState State, string Title, string DivisionCode, Guid? HandlingUnitId, Instant RegisteredAt);

public sealed record CaseEventDto(int Sequence, string Kind, string Actor, Instant At, string Data, string Hash);

public sealed record CaseDetailDto(CaseListItemDto Case, string? Detail, int Version, CaseStage Stage, Instant? DueAt, bool IsRepeat, string? RepeatOf, IReadOnlyList<CaseEventDto> Events, int? FirstBrokenLink);

public sealed record CasePage(int Total, IReadOnlyList<CaseListItemDto> Items);

/// <summary>Read side of cases for the foundation: what the caller's scope lets them see. The lifecycle endpoints come with the cases module.</summary>
public sealed record CasePartyDto(Guid Id, string Name, bool IsRepresentative, string? IdNumber, string? Phone);

public static class CasesApi
{
    // Out of scope and absent look the same: the answer must not reveal that a case exists elsewhere.
    public static ProblemHttpResult CaseNotFound() =>
        TypedResults.Problem(statusCode: 404, title: Infrastructure.BilingualText.Pick("案件不存在或不在您的可见范围内 (no such case in your scope)"));

    public static void MapCasesApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/cases").RequireAuthorization().WithTags("Cases");

        group.MapGet("/", async (string? q, int? skip, int? take, FengqiaoDbContext db, CancellationToken ct) =>
        {
            var query = CaseQueries.Search(db, q);
            var total = await query.CountAsync(ct);
            var items = await query.OrderByDescending(c => c.RegisteredAt).Skip(Math.Max(0, skip ?? 0)).Take(Math.Clamp(take ?? 50, 1, 500))
                .Select(c => new CaseListItemDto(c.Id, c.TrackingCode, c.Kind, c.Channel, c.State, c.Title, c.DivisionCode, c.HandlingUnitId, c.RegisteredAt))
                .ToListAsync(ct);
            return TypedResults.Ok(new CasePage(total, items));
        }).WithSummary("Cases in the caller's scope, newest first");

        group.MapGet("/{trackingCode}", async Task<Results<Ok<CaseDetailDto>, ProblemHttpResult>> (string trackingCode, FengqiaoDbContext db, CancellationToken ct) =>
        {
            var found = await db.Cases.AsNoTracking().FirstOrDefaultAsync(c => c.TrackingCode == trackingCode, ct);
            if (found is null)
            {
                return CaseNotFound();
            }
            var events = await db.CaseEvents.AsNoTracking().Where(e => e.CaseId == found.Id).OrderBy(e => e.Sequence).ToListAsync(ct);
            var broken = EventChain.FirstBrokenLink(events.Select(e => (CaseEventLog.ToLink(e), e.PreviousHash, e.Hash)));
            return TypedResults.Ok(new CaseDetailDto(
                new CaseListItemDto(found.Id, found.TrackingCode, found.Kind, found.Channel, found.State, found.Title, found.DivisionCode, found.HandlingUnitId, found.RegisteredAt),
                found.Detail,
                found.EventCount,
                found.Stage,
                found.DueAt,
                found.IsRepeat,
                found.RepeatOf,
                [.. events.Select(e => new CaseEventDto(e.Sequence, e.Kind, e.Actor, e.At, e.Data, e.Hash))],
                broken));
        }).WithSummary("One case with its hash-chained timeline");

        group.MapGet("/{trackingCode}/parties", async Task<Results<Ok<IReadOnlyList<CasePartyDto>>, ProblemHttpResult>> (string trackingCode, FengqiaoDbContext db, CancellationToken ct) =>
        {
            var found = await db.Cases.AsNoTracking().FirstOrDefaultAsync(c => c.TrackingCode == trackingCode, ct);
            if (found is null)
            {
                return CaseNotFound();
            }
            IReadOnlyList<CasePartyDto> parties = await db.CaseParties.AsNoTracking().Where(p => p.CaseId == found.Id).OrderByDescending(p => p.IsRepresentative).ThenBy(p => p.Name)
                .Select(p => new CasePartyDto(p.Id, p.Name, p.IsRepresentative, p.IdNumberMasked, p.PhoneMasked))
                .ToListAsync(ct);
            return TypedResults.Ok(parties);
        }).WithSummary("The case's petitioners and parties, ID numbers and phones masked");

        group.MapPost("/{trackingCode}/parties/{partyId:guid}/reveal", async Task<Results<Ok<CasePartyDto>, ProblemHttpResult>> (string trackingCode, Guid partyId, HttpContext http, PersonalDataViews views, CancellationToken ct) =>
        {
            if (!RoleCatalog.MayRevealPersonalData(FengqiaoClaims.Roles(http.User)))
            {
                return TypedResults.Problem(statusCode: 403, title: Infrastructure.BilingualText.Pick("您的角色不能查看完整个人信息 (your role may not see full personal data)"));
            }
            var accountId = http.User.FindFirstValue(ClaimTypes.NameIdentifier) ?? "";
            var revealed = await views.RevealAsync(trackingCode, partyId, accountId, FengqiaoClaims.Name(http.User), ct);
            if (revealed is null)
            {
                return CaseNotFound();
            }
            return TypedResults.Ok(new CasePartyDto(revealed.PartyId, revealed.Name, revealed.IsRepresentative, revealed.IdNumber, revealed.Phone));
        }).WithSummary("The whole ID number and phone of one party, for roles that meet the person; every call is logged");
    }
}
