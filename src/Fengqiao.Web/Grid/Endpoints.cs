using System.Security.Claims;
using Fengqiao.Core.Cases;
using Fengqiao.Core.Grid;
using Fengqiao.Data.Grid;
using Fengqiao.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using NodaTime;
using NodaTime.Text;

namespace Fengqiao.Web.Grid;

public sealed record TownGridDto(string TownCode, string TownName, int Grids, int Villages, int Members, int Leaders, int CoreMembers, int Volunteers);

public sealed record FindingDto(Guid Id, string Title, string Description, FindingSeverity Severity, string? CaseTrackingCode);

public sealed record VisitDto(Guid Id, string GridCode, string? Place, string? PlannedVisitId, string Inspector, Instant At, string Notes, IReadOnlyList<FindingDto> Findings);

public sealed record VisitRequest(string? GridCode, Guid? KeyPlaceId, string? PlannedVisitId, string? Notes, IReadOnlyList<NewFinding>? Findings);

public sealed record RaiseCaseRequest(CaseKind? Kind, string? PartyName, string? PartyPhone);

public sealed record RaisedCaseDto(string TrackingCode, CaseChannel Channel, CaseState State, Guid FindingId);

/// <summary>Grid governance (网格化): grids and town figures, monthly plans, visits from the phone, findings raised as cases.</summary>
public static class Endpoints
{
    private static readonly YearMonthPattern MonthPattern = YearMonthPattern.CreateWithInvariantCulture("yyyy-MM");

