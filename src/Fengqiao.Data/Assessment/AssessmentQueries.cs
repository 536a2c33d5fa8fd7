using Fengqiao.Core.Assessment;
using Fengqiao.Core.Calendar;
using Fengqiao.Core.Cases;
using Fengqiao.Core.Organisations;
using Fengqiao.Core.Letters;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Fengqiao.Data.Assessment;

/// <summary>Which units are ranked against each other (the relative scaling compares a unit with its own cohort).</summary>
public enum AssessmentCohort
{
    Departments = 1, // 职能部门
    Towns = 2,       // 镇街
}

/// <summary>
/// The month's indicator counts of each unit in a cohort, read from the projected columns, and the ranking Core
/// computes from them. A unit's cases are those it handles; a month's cases are those whose reply fell due in it.
/// A case counts as overdue once its deadline has passed unanswered as of <c>asOf</c>: a case due later in the current
/// month is not overdue yet.
/// </summary>
public static class AssessmentQueries
{
    public static async Task<IReadOnlyList<UnitMonthInput>> InputsAsync(FengqiaoDbContext db, AssessmentCohort cohort, YearMonth month, string? county, Instant asOf, CancellationToken cancellationToken = default)
    {
        var zone = DeadlineCalculator.ChinaTimeZone;
        var start = month.OnDayOfMonth(1).AtStartOfDayInZone(zone).ToInstant();
        var end = month.PlusMonths(1).OnDayOfMonth(1).AtStartOfDayInZone(zone).ToInstant();
        var unitsQuery = db.Units.AsNoTracking();
        unitsQuery = cohort == AssessmentCohort.Departments
            ? unitsQuery.Where(u => u.Kind == UnitKind.Department)
            : unitsQuery.Where(u => u.Kind == UnitKind.Government && u.DivisionCode.Length == 9);
        if (!string.IsNullOrEmpty(county))
        {
            unitsQuery = unitsQuery.Where(u => u.DivisionCode.StartsWith(county));
        }
        var units = await unitsQuery.Select(u => new { u.Id, u.Name }).ToListAsync(cancellationToken);
        var ids = units.Select(u => u.Id).ToList();

        var ratings = (await db.WhistleSummonses.IgnoreQueryFilters().AsNoTracking()
            .Where(s => ids.Contains(s.DepartmentId) && s.RatedAt >= start && s.RatedAt < end && s.Timeliness != null)
            .Select(s => new { s.DepartmentId, Sum = s.Timeliness!.Value + s.Attitude!.Value + s.ResultScore!.Value })
            .ToListAsync(cancellationToken)).ToLookup(r => r.DepartmentId, r => r.Sum / 3m);
        var cases = (await db.Cases.IgnoreQueryFilters().AsNoTracking()
            .Where(c => c.HandlingUnitId != null && ids.Contains(c.HandlingUnitId.Value) && c.ReplyDueAt >= start && c.ReplyDueAt < end)
            .Select(c => new { Unit = c.HandlingUnitId!.Value, c.ReplyDueAt, c.RepliedAt, c.Rating })
            .ToListAsync(cancellationToken)).ToLookup(c => c.Unit);
        var letters = (await db.Letters.IgnoreQueryFilters().AsNoTracking()
            .Where(l => ids.Contains(l.RecipientUnitId) && l.IssuedAt >= start && l.IssuedAt < end)
            .GroupBy(l => l.RecipientUnitId).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(cancellationToken))
            .ToDictionary(g => g.Key, g => g.Count);
        // A whistle that summoned a department is work it is measured on; one it refused or was badly late on counts as
        // overdue too.
        var summoned = (await db.WhistleSummonses.IgnoreQueryFilters().AsNoTracking()
            .Where(s => ids.Contains(s.DepartmentId) && s.SummonedAt >= start && s.SummonedAt < end)
            .GroupBy(s => s.DepartmentId).Select(g => new { g.Key, Count = g.Count(), Flagged = g.Count(s => s.Flagged) }).ToListAsync(cancellationToken))
            .ToDictionary(g => g.Key, g => (g.Count, g.Flagged));

        // Follow-up visits (回访) where the resident gave an opinion count toward satisfaction like a rating, in the
        // month of the visit; a look-back review that reopened a case (回头看, closed on paper only) counts as overdue.
        var visits = (await db.FollowUpVisits.IgnoreQueryFilters().AsNoTracking()
            .Where(v => ids.Contains(v.UnitId) && v.VisitedAt >= start && v.VisitedAt < end && v.ResidentSatisfied != null)
            .GroupBy(v => v.UnitId).Select(g => new { g.Key, Count = g.Count(), Satisfied = g.Count(v => v.ResidentSatisfied == true) }).ToListAsync(cancellationToken))
            .ToDictionary(g => g.Key, g => (g.Count, g.Satisfied));
        var reopened = (await db.LookBackReviews.IgnoreQueryFilters().AsNoTracking()
            .Where(r => ids.Contains(r.UnitId) && r.DecidedAt >= start && r.DecidedAt < end && r.Decision == Core.Contracting.LookBackDecision.NotTrulyResolved)
            .GroupBy(r => r.UnitId).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(cancellationToken))
            .ToDictionary(g => g.Key, g => g.Count);

        // Every unit of the cohort is returned: Core decides which are rated (a unit with no work this month is listed as
        // not rated, with its letters and overdue counts, rather than left out or ranked on "fewer is better" alone).
        return [.. units.Select(u =>
        {
            var mine = cases[u.Id].ToList();
            var rated = mine.Where(c => c.Rating is CaseRating.Satisfied or CaseRating.BasicallySatisfied or CaseRating.Unsatisfied).ToList();
            var onTime = mine.Count(c => c.RepliedAt != null && c.RepliedAt <= c.ReplyDueAt);
            var late = mine.Count(c => c.RepliedAt is { } replied ? replied > c.ReplyDueAt : c.ReplyDueAt < asOf);
            var r = ratings[u.Id].ToList();
            var whistles = summoned.GetValueOrDefault(u.Id);
            return new UnitMonthInput(u.Id.ToString("D"), u.Name, month, r.Count == 0 ? null : Math.Round(r.Average(), 4),
                mine.Count, onTime, rated.Count + visits.GetValueOrDefault(u.Id).Count, rated.Count(c => c.Rating != CaseRating.Unsatisfied) + visits.GetValueOrDefault(u.Id).Satisfied,
                letters.GetValueOrDefault(u.Id), late + whistles.Flagged + reopened.GetValueOrDefault(u.Id), whistles.Count);
        })];
    }

