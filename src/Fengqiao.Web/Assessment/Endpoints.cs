using Fengqiao.Core.Assessment;
using Fengqiao.Core.Letters;
using Fengqiao.Core.Organisations;
using Fengqiao.Data.Assessment;
using Fengqiao.Data.Contracting;
using Fengqiao.Web.Auth;
using Fengqiao.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using NodaTime;
using NodaTime.Text;

namespace Fengqiao.Web.Assessment;

/// <summary>A ranked unit: its score, the five indicators (0–1, null for 无数据) and the month's counts they came from, so a reader can check them.</summary>
public sealed record RankingRowDto(int Rank, string UnitId, string UnitName, decimal Score, decimal? ScoreChange, int? RankChange, decimal? WhistleRating, decimal? OnTimeClosure, decimal? Satisfaction, decimal? Letters, decimal? Overdue,
    int CasesDue, int ClosedOnTime, int LettersReceived, int OverdueCount);

/// <summary>A unit not rated this month (不参评): no score, no rank, the reason and the counts it had.</summary>
public sealed record UnratedRowDto(string UnitId, string UnitName, NotRatedReason Reason, int CasesDue, int WhistlesSummoned, int LettersReceived, int OverdueCount);

public sealed record RankingDto(string Month, AssessmentCohort Cohort, IReadOnlyList<RankingRowDto> Rows, IReadOnlyList<UnratedRowDto> NotRated);

public sealed record RankingNoticeDto(Guid Id, string Month, string? County, string IssuerName, Instant PublishedAt, string PublishedBy, string Text);

public sealed record PeriodCountsDto(Instant From, Instant To, int Supervision, int RiskAlert, int Accountability, int Whistles, int Escalated);

/// <summary>
/// The monthly ranking of departments and towns (月度考核排名), its Word notice, the published notices (访情通报, frozen
/// when published) and the year's letter and whistle counts.
/// The rules (who is rated, how the score is formed) are Core's <see cref="MonthlyAssessment"/>; this only translates.
/// </summary>
public static class Endpoints
{
    private const string DocxType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

    public static void MapAssessment(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/rankings").RequireAuthorization(Policies.Staff).WithTags("Rankings");
        group.MapGet("/ranking", Ranking)
            .WithSummary("The monthly ranking of departments or towns, with month-on-month change, then the units not rated (不参评) and why; weights as query parameters");
        group.MapGet("/notice", Notice).WithSummary("The monthly notice (访情通报) as a Word document");
        group.MapGet("/counts", Counts).WithSummary("Letters by type and whistles in a year (default: this year)");

        var notices = app.MapGroup("/api/rankings/notices").RequireAuthorization(Policies.Staff).WithTags("Rankings");
        notices.MapGet("/", PublishedNotices).WithSummary("The published monthly notices, newest first, as published");
        notices.MapPost("/", Publish).WithSummary("Publish the month's notice (访情通报): figures, text and Word file frozen as of now");
        notices.MapGet("/{id:guid}/docx", PublishedNotice).WithSummary("A published notice's Word file, exactly as published");
    }

    private static async Task<Ok<List<RankingNoticeDto>>> PublishedNotices(RankingNoticeDesk desk, CancellationToken ct) =>
        TypedResults.Ok((await desk.ListAsync(ct)).Select(ToDto).ToList());

    private static async Task<Results<Created<RankingNoticeDto>, ProblemHttpResult>> Publish(string? month, string? county, HttpContext http, RankingNoticeDesk desk, IClock clock,
        CancellationToken ct)
    {
        if (!FengqiaoClaims.May(http.User, StaffAction.PublishRankingNotice) || FengqiaoClaims.Unit(http.User) is not { } unit)
        {
            return TypedResults.Problem(statusCode: 403, title: BilingualText.Pick("您的角色不能进行此操作 (your role may not do this)"));
        }
        if (ParseRequest(month, null, null, null, null, null, clock) is not ({ } m, { } scheme))
        {
            return TypedResults.Problem(statusCode: 400, title: BilingualText.Pick("月份应为 yyyy-MM (month must be yyyy-MM)"));
        }
        var issuer = http.User.FindFirst(FengqiaoClaims.UnitName)?.Value ?? "信访工作联席会议办公室";
        var notice = await desk.PublishAsync(m, county, scheme, unit, issuer, http.User.Identity!.Name!, ct);
        return TypedResults.Created($"/api/rankings/notices/{notice.Id}/docx", ToDto(notice));
    }

    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> PublishedNotice(Guid id, RankingNoticeDesk desk, CancellationToken ct) =>
        await desk.FindAsync(id, ct) is { } n
            ? TypedResults.File(n.Docx, DocxType, $"notice-{n.Month}-{n.PublishedAt.ToUnixTimeSeconds()}.docx")
            : TypedResults.Problem(statusCode: 404, title: BilingualText.Pick("通报不存在 (no such notice)"));

    public static RankingNoticeDto ToDto(RankingNoticeRecord n)
    {
        ArgumentNullException.ThrowIfNull(n);
        return new(n.Id, n.Month, n.County, n.IssuerName, n.PublishedAt, n.PublishedBy, n.Text);
    }

