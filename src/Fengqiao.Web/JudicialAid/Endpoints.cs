using System.Security.Claims;
using Fengqiao.Core.JudicialAid;
using Fengqiao.Data.JudicialAid;
using Fengqiao.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using NodaTime;

namespace Fengqiao.Web.JudicialAid;

public sealed record AidSummaryDto(Guid Id, string Applicant, string CaseReference, string DivisionCode, JudicialAidState State, Instant AppliedAt,
    decimal? DecidedAmount, decimal Disbursed, bool SupervisionAgreed, int FollowUpChecks, int Version);

public sealed record AidFindingDto(string Code, bool Applies, string Reason);

public sealed record AidBeneficiaryDto(string Name, string Relationship, bool IsMinor, string? Guardian);

public sealed record AidDecisionDto(decimal Amount, IReadOnlyList<AidBeneficiaryDto> Beneficiaries, bool SupervisedFunds, string DecidedBy, Instant At, string PolicyBasis);

public sealed record AidAgreementDto(string Guardian, string VillageCommittee, string VillageSignatory, string Procuratorate, string ProcuratorateSignatory, string Terms, LocalDate SignedOn);

public sealed record AidDisbursementDto(decimal Amount, string Beneficiary, Instant At, string Reference);

public sealed record AidFollowUpDto(Instant At, string Checker, string Findings, bool UsedAsAgreed);

public sealed record AidEventDto(int Sequence, string Kind, JudicialAidState Before, JudicialAidState After, Instant At, string Actor);

public sealed record AidCaseDto(AidSummaryDto Application, string Circumstances, string Village, string Procuratorate, bool? Eligible, IReadOnlyList<string> ReviewReasons,
    IReadOnlyList<AidFindingDto> Findings, AidDecisionDto? Decision, AidAgreementDto? Agreement, IReadOnlyList<AidDisbursementDto> Disbursements,
    decimal Remaining, IReadOnlyList<AidFollowUpDto> FollowUps, IReadOnlyList<AidEventDto> History, IReadOnlyList<JudicialAidAction> Offers);

public sealed record AidCriterionDto(string Code, string Name, string EnglishName, string Description, CriterionKind Kind);

public sealed record AidPolicyDto(decimal Cap, string Basis, IReadOnlyList<AidCriterionDto> Criteria);

public sealed record AidReviewRequest(int? Version, IReadOnlyList<AidFindingDto>? Findings);

public sealed record AidDecisionRequest(int? Version, decimal? Amount, IReadOnlyList<AidBeneficiaryDto>? Beneficiaries, bool? SupervisedFunds, string? DecidedBy);

public sealed record AidAgreementRequest(int? Version, string? Guardian, string? VillageSignatory, string? ProcuratorateSignatory, string? Terms, LocalDate? SignedOn);

public sealed record AidDisbursementRequest(int? Version, decimal? Amount, string? Beneficiary, string? Reference);

public sealed record AidFollowUpRequest(int? Version, string? Checker, string? Findings, bool? UsedAsAgreed);

public sealed record AidCloseRequest(int? Version);

