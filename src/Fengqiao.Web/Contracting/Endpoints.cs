using System.Security.Claims;
using Fengqiao.Core.Calendar;
using Fengqiao.Core.Contracting;
using Fengqiao.Core.Organisations;
using Fengqiao.Data.Cases;
using Fengqiao.Data.Contracting;
using Fengqiao.Web.Auth;
using Fengqiao.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using NodaTime;
using NodaTime.Text;

namespace Fengqiao.Web.Contracting;

public sealed record ContractLeaderDto(string StaffId, string Name, LeaderRole Role, Guid UnitId);

public sealed record ContractDto(Guid Id, string CaseCode, string CaseTitle, Core.Cases.CaseState CaseState, ContractKind Kind, ContractState State, Instant AssignedAt, string AssignedBy,
    Instant? ReleasedAt, string? ReleaseSummary, int Version, IReadOnlyList<ContractLeaderDto> Leaders);

public sealed record AssignContractDto(ContractKind Kind, IReadOnlyList<LeaderChoiceDto>? Leaders);

public sealed record LeaderChoiceDto(string? StaffId, LeaderRole Role);

public sealed record ReleaseContractDto(int Version, string? Summary);

public sealed record FollowUpDto(FollowUpMethod Method, FollowUpOutcome Outcome, bool? Satisfied, string? Notes);

public sealed record FollowUpVisitDto(Guid Id, Instant VisitedAt, string VisitedBy, FollowUpMethod Method, FollowUpOutcome Outcome, bool? Satisfied, string? Notes, bool CallsForLookBack);

public sealed record StartLookBackDto(Guid? VisitId, string? Reason);

public sealed record DecideLookBackDto(int Version, LookBackDecision Decision, string? Findings, Guid? ReopenTo);

public sealed record LookBackDto(Guid Id, Guid? VisitId, string Reason, Instant StartedAt, string StartedBy, LookBackDecision? Decision, string? Findings, Instant? DecidedAt, string? DecidedBy, Guid? ReopenedTo, int Version);

public sealed record CaseAftercareDto(IReadOnlyList<ContractDto> Contracts, IReadOnlyList<FollowUpVisitDto> Visits, IReadOnlyList<LookBackDto> Reviews);

public sealed record EligibleLeaderDto(string StaffId, string Name, string? UnitName, IReadOnlyList<LeaderRole> Roles);

public sealed record ScheduleDto(IsoDayOfWeek Day, string? From, string? To, string? Place, string? LeaderStaffId);

public sealed record ReceptionScheduleDto(Guid Id, string LeaderStaffId, string LeaderName, IsoDayOfWeek Day, string From, string To, string Place);

public sealed record ReceiveDto(string? Date, string? Title, string? Detail, string? DivisionCode, string? Address, string? PartyName, string? PartyPhone, string? IdempotencyKey);

public sealed record ReceptionCountDto(string LeaderStaffId, string LeaderName, string Month, int Sessions, int Residents);

public sealed record ReceptionsDto(IReadOnlyList<ReceptionScheduleDto> Schedules, IReadOnlyList<ReceptionCountDto> Counts);

public sealed record AftercareCountsDto(string Month, ContractingCounts Totals, IReadOnlyList<UnitAftercareCounts> Units);

/// <summary>
/// Leader contracting (包案 / 双包案), reception days, follow-up visits (回访) and look-back reviews (回头看). Who may
/// assign, visit and decide is Core's permission table (<see cref="StaffPermissions"/>), read by the pages too; the
/// reads and steps are <see cref="ContractingDesk"/>'s and <see cref="ContractingBoard"/>'s, in the viewer's scope.
/// </summary>
public static class Endpoints
{
    public static bool MayAssign(ClaimsPrincipal user) => FengqiaoClaims.May(user, StaffAction.AssignContract);

    public static bool MayVisit(ClaimsPrincipal user) => FengqiaoClaims.May(user, StaffAction.RecordFollowUpVisit);

    public static bool MayDecide(ClaimsPrincipal user) => FengqiaoClaims.May(user, StaffAction.DecideLookBack);