    public static async Task<MonthlyRanking> RankAsync(FengqiaoDbContext db, AssessmentCohort cohort, YearMonth month, string? county, AssessmentScheme scheme, Instant asOf, CancellationToken cancellationToken = default) =>
        (await TrendAsync(db, cohort, month, 2, county, scheme, asOf, cancellationToken))[^1];

    /// <summary>The rankings of <paramref name="months"/> months ending with <paramref name="month"/>, oldest first, each compared with the one before it.</summary>
    public static async Task<IReadOnlyList<MonthlyRanking>> TrendAsync(FengqiaoDbContext db, AssessmentCohort cohort, YearMonth month, int months, string? county, AssessmentScheme scheme, Instant asOf, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(months, 1);
        var result = new List<MonthlyRanking>(months);
        MonthlyRanking? previous = null;
        for (var i = months - 1; i >= 0; i--)
        {
            var m = month.PlusMonths(-i);
            previous = MonthlyAssessment.Rank(m, await InputsAsync(db, cohort, m, county, asOf, cancellationToken), scheme, previous);
            result.Add(previous);
        }
        return result;
    }

    /// <summary>Letters issued by type and whistles blown in a period, for the dashboard ("15 督办函, 6 风险提示函 this year").</summary>
    public static async Task<(IReadOnlyDictionary<LetterType, int> Letters, int Whistles, int Escalated)> CountsAsync(FengqiaoDbContext db, Instant from, Instant to, CancellationToken cancellationToken = default)
    {
        var letters = await db.Letters.Where(l => l.IssuedAt >= from && l.IssuedAt < to).GroupBy(l => l.Type)
            .Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
        var whistles = await db.Whistles.CountAsync(w => w.BlownAt >= from && w.BlownAt < to, cancellationToken);
        var escalated = await db.Whistles.CountAsync(w => w.BlownAt >= from && w.BlownAt < to && w.Level != w.InitialLevel, cancellationToken);
        return (letters, whistles, escalated);
    }
}
