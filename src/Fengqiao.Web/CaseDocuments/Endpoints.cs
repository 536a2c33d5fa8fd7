using Fengqiao.Core.Cases.Documents;
using Fengqiao.Data.CaseDocuments;
using Fengqiao.Web.Infrastructure;
using Fengqiao.Web.Portal;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using NodaTime;

namespace Fengqiao.Web.CaseDocuments;

/// <summary>One document of a case in a list: what it is, its number and date, whether it came late.</summary>
public sealed record CaseDocumentDto(CaseDocumentKind Kind, int Occurrence, string Title, string Number, string Issuer, LocalDate IssuedOn, string DateText,
    bool ForResident, bool Late, string FileName);

/// <summary>
/// The documents of case work (受理告知书, 处理意见书 …). Staff list and open them within their scope: a case they may
/// not open answers 404, as if it did not exist. The resident opens their own case's documents by posting both codes
/// from the tracking page (the query code never goes into a URL); a wrong pair counts as a failed attempt like any
/// other and reveals nothing.
/// </summary>
public static class Endpoints
{
    public static void MapCaseDocuments(this IEndpointRouteBuilder app)
    {
        var staff = app.MapGroup("/api/cases/{trackingCode}/documents").RequireAuthorization(Policies.Staff).WithTags("Cases");
        staff.MapGet("/", List).WithSummary("The case's documents (受理告知书, 转送/交办单, 延期告知书, 处理/复查/复核意见书), oldest first");
        staff.MapGet("/{kind}/{occurrence:int}/docx", Docx).WithSummary("One document as a Word file in the official layout");
        staff.MapGet("/{kind}/{occurrence:int}/print", Print).WithSummary("One document as an A4 print view");
        // The resident acts with the case's two codes, not an account: anonymous by design, as /query/rate.
        app.MapPost("/query/documents", ForCodeHolder).ExcludeFromDescription().AllowAnonymous();
    }

    private static async Task<Results<Ok<IReadOnlyList<CaseDocumentDto>>, ProblemHttpResult>> List(string trackingCode, CaseDocumentDesk desk, CancellationToken ct) =>
        await desk.ForStaffAsync(trackingCode, ct) is { } set
            ? TypedResults.Ok<IReadOnlyList<CaseDocumentDto>>([.. set.Documents.Select(ToDto)])
            : NotFound();

    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> Docx(string trackingCode, string kind, int occurrence, CaseDocumentDesk desk, CancellationToken ct) =>
        await FindAsync(desk, trackingCode, kind, occurrence, ct) is { } document
            ? TypedResults.File(CaseDocumentFiles.Docx(document), CaseDocumentFiles.DocxType, document.FileStem + ".docx")
            : NotFound();

    private static async Task<Results<ContentHttpResult, ProblemHttpResult>> Print(string trackingCode, string kind, int occurrence, CaseDocumentDesk desk, CancellationToken ct) =>
        await FindAsync(desk, trackingCode, kind, occurrence, ct) is { } document
            ? PrintView(document)
            : NotFound();

    private static async Task<IResult> ForCodeHolder([FromForm] string? code, [FromForm] string? key, [FromForm] string? kind, [FromForm] int? occurrence, [FromForm] string? format,
        HttpContext http, PublicAbuseGuard guard, CaseDocumentDesk desk, CancellationToken ct)
    {
        if (!TryKind(kind, out var documentKind) || occurrence is not > 0 || format is not ("docx" or "print"))
        {
            await PublicGuards.RefuseAsync(http, 400, "请求的文书无效 (no such document)");
            return Results.Empty;
        }
        if (await guard.ChallengeRequiredAsync(http))
        {
            await PublicGuards.RefuseAsync(http, 429, "失败次数较多，请先在查询页回答验证问题 (several attempts failed; answer the question on the tracking page first)");
            return Results.Empty;
        }
        if (await desk.ForCodeHolderAsync(code, key, ct) is not { } set)
        {
            await guard.RecordFailureAsync(http);
            await PublicGuards.RefuseAsync(http, 404, "编号或查询码不正确 (no case with that number and query code)");
            return Results.Empty;
        }
        if (set.Find(documentKind, occurrence.Value) is not { } document)
        {
            await PublicGuards.RefuseAsync(http, 404, "该案件没有这份文书 (the case has no such document)");
            return Results.Empty;
        }
        // A document carries the petitioner's matter: not for shared caches.
        http.Response.Headers.CacheControl = "no-store";
        return format == "docx"
            ? TypedResults.File(CaseDocumentFiles.Docx(document), CaseDocumentFiles.DocxType, document.FileStem + ".docx")
            : PrintView(document);
    }

    private static ContentHttpResult PrintView(CaseDocument document) =>
        TypedResults.Content(CaseDocumentFiles.PrintHtml(document, BilingualText.Pick("打印 (Print)")), "text/html; charset=utf-8");

    private static async Task<CaseDocument?> FindAsync(CaseDocumentDesk desk, string trackingCode, string kind, int occurrence, CancellationToken ct) =>
        TryKind(kind, out var k) && await desk.ForStaffAsync(trackingCode, ct) is { } set ? set.Find(k, occurrence) : null;

    // Names only (AcceptanceNotice), never numbers, so a URL reads as what it opens.
    private static bool TryKind(string? text, out CaseDocumentKind kind) =>
        Enum.TryParse(text, ignoreCase: false, out kind) && Enum.IsDefined(kind) && !char.IsAsciiDigit(text![0]);

    public static CaseDocumentDto ToDto(CaseDocument d) =>
        new(d.Kind, d.Occurrence, d.Title, d.Number.ToString(), d.IssuerName, d.IssuedOn, d.DateText, d.ForResident, d.Late, d.FileStem + ".docx");

    private static ProblemHttpResult NotFound() =>
        TypedResults.Problem(statusCode: 404, title: BilingualText.Pick("没有这份文书，或您无权查看该案件 (no such document, or the case is outside your scope)"));
}