    public static void MapContracting(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/contracting").RequireAuthorization(Policies.Staff).WithTags("Contracting");
        group.MapGet("/mine", Mine).WithSummary("The contracts the caller stands in (我的包案), active first");
        group.MapGet("/leaders", Leaders).WithSummary("Accounts in the caller's view that may contract a case, with the places each may take");
        group.MapGet("/counts", Counts).WithSummary("Contracts, follow-up visits and look-back reviews in a month, in total and per unit");
        group.MapPost("/contracts/{id:guid}/release", Release).WithSummary("End a contract once the matter is resolved (销号)");
        group.MapPost("/look-backs/{id:guid}/decision", Decide).WithSummary("Decide a look-back review once; 'not truly resolved' reopens the case to the named unit (重新交办)");
        group.MapGet("/receptions", Receptions).WithSummary("Leaders' reception days in the caller's view and residents received per leader and month");
        group.MapPost("/receptions", Schedule).WithSummary("Schedule a leader's weekly reception day (the caller's own, or any leader's for a clerk or the office)");
        group.MapPost("/receptions/{id:guid}/cases", Receive).WithSummary("Register a resident received on a reception day as a case (channel: visit), linked to the session");

        var cases = app.MapGroup("/api/cases/{trackingCode}").RequireAuthorization(Policies.Staff).WithTags("Contracting");
        cases.MapGet("/aftercare", Aftercare).WithSummary("The case's contracts, follow-up visits and look-back reviews");
        cases.MapPost("/contracts", Assign).WithSummary("Assign the case to a leader (包案) or to an area leader with a village leader (双包案)");
        cases.MapPost("/follow-ups", RecordVisit).WithSummary("Record a follow-up visit (回访) to a closed case");
        cases.MapPost("/look-backs", StartReview).WithSummary("Start a look-back review (回头看) of a closed case");
    }

    private static async Task<Ok<List<ContractDto>>> Mine(HttpContext http, ContractingDesk desk, CancellationToken ct) =>
        TypedResults.Ok((await desk.MineAsync(FengqiaoClaims.AccountId(http.User), ct)).Select(ToDto).ToList());

    private static async Task<Ok<List<EligibleLeaderDto>>> Leaders(ContractingBoard board, CancellationToken ct) =>
        TypedResults.Ok((await board.EligibleLeadersAsync(ct)).Select(ToDto).ToList());

    private static async Task<Results<Ok<AftercareCountsDto>, ProblemHttpResult>> Counts(string? month, ContractingDesk desk, IClock clock, CancellationToken ct)
    {
        if (ParseMonth(month, clock) is not { } m)
        {
            return TypedResults.Problem(statusCode: 400, title: BilingualText.Pick("月份应为 yyyy-MM (month must be yyyy-MM)"));
        }
        return TypedResults.Ok(new AftercareCountsDto(YearMonthPattern.Iso.Format(m), await desk.CountsAsync(m, ct), await desk.CountsPerUnitAsync(m, ct)));
    }

    private static async Task<Results<Ok<ContractDto>, ProblemHttpResult>> Release(Guid id, ReleaseContractDto request, HttpContext http, ContractingDesk desk, ILoggerFactory logs,
        CancellationToken ct) =>
        !MayAssign(http.User) ? Forbidden() : await RuleAsync<Ok<ContractDto>>(http, logs, "release", async () =>
            await desk.ReleaseAsync(id, request.Version, request.Summary, http.User.Identity!.Name!, ct) is { } v
                ? TypedResults.Ok(ToDto(v)) : NotFound("包案不存在或不在您的可见范围内 (no such contract in your scope)"));

    private static async Task<Results<Ok<LookBackDto>, ProblemHttpResult>> Decide(Guid id, DecideLookBackDto request, HttpContext http, ContractingBoard board, ILoggerFactory logs,
        CancellationToken ct) =>
        !MayDecide(http.User) ? Forbidden() : await RuleAsync<Ok<LookBackDto>>(http, logs, "decide", async () =>
            await board.DecideReviewAsync(id, request.Version, request.Decision, request.Findings, request.ReopenTo, http.User.Identity!.Name!, ct) is { } r
                ? TypedResults.Ok(ToDto(r)) : NotFound("回头看不存在或不在您的可见范围内 (no such review in your scope)"));

    private static async Task<Ok<ReceptionsDto>> Receptions(int? year, ContractingBoard board, ReceptionDesk desk, IClock clock, CancellationToken ct)
    {
        var y = year is >= 2000 and <= 2099 ? year.Value : clock.GetCurrentInstant().InZone(DeadlineCalculator.ChinaTimeZone).Year;
        var schedules = await board.SchedulesAsync(ct);
        var counts = await desk.CountsAsync(y, ct);
        return TypedResults.Ok(new ReceptionsDto([.. schedules.Select(ToDto)],
            [.. counts.Select(c => new ReceptionCountDto(c.LeaderStaffId, c.LeaderName, YearMonthPattern.Iso.Format(c.Month), c.Sessions, c.Residents))]));
    }

