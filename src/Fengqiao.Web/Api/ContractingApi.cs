using System.Security.Claims;
using Fengqiao.Core.Calendar;
using Fengqiao.Core.Contracting;
using Fengqiao.Core.Organisations;
using Fengqiao.Core.Whistles;
using Fengqiao.Data;
using Fengqiao.Data.Accounts;
using Fengqiao.Data.Cases;
using Fengqiao.Data.Contracting;
using Fengqiao.Data.Whistles;
using Fengqiao.Web.Auth;
using Fengqiao.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using NodaTime.Text;

namespace Fengqiao.Web.Api;

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

public sealed record AftercareCountsDto(string Month, ContractingCounts Totals, IReadOnlyList<UnitAftercareCounts> Units);

public sealed record RankingNoticeDto(Guid Id, string Month, string? County, string IssuerName, Instant PublishedAt, string PublishedBy, string Text);

/// <summary>
/// Leader contracting (包案 / 双包案), reception days, follow-up visits (回访), look-back reviews (回头看), the stored
/// whistle limits and the published monthly notices.
/// </summary>
public static class ContractingApi
{
    // Who may assign, visit, decide and publish: Core's permission table (StaffPermissions), read by the pages too.
    public static bool MayAssign(ClaimsPrincipal user) => FengqiaoClaims.May(user, StaffAction.AssignContract);

    public static bool MayVisit(ClaimsPrincipal user) => FengqiaoClaims.May(user, StaffAction.RecordFollowUpVisit);

    public static bool MayDecide(ClaimsPrincipal user) => FengqiaoClaims.May(user, StaffAction.DecideLookBack);

    public static bool MayPublish(ClaimsPrincipal user) => FengqiaoClaims.May(user, StaffAction.PublishRankingNotice);

    public static string? AccountId(ClaimsPrincipal user) => user.FindFirstValue(ClaimTypes.NameIdentifier);

    public static void MapContractingApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/contracting").RequireAuthorization(Policies.Staff).WithTags("Contracting");

        group.MapGet("/mine", async (HttpContext http, ContractingDesk desk, CancellationToken ct) =>
            TypedResults.Ok((await desk.MineAsync(AccountId(http.User) ?? "", ct)).Select(ToDto).ToList()))
            .WithSummary("The contracts the caller stands in (我的包案), active first");

        group.MapGet("/leaders", async (FengqiaoDbContext db, CancellationToken ct) => TypedResults.Ok(await EligibleLeadersAsync(db, ct)))
            .WithSummary("Accounts in the caller's view that may contract a case, with the places each may take");

        group.MapGet("/counts", async Task<Results<Ok<AftercareCountsDto>, ProblemHttpResult>> (string? month, ContractingDesk desk, IClock clock, CancellationToken ct) =>
        {
            if (ParseMonth(month, clock) is not { } m)
            {
                return TypedResults.Problem(statusCode: 400, title: BilingualText.Pick("月份应为 yyyy-MM (month must be yyyy-MM)"));
            }
            return TypedResults.Ok(new AftercareCountsDto(YearMonthPattern.Iso.Format(m), await desk.CountsAsync(m, ct), await desk.CountsPerUnitAsync(m, ct)));
        }).WithSummary("Contracts, follow-up visits and look-back reviews in a month, in total and per unit");

        group.MapPost("/contracts/{id:guid}/release", async Task<Results<Ok<ContractDto>, ProblemHttpResult>> (Guid id, ReleaseContractDto request, HttpContext http, ContractingDesk desk, ILoggerFactory logs, CancellationToken ct) =>
        {
            if (!MayAssign(http.User))
            {
                return Forbidden();
            }
            return await RuleAsync<Ok<ContractDto>>(http, logs, "release", async () => await desk.ReleaseAsync(id, request.Version, request.Summary, http.User.Identity!.Name!, ct) is { } v
                ? TypedResults.Ok(ToDto(v)) : NotFound("包案不存在或不在您的可见范围内 (no such contract in your scope)"));
        }).WithSummary("End a contract once the matter is resolved (销号)");

