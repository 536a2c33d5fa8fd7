using Fengqiao.Core.Cases;
using Fengqiao.Core.Whistles;
using Fengqiao.Data.Infrastructure;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Fengqiao.Data.Whistles;

public sealed record EscalationRunResult(bool RanHere, int Examined, int Escalated, int Notices, int Flagged = 0);

/// <summary>
/// The escalation timer (自动升级): every open whistle with a late step moves up one level, and the late departments,
/// the blowing unit and the unit that supervises the new level are told through the outbox. Every node runs it;
/// only the holder of the "whistle-escalation" lease works, each escalation is one save guarded by the whistle's
/// log sequence, and the outbox key names the whistle and its new level, so two passes can never notify twice.
/// </summary>
public sealed class WhistleEscalationJob(FengqiaoDbContext db, WhistleDesk desk, WhistlePolicyStore? limits = null) : ILeasedJob
{
    public static string LeaseName => "whistle-escalation";

    public async Task<string?> RunAndDescribeAsync(string node, Instant now, CancellationToken cancellationToken)
    {
        var r = await RunOnceAsync(node, now, cancellationToken);
        return r.RanHere && (r.Escalated > 0 || r.Flagged > 0) ? $"whistle escalation: {r.Examined} examined, {r.Escalated} escalated, {r.Notices} notices, {r.Flagged} newly flagged" : null;
    }

    public async Task<EscalationRunResult> RunOnceAsync(string node, Instant now, CancellationToken cancellationToken = default)
    {
        if (!await Leases.TryAcquireAsync(db, LeaseName, node, now, cancellationToken))
        {
            return new EscalationRunResult(false, 0, 0, 0);
        }
        // The stored limits as they are now, whatever this node read before.
        var current = limits is null ? desk : desk.With(await limits.RefreshAsync(db, cancellationToken));
        var due = await db.Whistles.IgnoreQueryFilters().AsNoTracking()
            .Where(w => w.State == WhistleState.Open && w.Level != WhistleLevel.DistrictLeader && w.NextDueAt != null && w.NextDueAt <= now)
            // A closed case's whistle is not escalated: the matter is finished (WhistleDesk.EnsureCaseOpenAsync).
            .Where(w => db.Cases.IgnoreQueryFilters().Any(c => c.Id == w.CaseId && c.State != CaseState.Closed))
            .OrderBy(w => w.NextDueAt).Select(w => w.Id).Take(200).ToListAsync(cancellationToken);
        int escalated = 0, notices = 0;
        foreach (var id in due)
        {
            db.ChangeTracker.Clear();
            var record = await db.Whistles.IgnoreQueryFilters().FirstAsync(w => w.Id == id, cancellationToken);
            var whistle = await current.LoadPastScopeAsync(record, cancellationToken);
            if (WhistleEscalation.Due(whistle, now) is null)
            {
                continue;
            }
            try
            {
                // The desk queues the escalation's notices (WhistleEscalation.Of) in the same save and says how many.
                notices += await current.EscalateAsync(record, whistle, now, cancellationToken);
            }
            catch (WhistleConflictException)
            {
                // Someone acted on the whistle meanwhile (the conflict cleared the pending notices); the next pass looks again.
                continue;
            }
            escalated++;
        }
        var flagged = await RefreshFlagsAsync(current, now, cancellationToken);
        return new EscalationRunResult(true, due.Count, escalated, notices, flagged);
    }

    /// <summary>
    /// Flags follow the clock, not only actions: a department that stays silent past the late threshold after the
    /// whistle's last action (always so at the top level, which no escalation ever re-projects) is flagged now, so the
    /// ranking counts it and the joint-meeting office can refer it. No event is logged: a flag is derived from the log
    /// and the time, and only the projection catches up. Flags only ever appear on an open whistle, never go.
    /// </summary>
    private async Task<int> RefreshFlagsAsync(WhistleDesk current, Instant now, CancellationToken cancellationToken)
    {
        var candidates = await db.Whistles.IgnoreQueryFilters().AsNoTracking()
            .Where(w => w.State == WhistleState.Open && w.NextDueAt != null && w.NextDueAt <= now)
            .Where(w => db.WhistleSummonses.IgnoreQueryFilters().Any(s => s.WhistleId == w.Id && !s.Flagged && s.DueAt != null))
            .OrderBy(w => w.NextDueAt).Select(w => w.Id).Take(200).ToListAsync(cancellationToken);
        var flagged = 0;
        foreach (var id in candidates)
        {
            db.ChangeTracker.Clear();
            var record = await db.Whistles.IgnoreQueryFilters().FirstAsync(w => w.Id == id, cancellationToken);
            var whistle = await current.LoadPastScopeAsync(record, cancellationToken);
            var late = WhistleFlags.At(whistle, now).Select(f => f.DepartmentId).ToHashSet();
            var rows = await db.WhistleSummonses.IgnoreQueryFilters().Where(s => s.WhistleId == id).ToListAsync(cancellationToken);
            var newly = rows.Where(r => !r.Flagged && late.Contains(r.DepartmentId)).ToList();
            if (newly.Count == 0)
            {
                continue;
            }
            newly.ForEach(r => r.Flagged = true);
            record.FlaggedCount = rows.Where(r => r.Flagged).Select(r => r.DepartmentId).Distinct().Count();
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                flagged += newly.Count;
            }
            catch (DbUpdateException)
            {
                // Someone acted on the whistle meanwhile; that action projected the flags itself.
                db.ChangeTracker.Clear();
            }
        }
        return flagged;
    }
}