    private static async Task<Results<Created<ReceptionScheduleDto>, ValidationProblem, ProblemHttpResult>> Schedule(ScheduleDto request, HttpContext http, ReceptionDesk desk,
        CancellationToken ct)
    {
        var own = FengqiaoClaims.AccountId(http.User);
        var leader = string.IsNullOrWhiteSpace(request.LeaderStaffId) ? own : request.LeaderStaffId;
        if (leader != own && !MayAssign(http.User))
        {
            return Forbidden();
        }
        if (ParseTime(request.From) is not { } from || ParseTime(request.To) is not { } to)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["from"] = [BilingualText.Pick("时间应为 HH:mm (times are HH:mm)")] });
        }
        try
        {
            var row = await desk.ScheduleAsync(leader, request.Day, from, to, request.Place, ct);
            return TypedResults.Created($"/api/contracting/receptions/{row.Id}", ToDto(row));
        }
        catch (ContractingRuleException ex)
        {
            return TypedResults.Problem(statusCode: 422, title: BilingualText.Pick(ex.Message));
        }
    }

    private static async Task<Results<Created<CaseSummary>, ValidationProblem, ProblemHttpResult>> Receive(Guid id, ReceiveDto request, HttpContext http, ContractingBoard board,
        CancellationToken ct)
    {
        if (FengqiaoClaims.Unit(http.User) is not { } unit)
        {
            return TypedResults.Problem(statusCode: 403, title: BilingualText.Pick("您的账号不属于任何单位 (your account has no unit)"));
        }
        if (string.IsNullOrWhiteSpace(request.Date) || LocalDatePattern.Iso.Parse(request.Date.Trim()) is not { Success: true } date)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["date"] = [BilingualText.Pick("接访日期应为 yyyy-MM-dd (the reception date is yyyy-MM-dd)")] });
        }
        var newCase = new NewCase(Core.Cases.CaseKind.Petition, Core.Cases.CaseChannel.Visit, request.Title, request.Detail, request.DivisionCode, request.Address, null, false,
            [new NewParty(request.PartyName, null, request.PartyPhone, false)], null, unit, null, null, request.IdempotencyKey);
        try
        {
            if (await board.ReceiveAsync(id, date.Value, newCase, http.User.Identity!.Name!, ct) is not { } r)
            {
                return NotFound("接访日不存在或不在您的可见范围内 (no such reception day in your scope)");
            }
            return TypedResults.Created($"/api/cases/{r.Intake.Case.TrackingCode}",
                new CaseSummary(r.Intake.Case.TrackingCode, r.Intake.Case.Title, date.Value.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)));
        }
        catch (CaseValidationException ex)
        {
            return TypedResults.ValidationProblem(ex.Errors.ToDictionary(e => e.Key, e => e.Value.Select(BilingualText.Pick).ToArray()));
        }
        catch (ContractingRuleException ex)
        {
            return TypedResults.Problem(statusCode: 422, title: BilingualText.Pick(ex.Message));
        }
    }

    private static async Task<Results<Ok<CaseAftercareDto>, ProblemHttpResult>> Aftercare(string trackingCode, ContractingBoard board, CancellationToken ct) =>
        await board.CaseAsync(trackingCode, ct) is { } a ? TypedResults.Ok(ToDto(a)) : CaseNotFound();

    private static async Task<Results<Created<ContractDto>, ValidationProblem, ProblemHttpResult>> Assign(string trackingCode, AssignContractDto request, HttpContext http,
        ContractingDesk desk, ILoggerFactory logs, CancellationToken ct)
    {
        if (!MayAssign(http.User))
        {
            return Forbidden();
        }
        if (request.Leaders is not { Count: > 0 } leaders || leaders.Any(l => string.IsNullOrWhiteSpace(l.StaffId)))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["leaders"] = [BilingualText.Pick("请选择包案领导 (choose the contracting leaders)")] });
        }
        try
        {
            var view = await desk.AssignAsync(trackingCode, request.Kind, [.. leaders.Select(l => new LeaderChoice(l.StaffId!.Trim(), l.Role))], http.User.Identity!.Name!, ct);
            return view is null ? CaseNotFound() : TypedResults.Created($"/api/cases/{trackingCode}/aftercare", ToDto(view));
        }
        catch (ContractingRuleException ex)
        {
            ContractingLog.Refused(logs.CreateLogger("Fengqiao.Contracting"), http.User.Identity!.Name!, "assign", ex.Message);
            return TypedResults.Problem(statusCode: 422, title: BilingualText.Pick(ex.Message));
        }
    }

    private static async Task<Results<Created<FollowUpVisitDto>, ProblemHttpResult>> RecordVisit(string trackingCode, FollowUpDto request, HttpContext http, ContractingDesk desk,
        ILoggerFactory logs, CancellationToken ct) =>
        !MayVisit(http.User) ? Forbidden() : await RuleAsync<Created<FollowUpVisitDto>>(http, logs, "follow-up", async () =>
            await desk.RecordVisitAsync(trackingCode, request.Method, request.Outcome, request.Satisfied, request.Notes, http.User.Identity!.Name!, ct) is { } v
                ? TypedResults.Created($"/api/cases/{trackingCode}/aftercare", ToDto(v)) : CaseNotFound());

    private static async Task<Results<Created<LookBackDto>, ProblemHttpResult>> StartReview(string trackingCode, StartLookBackDto request, HttpContext http, ContractingDesk desk,
        ILoggerFactory logs, CancellationToken ct) =>
        !MayVisit(http.User) ? Forbidden() : await RuleAsync<Created<LookBackDto>>(http, logs, "look-back", async () =>
            await desk.StartReviewAsync(trackingCode, request.VisitId, request.Reason, http.User.Identity!.Name!, ct) is { } r
                ? TypedResults.Created($"/api/cases/{trackingCode}/aftercare", ToDto(r)) : CaseNotFound());

    public static CaseAftercareDto ToDto(CaseAftercare a)
    {
        ArgumentNullException.ThrowIfNull(a);
        return new CaseAftercareDto([.. a.Contracts.Select(ToDto)], [.. a.Visits.Select(ToDto)], [.. a.Reviews.Select(ToDto)]);
    }

    public static EligibleLeaderDto ToDto(EligibleLeader l)
    {
        ArgumentNullException.ThrowIfNull(l);
        return new(l.StaffId, l.Name, l.UnitName, l.Roles);
    }

    public static ContractDto ToDto(ContractView v)
    {
        ArgumentNullException.ThrowIfNull(v);
        return new(v.Contract.Id, v.CaseCode, v.CaseTitle, v.CaseState, v.Contract.Kind, v.Contract.State, v.Contract.AssignedAt,
            v.Contract.AssignedBy, v.Contract.ReleasedAt, v.Contract.ReleaseSummary, v.Contract.Version, [.. v.Leaders.Select(l => new ContractLeaderDto(l.StaffId, l.Name, l.Role, l.UnitId))]);
    }

    public static FollowUpVisitDto ToDto(FollowUpVisitRecord v)
    {
        ArgumentNullException.ThrowIfNull(v);
        return new(v.Id, v.VisitedAt, v.VisitedBy, v.Method, v.Outcome, v.ResidentSatisfied, v.Notes, v.CallsForLookBack);
    }

    public static LookBackDto ToDto(LookBackReviewRecord r)
    {
        ArgumentNullException.ThrowIfNull(r);
        return new(r.Id, r.FollowUpVisitId, r.Reason, r.StartedAt, r.StartedBy, r.Decision, r.Findings, r.DecidedAt, r.DecidedBy, r.ReopenedTo, r.Version);
    }

    public static ReceptionScheduleDto ToDto(ReceptionScheduleRecord s)
    {
        ArgumentNullException.ThrowIfNull(s);
        return new(s.Id, s.LeaderStaffId, s.LeaderName, s.Day, s.From.ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture),
            s.To.ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture), s.Place);
    }

    private static async Task<Results<T, ProblemHttpResult>> RuleAsync<T>(HttpContext http, ILoggerFactory logs, string action, Func<Task<Results<T, ProblemHttpResult>>> work)
        where T : IResult
    {
        try
        {
            return await work();
        }
        catch (ContractingRuleException ex)
        {
            ContractingLog.Refused(logs.CreateLogger("Fengqiao.Contracting"), http.User.Identity!.Name!, action, ex.Message);
            return TypedResults.Problem(statusCode: 422, title: BilingualText.Pick(ex.Message));
        }
    }

    private static YearMonth? ParseMonth(string? month, IClock clock)
    {
        if (string.IsNullOrWhiteSpace(month))
        {
            var today = clock.GetCurrentInstant().InZone(DeadlineCalculator.ChinaTimeZone).Date;
            return new YearMonth(today.Year, today.Month);
        }
        return YearMonthPattern.Iso.Parse(month.Trim()) is { Success: true } p ? p.Value : null;
    }

    private static LocalTime? ParseTime(string? text) =>
        text is not null && LocalTimePattern.CreateWithInvariantCulture("HH:mm").Parse(text.Trim()) is { Success: true } p ? p.Value : null;

    private static ProblemHttpResult Forbidden() =>
        TypedResults.Problem(statusCode: 403, title: BilingualText.Pick("您的角色不能进行此操作 (your role may not do this)"));

    private static ProblemHttpResult NotFound(string message) => TypedResults.Problem(statusCode: 404, title: BilingualText.Pick(message));

    private static ProblemHttpResult CaseNotFound() => NotFound("案件不存在或不在您的可见范围内 (no such case in your scope)");
}

/// <summary>A case registered from a reception day.</summary>
public sealed record CaseSummary(string TrackingCode, string Title, string ReceptionDate);

internal static partial class ContractingLog
{
    [LoggerMessage(EventId = 4401, Level = LogLevel.Warning, Message = "Contracting action refused: {Actor} {Action}: {Reason}")]
    public static partial void Refused(ILogger logger, string actor, string action, string reason);
}
