using Fengqiao.Core.Assessment;
using Fengqiao.Core.Letters;
using Fengqiao.Data.Whistles;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Fengqiao.Data.Assessment;

/// <summary>
/// The monthly ranking (月度考核排名) as its page and API read it: the rankings of a cohort, the year's letter and
/// whistle counts, and the monthly notice. Each call opens its own short-lived context, so an interactive page may hold
/// the desk for as long as its circuit lives.
/// </summary>
public sealed class AssessmentDesk(IDbContextFactory<FengqiaoDbContext> contexts)
{
    public async Task<MonthlyRanking> RankAsync(AssessmentCohort cohort, YearMonth month, string? county, AssessmentScheme scheme, Instant asOf, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await AssessmentQueries.RankAsync(db, cohort, month, county, scheme, asOf, ct);
    }

    /// <inheritdoc cref="AssessmentQueries.TrendAsync"/>
    public async Task<IReadOnlyList<MonthlyRanking>> TrendAsync(AssessmentCohort cohort, YearMonth month, int months, string? county, AssessmentScheme scheme, Instant asOf, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await AssessmentQueries.TrendAsync(db, cohort, month, months, county, scheme, asOf, ct);
    }

    /// <inheritdoc cref="AssessmentQueries.CountsAsync"/>
    public async Task<(IReadOnlyDictionary<LetterType, int> Letters, int Whistles, int Escalated)> CountsAsync(Instant from, Instant to, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await AssessmentQueries.CountsAsync(db, from, to, ct);
    }

    /// <summary>The monthly notice (访情通报) of both cohorts as a Word file, dated the Beijing day of <paramref name="asOf"/>.</summary>
    public async Task<byte[]> MonthlyNoticeAsync(YearMonth month, string? county, AssessmentScheme scheme, string issuer, Instant asOf, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var departments = await AssessmentQueries.RankAsync(db, AssessmentCohort.Departments, month, county, scheme, asOf, ct);
        var towns = await AssessmentQueries.RankAsync(db, AssessmentCohort.Towns, month, county, scheme, asOf, ct);
        return WhistleDocuments.MonthlyNotice(issuer, departments, towns, asOf.InZone(Core.Calendar.DeadlineCalculator.ChinaTimeZone).Date);
    }
}