/// <summary>
/// Judicial aid (司法救助): application, eligibility review, decision, the three-party supervision agreement,
/// disbursements, follow-up checks, closing. Procurators (and administrators) only; the scope filter keeps each
/// procuratorate to its own applications. A refused step answers 422 with the rule's message, a stale version 409.
/// </summary>
public static class Endpoints
{
    public static void MapJudicialAid(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/judicial-aid").RequireAuthorization(Policies.Procuratorate).WithTags("Judicial aid");

        group.MapGet("/policy", (JudicialAidPolicy policy) => TypedResults.Ok(new AidPolicyDto(policy.Cap, BilingualText.Pick(policy.Basis),
            [.. EligibilityCriteria.Default.Criteria.Select(c => new AidCriterionDto(c.Code, c.ChineseLabel, c.EnglishLabel, c.Description, c.Kind))])))
            .WithSummary("The cap on one case's aid and the eligibility criteria every review answers");

        group.MapGet("/", async (JudicialAidDesk desk, CancellationToken ct) => TypedResults.Ok((await desk.ListAsync(ct)).Select(ToSummary).ToList()))
            .WithSummary("Applications in the caller's scope, newest first");

        group.MapGet("/{id:guid}", async Task<Results<Ok<AidCaseDto>, ProblemHttpResult>> (Guid id, JudicialAidDesk desk, CancellationToken ct) =>
            await desk.FindAsync(id, ct) is { } view ? TypedResults.Ok(ToDto(view)) : NotFound())
            .WithSummary("One application with its review, decision, agreement, payments, follow-ups and log");

        group.MapPost("/", async Task<Results<Created<AidCaseDto>, ValidationProblem, ProblemHttpResult>> (NewAidApplication request, HttpContext http, JudicialAidDesk desk, CancellationToken ct) =>
        {
            if (!Guid.TryParse(http.User.FindFirstValue(Auth.FengqiaoClaims.UnitId), out var unit))
            {
                return TypedResults.Problem(statusCode: 403, title: BilingualText.Pick("您的账号不属于任何单位 (your account has no unit)"));
            }
            try
            {
                var record = await desk.ApplyAsync(request, unit, Actor(http), ct);
                return TypedResults.Created($"/api/judicial-aid/{record.Id}", ToDto((await desk.FindAsync(record.Id, ct))!));
            }
            catch (JudicialAidValidationException ex)
            {
                return TypedResults.ValidationProblem(ex.Errors.ToDictionary(e => e.Key, e => e.Value.Select(BilingualText.Pick).ToArray()));
            }
            catch (JudicialAidRuleException ex)
            {
                return TypedResults.Problem(statusCode: 422, title: BilingualText.Pick(ex.Message));
            }
        }).WithSummary("Register an application (司法救助申请) for the caller's procuratorate");

        group.MapPost("/{id:guid}/review", (Guid id, AidReviewRequest request, HttpContext http, JudicialAidDesk desk, CancellationToken ct) =>
            Act(() => desk.ReviewAsync(id, request.Version, (request.Findings ?? []).GroupBy(f => f.Code).ToDictionary(g => g.Key, g => new CriterionFinding(g.Last().Applies, g.Last().Reason ?? "")),
                Actor(http), ct)))
            .WithSummary("Eligibility review: a finding and a reason for every criterion");

        group.MapPost("/{id:guid}/decision", (Guid id, AidDecisionRequest request, HttpContext http, JudicialAidDesk desk, CancellationToken ct) =>
            Act(() => desk.DecideAsync(id, request.Version, request.Amount ?? 0m,
                [.. (request.Beneficiaries ?? []).Select(b => new Beneficiary(b.Name ?? "", b.Relationship ?? "", null, b.IsMinor, b.Guardian))],
                request.SupervisedFunds ?? true, request.DecidedBy ?? "", Actor(http), ct)))
            .WithSummary("Decide the amount (at most the cap) and the beneficiaries; a minor's aid is always supervised");

        group.MapPost("/{id:guid}/agreement", (Guid id, AidAgreementRequest request, HttpContext http, JudicialAidDesk desk, CancellationToken ct) =>
            Act(() => desk.SignAgreementAsync(id, request.Version, new NewSupervisionAgreement(request.Guardian, request.VillageSignatory, request.ProcuratorateSignatory, request.Terms, request.SignedOn),
                Actor(http), ct)))
            .WithSummary("Sign the three-party fund-supervision agreement (guardian, village committee, procuratorate)");

        group.MapPost("/{id:guid}/disbursements", (Guid id, AidDisbursementRequest request, HttpContext http, JudicialAidDesk desk, CancellationToken ct) =>
            Act(() => desk.DisburseAsync(id, request.Version, request.Amount ?? 0m, request.Beneficiary ?? "", request.Reference ?? "", Actor(http), ct)))
            .WithSummary("Pay part or all of the aid to a beneficiary; never more than decided, never before a required agreement");

        group.MapPost("/{id:guid}/follow-ups", (Guid id, AidFollowUpRequest request, HttpContext http, JudicialAidDesk desk, CancellationToken ct) =>
            Act(() => desk.FollowUpAsync(id, request.Version, request.Checker ?? "", request.Findings ?? "", request.UsedAsAgreed ?? false, Actor(http), ct)))
            .WithSummary("Record a follow-up check of how the money was used (回访监督)");

        group.MapPost("/{id:guid}/close", (Guid id, AidCloseRequest? request, HttpContext http, JudicialAidDesk desk, CancellationToken ct) =>
            Act(() => desk.CloseAsync(id, request?.Version, Actor(http), ct)))
            .WithSummary("Close: fully paid and, for supervised aid, checked at least once");
    }

