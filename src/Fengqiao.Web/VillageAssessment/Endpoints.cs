using Fengqiao.Core.Organisations;
using Fengqiao.Core.VillageAssessment;
using Fengqiao.Data.VillageAssessment;
using Fengqiao.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using NodaTime;
using NodaTime.Text;

namespace Fengqiao.Web.VillageAssessment;

public sealed record VillageRankingRowDto(int Rank, string VillageCode, string VillageName, decimal Total, decimal PositivePoints, decimal NegativePoints, decimal? Change, Trend Trend);

public sealed record ScoreLineDto(string Code, string Name, IndicatorPolarity Polarity, decimal Weight, string Value, decimal Points, ValueSource Source, string? Evidence, string? EnteredBy);

public sealed record ManualEntryRequest(string? VillageCode, string? Month, string? IndicatorCode, int Count, string? Evidence);

public sealed record NoticeDto(string Title, string Issuer, LocalDate PublishedOn, int VillageCount, decimal Average, string Text);

/// <summary>The "双十" village assessment: monthly ranking, each village's twenty lines with evidence, trend, hand entries, notice.</summary>
public static class Endpoints
{
    private static readonly YearMonthPattern MonthPattern = YearMonthPattern.CreateWithInvariantCulture("yyyy-MM");

    public static void MapVillageAssessment(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/assessment").RequireAuthorization(Policies.Staff).WithTags("Assessment");

        group.MapGet("/ranking", async Task<Results<Ok<IReadOnlyList<VillageRankingRowDto>>, ProblemHttpResult>> (string? area, string? month, VillageAssessmentDesk desk, CancellationToken ct) =>
        {
            if (Area(area) is not { } a || Month(month) is not { } m)
            {
                return BadInput();
            }
            var ranking = await desk.RankingAsync(a, m, ct);
            // Only villages the caller may see: the stored rows are filtered, the names come from the same scope.
            IReadOnlyList<VillageRankingRowDto> rows = [.. ranking.Ranking.Rows.Where(r => ranking.Names.ContainsKey(r.Village)).Select(r => new VillageRankingRowDto(r.Rank, r.Village.Value,
                ranking.Names[r.Village], r.Total, r.Score.PositivePoints, r.Score.NegativePoints, r.Change, r.Trend))];
            return TypedResults.Ok(rows);
        }).WithSummary("A month's ranking (yyyy-MM) of the villages under a town or district code");

        group.MapGet("/villages/{code}", async Task<Results<Ok<IReadOnlyList<ScoreLineDto>>, ProblemHttpResult>> (string code, string? month, VillageAssessmentDesk desk, CancellationToken ct) =>
        {
            if (Area(code) is not { Length: 12 } || Month(month) is not { } m)
            {
                return BadInput();
            }
            var row = (await desk.RankingAsync(code, m, ct)).Ranking.Rows.FirstOrDefault();
            if (row is null)
            {
                return TypedResults.Problem(statusCode: 404, title: BilingualText.Pick("该村（社区）本月尚未评分或不在您的范围内 (not scored this month, or not in your scope)"));
            }
            IReadOnlyList<ScoreLineDto> lines = [.. row.Score.Lines.Select(l => new ScoreLineDto(l.Indicator.Code, l.Indicator.Name, l.Indicator.Polarity, l.Indicator.Weight,
                l.Entry.Value.ToString() ?? "", l.Points, l.Entry.Source, l.Entry.Evidence, l.Entry.EnteredBy))];
            return TypedResults.Ok(lines);
        }).WithSummary("One village's twenty indicator lines with value, points, source and evidence");

        group.MapGet("/villages/{code}/trend", async Task<Results<Ok<Dictionary<string, decimal>>, ProblemHttpResult>> (string code, string? month, int? months, VillageAssessmentDesk desk, CancellationToken ct) =>
        {
            if (Area(code) is not { Length: 12 } || Month(month) is not { } m)
            {
                return BadInput();
            }
            var trend = await desk.TrendAsync(code, m, Math.Clamp(months ?? 6, 1, 24), ct);
            return TypedResults.Ok(trend.ToDictionary(t => MonthPattern.Format(t.Month), t => t.Total));
        }).WithSummary("A village's monthly totals up to a month");

        group.MapPost("/score", async Task<Results<Ok<int>, ProblemHttpResult>> (string? area, string? month, VillageAssessmentDesk desk, CancellationToken ct) =>
        {
            if (Area(area) is not { } a || Month(month) is not { } m)
            {
                return BadInput();
            }
            return TypedResults.Ok((await desk.ScoreMonthAsync(a, m, ct)).Count);
        }).RequireAuthorization(Policies.For(StaffAction.ScoreVillages)).WithSummary("Score (or rescore) a month for every village under the area the caller may see; answers how many");

        group.MapPost("/manual", async Task<Results<NoContent, ProblemHttpResult>> (ManualEntryRequest request, HttpContext http, VillageAssessmentDesk desk, CancellationToken ct) =>
        {
            if (Area(request.VillageCode) is not { Length: 12 } v || Month(request.Month) is not { } m)
            {
                return BadInput();
            }
            try
            {
                await desk.EnterManualAsync(v, m, request.IndicatorCode ?? "", request.Count, request.Evidence, http.User.Identity!.Name!, ct);
                return TypedResults.NoContent();
            }
            catch (AssessmentRuleException ex)
            {
                return TypedResults.Problem(statusCode: 422, title: BilingualText.Pick(ex.Message));
            }
        }).RequireAuthorization(Policies.For(StaffAction.EnterVillageEvidence)).WithSummary("Enter a hand value with its evidence for an indicator Fengqiao cannot compute (P10, N05, N06)");

        group.MapPost("/notice", async Task<Results<Ok<NoticeDto>, ProblemHttpResult>> (string? area, string? month, HttpContext http, VillageAssessmentDesk desk, CancellationToken ct) =>
        {
            if (Area(area) is not { } a || Month(month) is not { } m)
            {
                return BadInput();
            }
            try
            {
                var issuer = http.User.FindFirst(Auth.FengqiaoClaims.UnitName)?.Value ?? http.User.Identity!.Name!;
                var notice = await desk.PublishNoticeAsync(a, m, issuer, ct);
                return TypedResults.Ok(new NoticeDto(notice.Title, notice.Issuer, notice.PublishedOn, notice.VillageCount, notice.Average, VillageAssessmentDesk.Render(notice)));
            }
            catch (AssessmentRuleException ex)
            {
                return TypedResults.Problem(statusCode: 422, title: BilingualText.Pick(ex.Message));
            }
        }).RequireAuthorization(Policies.For(StaffAction.PublishVillageNotice)).WithSummary("Publish the month's notice (通报) for the area: ranking, commended and warned villages");
    }

    private static string? Area(string? code) =>
        Core.Organisations.DivisionCode.TryParse(code, out var d, out _) && d.Level >= Core.Organisations.DivisionLevel.County ? d.Value : null;

    private static YearMonth? Month(string? month) =>
        string.IsNullOrWhiteSpace(month) ? null : MonthPattern.Parse(month).TryGetValue(default, out var m) ? m : null;

    private static ProblemHttpResult BadInput() =>
        TypedResults.Problem(statusCode: 400, title: BilingualText.Pick("请给出区县、乡镇或村的区划代码和 yyyy-MM 格式的月份 (give a district, town or village code and a month as yyyy-MM)"));
}
