using Fengqiao.Core.Whistles;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Fengqiao.Data.Whistles;

/// <summary>One row of a whistle list: the whistle and the case it was blown on.</summary>
public sealed record WhistleListItem(Guid Id, string CaseCode, string CaseTitle, WhistleSource Source, WhistleLevel Level, WhistleState State, Instant BlownAt, Instant? NextDueAt, int Departments, int Flagged);

/// <summary>
/// The whistles the viewer may open (the scope filter), newest first. A row names its case even where the case itself
/// is outside the viewer's scope (a department summoned to another town's case), as the whistle's own page does.
/// </summary>
public static class WhistleList
{
    public static async Task<IReadOnlyList<WhistleListItem>> QueryAsync(FengqiaoDbContext db, WhistleState? state, WhistleLevel? level, Guid? summonedUnit, Guid? caseId, int take, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var q = db.Whistles.AsNoTracking();
        if (state is { } s)
        {
            q = q.Where(w => w.State == s);
        }
        if (level is { } l)
        {
            q = q.Where(w => w.Level == l);
        }
        if (caseId is { } c)
        {
            q = q.Where(w => w.CaseId == c);
        }
        if (summonedUnit is { } u)
        {
            q = q.Where(w => db.WhistleSummonses.Any(x => x.WhistleId == w.Id && x.DepartmentId == u));
        }
        var rows = await q.OrderByDescending(w => w.BlownAt).Take(Math.Clamp(take, 1, 1000))
            .Select(w => new { w.Id, w.CaseId, w.Source, w.Level, w.State, w.BlownAt, w.NextDueAt, w.FlaggedCount })
            .ToListAsync(cancellationToken);
        // The names and counts in queries of their own: IgnoreQueryFilters switches off every filter of the query it
        // is in, so joined to the list it would list every district's whistles.
        var caseIds = rows.Select(r => r.CaseId).Distinct().ToList();
        var ids = rows.Select(r => r.Id).ToList();
        var cases = await db.Cases.IgnoreQueryFilters().AsNoTracking().Where(k => caseIds.Contains(k.Id))
            .Select(k => new { k.Id, k.TrackingCode, k.Title }).ToDictionaryAsync(k => k.Id, cancellationToken);
        var departments = await db.WhistleSummonses.IgnoreQueryFilters().AsNoTracking().Where(x => ids.Contains(x.WhistleId))
            .GroupBy(x => x.WhistleId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
        return [.. rows.Select(r => new WhistleListItem(r.Id, cases[r.CaseId].TrackingCode, cases[r.CaseId].Title, r.Source, r.Level, r.State, r.BlownAt, r.NextDueAt,
            departments.GetValueOrDefault(r.Id), r.FlaggedCount))];
    }
}
