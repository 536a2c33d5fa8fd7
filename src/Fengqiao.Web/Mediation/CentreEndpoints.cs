using System.Security.Claims;
using Fengqiao.Core.Mediation;
using Fengqiao.Data.Mediation;
using Fengqiao.Web.Auth;
using Fengqiao.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using NodaTime;
using NodaTime.Text;

namespace Fengqiao.Web.Mediation;

public sealed record RotaRequest(Guid? StationId, LocalDate? Date, string? Window);

public sealed record ReceptionRequest(ResolutionPath? Path, string? Resident, string? OtherParty, string? Matter, DisputeKind? Kind, Guid? CommitteeId, Guid? RoomId,
    Guid? MediatorId, Guid? StationId);

public sealed record ReceptionDto(Guid Id, ResolutionPath Path, Guid? MediationId, Guid? StationId, Guid? CommitteeId);

/// <summary>
/// The one-stop centre (一站式矛盾纠纷多元化解中心) for staff: the centres in scope, a month's stations and rota, a day's units
/// and receptions; the centre's own staff put rotating units on the rota and record each resident's chosen path. A rule
/// broken answers 422 with its message, someone else's change first 409, a caller not of the centre's staff 403, a centre
/// outside the scope 404.
/// </summary>
public static class CentreEndpoints
{
    public static void MapMediationCentre(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/mediation/centres").RequireAuthorization(Policies.Staff).WithTags("Mediation");
        group.MapGet("", ListCentres).WithSummary("The one-stop centres in the caller's scope");
        group.MapGet("/{id:guid}", GetCentre).WithSummary("A centre's stationed units, the month's rota (?month=2026-12) and whether the caller is its staff");
        group.MapGet("/{id:guid}/days/{date}", GetDay).WithSummary("Who is at the centre on a day at which window, and the residents received with their chosen paths");
        group.MapPost("/{id:guid}/rota", AddRota).WithSummary("Put a rotating unit at a window on a day (the centre's staff)");
        group.MapDelete("/{id:guid}/rota/{entryId:guid}", RemoveRota).WithSummary("Take a day off the rota (the centre's staff)");
        group.MapPost("/{id:guid}/receptions", Receive)
            .WithSummary("Record a resident's chosen path: people's or industry mediation opens a mediation of the chosen committee, room or mediator; any other path is recorded with the receiving unit");
    }

    private static async Task<Ok<IReadOnlyList<CentreSummary>>> ListCentres(CentreDesk desk, CancellationToken ct) => TypedResults.Ok(await desk.CentresAsync(ct));

    private static async Task<Results<Ok<CentreView>, ProblemHttpResult>> GetCentre(Guid id, string? month, CentreDesk desk, IClock clock, CancellationToken ct)
    {
        var today = clock.GetCurrentInstant().InZone(Core.Mediation.Mediation.Zone).Date;
        var parsed = month is null ? ParseResult<YearMonth>.ForValue(new YearMonth(today.Year, today.Month)) : YearMonthPattern.Iso.Parse(month);
        if (!parsed.Success)
        {
            return TypedResults.Problem(statusCode: 400, title: BilingualText.Pick("月份格式应为 2026-12 (give the month as 2026-12)"));
        }
        return await desk.CentreAsync(id, parsed.Value, ct) is { } view ? TypedResults.Ok(view) : NotFound();
    }

    private static async Task<Results<Ok<CentreDay>, ProblemHttpResult>> GetDay(Guid id, string date, CentreDesk desk, CancellationToken ct)
    {
        var parsed = LocalDatePattern.Iso.Parse(date);
        if (!parsed.Success)
        {
            return TypedResults.Problem(statusCode: 400, title: BilingualText.Pick("日期格式应为 2026-12-07 (give the date as 2026-12-07)"));
        }
        return await desk.DayAsync(id, parsed.Value, ct) is { } day ? TypedResults.Ok(day) : NotFound();
    }

    private static async Task<Results<Created<RotaDay>, ProblemHttpResult>> AddRota(Guid id, RotaRequest request, CentreDesk desk, CancellationToken ct)
    {
        if (request.StationId is not { } station || request.Date is not { } date)
        {
            return TypedResults.Problem(statusCode: 422, title: BilingualText.Pick("请选择单位和日期 (choose the unit and the day)"));
        }
        try
        {
            return await desk.AddRotaAsync(id, station, date, request.Window, ct) is { } entry
                ? TypedResults.Created($"/api/mediation/centres/{id}/days/{entry.Date:yyyy-MM-dd}", entry)
                : NotFound();
        }
        catch (Exception ex) when (Answer(ex) is { } answer)
        {
            return answer;
        }
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> RemoveRota(Guid id, Guid entryId, CentreDesk desk, CancellationToken ct)
    {
        try
        {
            return await desk.RemoveRotaAsync(id, entryId, ct) ? TypedResults.NoContent() : NotFound();
        }
        catch (Exception ex) when (Answer(ex) is { } answer)
        {
            return answer;
        }
    }

    private static async Task<Results<Created<ReceptionDto>, ProblemHttpResult>> Receive(Guid id, ReceptionRequest request, ClaimsPrincipal user, CentreDesk desk,
        CancellationToken ct)
    {
        if (request.Path is not { } path)
        {
            return TypedResults.Problem(statusCode: 422, title: BilingualText.Pick("请选择化解方式 (choose how the dispute is to be handled)"));
        }
        try
        {
            var reception = await desk.ReceiveAsync(id, new NewReception(path, request.Resident, request.OtherParty, request.Matter, request.Kind ?? DisputeKind.Other,
                request.CommitteeId, request.RoomId, request.MediatorId, request.StationId), FengqiaoClaims.Name(user), ct);
            return reception is null
                ? NotFound()
                : TypedResults.Created($"/api/mediation/centres/{id}/days/{reception.Day:yyyy-MM-dd}",
                    new ReceptionDto(reception.Id, reception.Path, reception.MediationId, reception.StationId, reception.CommitteeId));
        }
        catch (Exception ex) when (Answer(ex) is { } answer)
        {
            return answer;
        }
    }

    private static ProblemHttpResult? Answer(Exception ex) => ex switch
    {
        MediationRuleException rule => TypedResults.Problem(statusCode: 422, title: BilingualText.Pick(rule.Message)),
        MediationConflictException conflict => TypedResults.Problem(statusCode: 409, title: BilingualText.Pick(conflict.Message)),
        NotCentreStaffException staff => TypedResults.Problem(statusCode: 403, title: BilingualText.Pick(staff.Message)),
        _ => null,
    };

    private static ProblemHttpResult NotFound() =>
        TypedResults.Problem(statusCode: 404, title: BilingualText.Pick("记录不存在或不在您的可见范围内 (no such record in your scope)"));
}