    public static void MapGrid(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/grid").RequireAuthorization(Policies.Staff).WithTags("Grid");

        group.MapGet("/towns", async (GridDesk desk, CancellationToken ct) =>
            TypedResults.Ok((await desk.TownOverviewsAsync(ct)).Select(t => new TownGridDto(t.TownCode, t.TownName, t.Overview.GridCount, t.Overview.VillageCount,
                t.Overview.MemberCount, t.Overview.LeaderCount, t.Overview.CoreMemberCount, t.Overview.VolunteerCount)).ToList()))
            .WithSummary("Per town in the caller's area: grids, villages and the 1+3+N members");

        group.MapGet("/grids", async (string? area, GridDesk desk, CancellationToken ct) => TypedResults.Ok(await desk.GridsAsync(area, ct)))
            .WithSummary("Grids in the caller's area, optionally under one town or village code");

        group.MapGet("/grids/{code}/plan", async Task<Results<Ok<IReadOnlyList<PlannedVisitItem>>, ProblemHttpResult>> (string code, string? month, GridDesk desk, CancellationToken ct) =>
        {
            if (ParseMonth(month) is not { } m)
            {
                return BadMonth();
            }
            return TypedResults.Ok(await desk.PlannedVisitsAsync(code, m.OnDayOfMonth(1), m.OnDayOfMonth(m.Calendar.GetDaysInMonth(m.Year, m.Month)), ct));
        }).WithSummary("A grid's planned inspections of a month (yyyy-MM), each marked done or not");

        group.MapPost("/grids/{code}/plan", async Task<Results<Ok<int>, ProblemHttpResult>> (string code, string? month, GridDesk desk, CancellationToken ct) =>
        {
            if (ParseMonth(month) is not { } m)
            {
                return BadMonth();
            }
            try
            {
                return TypedResults.Ok(await desk.GeneratePlanAsync(code, m, ct));
            }
            catch (GridRuleException ex)
            {
                return TypedResults.Problem(statusCode: 404, title: BilingualText.Pick(ex.Message));
            }
        }).WithSummary("Generate a grid's monthly inspection plan (once; a second call adds nothing and answers 0)");

        group.MapPost("/visits", async Task<Results<Created<VisitDto>, ProblemHttpResult>> (VisitRequest request, HttpContext http, GridDesk desk, CancellationToken ct) =>
        {
            var account = http.User.FindFirstValue(ClaimTypes.NameIdentifier)!;
            try
            {
                var view = await desk.RecordVisitAsync(new NewInspectionVisit(request.GridCode ?? "", request.KeyPlaceId, request.PlannedVisitId, request.Notes, request.Findings ?? []), account, ct);
                return TypedResults.Created($"/api/grid/visits/{view.Visit.Id}", ToDto(view));
            }
            catch (GridRuleException ex)
            {
                return TypedResults.Problem(statusCode: 422, title: BilingualText.Pick(ex.Message));
            }
        }).WithSummary("Record an inspection visit (巡查记录) as the signed-in grid member");

        group.MapGet("/visits", async (string? grid, int? take, GridDesk desk, CancellationToken ct) =>
            TypedResults.Ok((await desk.RecentVisitsAsync(grid, take ?? 50, ct)).Select(ToDto).ToList()))
            .WithSummary("The latest visits in the caller's area (as the visit page lists them), newest first, optionally of one grid");

        group.MapGet("/visits/{id:guid}", async Task<Results<Ok<VisitDto>, ProblemHttpResult>> (Guid id, GridDesk desk, CancellationToken ct) =>
            await desk.VisitAsync(id, ct) is { } view ? TypedResults.Ok(ToDto(view)) : NotFound())
            .WithSummary("One visit with its findings and the cases raised from them");

        group.MapPost("/findings/{id:guid}/case", async Task<Results<Created<RaisedCaseDto>, ValidationProblem, ProblemHttpResult>> (
            Guid id, RaiseCaseRequest? request, HttpContext http, GridDesk desk, CancellationToken ct) =>
        {
            if (!Guid.TryParse(http.User.FindFirstValue(Auth.FengqiaoClaims.UnitId), out var unit))
            {
                return TypedResults.Problem(statusCode: 403, title: BilingualText.Pick("您的账号不属于任何单位，不能登记案件 (your account has no unit and cannot register cases)"));
            }
            try
            {
                var raised = await desk.RaiseCaseAsync(id, http.User.FindFirstValue(ClaimTypes.NameIdentifier)!, unit, request?.Kind ?? CaseKind.Petition,
                    request?.PartyName, request?.PartyPhone, ct);
                return raised is null
                    ? NotFound()
                    : TypedResults.Created($"/api/cases/{raised.TrackingCode}", new RaisedCaseDto(raised.TrackingCode, raised.Channel, raised.State, id));
            }
            catch (Data.Cases.CaseValidationException ex)
            {
                return TypedResults.ValidationProblem(ex.Errors.ToDictionary(e => e.Key, e => e.Value.Select(BilingualText.Pick).ToArray()));
            }
            catch (GridRuleException ex)
            {
                return TypedResults.Problem(statusCode: 422, title: BilingualText.Pick(ex.Message));
            }
        }).WithSummary("Raise a finding as a case (一键转办) on the grid-inspection channel; pressing twice gives the same case");
    }

    private static YearMonth? ParseMonth(string? month) =>
        string.IsNullOrWhiteSpace(month) ? null : MonthPattern.Parse(month).TryGetValue(default, out var m) ? m : null;

    private static ProblemHttpResult BadMonth() =>
        TypedResults.Problem(statusCode: 400, title: BilingualText.Pick("月份格式应为 yyyy-MM，例如 2026-11 (the month is written yyyy-MM, e.g. 2026-11)"));

    private static ProblemHttpResult NotFound() =>
        TypedResults.Problem(statusCode: 404, title: BilingualText.Pick("记录不存在或不在您的可见范围内 (no such record in your scope)"));

    private static VisitDto ToDto(VisitView v) => new(v.Visit.Id, v.GridCode, v.PlaceName, v.Visit.PlannedVisitId, v.Visit.InspectorName, v.Visit.At, v.Visit.Notes,
        [.. v.Findings.Select(f => new FindingDto(f.Id, f.Title, f.Description, f.Severity, f.CaseTrackingCode))]);
}
