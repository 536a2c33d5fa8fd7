using Fengqiao.Core.Cases;
using Fengqiao.Core.Organisations;
using Fengqiao.Data.Notices;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Fengqiao.Data.Cases;

/// <summary>What the start page shows an account: its cases by channel and state, its area, and its in-app notices.</summary>
public sealed record DashboardSummary(
    IReadOnlyDictionary<CaseChannel, int> ByChannel,
    IReadOnlyDictionary<CaseState, int> ByState,
    int RegisteredLast30Days,
    int Villages,
    string? AreaName,
    IReadOnlyList<Notice> Notices,
    IReadOnlyDictionary<Guid, string> NoticeCaseCodes);

/// <summary>The start page's counts, read in the viewer's scope (the query filters) with short-lived contexts.</summary>
public sealed class CaseDashboard(IDbContextFactory<FengqiaoDbContext> contexts)
{
    public async Task<DashboardSummary> SummaryAsync(AccessScope scope, Instant now, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(scope);
        await using var db = await contexts.CreateDbContextAsync(ct);
        var since = now - Duration.FromDays(30);
        var byChannel = await db.Cases.GroupBy(c => c.Channel).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        var byState = await db.Cases.GroupBy(c => c.State).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        var last30 = await db.Cases.CountAsync(c => c.RegisteredAt >= since, ct);
        var area = scope.Area?.Value;
        var villages = await db.Divisions.CountAsync(d => d.Level == DivisionLevel.Village && (area == null || d.Code.StartsWith(area)), ct);
        var areaName = area is null ? null : await db.Divisions.Where(d => d.Code == area).Select(d => d.Name).FirstOrDefaultAsync(ct);
        // In-app delivery: a unit's newest warnings, where its staff start their day; a resident with an account reads the
        // notices about their own cases (受理告知, 答复 …).
        List<Notice> notices = [];
        Dictionary<Guid, string> codes = [];
        if (scope.UnitId is { } unit)
        {
            notices = await db.Notices.AsNoTracking().Where(n => n.UnitId == unit && n.Channel == NoticeChannel.InApp)
                .OrderByDescending(n => n.Id).Take(8).ToListAsync(ct);
        }
        else if (scope.Kind == ScopeKind.Own && scope.AccountId is { Length: > 0 } account)
        {
            notices = await db.Notices.AsNoTracking().Where(n => n.AccountId == account && n.Channel == NoticeChannel.InApp)
                .OrderByDescending(n => n.Id).Take(20).ToListAsync(ct);
            var caseIds = notices.Where(n => n.CaseId != null).Select(n => n.CaseId!.Value).Distinct().ToList();
            codes = await db.Cases.AsNoTracking().Where(c => caseIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id, c => c.TrackingCode, ct);
        }
        return new DashboardSummary(byChannel, byState, last30, villages, areaName, notices, codes);
    }

    /// <summary>The viewer's open cases (not 办结) that carry a point, for the dashboard's map, and how many do not.</summary>
    public async Task<Places.CasePointSet> OpenPointsAsync(Instant now, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await Places.CasePoints.OfAsync(db.Cases.AsNoTracking().Where(c => c.State != CaseState.Closed), now, ct: ct);
    }
}
