using Fengqiao.Core.Cases;
using Fengqiao.Data.Cases;
using Fengqiao.Web.Auth;
using Fengqiao.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using NodaTime;

namespace Fengqiao.Web.Api;

public sealed record PartyDto(string? Name, string? IdNumber, string? Phone, bool IsRepresentative);

public sealed record IntakeRequest(
    CaseKind Kind,
    CaseChannel Channel,
    string? Title,
    string? Detail,
    string? DivisionCode,
    string? Address,
    string? CategoryCode,
    bool Urgent,
    IReadOnlyList<PartyDto>? Parties,
    int? GroupSize,
    string? FirstContact,
    string? OnTheSpotResolution);

/// <summary><c>Similar</c> ranks the earlier cases of the same person or matter with their similarity (repeats first).</summary>
public sealed record IntakeResponse(string TrackingCode, string QueryCode, CaseState State, Instant? DueAt, int Version, bool IsRepeat, IReadOnlyList<string> EarlierCases, IReadOnlyList<EarlierCase> Similar);

/// <summary>One lifecycle action on the version of the case the caller saw. Only the fields the action needs are read.</summary>
public sealed record CaseActionRequest(
    CaseAction Action,
    int ExpectedVersion,
    string? Reason,
    string? Note,
    Guid? UnitId,
    IReadOnlyList<Guid>? CoHandlers,
    string? Text,
    CaseRating? Rating,
    int? Days,
    string? Grounds,
    string? Mediator,
    string? Summary,
    string? Terms,
    bool? Honoured);

public sealed record CaseStateDto(string TrackingCode, CaseState State, CaseStage Stage, int Version, Instant? DueAt, Guid? HandlingUnitId);

/// <summary>Registering cases (登记) and acting on them. Rules are Core's; this only translates HTTP.</summary>
public static class CaseIntakeApi
{
    public static void MapCaseIntakeApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/cases").RequireAuthorization(Policies.Staff).WithTags("Cases");

        group.MapPost("/", async Task<Results<Created<IntakeResponse>, Ok<IntakeResponse>, ValidationProblem, ProblemHttpResult>> (
            IntakeRequest request, [FromHeader(Name = "Idempotency-Key")] string? idempotencyKey, HttpContext http, CaseWorkflow workflow, Text.IntakeRouting routing, CancellationToken ct) =>
        {
            if (!Guid.TryParse(http.User.FindFirst(FengqiaoClaims.UnitId)?.Value, out var unit))
            {
                return TypedResults.Problem(statusCode: 403, title: BilingualText.Pick("您的账号不属于任何单位，不能登记案件 (your account has no unit and cannot register cases)"));
            }
            var parties = (request.Parties ?? []).Select(p => new NewParty(p.Name, p.IdNumber, p.Phone, p.IsRepresentative)).ToList();
            var command = new NewCase(request.Kind, request.Channel, request.Title, request.Detail, request.DivisionCode, request.Address, request.CategoryCode,
                request.Urgent, parties, request.GroupSize, unit, request.FirstContact, request.OnTheSpotResolution, idempotencyKey);
            try
            {
                var result = await workflow.RegisterAsync(command, http.User.Identity!.Name!, ct);
                if (!result.Replayed)
                {
                    await routing.RecordDecisionAsync(result.Case, http.User.Identity!.Name!, ct);
                }
                var body = new IntakeResponse(result.Case.TrackingCode, result.Case.QueryCode, result.Case.State, result.Case.DueAt, result.Case.EventCount, result.Case.IsRepeat, result.EarlierCases, result.Similar ?? []);
                return result.Replayed ? TypedResults.Ok(body) : TypedResults.Created($"/api/cases/{result.Case.TrackingCode}", body);
            }
            catch (CaseValidationException ex)
            {
                return TypedResults.ValidationProblem(ex.Errors.ToDictionary(e => e.Key, e => e.Value.Select(BilingualText.Pick).ToArray()));
            }
            catch (CaseRuleException ex)
            {
                return TypedResults.Problem(statusCode: 422, title: BilingualText.Pick(ex.Message));
            }
        }).WithSummary("Register a case (登记); send an Idempotency-Key header so a retried submission never makes two");

