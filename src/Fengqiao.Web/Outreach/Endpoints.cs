using Fengqiao.Core.Outreach;
using Fengqiao.Data.Outreach;
using Fengqiao.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using NodaTime;
using NodaTime.Text;

namespace Fengqiao.Web.Outreach;

public sealed record OutreachEventDto(Guid Id, OutreachKind Kind, OutreachAudience Audience, string Topic, string Place, string DivisionCode, string Organiser,
    LocalDate Date, int AudienceCount, IReadOnlyList<string> Photos);

public sealed record OutreachTallyDto(LocalDate From, LocalDate To, int Events, long Audience, IReadOnlyDictionary<OutreachKind, int> EventsByKind,
    IReadOnlyDictionary<OutreachAudience, int> EventsByAudience, int EventsWithoutPhotos);

/// <summary>
/// Outreach events (普法宣传 etc.): the entry form as multipart (fields and up to six photos), the list, the counts
/// per period ("30 outreach events this year"), and each photo of an event in the caller's area.
/// </summary>
public static class Endpoints
{
    private static readonly LocalDatePattern DatePattern = LocalDatePattern.Iso;

    public static void MapOutreach(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/outreach").RequireAuthorization(Policies.Staff).WithTags("Outreach");

        group.MapGet("/", async Task<Results<Ok<List<OutreachEventDto>>, ProblemHttpResult>> (string? from, string? to, OutreachDesk desk, CancellationToken ct) =>
            Period(from, to, desk.Today) is not { } p ? BadPeriod() : TypedResults.Ok((await desk.ListAsync(p.From, p.To, ct)).Select(ToDto).ToList()))
            .WithSummary("Events in the caller's area between two dates (yyyy-MM-dd; default: this year)");

        group.MapGet("/tally", async Task<Results<Ok<OutreachTallyDto>, ProblemHttpResult>> (string? from, string? to, OutreachDesk desk, CancellationToken ct) =>
        {
            if (Period(from, to, desk.Today) is not { } p)
            {
                return BadPeriod();
            }
            var t = await desk.TallyAsync(p.From, p.To, ct);
            return TypedResults.Ok(new OutreachTallyDto(t.From, t.To, t.Events, t.Audience, t.EventsByKind, t.EventsByAudience, t.EventsWithoutPhotos));
        }).WithSummary("Counts for a period: events, audience, by kind and audience, events without photos (default: this year)");

        group.MapPost("/", async Task<Results<Created<OutreachEventDto>, ValidationProblem>> ([FromForm] OutreachForm form, IFormFileCollection? photos, OutreachDesk desk, CancellationToken ct) =>
        {
            var streams = new List<OutreachPhoto>();
            try
            {
                foreach (var file in photos ?? new FormFileCollection())
                {
                    var buffer = new MemoryStream();
                    await file.CopyToAsync(buffer, ct);
                    streams.Add(new OutreachPhoto(file.FileName, buffer));
                }
                var date = string.IsNullOrWhiteSpace(form.Date) ? null : DatePattern.Parse(form.Date) is { Success: true } r ? r.Value : (LocalDate?)null;
                var kind = Enum.TryParse<OutreachKind>(form.Kind, out var k) ? k : (OutreachKind?)null;
                var audience = Enum.TryParse<OutreachAudience>(form.Audience, out var a) ? a : (OutreachAudience?)null;
                var count = int.TryParse(form.AudienceCount, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) ? n : (int?)null;
                var record = await desk.RecordAsync(new NewOutreachEvent(kind, audience, form.Topic, form.Place, form.DivisionCode, form.Organiser, date, count), streams, ct);
                return TypedResults.Created($"/api/outreach/{record.Id}", ToDto(record));
            }
            catch (OutreachValidationException ex)
            {
                return TypedResults.ValidationProblem(ex.Errors.ToDictionary(e => e.Key, e => e.Value.Select(BilingualText.Pick).ToArray()));
            }
            finally
            {
                foreach (var s in streams)
                {
                    await s.Content.DisposeAsync();
                }
            }
        }).DisableAntiforgery().WithSummary("Report an event: kind, audience, topic, place, area, organiser, date, audience count and up to six JPEG/PNG photos");

        group.MapGet("/{id:guid}/photos/{sha256}", async Task<Results<FileStreamHttpResult, ProblemHttpResult>> (Guid id, string sha256, OutreachDesk desk, CancellationToken ct) =>
            await desk.OpenPhotoAsync(id, sha256, ct) is { } stream
                ? TypedResults.File(stream, PhotoType(stream))
                : TypedResults.Problem(statusCode: 404, title: BilingualText.Pick("照片不存在或不在您的可见范围内 (no such photo in your scope)")))
            .WithSummary("One photo of an event in the caller's area");
    }

    /// <summary>The form fields of <c>POST /api/outreach</c>.</summary>
    public sealed class OutreachForm
    {
        // Kind, audience and count arrive as text so a wrong value becomes a field error, not a bare 400.
        public string? Kind { get; set; }
        public string? Audience { get; set; }
        public string? Topic { get; set; }
        public string? Place { get; set; }
        public string? DivisionCode { get; set; }
        public string? Organiser { get; set; }
        public string? Date { get; set; }
        public string? AudienceCount { get; set; }
    }

    private static string PhotoType(Stream stream)
    {
        var first = stream.ReadByte();
        stream.Position = 0;
        return first == 0xFF ? "image/jpeg" : "image/png";
    }

    private static (LocalDate From, LocalDate To)? Period(string? from, string? to, LocalDate today)
    {
        var f = string.IsNullOrWhiteSpace(from) ? new LocalDate(today.Year, 1, 1) : DatePattern.Parse(from) is { Success: true } a ? a.Value : (LocalDate?)null;
        var t = string.IsNullOrWhiteSpace(to) ? today : DatePattern.Parse(to) is { Success: true } b ? b.Value : (LocalDate?)null;
        return f is { } x && t is { } y && x <= y ? (x, y) : null;
    }

    private static ProblemHttpResult BadPeriod() =>
        TypedResults.Problem(statusCode: 400, title: BilingualText.Pick("日期格式应为 yyyy-MM-dd，且开始不晚于结束 (dates are yyyy-MM-dd and the start is not after the end)"));

    private static OutreachEventDto ToDto(OutreachEventRecord r) => new(r.Id, r.Kind, r.Audience, r.Topic, r.Place, r.DivisionCode, r.Organiser,
        LocalDate.FromDateOnly(r.Date), r.AudienceCount, OutreachDesk.Photos(r));
}
