using System.Text;
using Fengqiao.Core;
using Fengqiao.Core.Cases.Intake;
using Fengqiao.Data;
using Fengqiao.Data.Cases;
using Fengqiao.Data.Text;
using Fengqiao.Text.HotTopics;
using Fengqiao.Web.Api;
using Fengqiao.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Fengqiao.Web.Text;

public sealed record SuggestRequest(string? Title, string? Detail, int? K);

public sealed record SuggestResponse(RoutingState State, IReadOnlyList<RouteSuggestionDto> Suggestions);

public sealed record EarlierRequest(string? Title, string? Detail, string? CategoryCode, IReadOnlyList<PartyDto>? Parties);

public sealed record HotTopicCaseDto(string TrackingCode, string Title);

public sealed record HotTopicDto(int Rank, string Name, string Place, IReadOnlyList<string> Terms, double Heat, int Cases, int People, LocalDateTime? First, LocalDateTime? Last, IReadOnlyList<HotTopicCaseDto> Members);

public sealed record ReplyCheckRequest(string? TrackingCode, string? Reply);

public sealed record ReplyFlagDto(string Code, string Severity, string Reason);

public sealed record ReplyCheckResponse(int? WorkingDays, int? CalendarDays, double Relevance, bool StatesFacts, bool StatesHandling, bool CitesBasis, bool StatesRemedy, IReadOnlyList<ReplyFlagDto> Flags);

/// <summary>Text intelligence for the desks: routing suggestions, earlier cases, hot topics, reply checks, retraining.</summary>
public static class Endpoints
{
    private const int MaxTitle = TextLimits.Title;
    private const int MaxDetail = TextLimits.Long;

    public static void MapText(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/text").RequireAuthorization(Policies.Staff).WithTags("Text");

        group.MapPost("/suggest", async Task<Results<Ok<SuggestResponse>, ValidationProblem>> (SuggestRequest request, IntakeRouting routing, RoutingService service, CancellationToken ct) =>
        {
            if (MatterErrors(request.Title, request.Detail) is { } errors)
            {
                return errors;
            }
            if (request.K is { } k && k is < 1 or > 10)
            {
                return Invalid(nameof(request.K), "建议数应在 1 到 10 之间 (k must be between 1 and 10)");
            }
            return TypedResults.Ok(new SuggestResponse(service.Status.State, await routing.SuggestAsync(request.Title, request.Detail, request.K ?? 3, ct)));
        }).WithSummary("Top categories (一级分类) for a matter, with confidence and handling department");

        group.MapPost("/earlier", async Task<Results<Ok<IReadOnlyList<EarlierCase>>, ValidationProblem>> (EarlierRequest request, CaseWorkflow workflow, CancellationToken ct) =>
        {
            if (MatterErrors(request.Title, request.Detail) is { } errors)
            {
                return errors;
            }
            var parties = (request.Parties ?? []).Select(p => new NewParty(p.Name, p.IdNumber, p.Phone, p.IsRepresentative)).ToList();
            return TypedResults.Ok(await workflow.PreviewEarlierAsync(request.Title, request.Detail, request.CategoryCode, parties, ct));
        }).WithSummary("Earlier cases of the same person or matter, ranked by similarity, before registering (nothing is stored)");

        group.MapGet("/hot-topics", async Task<Results<Ok<IReadOnlyList<HotTopicDto>>, ValidationProblem>> (int? days, int? top, TextDesk desk, CancellationToken ct) =>
        {
            if (WindowErrors(days, top) is { } errors)
            {
                return errors;
            }
            var topics = await desk.HotTopicsAsync(days ?? 90, ct);
            return TypedResults.Ok<IReadOnlyList<HotTopicDto>>([.. topics.Take(top ?? 20).Select(ToDto)]);
        }).WithSummary("Hot topics (热点问题) among the cases registered in the last N days that you may see");

        group.MapGet("/hot-topics.csv", async Task<Results<FileContentHttpResult, ValidationProblem>> (int? days, TextDesk desk, IClock clock, CancellationToken ct) =>
        {
            if (WindowErrors(days, null) is { } errors)
            {
                return errors;
            }
            var topics = await desk.HotTopicsAsync(days ?? 90, ct);
            using var writer = new StringWriter();
            HotTopicExport.WriteCsv(writer, topics.Select(t => t.Topic));
            // With a byte-order mark, so spreadsheet programs read the Chinese as UTF-8.
            var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(writer.ToString())).ToArray();
            return TypedResults.File(bytes, "text/csv; charset=utf-8", $"hot-topics-{clock.GetCurrentInstant().InZone(TextQueries.Beijing).Date:yyyyMMdd}.csv");
        }).WithSummary("The hot topics as CSV, one row per topic");

