using Fengqiao.Core.Letters;
using Fengqiao.Data.Letters;
using Fengqiao.Web.Auth;
using Fengqiao.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using NodaTime;

namespace Fengqiao.Web.Letters;

public sealed record DraftLetterDto(LetterType Type, Guid RecipientUnitId, string? Risk, string? Reason, Guid? ProposalId);

public sealed record LetterActionDto(LetterAction Action, int ExpectedVersion, string? Text);

public sealed record LetterDto(Guid Id, Guid CaseId, string CaseCode, LetterType Type, LetterState State, string? Number, string Title, string RecipientName, Guid RecipientUnitId,
    Guid IssuingUnitId, string Salutation, IReadOnlyList<string> Paragraphs, string SignatureUnit, string DraftedBy, string? ApprovedBy, Instant DraftedAt, Instant? IssuedAt,
    Instant? ReplyDueAt, Instant? RepliedAt, string? ReplyText, LetterReplyStatus ReplyStatus, int Version);

public sealed record ProposalDto(Guid Id, Guid CaseId, string CaseCode, string RuleCode, string RuleName, LetterType Type, Guid? RecipientUnitId, string Why, Instant ProposedAt, ProposalState State, Guid? LetterId);

public sealed record LetterRuleDto(string Code, string Name, LetterTrigger Trigger, LetterType Proposes, int Threshold, int PeriodDays, bool Enabled, int Version);

/// <summary>
/// Supervision letters (督办函 / 风险提示函 / 问责建议函), the rules' proposals and the rules themselves. The letter's
/// rules are Core's <see cref="Letter"/>; lists, files and proposals are <see cref="LetterDesk"/>'s, in the viewer's scope.
/// </summary>
public static class Endpoints
{
    private const string DocxType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

    public static void MapLetters(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/letters").RequireAuthorization(Policies.Staff).WithTags("Letters");
        group.MapGet("/", List).WithSummary("Letters in the caller's scope (and those the caller's unit issued or received), newest first");
        group.MapGet("/{id:guid}", Get);
        group.MapGet("/{id:guid}/docx", WordFile).WithSummary("The letter as a Word document in the official layout (a draft is marked 征求意见稿)");
        group.MapPost("/{id:guid}/actions", Act).WithSummary("审签, 印发 (numbered per issuer, type and year), 签收, 回复 — on the version you saw");
        group.MapGet("/proposals", Proposals).WithSummary("Letters the rules propose, each naming its rule, waiting for a person");
        group.MapPost("/proposals/{id:guid}/dismiss", Dismiss).WithSummary("Decline a proposal (不予采纳)");

        var rules = app.MapGroup("/api/letters/rules").RequireAuthorization(Policies.Administrator).WithTags("Letters");
        rules.MapGet("/", Rules).WithSummary("The letter-proposal rules");
        rules.MapPut("/{code}", SaveRule).WithSummary("Edit a rule (administrators)");

        var cases = app.MapGroup("/api/cases/{trackingCode}/letters").RequireAuthorization(Policies.Staff).WithTags("Letters");
        cases.MapGet("/", ForCase);
        cases.MapPost("/", Draft).WithSummary("Draft a letter on a case from its template and the case facts (拟稿)");
    }

    private static async Task<Ok<IReadOnlyList<LetterListItem>>> List(LetterState? state, LetterType? type, bool? toMe, HttpContext http, LetterDesk desk, CancellationToken ct) =>
        TypedResults.Ok(await desk.ListAsync(state, type, toMe == true ? FengqiaoClaims.Unit(http.User) : null, ct));

    private static async Task<Results<Ok<LetterDto>, ProblemHttpResult>> Get(Guid id, LetterDesk desk, IClock clock, CancellationToken ct) =>
        await desk.LoadAsync(id, ct) is { } l ? TypedResults.Ok(await ToDtoAsync(desk, clock, l.Record, l.Letter, ct)) : NotFound();

    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> WordFile(Guid id, LetterDesk desk, CancellationToken ct) =>
        await desk.WordFileAsync(id, ct) is { } file ? TypedResults.File(file.Bytes, DocxType, file.FileName) : NotFound();

    private static async Task<Results<Ok<LetterDto>, ProblemHttpResult>> Act(Guid id, LetterActionDto request, HttpContext http, LetterDesk desk, IClock clock, ILoggerFactory logs,
        CancellationToken ct)
    {
        var actor = http.User.Identity!.Name!;
        if (FengqiaoClaims.Unit(http.User) is not { } unit)
        {
            return NoUnit();
        }
        try
        {
            var result = Enum.IsDefined(request.Action)
                ? await desk.TakeAsync(id, request.ExpectedVersion, request.Action, new LetterActor(actor, unit, FengqiaoClaims.Roles(http.User)), request.Text, ct)
                : throw new LetterRuleException("未知的函件操作 (unknown letter action)");
            return result is { } r ? TypedResults.Ok(await ToDtoAsync(desk, clock, r.Record, r.Letter, ct)) : NotFound();
        }
        catch (LetterConflictException ex)
        {
            return TypedResults.Problem(statusCode: 409, title: BilingualText.Pick(ex.Message), extensions: new Dictionary<string, object?> { ["currentVersion"] = ex.Actual });
        }
        catch (LetterRuleException ex)
        {
            LetterLog.Refused(logs.CreateLogger("Fengqiao.Letters"), actor, id, request.Action.ToString(), ex.Message);
            return TypedResults.Problem(statusCode: 422, title: BilingualText.Pick(ex.Message));
        }
    }

    private static async Task<Ok<List<ProposalDto>>> Proposals(LetterDesk desk, CancellationToken ct) =>
        TypedResults.Ok((await desk.PendingProposalsAsync(500, ct)).Select(ToDto).ToList());

