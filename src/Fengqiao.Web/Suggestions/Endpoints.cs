using Fengqiao.Core.Organisations;
using Fengqiao.Core.Suggestions;
using Fengqiao.Data.Suggestions;
using Fengqiao.Web.Auth;
using Fengqiao.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using NodaTime;

namespace Fengqiao.Web.Suggestions;

public sealed record SuggestionDto(Guid Id, string ReceiptCode, SuggesterKind Kind, string Title, string Text, string? Contact, string TownCode, string Town,
    SuggestionState State, Instant ReceivedAt, string? Reply, Instant? AnsweredAt, string? Outcome, Instant? DecidedAt, int Version,
    IReadOnlyList<SuggestionAction> Offers);

public sealed record SuggestionAnswerRequest(int? Version, string? Reply, string? Outcome);

/// <summary>
/// 人民建议征集 for staff: the suggestions of the caller's area, and the three answers (a public reply, adoption with what
/// was done, a decline with the reason), each needing the <see cref="StaffAction.AnswerSuggestion"/> act. A suggestion
/// outside the scope answers 404; an answer that does not fit 422 with the rule's message; a stale version 409. The
/// public submission and list are the portal page's (/portal/suggestions).
/// </summary>
public static class Endpoints
{
    public static void MapSuggestions(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/suggestions").RequireAuthorization(Policies.For(StaffAction.AnswerSuggestion)).WithTags("Suggestions");
        group.MapGet("/", List).WithSummary("Suggestions in the caller's area, pending first, with what the caller may do next");
        group.MapGet("/months", Months).WithSummary("Received, answered and adopted per month (Beijing), in the caller's area");
        group.MapGet("/{id:guid}", Get).WithSummary("One suggestion");
        group.MapPost("/{id:guid}/{action}", Answer).WithSummary("Reply publicly (Reply), adopt with what was done (Adopt) or decline with the reason (Decline)");
    }

    private static async Task<Ok<SuggestionDto[]>> List(SuggestionDesk desk, CancellationToken ct) =>
        TypedResults.Ok((await desk.ListAsync(ct)).Select(ToDto).ToArray());

    private static async Task<Ok<IReadOnlyList<SuggestionMonth>>> Months(SuggestionDesk desk, CancellationToken ct) => TypedResults.Ok(await desk.MonthsAsync(ct));

    private static async Task<Results<Ok<SuggestionDto>, ProblemHttpResult>> Get(Guid id, SuggestionDesk desk, CancellationToken ct) =>
        await desk.FindAsync(id, ct) is { } found ? TypedResults.Ok(ToDto(found)) : NotFound();

    private static async Task<Results<Ok<SuggestionDto>, ProblemHttpResult>> Answer(Guid id, string action, SuggestionAnswerRequest request, HttpContext http,
        SuggestionDesk desk, CancellationToken ct)
    {
        if (!Enum.TryParse<SuggestionAction>(action, ignoreCase: true, out var act) || !Enum.IsDefined(act) || int.TryParse(action, out _))
        {
            return TypedResults.Problem(statusCode: 404, title: BilingualText.Pick("没有这项办理操作 (no such action)"));
        }
        try
        {
            if (await desk.AnswerAsync(id, request.Version ?? -1, act, request.Reply, request.Outcome, FengqiaoClaims.Name(http.User), ct) is null)
            {
                return NotFound();
            }
            return TypedResults.Ok(ToDto((await desk.FindAsync(id, ct))!));
        }
        catch (SuggestionRuleException ex)
        {
            return TypedResults.Problem(statusCode: 422, title: BilingualText.Pick(ex.Message));
        }
        catch (SuggestionConflictException ex)
        {
            return TypedResults.Problem(statusCode: 409, title: BilingualText.Pick(ex.Message));
        }
    }

    private static ProblemHttpResult NotFound() =>
        TypedResults.Problem(statusCode: 404, title: BilingualText.Pick("记录不存在或不在您的可见范围内 (no such record in your scope)"));

    private static SuggestionDto ToDto(SuggestionSummary s) => new(s.Record.Id, s.Record.ReceiptCode, s.Record.Kind, s.Record.Title, s.Record.Text,
        s.Record.ContactMasked, s.Record.TownCode, s.Town, s.Record.State, s.Record.ReceivedAt, s.Record.Reply, s.Record.AnsweredAt, s.Record.Outcome,
        s.Record.DecidedAt, s.Record.Version, s.Offers);
}