        group.MapPost("/{trackingCode}/actions", async Task<Results<Ok<CaseStateDto>, ValidationProblem, ProblemHttpResult>> (
            string trackingCode, CaseActionRequest request, HttpContext http, CaseWorkflow workflow, CancellationToken ct) =>
        {
            var actor = http.User.Identity!.Name!;
            Guid? myUnit = Guid.TryParse(http.User.FindFirst(FengqiaoClaims.UnitId)?.Value, out var u) ? u : null;
            if (ToCommand(request, actor, myUnit) is not { } build)
            {
                return TypedResults.ValidationProblem(new Dictionary<string, string[]>
                {
                    [nameof(request.Action)] = [BilingualText.Pick($"操作 {request.Action} 缺少必填内容 (action {request.Action} is missing a required field)")],
                });
            }
            try
            {
                var result = await workflow.ApplyAsync(trackingCode, request.ExpectedVersion, build, ct);
                if (result is not { } applied)
                {
                    return TypedResults.Problem(statusCode: 404, title: BilingualText.Pick("案件不存在或不在您的可见范围内 (no such case in your scope)"));
                }
                return TypedResults.Ok(new CaseStateDto(applied.Record.TrackingCode, applied.File.State, applied.File.Stage, applied.File.Version, applied.Record.DueAt, applied.Record.HandlingUnitId));
            }
            catch (CaseConflictException ex)
            {
                return TypedResults.Problem(statusCode: 409, title: BilingualText.Pick(ex.Message), extensions: new Dictionary<string, object?> { ["currentVersion"] = ex.Actual });
            }
            catch (CaseRuleException ex)
            {
                return TypedResults.Problem(statusCode: 422, title: BilingualText.Pick(ex.Message));
            }
        }).WithSummary("Apply a lifecycle action (受理, 交办, 答复, 评价, 办结 …) to the version of the case you saw");
    }

    private static Func<Instant, CaseCommand>? ToCommand(CaseActionRequest r, string actor, Guid? myUnit) => r.Action switch
    {
        CaseAction.Accept => t => new AcceptCase(t, actor),
        CaseAction.NotAccept => t => new NotAcceptCase(t, actor, r.Reason ?? ""),
        CaseAction.Transfer when r.UnitId is { } unit => t => new TransferCase(t, actor, unit, r.Note),
        CaseAction.Assign when r.UnitId is { } unit => t => new AssignCase(t, actor, unit, r.CoHandlers),
        CaseAction.StartHandling => t => new StartHandling(t, actor),
        CaseAction.Reply => t => new ReplyToCase(t, actor, r.Text ?? ""),
        CaseAction.Rate when r.Rating is { } rating => t => new RateCase(t, actor, rating),
        CaseAction.RecordNoRating => t => new RecordNoRating(t, actor),
        CaseAction.Close => t => new CloseCase(t, actor),
        CaseAction.RequestReview when r.UnitId is { } unit => t => new RequestReview(t, actor, unit, r.Grounds ?? ""),
        CaseAction.RequestReReview when r.UnitId is { } unit => t => new RequestReReview(t, actor, unit, r.Grounds ?? ""),
        CaseAction.RequestExtension when r.Days is { } days => t => new RequestExtension(t, actor, days, r.Reason ?? ""),
        CaseAction.ApproveExtension when myUnit is { } unit => t => new ApproveExtension(t, actor, unit),
        CaseAction.RejectExtension when myUnit is { } unit => t => new RejectExtension(t, actor, unit, r.Reason ?? ""),
        CaseAction.RecordMediationSession => t => new RecordMediationSession(t, actor, r.Mediator ?? "", r.Summary ?? ""),
        CaseAction.RecordMediationAgreement => t => new RecordMediationAgreement(t, actor, r.Terms ?? ""),
        CaseAction.RecordAgreementFollowUp when r.Honoured is { } honoured => t => new RecordAgreementFollowUp(t, actor, honoured, r.Note ?? ""),
        CaseAction.SuspendHandling => t => new SuspendHandling(t, actor, r.Reason ?? ""),
        CaseAction.ResumeHandling => t => new ResumeHandling(t, actor),
        _ => null,
    };
}
