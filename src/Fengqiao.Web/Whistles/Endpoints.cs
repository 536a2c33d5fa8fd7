using Fengqiao.Core.Whistles;
using Fengqiao.Data.Letters;
using Fengqiao.Data.Whistles;
using Fengqiao.Web.Auth;
using Fengqiao.Web.Infrastructure;
using Fengqiao.Web.Jobs;
using Microsoft.AspNetCore.Http.HttpResults;
using NodaTime;

namespace Fengqiao.Web.Whistles;

public sealed record SummonDto(Guid DepartmentId, string? Task);

public sealed record BlowWhistleDto(WhistleSource Source, WhistleLevel Level, string? Reason, IReadOnlyList<SummonDto>? Departments);

/// <summary>What a whistle action asks for (Core's <see cref="WhistleAction"/>); which fields matter depends on the action.</summary>
public sealed record WhistleActionDto(WhistleAction Action, int ExpectedVersion, Guid? DepartmentId, string? Text, int? Timeliness, int? Attitude, int? Result);

public sealed record SummonsDto(Guid DepartmentId, string DepartmentName, string Task, SummonsStatus Status, Instant? DueAt, string? Result, bool Flagged,
    int? Timeliness, int? Attitude, int? ResultScore, string? RatingComment);

public sealed record WhistleEventDto(int Sequence, string Kind, WhistleLevel Level, string Actor, Instant At, string Data);

public sealed record ReferralDto(Guid Id, Guid DepartmentId, string DepartmentName, Instant IssuedAt, string IssuedBy, IReadOnlyList<string> Flags, IReadOnlyList<string> Letters, int TimelineEntries);

/// <summary>An escalation notice: the level it announced and the unit told.</summary>
public sealed record WhistleNoticeDto(WhistleLevel Level, Guid UnitId, string UnitName, string Subject, Instant CreatedAt);

public sealed record WhistleDto(Guid Id, Guid CaseId, string CaseCode, string CaseTitle, Guid BlowingUnitId, WhistleSource Source, WhistleLevel InitialLevel, WhistleLevel Level,
    WhistleState State, string Reason, Instant BlownAt, string BlownBy, Instant? NextDueAt, int Version, IReadOnlyList<SummonsDto> Summonses,
    IReadOnlyList<WhistleEventDto> Events, IReadOnlyList<ReferralDto> Referrals, IReadOnlyList<WhistleNoticeDto> Notices);

/// <summary>
/// 吹哨报到: blow a whistle on a case, each summoned department acts, the blower rates, the office refers; and the
/// per-level limits administrators set. The rules are Core's <see cref="Whistle"/>; <see cref="WhistleDesk"/> keeps the
/// log and reads in the viewer's scope.
/// </summary>
public static class Endpoints
{
    /// <summary>The desks and the two timers (escalation, letter proposals); intervals in seconds, 0 turns a timer off on this node.</summary>
    public static IServiceCollection AddWhistles(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddWhistlesData(configuration);
        services.AddLeasedJob<WhistleEscalationJob>(configuration, "Whistles:EscalationSeconds", 60);
        services.AddLeasedJob<LetterProposalSweep>(configuration, "Letters:ProposalSeconds", 300);
        return services;
    }

    public static void MapWhistles(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/whistles").RequireAuthorization(Policies.Staff).WithTags("Whistles");
        group.MapGet("/", List).WithSummary("Whistles in the caller's scope (and those summoning the caller's unit), newest first");
        group.MapGet("/{id:guid}", Get).WithSummary("One whistle with its departments, timeline and referrals");
        group.MapPost("/{id:guid}/actions", Act).WithSummary("Act on the version of the whistle you saw: 报到, 处置, 反馈, 拒绝, 评价, 闭环, 升级, 增派, 移交纪委监委");
        group.MapGet("/{id:guid}/referrals/{packId:guid}/docx", EvidencePack).WithSummary("The referral's evidence pack (移交材料) as a Word document");

        var cases = app.MapGroup("/api/cases/{trackingCode}/whistles").RequireAuthorization(Policies.Staff).WithTags("Whistles");
        cases.MapGet("/", ForCase).WithSummary("The whistles blown on a case");
        cases.MapPost("/", Blow).WithSummary("Blow the whistle (吹哨) on a case: level, source, reason, departments and their tasks");

        var limits = app.MapGroup("/api/admin/whistle-limits").RequireAuthorization(Policies.Administrator).WithTags("Whistles");
        limits.MapGet("/", Limits).WithSummary("The per-level whistle limits in force (stored, or the documented defaults)");
        limits.MapPut("/{level}", SetLimit).WithSummary("Set one level's limits (administrators); the escalation timer reads them on its next pass");
    }