        group.MapPost("/look-backs/{id:guid}/decision", async Task<Results<Ok<LookBackDto>, ProblemHttpResult>> (Guid id, DecideLookBackDto request, HttpContext http,
            ContractingDesk desk, CaseWorkflow workflow, ILoggerFactory logs, CancellationToken ct) =>
        {
            if (!MayDecide(http.User))
            {
                return Forbidden();
            }
            return await RuleAsync<Ok<LookBackDto>>(http, logs, "decide", async () => await desk.DecideReviewAsync(id, request.Version, request.Decision, request.Findings, request.ReopenTo, http.User.Identity!.Name!, workflow, ct) is { } r
                ? TypedResults.Ok(ToDto(r)) : NotFound("回头看不存在或不在您的可见范围内 (no such review in your scope)"));
        }).WithSummary("Decide a look-back review once; 'not truly resolved' reopens the case to the named unit (重新交办)");

        group.MapGet("/receptions", async (int? year, FengqiaoDbContext db, ReceptionDesk desk, IClock clock, CancellationToken ct) =>
        {
            var y = year is >= 2000 and <= 2099 ? year.Value : clock.GetCurrentInstant().InZone(DeadlineCalculator.ChinaTimeZone).Year;
            var schedules = await db.ReceptionSchedules.AsNoTracking().Where(s => s.Active).OrderBy(s => s.Day).ThenBy(s => s.LeaderName).ToListAsync(ct);
            var counts = await desk.CountsAsync(y, ct);
            return TypedResults.Ok(new { Schedules = schedules.Select(ToDto).ToList(), Counts = counts.Select(c => new ReceptionCountDto(c.LeaderStaffId, c.LeaderName, YearMonthPattern.Iso.Format(c.Month), c.Sessions, c.Residents)).ToList() });
        }).WithSummary("Leaders' reception days in the caller's view and residents received per leader and month");