    private static async Task<Results<Ok<RankingDto>, ProblemHttpResult>> Ranking(string? month, AssessmentCohort? cohort, string? county,
        decimal? wRating, decimal? wOnTime, decimal? wSatisfaction, decimal? wLetters, decimal? wOverdue, AssessmentDesk desk, IClock clock, CancellationToken ct)
    {
        if (ParseRequest(month, wRating, wOnTime, wSatisfaction, wLetters, wOverdue, clock) is not ({ } m, { } scheme))
        {
            return TypedResults.Problem(statusCode: 400, title: BilingualText.Pick("月份应为 yyyy-MM，权重不能为负且不能全为 0 (month must be yyyy-MM; weights cannot be negative or all zero)"));
        }
        var c = cohort ?? AssessmentCohort.Departments;
        return TypedResults.Ok(ToDto(await desk.RankAsync(c, m, county, scheme, clock.GetCurrentInstant(), ct), c));
    }

    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> Notice(string? month, string? county, HttpContext http, AssessmentDesk desk, IClock clock, CancellationToken ct)
    {
        if (ParseRequest(month, null, null, null, null, null, clock) is not ({ } m, { } scheme))
        {
            return TypedResults.Problem(statusCode: 400, title: BilingualText.Pick("月份应为 yyyy-MM (month must be yyyy-MM)"));
        }
        var issuer = http.User.FindFirst(FengqiaoClaims.UnitName)?.Value ?? "信访工作联席会议办公室";
        return TypedResults.File(await desk.MonthlyNoticeAsync(m, county, scheme, issuer, clock.GetCurrentInstant(), ct), DocxType, $"notice-{m.Year}-{m.Month:00}.docx");
    }

    private static async Task<Ok<PeriodCountsDto>> Counts(int? year, AssessmentDesk desk, IClock clock, CancellationToken ct)
    {
        var zone = Core.Calendar.DeadlineCalculator.ChinaTimeZone;
        var now = clock.GetCurrentInstant();
        var y = year is >= 2000 and <= 2099 ? year.Value : now.InZone(zone).Year;
        var start = new LocalDate(y, 1, 1).AtStartOfDayInZone(zone).ToInstant();
        var end = new LocalDate(y + 1, 1, 1).AtStartOfDayInZone(zone).ToInstant();
        var (letters, whistles, escalated) = await desk.CountsAsync(start, end, ct);
        return TypedResults.Ok(new PeriodCountsDto(start, end, letters.GetValueOrDefault(LetterType.Supervision), letters.GetValueOrDefault(LetterType.RiskAlert),
            letters.GetValueOrDefault(LetterType.AccountabilitySuggestion), whistles, escalated));
    }

    /// <summary>The month (yyyy-MM; this Beijing month when empty) and the scheme from the default weights and any given; nulls for what is invalid.</summary>
    public static (YearMonth?, AssessmentScheme?) ParseRequest(string? month, decimal? wRating, decimal? wOnTime, decimal? wSatisfaction, decimal? wLetters, decimal? wOverdue, IClock clock)
    {
        ArgumentNullException.ThrowIfNull(clock);
        YearMonth m;
        if (string.IsNullOrWhiteSpace(month))
        {
            var today = clock.GetCurrentInstant().InZone(Core.Calendar.DeadlineCalculator.ChinaTimeZone).Date;
            m = new YearMonth(today.Year, today.Month);
        }
        else if (YearMonthPattern.Iso.Parse(month.Trim()) is { Success: true } parsed)
        {
            m = parsed.Value;
        }
        else
        {
            return (null, null);
        }
        return (m, Scheme(wRating, wOnTime, wSatisfaction, wLetters, wOverdue));
    }

    /// <summary>The scheme of the given weights (the default for any not given), or null when they are negative or all zero.</summary>
    public static AssessmentScheme? Scheme(decimal? wRating, decimal? wOnTime, decimal? wSatisfaction, decimal? wLetters, decimal? wOverdue)
    {
        var d = AssessmentWeights.Default;
        try
        {
            return new AssessmentScheme(new AssessmentWeights(wRating ?? d.WhistleRating, wOnTime ?? d.OnTimeClosure, wSatisfaction ?? d.Satisfaction, wLetters ?? d.Letters, wOverdue ?? d.Overdue));
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    public static RankingDto ToDto(MonthlyRanking ranking, AssessmentCohort cohort)
    {
        ArgumentNullException.ThrowIfNull(ranking);
        return new(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{ranking.Month.Year:0000}-{ranking.Month.Month:00}"), cohort,
            [.. ranking.Rows.Select(r => new RankingRowDto(r.Rank, r.UnitCode, r.UnitName, r.Score, r.ScoreChange, r.RankChange,
                r.Indicators.WhistleRating, r.Indicators.OnTimeClosure, r.Indicators.Satisfaction, r.Indicators.Letters, r.Indicators.Overdue,
                r.Input.CasesDue, r.Input.ClosedOnTime, r.Input.LettersReceived, r.Input.OverdueCount))],
            [.. ranking.NotRated.Select(u => new UnratedRowDto(u.UnitCode, u.UnitName, u.Reason, u.Input.CasesDue, u.Input.WhistlesSummoned, u.Input.LettersReceived, u.Input.OverdueCount))]);
    }
}
