using Fengqiao.Core.Assessment;
using Fengqiao.Core.Letters;
using Fengqiao.Core.Organisations;
using Fengqiao.Data;
using Fengqiao.Data.Assessment;
using Fengqiao.Data.Letters;
using Fengqiao.Data.Whistles;
using Fengqiao.Web.Auth;
using Fengqiao.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using NodaTime.Text;

namespace Fengqiao.Web.Api;

public sealed record DraftLetterDto(LetterType Type, Guid RecipientUnitId, string? Risk, string? Reason, Guid? ProposalId);

public sealed record LetterActionDto(LetterAction Action, int ExpectedVersion, string? Text);

public sealed record LetterDto(Guid Id, Guid CaseId, string CaseCode, LetterType Type, LetterState State, string? Number, string Title, string RecipientName, Guid RecipientUnitId,
    Guid IssuingUnitId, string Salutation, IReadOnlyList<string> Paragraphs, string SignatureUnit, string DraftedBy, string? ApprovedBy, Instant DraftedAt, Instant? IssuedAt,
    Instant? ReplyDueAt, Instant? RepliedAt, string? ReplyText, LetterReplyStatus ReplyStatus, int Version);

public sealed record ProposalDto(Guid Id, Guid CaseId, string CaseCode, string RuleCode, string RuleName, LetterType Type, Guid? RecipientUnitId, string Why, Instant ProposedAt, ProposalState State, Guid? LetterId);

public sealed record LetterRuleDto(string Code, string Name, LetterTrigger Trigger, LetterType Proposes, int Threshold, int PeriodDays, bool Enabled, int Version);

/// <summary>Supervision letters (督办函 / 风险提示函 / 问责建议函) and the rule proposals; the monthly ranking is in <see cref="Assessment.Endpoints"/>.</summary>
public static class LettersApi
{
    private const string DocxType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

    public static void MapLettersApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/letters").RequireAuthorization(Policies.Staff).WithTags("Letters");

        group.MapGet("/", async (LetterState? state, LetterType? type, bool? toMe, HttpContext http, FengqiaoDbContext db, CancellationToken ct) =>
            TypedResults.Ok(await LetterList.QueryAsync(db, state, type, toMe == true ? WhistlesApi.UnitOf(http) : null, null, ct)))
            .WithSummary("Letters in the caller's scope (and those the caller's unit issued or received), newest first");

        group.MapGet("/{id:guid}", async Task<Results<Ok<LetterDto>, ProblemHttpResult>> (Guid id, LetterDesk desk, FengqiaoDbContext db, IClock clock, CancellationToken ct) =>
            await desk.LoadAsync(id, ct) is { } l ? TypedResults.Ok(await ToDtoAsync(desk, clock, l.Record, l.Letter, ct)) : NotFound());

        group.MapGet("/{id:guid}/docx", async Task<Results<FileContentHttpResult, ProblemHttpResult>> (Guid id, LetterDesk desk, FengqiaoDbContext db, CancellationToken ct) =>
        {
            if (await desk.LoadAsync(id, ct) is not { } l)
            {
                return NotFound();
            }
            var issuer = await db.Units.Where(u => u.Id == l.Record.IssuingUnitId).Select(u => u.Name).FirstAsync(ct);
            var name = l.Letter.Number?.ToString() ?? $"draft-{l.Record.Id:N}";
            return TypedResults.File(OfficialDocx.Letter(l.Letter.ToDocument(), issuer), DocxType, $"{name}.docx");
        }).WithSummary("The letter as a Word document in the official layout (a draft is marked 征求意见稿)");

