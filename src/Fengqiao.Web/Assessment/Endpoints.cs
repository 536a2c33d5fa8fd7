using Fengqiao.Core.Assessment;
using Fengqiao.Core.Letters;
using Fengqiao.Data.Assessment;
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

public sealed record PeriodCountsDto(Instant From, Instant To, int Supervision, int RiskAlert, int Accountability, int Whistles, int Escalated);

/// <summary>
/// The monthly ranking of departments and towns (月度考核排名), its Word notice and the year's letter and whistle counts.
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