    private static string Actor(HttpContext http) => http.User.Identity?.Name ?? http.User.FindFirstValue(ClaimTypes.NameIdentifier) ?? "?";

    private static async Task<Results<Ok<AidCaseDto>, ProblemHttpResult>> Act(Func<Task<AidCaseView?>> step)
    {
        try
        {
            return await step() is { } view ? TypedResults.Ok(ToDto(view)) : NotFound();
        }
        catch (JudicialAidRuleException ex)
        {
            return TypedResults.Problem(statusCode: 422, title: BilingualText.Pick(ex.Message));
        }
        catch (JudicialAidConflictException ex)
        {
            return TypedResults.Problem(statusCode: 409, title: BilingualText.Pick(ex.Message));
        }
    }

    private static ProblemHttpResult NotFound() =>
        TypedResults.Problem(statusCode: 404, title: BilingualText.Pick("记录不存在或不在您的可见范围内 (no such record in your scope)"));

    private static AidSummaryDto ToSummary(JudicialAidApplicationRecord r) =>
        new(r.Id, r.Applicant, r.CaseReference, r.DivisionCode, r.State, r.AppliedAt, r.DecidedAmount, r.Disbursed, r.SupervisionAgreed, r.FollowUpChecks, r.Version);

    private static AidCaseDto ToDto(AidCaseView v)
    {
        var c = v.Case;
        return new AidCaseDto(ToSummary(v.Record), c.Circumstances, v.VillageName, v.UnitName, c.Review?.Eligible,
            [.. (c.Review?.Reasons ?? []).Select(BilingualText.Pick)],
            c.Review is { } r ? [.. r.Findings.Select(f => new AidFindingDto(f.Key, f.Value.Applies, f.Value.Reason))] : [],
            c.Decision is { } d
                ? new AidDecisionDto(d.Amount, [.. d.Beneficiaries.Select(b => new AidBeneficiaryDto(b.Name, b.Relationship, b.IsMinor, b.Guardian))], d.SupervisedFunds, d.DecidedBy, d.At,
                    BilingualText.Pick(d.PolicyBasis))
                : null,
            c.Agreement is { } a
                ? new AidAgreementDto(a.Guardian, a.VillageCommittee.Organisation, a.VillageCommittee.Signatory, a.Procuratorate.Organisation, a.Procuratorate.Signatory, a.Terms, a.SignedOn)
                : null,
            [.. c.Disbursements.Select(p => new AidDisbursementDto(p.Amount, p.Beneficiary, p.At, p.Reference))], c.Remaining,
            [.. c.FollowUps.Select(f => new AidFollowUpDto(f.At, f.Checker, f.Findings, f.UsedAsAgreed))],
            [.. v.Events.Select(e => new AidEventDto(e.Sequence, e.Kind, e.Before, e.After, e.At, e.Actor))],
            [.. v.Offers.Order()]);
    }
}
