using System.Security.Claims;
using Fengqiao.Core.Procuratorate;
using Fengqiao.Data;
using Fengqiao.Data.Cases;
using Fengqiao.Data.Procuratorate;
using Fengqiao.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using NodaTime;

namespace Fengqiao.Web.Procuratorate;

public sealed record ComplianceRateDto(int OnTime, int Late, int Pending, decimal? Percent, decimal NationalPercent);

public sealed record Compliance12309Dto(Instant AsOf, int Petitions, ComplianceRateDto ProceduralReply, ComplianceRateDto Result);

public sealed record HearingParticipantDto(string Name, HearingRole Role, string? Affiliation);

public sealed record OfficerOpinionDto(string OfficerName, bool Supports, string Opinion);

public sealed record HearingDto(Guid Id, string CaseReference, string Subject, Instant ScheduledAt, string Place, IReadOnlyList<HearingParticipantDto> Participants,
    HearingState State, HearingOutcome? Outcome, Instant? HeldAt, string? Summary, IReadOnlyList<OfficerOpinionDto> Opinions);

public sealed record HoldHearingRequest(HearingOutcome? Outcome, IReadOnlyList<OfficerOpinionDto>? Opinions, string? Summary);

public sealed record SuggestionDto(Guid Id, string DocumentNumber, string RecipientUnit, string Subject, string Content, LocalDate ServedOn, LocalDate ReplyDue,
    LocalDate? RepliedOn, string? Reply, bool? Adopted, SuggestionStatus Status);

public sealed record SuggestionReplyRequest(LocalDate? RepliedOn, string? Reply, bool? Adopted);

/// <summary>
/// Procuratorate service: the 12309 compliance figures over the caller's cases, shown like the national ones;
/// public hearings (公开听证) and procuratorial suggestions (检察建议) tracked to their reply. Staff read within
/// their scope; procurators (and administrators) record.
/// </summary>
public static class Endpoints
{
    public static void MapProcuratorate(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/procuratorate").RequireAuthorization(Policies.Staff).WithTags("Procuratorate");

        group.MapGet("/compliance", async (ProcuratorateCompliance compliance, CancellationToken ct) =>
        {
            var (report, count) = await compliance.ReportAsync(ct);
            return TypedResults.Ok(new Compliance12309Dto(report.AsOf, count,
                new ComplianceRateDto(report.ProceduralReply.OnTime, report.ProceduralReply.Late, report.ProceduralReply.Pending, report.ProceduralReply.Percent, Compliance12309.NationalProceduralReplyPercent),
                new ComplianceRateDto(report.Result.OnTime, report.Result.Late, report.Result.Pending, report.Result.Percent, Compliance12309.NationalResultPercent)));
        }).WithSummary("12309: procedural reply within 7 days and result within 3 months, as rates beside the national figures");

        group.MapGet("/tally", async (ProcuratorateDesk desk, CancellationToken ct) => TypedResults.Ok(await desk.TallyAsync(ct)))
            .WithSummary("Hearings held and settled; suggestions replied on time, late, awaiting, overdue, and adopted");

        group.MapGet("/hearings", async (ProcuratorateDesk desk, CancellationToken ct) => TypedResults.Ok((await desk.HearingsAsync(ct)).Select(ToDto).ToList()))
            .WithSummary("Public hearings in the caller's scope, newest first");

        group.MapPost("/hearings", async Task<Results<Created<HearingDto>, ProblemHttpResult>> (NewHearing request, HttpContext http, ProcuratorateDesk desk, CancellationToken ct) =>
        {
            if (Unit(http) is not { } unit)
            {
                return NoUnit();
            }
            try
            {
                var record = await desk.ScheduleHearingAsync(request, unit, ct);
                return TypedResults.Created($"/api/procuratorate/hearings/{record.Id}", ToDto(record));
            }
            catch (ProcuratorateRuleException ex)
            {
                return TypedResults.Problem(statusCode: 422, title: BilingualText.Pick(ex.Message));
            }
        }).RequireAuthorization(Policies.Procuratorate).WithSummary("Schedule a public hearing: one presiding procurator, three to seven hearing officers, at least one party");

        group.MapPost("/hearings/{id:guid}/held", async Task<Results<Ok<HearingDto>, ProblemHttpResult>> (Guid id, HoldHearingRequest request, ProcuratorateDesk desk, CancellationToken ct) =>
        {
            try
            {
                var record = await desk.HoldHearingAsync(id, request.Outcome ?? 0, [.. (request.Opinions ?? []).Select(o => new OfficerOpinion(o.OfficerName ?? "", o.Supports, o.Opinion ?? ""))],
                    request.Summary, ct);
                return record is null ? NotFound() : TypedResults.Ok(ToDto(record));
            }
            catch (ProcuratorateRuleException ex)
            {
                return TypedResults.Problem(statusCode: 422, title: BilingualText.Pick(ex.Message));
            }
        }).RequireAuthorization(Policies.Procuratorate).WithSummary("Record the hearing's outcome, each hearing officer's opinion and the summary");

        group.MapGet("/suggestions", async (ProcuratorateDesk desk, CancellationToken ct) => TypedResults.Ok((await desk.SuggestionsAsync(ct)).Select(ToDto).ToList()))
            .WithSummary("Procuratorial suggestions in the caller's scope with their reply status today");

        group.MapPost("/suggestions", async Task<Results<Created<SuggestionDto>, ProblemHttpResult>> (NewSuggestion request, HttpContext http, ProcuratorateDesk desk, CancellationToken ct) =>
        {
            if (Unit(http) is not { } unit)
            {
                return NoUnit();
            }
            try
            {
                var view = await desk.IssueSuggestionAsync(request, unit, ct);
                return TypedResults.Created($"/api/procuratorate/suggestions/{view.Record.Id}", ToDto(view));
            }
            catch (ProcuratorateRuleException ex)
            {
                return TypedResults.Problem(statusCode: 422, title: BilingualText.Pick(ex.Message));
            }
        }).RequireAuthorization(Policies.Procuratorate).WithSummary("Issue a suggestion to a unit; the reply is due two months after service unless set otherwise");

        group.MapPost("/suggestions/{id:guid}/reply", async Task<Results<Ok<SuggestionDto>, ProblemHttpResult>> (Guid id, SuggestionReplyRequest request, ProcuratorateDesk desk, CancellationToken ct) =>
        {
            try
            {
                return await desk.RecordReplyAsync(id, request.RepliedOn, request.Reply, request.Adopted ?? false, ct) is { } view ? TypedResults.Ok(ToDto(view)) : NotFound();
            }
            catch (ProcuratorateRuleException ex)
            {
                return TypedResults.Problem(statusCode: 422, title: BilingualText.Pick(ex.Message));
            }
        }).RequireAuthorization(Policies.Procuratorate).WithSummary("Record the unit's written reply and whether it adopted the suggestion");
    }