        group.MapPost("/replies/check", async Task<Results<Ok<ReplyCheckResponse>, ValidationProblem, ProblemHttpResult>> (ReplyCheckRequest request, TextDesk desk, CaseRules rules, IClock clock, CancellationToken ct) =>
        {
            if (string.IsNullOrWhiteSpace(request.TrackingCode))
            {
                return Invalid(nameof(request.TrackingCode), "请填写案件编号 (the tracking code is required)");
            }
            if (request.Reply is { Length: > MaxDetail })
            {
                return Invalid(nameof(request.Reply), $"答复不超过 {MaxDetail} 字 (the reply is limited to {MaxDetail} characters)");
            }
            var record = await desk.CaseAsync(request.TrackingCode, ct);
            if (record is null)
            {
                return TypedResults.Problem(statusCode: 404, title: BilingualText.Pick("案件不存在或不在您的可见范围内 (no such case in your scope)"));
            }
            var check = ReplyReview.Check(rules, clock, record, request.Reply);
            return TypedResults.Ok(new ReplyCheckResponse(check.WorkingDays, check.CalendarDays, Math.Round(check.Relevance, 3), check.StatesFacts, check.StatesHandling, check.CitesBasis, check.StatesRemedy,
                [.. check.Flags.Select(f => new ReplyFlagDto(f.Code, f.Severity.ToString(), f.Reason))]));
        }).WithSummary("Timeliness, relevance and completeness flags of a draft reply (答复意见书) before it goes out");

        group.MapGet("/routing", (RoutingService service) => TypedResults.Ok(service.Status))
            .WithSummary("The routing model in use and any training in progress");

        group.MapPost("/routing/retrain", async Task<Results<Accepted<RoutingStatus>, ProblemHttpResult>> (TextDesk desk, RoutingService service, CancellationToken ct) =>
        {
            var own = await desk.OwnTrainingDataAsync(ct);
            if (!service.TryStartRetraining(own))
            {
                return TypedResults.Problem(statusCode: 409, title: BilingualText.Pick("模型正在训练中，请稍后再试 (the model is being trained; try again when it has finished)"));
            }
            return TypedResults.Accepted("/api/text/routing", service.Status);
        }).RequireAuthorization(Policies.Administrator)
            .WithSummary("Retrain the routing model on the shipped data plus this deployment's closed cases and overrides (administrators)");
    }

    public static HotTopicDto ToDto(CaseHotTopic t)
    {
        ArgumentNullException.ThrowIfNull(t);
        return new HotTopicDto(t.Rank, t.Topic.Name, t.Topic.Place, t.Topic.Terms, Math.Round(t.Topic.Heat, 3), t.Topic.Messages, t.Topic.People, t.Topic.First, t.Topic.Last,
            [.. t.Cases.Select(c => new HotTopicCaseDto(c.TrackingCode, c.Title))]);
    }

    private static ValidationProblem? MatterErrors(string? title, string? detail)
    {
        if (string.IsNullOrWhiteSpace(title) && string.IsNullOrWhiteSpace(detail))
        {
            return Invalid("Title", "请填写诉求事项或内容 (give the matter or its detail)");
        }
        if (title is { Length: > MaxTitle })
        {
            return Invalid("Title", "诉求事项不超过 200 字 (the matter is limited to 200 characters)");
        }
        return detail is { Length: > MaxDetail } ? Invalid("Detail", $"诉求内容不超过 {MaxDetail} 字 (the detail is limited to {MaxDetail} characters)") : null;
    }

    private static ValidationProblem? WindowErrors(int? days, int? top)
    {
        if (days is { } d && d is < 1 or > 366)
        {
            return Invalid("days", "天数应在 1 到 366 之间 (days must be between 1 and 366)");
        }
        return top is { } t && t is < 1 or > 200 ? Invalid("top", "条数应在 1 到 200 之间 (top must be between 1 and 200)") : null;
    }

    private static ValidationProblem Invalid(string field, string message) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [BilingualText.Pick(message)] });
}