        group.MapPost("/receptions", async Task<Results<Created<ReceptionScheduleDto>, ValidationProblem, ProblemHttpResult>> (ScheduleDto request, HttpContext http, ReceptionDesk desk, CancellationToken ct) =>
        {
            var leader = string.IsNullOrWhiteSpace(request.LeaderStaffId) ? AccountId(http.User) : request.LeaderStaffId;
            if (leader != AccountId(http.User) && !MayAssign(http.User))
            {
                return Forbidden();
            }
            if (ParseTime(request.From) is not { } from || ParseTime(request.To) is not { } to)
            {
                return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["from"] = [BilingualText.Pick("时间应为 HH:mm (times are HH:mm)")] });
            }
            try
            {
                var row = await desk.ScheduleAsync(leader!, request.Day, from, to, request.Place, ct);
                return TypedResults.Created($"/api/contracting/receptions/{row.Id}", ToDto(row));
            }
            catch (ContractingRuleException ex)
            {
                return TypedResults.Problem(statusCode: 422, title: BilingualText.Pick(ex.Message));
            }
        }).WithSummary("Schedule a leader's weekly reception day (the caller's own, or any leader's for a clerk or the office)");

        group.MapPost("/receptions/{id:guid}/cases", async Task<Results<Created<CaseSummary>, ValidationProblem, ProblemHttpResult>> (Guid id, ReceiveDto request, HttpContext http,
            ReceptionDesk desk, CaseWorkflow workflow, FengqiaoDbContext db, CancellationToken ct) =>
        {
            if (WhistlesApi.UnitOf(http) is not { } unit)
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
                var received = await desk.ReceiveAsync(id, date.Value, newCase, workflow, http.User.Identity!.Name!, ct);
                if (received is not { } r)
                {
                    return NotFound("接访日不存在或不在您的可见范围内 (no such reception day in your scope)");
                }
                return TypedResults.Created($"/api/cases/{r.Intake.Case.TrackingCode}", new CaseSummary(r.Intake.Case.TrackingCode, r.Intake.Case.Title, date.Value.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)));
            }
            catch (CaseValidationException ex)
            {
                return TypedResults.ValidationProblem(ex.Errors.ToDictionary(e => e.Key, e => e.Value.Select(BilingualText.Pick).ToArray()));
            }
            catch (ContractingRuleException ex)
            {
                return TypedResults.Problem(statusCode: 422, title: BilingualText.Pick(ex.Message));
            }
        }).WithSummary("Register a resident received on a reception day as a case (channel: visit), linked to the session");

        var cases = app.MapGroup("/api/cases/{trackingCode}").RequireAuthorization(Policies.Staff).WithTags("Contracting");

        cases.MapGet("/aftercare", async Task<Results<Ok<CaseAftercareDto>, ProblemHttpResult>> (string trackingCode, FengqiaoDbContext db, ContractingDesk desk, CancellationToken ct) =>
            await CaseIdAsync(db, trackingCode, ct) is { } caseId ? TypedResults.Ok(await AftercareAsync(desk, caseId, ct)) : CaseNotFound())
            .WithSummary("The case's contracts, follow-up visits and look-back reviews");

        cases.MapPost("/contracts", async Task<Results<Created<ContractDto>, ValidationProblem, ProblemHttpResult>> (string trackingCode, AssignContractDto request, HttpContext http,
            ContractingDesk desk, ILoggerFactory logs, CancellationToken ct) =>
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
        }).WithSummary("Assign the case to a leader (包案) or to an area leader with a village leader (双包案)");

        cases.MapPost("/follow-ups", async Task<Results<Created<FollowUpVisitDto>, ProblemHttpResult>> (string trackingCode, FollowUpDto request, HttpContext http, ContractingDesk desk, ILoggerFactory logs, CancellationToken ct) =>
        {
            if (!MayVisit(http.User))
            {
                return Forbidden();
            }
            try
            {
                var v = await desk.RecordVisitAsync(trackingCode, request.Method, request.Outcome, request.Satisfied, request.Notes, http.User.Identity!.Name!, ct);
                return v is null ? CaseNotFound() : TypedResults.Created($"/api/cases/{trackingCode}/aftercare", ToDto(v));
            }
            catch (ContractingRuleException ex)
            {
                ContractingLog.Refused(logs.CreateLogger("Fengqiao.Contracting"), http.User.Identity!.Name!, "follow-up", ex.Message);
                return TypedResults.Problem(statusCode: 422, title: BilingualText.Pick(ex.Message));
            }
        }).WithSummary("Record a follow-up visit (回访) to a closed case");

        cases.MapPost("/look-backs", async Task<Results<Created<LookBackDto>, ProblemHttpResult>> (string trackingCode, StartLookBackDto request, HttpContext http, ContractingDesk desk, ILoggerFactory logs, CancellationToken ct) =>
        {
            if (!MayVisit(http.User))
            {
                return Forbidden();
            }
            try
            {
                var r = await desk.StartReviewAsync(trackingCode, request.VisitId, request.Reason, http.User.Identity!.Name!, ct);
                return r is null ? CaseNotFound() : TypedResults.Created($"/api/cases/{trackingCode}/aftercare", ToDto(r));
            }
            catch (ContractingRuleException ex)
            {
                ContractingLog.Refused(logs.CreateLogger("Fengqiao.Contracting"), http.User.Identity!.Name!, "look-back", ex.Message);
                return TypedResults.Problem(statusCode: 422, title: BilingualText.Pick(ex.Message));
            }
        }).WithSummary("Start a look-back review (回头看) of a closed case");

        var limits = app.MapGroup("/api/admin/whistle-limits").RequireAuthorization(Policies.Administrator).WithTags("Whistles");
        limits.MapGet("/", async (WhistleLimitBook book, CancellationToken ct) => TypedResults.Ok(await book.InForceAsync(ct)))
            .WithSummary("The per-level whistle limits in force (stored, or the documented defaults)");
        limits.MapPut("/{level}", async Task<Results<Ok<IReadOnlyList<WhistleLimitSetting>>, ProblemHttpResult>> (WhistleLevel level, WhistleLimitSetting request, HttpContext http,
            WhistleLimitBook book, CancellationToken ct) =>
        {
            try
            {
                return TypedResults.Ok(await book.SetAsync(request with { Level = level }, http.User.Identity!.Name!, ct));
            }
            catch (WhistleRuleException ex)
            {
                return TypedResults.Problem(statusCode: 422, title: BilingualText.Pick(ex.Message));
            }
        }).WithSummary("Set one level's limits (administrators); the escalation timer reads them on its next pass");

        var notices = app.MapGroup("/api/rankings/notices").RequireAuthorization(Policies.Staff).WithTags("Rankings");
        notices.MapGet("/", async (RankingNoticeDesk desk, CancellationToken ct) => TypedResults.Ok((await desk.ListAsync(ct)).Select(ToDto).ToList()))
            .WithSummary("The published monthly notices, newest first, as published");
        notices.MapPost("/", async Task<Results<Created<RankingNoticeDto>, ProblemHttpResult>> (string? month, string? county, HttpContext http, RankingNoticeDesk desk, IClock clock, CancellationToken ct) =>
        {
            if (!MayPublish(http.User) || WhistlesApi.UnitOf(http) is not { } unit)
            {
                return Forbidden();
            }
            if (Assessment.Endpoints.ParseRequest(month, null, null, null, null, null, clock) is not ({ } m, { } scheme))
            {
                return TypedResults.Problem(statusCode: 400, title: BilingualText.Pick("月份应为 yyyy-MM (month must be yyyy-MM)"));
            }
            var issuer = http.User.FindFirst(FengqiaoClaims.UnitName)?.Value ?? "信访工作联席会议办公室";
            var notice = await desk.PublishAsync(m, county, scheme, unit, issuer, http.User.Identity!.Name!, ct);
            return TypedResults.Created($"/api/rankings/notices/{notice.Id}/docx", ToDto(notice));
        }).WithSummary("Publish the month's notice (访情通报): figures, text and Word file frozen as of now");
        notices.MapGet("/{id:guid}/docx", async Task<Results<FileContentHttpResult, ProblemHttpResult>> (Guid id, RankingNoticeDesk desk, CancellationToken ct) =>
            await desk.FindAsync(id, ct) is { } n
                ? TypedResults.File(n.Docx, "application/vnd.openxmlformats-officedocument.wordprocessingml.document", $"notice-{n.Month}-{n.PublishedAt.ToUnixTimeSeconds()}.docx")
                : NotFound("通报不存在 (no such notice)"))
            .WithSummary("A published notice's Word file, exactly as published");
    }

    public static async Task<List<EligibleLeaderDto>> EligibleLeadersAsync(FengqiaoDbContext db, CancellationToken ct)
    {
        var staff = await StaffDirectory.VisibleAsync(db, ct);
        var unitIds = staff.Where(s => s.UnitId is not null).Select(s => s.UnitId!.Value).Distinct().ToList();
        var kinds = await db.Units.AsNoTracking().Where(u => unitIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.Kind, ct);
        return [.. staff.Select(s =>
        {
            var roles = s.Roles.Select(r => Enum.TryParse<StaffRole>(r, out var x) ? x : (StaffRole?)null).Where(r => r is not null).Select(r => r!.Value).ToList();
            UnitKind? kind = s.UnitId is { } u && kinds.TryGetValue(u, out var k) ? k : null;
            var places = Enum.GetValues<LeaderRole>().Where(p => LeaderEligibility.Allows(p, roles, kind)).ToList();
            return new EligibleLeaderDto(s.Id, s.DisplayName, s.UnitName, places);
        }).Where(l => l.Roles.Count > 0)];
    }

    public static async Task<CaseAftercareDto> AftercareAsync(ContractingDesk desk, Guid caseId, CancellationToken ct)
    {
        var (visits, reviews) = await desk.AftercareAsync(caseId, ct);
        return new CaseAftercareDto([.. (await desk.ForCaseAsync(caseId, ct)).Select(ToDto)], [.. visits.Select(ToDto)], [.. reviews.Select(ToDto)]);
    }

    public static ContractDto ToDto(ContractView v) => new(v.Contract.Id, v.CaseCode, v.CaseTitle, v.CaseState, v.Contract.Kind, v.Contract.State, v.Contract.AssignedAt,
        v.Contract.AssignedBy, v.Contract.ReleasedAt, v.Contract.ReleaseSummary, v.Contract.Version, [.. v.Leaders.Select(l => new ContractLeaderDto(l.StaffId, l.Name, l.Role, l.UnitId))]);

    public static FollowUpVisitDto ToDto(FollowUpVisitRecord v) => new(v.Id, v.VisitedAt, v.VisitedBy, v.Method, v.Outcome, v.ResidentSatisfied, v.Notes, v.CallsForLookBack);

    public static LookBackDto ToDto(LookBackReviewRecord r) => new(r.Id, r.FollowUpVisitId, r.Reason, r.StartedAt, r.StartedBy, r.Decision, r.Findings, r.DecidedAt, r.DecidedBy, r.ReopenedTo, r.Version);

    public static ReceptionScheduleDto ToDto(ReceptionScheduleRecord s) => new(s.Id, s.LeaderStaffId, s.LeaderName, s.Day, s.From.ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture),
        s.To.ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture), s.Place);

    public static RankingNoticeDto ToDto(RankingNoticeRecord n) => new(n.Id, n.Month, n.County, n.IssuerName, n.PublishedAt, n.PublishedBy, n.Text);

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

    private static async Task<Guid?> CaseIdAsync(FengqiaoDbContext db, string trackingCode, CancellationToken ct) =>
        await db.Cases.Where(c => c.TrackingCode == trackingCode).Select(c => (Guid?)c.Id).FirstOrDefaultAsync(ct);

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
