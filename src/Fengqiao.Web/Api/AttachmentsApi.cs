using Fengqiao.Data.Attachments;
using Fengqiao.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using NodaTime;

namespace Fengqiao.Web.Api;

public sealed record AttachmentDto(Guid Id, string FileName, string ContentType, long Size, string Sha256, string UploadedBy, Instant UploadedAt);

public static class AttachmentsApi
{
    public static void MapAttachmentsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/cases/{trackingCode}/attachments").WithTags("Cases");

        group.MapPost("/", async Task<Results<Created<AttachmentDto>, ValidationProblem, ProblemHttpResult>> (string trackingCode, IFormFile file, HttpContext http, CaseAttachments attachments, CancellationToken ct) =>
        {
            await using var content = file.OpenReadStream();
            try
            {
                var added = await attachments.AddAsync(trackingCode, file.FileName, content, http.User.Identity!.Name!, ct);
                return added is null
                    ? Cases.Endpoints.CaseNotFound()
                    : TypedResults.Created($"/api/cases/{trackingCode}/attachments/{added.Id}", ToDto(added));
            }
            catch (AttachmentRefusedException ex)
            {
                return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["file"] = [BilingualText.Pick(ex.Message)] });
            }
        })
        .RequireAuthorization(Policies.Staff)
        // An API for programs: the sign-in cookie is SameSite=Lax, which a cross-site form post does not carry.
        .DisableAntiforgery()
        .WithMetadata(new RequestSizeLimitAttribute(12 * 1024 * 1024))
        .WithSummary("Attach a photo, PDF or Office document (≤ 10 MB) to a case");

        group.MapGet("/", async (string trackingCode, CaseAttachments attachments, CancellationToken ct) =>
                TypedResults.Ok((await attachments.ListAsync(trackingCode, ct)).Select(ToDto).ToList()))
            .RequireAuthorization().WithSummary("A case's attachments");

        group.MapGet("/{id:guid}", async Task<Results<FileStreamHttpResult, ProblemHttpResult>> (string trackingCode, Guid id, CaseAttachments attachments, CancellationToken ct) =>
                await attachments.OpenAsync(trackingCode, id, ct) is { } opened
                    ? TypedResults.File(opened.Content, opened.Attachment.ContentType, opened.Attachment.FileName)
                    : TypedResults.Problem(statusCode: 404, title: BilingualText.Pick("附件不存在或不在您的可见范围内 (no such attachment in your scope)")))
            .RequireAuthorization().WithSummary("Download one attachment");
    }

    private static AttachmentDto ToDto(CaseAttachment a) => new(a.Id, a.FileName, a.ContentType, a.Size, a.Sha256, a.UploadedBy, a.UploadedAt);
}