    private static Guid? Unit(HttpContext http) => Guid.TryParse(http.User.FindFirstValue(Auth.FengqiaoClaims.UnitId), out var unit) ? unit : null;

    private static ProblemHttpResult NoUnit() => TypedResults.Problem(statusCode: 403, title: BilingualText.Pick("您的账号不属于任何单位 (your account has no unit)"));

    private static ProblemHttpResult NotFound() =>
        TypedResults.Problem(statusCode: 404, title: BilingualText.Pick("记录不存在或不在您的可见范围内 (no such record in your scope)"));

    private static HearingDto ToDto(PublicHearingRecord h) => new(h.Id, h.CaseReference, h.Subject, h.ScheduledAt, h.Place,
        [.. ProcuratorateDesk.ReadParticipants(h.Participants).Select(p => new HearingParticipantDto(p.Name, p.Role, p.Affiliation))], h.State, h.Outcome, h.HeldAt, h.Summary,
        [.. ProcuratorateDesk.ReadOpinions(h.Opinions).Select(o => new OfficerOpinionDto(o.OfficerName, o.Supports, o.Opinion))]);

    private static SuggestionDto ToDto(SuggestionView v) => new(v.Record.Id, v.Record.DocumentNumber, v.Record.RecipientUnit, v.Record.Subject, v.Record.Content,
        LocalDate.FromDateOnly(v.Record.IssuedOn), LocalDate.FromDateOnly(v.Record.ReplyDueOn), v.Record.RepliedOn is { } r ? LocalDate.FromDateOnly(r) : null,
        v.Record.Reply, v.Record.Adopted, v.Status);
}
