using Fengqiao.Core.Cases;
using Fengqiao.Core.Cases.Intake;
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

/// <summary>A unit the case may be assigned to (交办), in the order the picker offers it.</summary>
public sealed record AssignableUnitDto(Guid Id, string Name, Fengqiao.Core.Organisations.UnitKind Kind, string DivisionCode);

public sealed record CaseStateDto(string TrackingCode, CaseState State, CaseStage Stage, int Version, Instant? DueAt, Guid? HandlingUnitId);

/// <summary>Registering cases (登记) and acting on them. Rules are Core's; this only translates HTTP.</summary>
public static class CaseIntakeApi
{
    public static void MapCaseIntakeApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/cases").RequireAuthorization(Policies.Staff).WithTags("Cases");

        group.MapPost("/", async Task<Results<Created<IntakeResponse>, Ok<IntakeResponse>, ValidationProblem, ProblemHttpResult>> (
            IntakeRequest request, [FromHeader(Name = "Idempotency-Key")] string? idempotencyKey, HttpContext http, IntakeDesk intake, CancellationToken ct) =>
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
                var result = await intake.RegisterAsync(command, http.User.Identity!.Name!, ct);
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
                    return Cases.Endpoints.CaseNotFound();
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

        group.MapGet("/{trackingCode}/assignable-units", async Task<Results<Ok<List<AssignableUnitDto>>, ProblemHttpResult>> (
            string trackingCode, CaseWorkflow workflow, CancellationToken ct) =>
        {
            if (await workflow.AssignableUnitsAsync(trackingCode, ct) is not { } units)
            {
                return Cases.Endpoints.CaseNotFound();
            }
            return TypedResults.Ok(units.Select(u => new AssignableUnitDto(u.Id, u.Name, u.Kind, u.Division.Value)).ToList());
        }).WithSummary("The units the case may be assigned to (交办), nearest first: its district's and those above; other districts only by transfer (转送)");
    }

    private static Func<Instant, CaseCommand>? ToCommand(CaseActionRequest r, string actor, Guid? myUnit) =>
        new CaseActionInput(r.Reason, r.Note, r.UnitId, r.CoHandlers, r.Text, r.Rating, r.Days, r.Grounds, r.Mediator, r.Summary, r.Terms, r.Honoured)
            .ToCommand(r.Action, actor, myUnit);
}
