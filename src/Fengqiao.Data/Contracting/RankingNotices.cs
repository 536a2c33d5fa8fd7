using System.Globalization;
using System.Text.Json;
using Fengqiao.Core.Assessment;
using Fengqiao.Core.Contracting;
using Fengqiao.Data.Assessment;
using Fengqiao.Data.Whistles;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Fengqiao.Data.Contracting;

/// <summary>One ranked unit as frozen in a published notice.</summary>
public sealed record FrozenRankingRow(int Rank, string UnitName, decimal Score, int? RankChange);

/// <summary>
/// The figures of a published notice: both rankings, the names of the units not rated (不参评; absent from notices
/// published before there was such a list) and the month's contracting and follow-up counts.
/// </summary>
public sealed record FrozenNoticeFigures(IReadOnlyList<FrozenRankingRow> Towns, IReadOnlyList<FrozenRankingRow> Departments, ContractingCounts Aftercare,
    IReadOnlyList<string>? NotRatedTowns = null, IReadOnlyList<string>? NotRatedDepartments = null);

/// <summary>
/// Publishing the monthly notice (访情通报发布): the rankings are computed once, at publication, and stored with the
/// text and the Word file; the list and downloads read the stored copy, so what was published never changes.
/// </summary>
public static class RankingNotices
{
    public static async Task<RankingNoticeRecord> PublishAsync(FengqiaoDbContext db, ContractingDesk contracting, YearMonth month, string? county, AssessmentScheme scheme,
        Guid issuingUnitId, string issuerName, string actor, Instant now, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(contracting);
        var departments = await AssessmentQueries.RankAsync(db, AssessmentCohort.Departments, month, county, scheme, now, ct);
        var towns = await AssessmentQueries.RankAsync(db, AssessmentCohort.Towns, month, county, scheme, now, ct);
        var aftercare = await contracting.CountsAsync(month, ct);
        var today = now.InZone(Core.Calendar.DeadlineCalculator.ChinaTimeZone).Date;
        static List<FrozenRankingRow> Freeze(MonthlyRanking r) => [.. r.Rows.Select(x => new FrozenRankingRow(x.Rank, x.UnitName, x.Score, x.RankChange))];
        var figures = new FrozenNoticeFigures(Freeze(towns), Freeze(departments), aftercare,
            [.. towns.NotRated.Select(u => u.UnitName)], [.. departments.NotRated.Select(u => u.UnitName)]);
        var record = new RankingNoticeRecord
        {
            Id = Guid.CreateVersion7(),
            Month = string.Create(CultureInfo.InvariantCulture, $"{month.Year:0000}-{month.Month:00}"),
            County = string.IsNullOrWhiteSpace(county) ? null : county.Trim(),
            IssuingUnitId = issuingUnitId,
            IssuerName = issuerName,
            PublishedAt = now,
            PublishedBy = actor,
            Text = Summary(month, figures),
            FiguresJson = JsonSerializer.Serialize(figures),
            Docx = WhistleDocuments.MonthlyNotice(issuerName, departments, towns, today),
        };
        db.RankingNotices.Add(record);
        await db.SaveChangesAsync(ct);
        return record;
    }

    public static FrozenNoticeFigures Figures(RankingNoticeRecord notice)
    {
        ArgumentNullException.ThrowIfNull(notice);
        return JsonSerializer.Deserialize<FrozenNoticeFigures>(notice.FiguresJson) ?? throw new InvalidOperationException("通报数据已损坏 (the notice's figures are unreadable)");
    }

    public static Task<List<RankingNoticeRecord>> ListAsync(FengqiaoDbContext db, CancellationToken ct = default) =>
        db.RankingNotices.AsNoTracking().OrderByDescending(n => n.PublishedAt).Take(200).ToListAsync(ct);

    private static string Summary(YearMonth month, FrozenNoticeFigures f)
    {
        string Top(IReadOnlyList<FrozenRankingRow> rows) => rows.Count == 0 ? "无" : string.Join("、", rows.Take(3).Select(r => string.Create(CultureInfo.InvariantCulture, $"{r.UnitName}（{r.Score:0.00}分）")));
        var a = f.Aftercare;
        static string Unrated(FrozenNoticeFigures f) => (f.NotRatedTowns?.Count ?? 0) + (f.NotRatedDepartments?.Count ?? 0) == 0
            ? ""
            : string.Create(CultureInfo.InvariantCulture, $"；本月不参评镇街 {f.NotRatedTowns?.Count ?? 0} 个、部门 {f.NotRatedDepartments?.Count ?? 0} 个");
        return string.Create(CultureInfo.InvariantCulture,
            $"{month.Year}年{month.Month}月访情通报：镇街前三名 {Top(f.Towns)}；部门前三名 {Top(f.Departments)}{Unrated(f)}。领导包案 {a.ContractsAssigned} 件（双包案 {a.DualContracts} 件），销号 {a.ContractsReleased} 件；回访 {a.FollowUpVisits} 次，群众满意 {a.VisitsSatisfied} 次；回头看 {a.LookBacksDecided} 件，重新交办 {a.CasesReopened} 件。");
    }
}

/// <summary>The published monthly notices as the notices page and API read and publish them (one way for both).</summary>
public sealed class RankingNoticeDesk(FengqiaoDbContext db, ContractingDesk contracting, IClock clock)
{
    public Task<List<RankingNoticeRecord>> ListAsync(CancellationToken ct = default) => RankingNotices.ListAsync(db, ct);

    public Task<RankingNoticeRecord?> FindAsync(Guid id, CancellationToken ct = default) =>
        db.RankingNotices.AsNoTracking().FirstOrDefaultAsync(n => n.Id == id, ct);

    /// <summary>Publishes the month's notice as of now: figures, text and Word file frozen.</summary>
    public Task<RankingNoticeRecord> PublishAsync(YearMonth month, string? county, AssessmentScheme scheme, Guid issuingUnitId, string issuerName, string actor,
        CancellationToken ct = default) =>
        RankingNotices.PublishAsync(db, contracting, month, county, scheme, issuingUnitId, issuerName, actor, clock.GetCurrentInstant(), ct);
}