    private static async Task<Results<NoContent, ProblemHttpResult>> Dismiss(Guid id, HttpContext http, LetterDesk desk, CancellationToken ct) =>
        await desk.DismissProposalAsync(id, http.User.Identity!.Name!, ct)
            ? TypedResults.NoContent()
            : TypedResults.Problem(statusCode: 404, title: BilingualText.Pick("没有待处理的该项建议 (no such pending proposal)"));

    private static async Task<Ok<List<LetterRuleDto>>> Rules(LetterRuleBook book, CancellationToken ct) =>
        TypedResults.Ok((await book.ListAsync(ct)).Select(r => new LetterRuleDto(r.Code, r.Name, r.Trigger, r.Proposes, r.Threshold, r.PeriodDays, r.Enabled, r.Version)).ToList());

    private static async Task<Results<Ok<LetterRuleDto>, ProblemHttpResult>> SaveRule(string code, LetterRuleDto request, LetterRuleBook book, CancellationToken ct)
    {
        try
        {
            // Core validates the rule before anything is stored.
            var rule = new LetterRule(code, request.Name, request.Trigger, request.Proposes, request.Threshold, request.PeriodDays, request.Enabled);
            return await book.SaveAsync(rule, request.Version, ct) switch
            {
                (LetterRuleSaveOutcome.Saved, { } row) => TypedResults.Ok(new LetterRuleDto(row.Code, row.Name, row.Trigger, row.Proposes, row.Threshold, row.PeriodDays, row.Enabled, row.Version)),
                (LetterRuleSaveOutcome.Conflict, _) => TypedResults.Problem(statusCode: 409, title: BilingualText.Pick("规则已被他人修改，请刷新 (the rule changed since you loaded it)")),
                _ => TypedResults.Problem(statusCode: 404, title: BilingualText.Pick("规则不存在 (no such rule)")),
            };
        }
        catch (LetterRuleException ex)
        {
            return TypedResults.Problem(statusCode: 422, title: BilingualText.Pick(ex.Message));
        }
    }

    private static async Task<Results<Ok<IReadOnlyList<LetterListItem>>, ProblemHttpResult>> ForCase(string trackingCode, LetterDesk desk, CancellationToken ct) =>
        await desk.ForCaseAsync(trackingCode, ct) is { } letters ? TypedResults.Ok(letters) : CaseNotFound();

    private static async Task<Results<Created<LetterDto>, ProblemHttpResult>> Draft(string trackingCode, DraftLetterDto request, HttpContext http, LetterDesk desk, IClock clock,
        ILoggerFactory logs, CancellationToken ct)
    {
        if (FengqiaoClaims.Unit(http.User) is not { } unit)
        {
            return NoUnit();
        }
        try
        {
            var drafted = await desk.DraftAsync(trackingCode, new DraftRequest(request.Type, request.RecipientUnitId, request.Risk, request.Reason, request.ProposalId), unit, http.User.Identity!.Name!, ct);
            return drafted is { } d ? TypedResults.Created($"/api/letters/{d.Record.Id}", await ToDtoAsync(desk, clock, d.Record, d.Letter, ct)) : CaseNotFound();
        }
        catch (LetterRuleException ex)
        {
            LetterLog.Refused(logs.CreateLogger("Fengqiao.Letters"), http.User.Identity!.Name!, Guid.Empty, "Draft", ex.Message);
            return TypedResults.Problem(statusCode: 422, title: BilingualText.Pick(ex.Message));
        }
    }

    private static ProblemHttpResult NotFound() =>
        TypedResults.Problem(statusCode: 404, title: BilingualText.Pick("函件不存在或不在您的可见范围内 (no such letter in your scope)"));

    private static ProblemHttpResult CaseNotFound() =>
        TypedResults.Problem(statusCode: 404, title: BilingualText.Pick("案件不存在或不在您的可见范围内 (no such case in your scope)"));

    private static ProblemHttpResult NoUnit() =>
        TypedResults.Problem(statusCode: 403, title: BilingualText.Pick("您的账号不属于任何单位 (your account has no unit)"));

    public static ProposalDto ToDto(PendingProposal p)
    {
        ArgumentNullException.ThrowIfNull(p);
        return new(p.Id, p.CaseId, p.CaseCode, p.RuleCode, p.RuleName, p.Type, p.RecipientUnitId, p.Why, p.ProposedAt, p.State, p.LetterId);
    }

    public static async Task<LetterDto> ToDtoAsync(LetterDesk desk, IClock clock, LetterRecord r, Letter l, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(desk);
        ArgumentNullException.ThrowIfNull(clock);
        ArgumentNullException.ThrowIfNull(r);
        ArgumentNullException.ThrowIfNull(l);
        var code = await desk.CaseCodeAsync(r.CaseId, ct);
        var now = clock.GetCurrentInstant();
        return new LetterDto(r.Id, r.CaseId, code, l.Type, l.State, l.Number?.ToString(), l.Content.Title, l.Content.RecipientName, l.RecipientUnit, l.IssuingUnit,
            l.Content.Salutation, l.Content.Paragraphs, l.Content.SignatureUnit, l.DraftedBy, l.ApprovedBy, l.DraftedAt, l.IssuedAt, l.ReplyDeadline?.Due, l.RepliedAt, l.ReplyText,
            l.ReplyStatusAt(now), l.Version);
    }
}

internal static partial class LetterLog
{
    [LoggerMessage(Level = LogLevel.Warning, Message = "{Actor} was refused {Action} on letter {Letter}: {Reason}")]
    public static partial void Refused(ILogger logger, string actor, Guid letter, string action, string reason);
}