    private static async Task<Ok<IReadOnlyList<WhistleListItem>>> List(WhistleState? state, WhistleLevel? level, bool? mine, int? take, HttpContext http, WhistleDesk desk, CancellationToken ct) =>
        TypedResults.Ok(await desk.ListAsync(state, level, mine == true ? FengqiaoClaims.Unit(http.User) : null, take ?? 200, ct));

    private static async Task<Results<Ok<WhistleDto>, ProblemHttpResult>> Get(Guid id, WhistleDesk desk, CancellationToken ct) =>
        await desk.LoadAsync(id, ct) is { } loaded ? TypedResults.Ok(ToDto(loaded.Record, loaded.Whistle, await desk.ParticularsAsync(loaded.Record, ct))) : NotFound();

    private static async Task<Results<Ok<WhistleDto>, ValidationProblem, ProblemHttpResult>> Act(Guid id, WhistleActionDto request, HttpContext http, WhistleDesk desk,
        ILoggerFactory logs, CancellationToken ct)
    {
        var actor = new WhistleActor(http.User.Identity!.Name!, FengqiaoClaims.Unit(http.User), FengqiaoClaims.Roles(http.User));
        if (actor.Unit is null)
        {
            return TypedResults.Problem(statusCode: 403, title: BilingualText.Pick(Whistle.NoUnit));
        }
        // What was entered: 评价, 增派 and 移交 need a department; the marks are Core's to judge (DepartmentRating.FromMarks).
        if (!Enum.IsDefined(request.Action)
            || (request.Action is WhistleAction.Rate or WhistleAction.Summon or WhistleAction.Refer && request.DepartmentId is null))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                [nameof(request.Action)] = [BilingualText.Pick($"操作 {request.Action} 缺少部门 (action {request.Action} needs a department)")],
            });
        }
        var rating = request.Action == WhistleAction.Rate ? new RatingMarks(request.Timeliness, request.Attitude, request.Result, request.Text) : null;
        try
        {
            var taken = await desk.TakeAsync(id, request.ExpectedVersion, request.Action, actor, new WhistleInput(request.DepartmentId, request.Text, rating), ct);
            return taken is { } applied ? TypedResults.Ok(ToDto(applied.Record, applied.Whistle, await desk.ParticularsAsync(applied.Record, ct))) : NotFound();
        }
        catch (WhistleConflictException ex)
        {
            return TypedResults.Problem(statusCode: 409, title: BilingualText.Pick(ex.Message), extensions: new Dictionary<string, object?> { ["currentVersion"] = ex.Actual });
        }
        catch (WhistleRuleException ex) when (ex.Field is { } field)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [BilingualText.Pick(ex.Message)] });
        }
        catch (WhistleRuleException ex)
        {
            WhistleLog.Refused(logs.CreateLogger("Fengqiao.Whistles"), actor.Name, id, request.Action.ToString(), ex.Message);
            return TypedResults.Problem(statusCode: 422, title: BilingualText.Pick(ex.Message));
        }
    }

    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> EvidencePack(Guid id, Guid packId, WhistleDesk desk, CancellationToken ct)
    {
        if (await desk.LoadAsync(id, ct) is not { } loaded || loaded.Whistle.Referrals.FirstOrDefault(r => r.Id == packId) is not { } pack)
        {
            return NotFound();
        }
        var particulars = await desk.ParticularsAsync(loaded.Record, ct);
        var bytes = WhistleDocuments.EvidencePack(pack, particulars.CaseCode, particulars.CaseTitle, desk.Policy.Calculator);
        return TypedResults.File(bytes, "application/vnd.openxmlformats-officedocument.wordprocessingml.document", $"evidence-{particulars.CaseCode}-{pack.DepartmentName}.docx");
    }

    private static async Task<Results<Ok<IReadOnlyList<WhistleListItem>>, ProblemHttpResult>> ForCase(string trackingCode, WhistleDesk desk, CancellationToken ct) =>
        await desk.ForCaseAsync(trackingCode, 100, ct) is { } whistles ? TypedResults.Ok(whistles) : CasesNotFound();

    private static async Task<Results<Created<WhistleDto>, ValidationProblem, ProblemHttpResult>> Blow(string trackingCode, BlowWhistleDto request, HttpContext http, WhistleDesk desk,
        ILoggerFactory logs, CancellationToken ct)
    {
        if (FengqiaoClaims.Unit(http.User) is not { } unit)
        {
            return TypedResults.Problem(statusCode: 403, title: BilingualText.Pick("您的账号不属于任何单位，不能吹哨 (your account has no unit and cannot blow a whistle)"));
        }
        try
        {
            var blown = await desk.BlowAsync(trackingCode, new BlowRequest(request.Source, request.Level, request.Reason,
                [.. (request.Departments ?? []).Select(d => new SummonRequest(d.DepartmentId, d.Task))]), unit, http.User.Identity!.Name!, ct);
            if (blown is not { } b)
            {
                return CasesNotFound();
            }
            return TypedResults.Created($"/api/whistles/{b.Record.Id}", ToDto(b.Record, b.Whistle, await desk.ParticularsAsync(b.Record, ct)));
        }
        catch (WhistleRuleException ex)
        {
            WhistleLog.Refused(logs.CreateLogger("Fengqiao.Whistles"), http.User.Identity!.Name!, Guid.Empty, "Blow", ex.Message);
            return TypedResults.Problem(statusCode: 422, title: BilingualText.Pick(ex.Message));
        }
    }

    private static async Task<Ok<IReadOnlyList<WhistleLimitSetting>>> Limits(WhistleLimitBook book, CancellationToken ct) => TypedResults.Ok(await book.InForceAsync(ct));

    private static async Task<Results<Ok<IReadOnlyList<WhistleLimitSetting>>, ProblemHttpResult>> SetLimit(WhistleLevel level, WhistleLimitSetting request, HttpContext http,
        WhistleLimitBook book, CancellationToken ct)
    {
        try
        {
            return TypedResults.Ok(await book.SetAsync(request with { Level = level }, http.User.Identity!.Name!, ct));
        }
        catch (WhistleRuleException ex)
        {
            return TypedResults.Problem(statusCode: 422, title: BilingualText.Pick(ex.Message));
        }
    }

    private static ProblemHttpResult NotFound() =>
        TypedResults.Problem(statusCode: 404, title: BilingualText.Pick("吹哨不存在或不在您的可见范围内 (no such whistle in your scope)"));

    private static ProblemHttpResult CasesNotFound() =>
        TypedResults.Problem(statusCode: 404, title: BilingualText.Pick("案件不存在或不在您的可见范围内 (no such case in your scope)"));

    public static WhistleDto ToDto(WhistleRecord record, Whistle whistle, WhistleParticulars particulars)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(whistle);
        ArgumentNullException.ThrowIfNull(particulars);
        var rows = particulars.Summonses;
        return new WhistleDto(record.Id, record.CaseId, particulars.CaseCode, particulars.CaseTitle, record.BlowingUnitId, whistle.Source, whistle.InitialLevel, whistle.Level, whistle.State,
            whistle.Reason, whistle.BlownAt, record.BlownBy, record.NextDueAt, whistle.Version,
            [.. whistle.Summonses.Select(s =>
            {
                var row = rows.FirstOrDefault(r => r.DepartmentId == s.DepartmentId);
                return new SummonsDto(s.DepartmentId, s.DepartmentName, s.Task, s.Status, row?.DueAt, s.Result ?? s.RefusalReason, row?.Flagged ?? false,
                    s.Rating?.Timeliness.Value, s.Rating?.Attitude.Value, s.Rating?.Result.Value, s.Rating?.Comment);
            })],
            [.. particulars.Events.Select(e => new WhistleEventDto(e.Sequence, e.Kind, WhistleReplay.FromLink(WhistleDesk.ToLink(e)).Level, e.Actor, e.At, e.Data))],
            [.. whistle.Referrals.Select(r => new ReferralDto(r.Id, r.DepartmentId, r.DepartmentName, r.IssuedAt, r.IssuedBy,
                [.. r.Flags.Select(f => f.Reason.ToString())], [.. r.Letters.Select(l => l.Number.ToString())], r.Timeline.Length))],
            [.. particulars.Notices.Select(n => new WhistleNoticeDto(n.Level, n.UnitId, n.UnitName, n.Subject, n.CreatedAt))]);
    }
}

internal static partial class WhistleLog
{
    [LoggerMessage(Level = LogLevel.Warning, Message = "{Actor} was refused {Action} on whistle {Whistle}: {Reason}")]
    public static partial void Refused(ILogger logger, string actor, Guid whistle, string action, string reason);
}