        group.MapPost("/{id:guid}/actions", async Task<Results<Ok<LetterDto>, ProblemHttpResult>> (
            Guid id, LetterActionDto request, HttpContext http, LetterDesk desk, FengqiaoDbContext db, IClock clock, ILoggerFactory logs, CancellationToken ct) =>
        {
            var actor = http.User.Identity!.Name!;
            if (WhistlesApi.UnitOf(http) is not { } unit)
            {
                return TypedResults.Problem(statusCode: 403, title: BilingualText.Pick("您的账号不属于任何单位 (your account has no unit)"));
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
        }).WithSummary("审签, 印发 (numbered per issuer, type and year), 签收, 回复 — on the version you saw");

        group.MapGet("/proposals", async (FengqiaoDbContext db, CancellationToken ct) => TypedResults.Ok(await db.LetterProposals.AsNoTracking()
            .Where(p => p.State == ProposalState.Pending).OrderByDescending(p => p.ProposedAt).Take(500)
            .Select(p => new ProposalDto(p.Id, p.CaseId, p.CaseCode, p.RuleCode, p.RuleName, p.Type, p.RecipientUnitId, p.Why, p.ProposedAt, p.State, p.LetterId)).ToListAsync(ct)))
            .WithSummary("Letters the rules propose, each naming its rule, waiting for a person");

        group.MapPost("/proposals/{id:guid}/dismiss", async Task<Results<NoContent, ProblemHttpResult>> (Guid id, HttpContext http, FengqiaoDbContext db, IClock clock, CancellationToken ct) =>
        {
            var p = await db.LetterProposals.FirstOrDefaultAsync(x => x.Id == id, ct);
            if (p is null || p.State != ProposalState.Pending)
            {
                return TypedResults.Problem(statusCode: 404, title: BilingualText.Pick("没有待处理的该项建议 (no such pending proposal)"));
            }
            p.State = ProposalState.Dismissed;
            p.DecidedAt = clock.GetCurrentInstant();
            p.DecidedBy = http.User.Identity!.Name!;
            await db.SaveChangesAsync(ct);
            return TypedResults.NoContent();
        }).WithSummary("Decline a proposal (不予采纳)");

        var rules = app.MapGroup("/api/letters/rules").RequireAuthorization(Policies.Administrator).WithTags("Letters");
        rules.MapGet("/", async (LetterRuleBook book, CancellationToken ct) =>
            TypedResults.Ok((await book.ListAsync(ct)).Select(r => new LetterRuleDto(r.Code, r.Name, r.Trigger, r.Proposes, r.Threshold, r.PeriodDays, r.Enabled, r.Version)).ToList()))
            .WithSummary("The letter-proposal rules");
        rules.MapPut("/{code}", async Task<Results<Ok<LetterRuleDto>, ProblemHttpResult>> (string code, LetterRuleDto request, LetterRuleBook book, CancellationToken ct) =>
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
        }).WithSummary("Edit a rule (administrators)");

        var cases = app.MapGroup("/api/cases/{trackingCode}/letters").RequireAuthorization(Policies.Staff).WithTags("Letters");
        cases.MapGet("/", async Task<Results<Ok<IReadOnlyList<LetterListItem>>, ProblemHttpResult>> (string trackingCode, FengqiaoDbContext db, CancellationToken ct) =>
        {
            var caseId = await db.Cases.Where(c => c.TrackingCode == trackingCode).Select(c => (Guid?)c.Id).FirstOrDefaultAsync(ct);
            return caseId is null
                ? TypedResults.Problem(statusCode: 404, title: BilingualText.Pick("案件不存在或不在您的可见范围内 (no such case in your scope)"))
                : TypedResults.Ok(await LetterList.QueryAsync(db, null, null, null, caseId, ct));
        });
        cases.MapPost("/", async Task<Results<Created<LetterDto>, ProblemHttpResult>> (string trackingCode, DraftLetterDto request, HttpContext http, LetterDesk desk, FengqiaoDbContext db, IClock clock, ILoggerFactory logs, CancellationToken ct) =>
        {
            if (WhistlesApi.UnitOf(http) is not { } unit)
            {
                return TypedResults.Problem(statusCode: 403, title: BilingualText.Pick("您的账号不属于任何单位 (your account has no unit)"));
            }
            try
            {
                var drafted = await desk.DraftAsync(trackingCode, new DraftRequest(request.Type, request.RecipientUnitId, request.Risk, request.Reason, request.ProposalId), unit, http.User.Identity!.Name!, ct);
                return drafted is { } d
                    ? TypedResults.Created($"/api/letters/{d.Record.Id}", await ToDtoAsync(desk, clock, d.Record, d.Letter, ct))
                    : TypedResults.Problem(statusCode: 404, title: BilingualText.Pick("案件不存在或不在您的可见范围内 (no such case in your scope)"));
            }
            catch (LetterRuleException ex)
            {
                LetterLog.Refused(logs.CreateLogger("Fengqiao.Letters"), http.User.Identity!.Name!, Guid.Empty, "Draft", ex.Message);
                return TypedResults.Problem(statusCode: 422, title: BilingualText.Pick(ex.Message));
            }
        }).WithSummary("Draft a letter on a case from its template and the case facts (拟稿)");
    }

    private static ProblemHttpResult NotFound() =>
        TypedResults.Problem(statusCode: 404, title: BilingualText.Pick("函件不存在或不在您的可见范围内 (no such letter in your scope)"));

    public static async Task<LetterDto> ToDtoAsync(LetterDesk desk, IClock clock, LetterRecord r, Letter l, CancellationToken ct)
    {
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
