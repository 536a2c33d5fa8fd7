using System.Globalization;
using Fengqiao.Core.Mediation;
using Fengqiao.Data.Infrastructure;
using Fengqiao.Data.Notices;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using NodaTime.Extensions;

namespace Fengqiao.Data.Mediation;

public sealed record MediationLimitSweepResult(bool RanHere, int Examined, int DueSoon, int Overdue);

/// <summary>
/// Warns before and after the one-month limit of a mediation in progress (<see cref="MediationLimit"/>): one in-app
/// notice per mediation, level and limit date goes to the committee's guiding judicial office. Every node runs it;
/// only the holder of the "mediation-limit" lease works, and the outbox's unique key names the mediation, the level
/// and the last day, so no pass notifies twice, and an extension agreed later starts its own warnings.
/// Nothing is stored on the mediation: the flag the lists show is derived from its last day and the clock.
/// </summary>
public sealed class MediationLimitSweep(FengqiaoDbContext db) : ILeasedJob
{
    public static string LeaseName => "mediation-limit";

    public async Task<string?> RunAndDescribeAsync(string node, Instant now, CancellationToken cancellationToken)
    {
        var r = await RunOnceAsync(node, now, cancellationToken);
        return r.RanHere && r.DueSoon + r.Overdue > 0
            ? $"mediation limit sweep: {r.Examined} examined, {r.DueSoon} due-soon notices, {r.Overdue} overdue notices"
            : null;
    }

    public static string DedupKey(Guid mediationId, MediationLimitStatus status, DateOnly limit) =>
        string.Create(CultureInfo.InvariantCulture, $"mediation-limit:{mediationId:N}:{status}:{limit:yyyyMMdd}");

    public async Task<MediationLimitSweepResult> RunOnceAsync(string node, Instant now, CancellationToken cancellationToken = default)
    {
        if (!await Leases.TryAcquireAsync(db, LeaseName, node, now, cancellationToken))
        {
            return new MediationLimitSweepResult(false, 0, 0, 0);
        }
        var warnFrom = MediationLimit.WarnFrom(now).ToDateOnly();
        var rows = await db.Mediations.IgnoreQueryFilters().AsNoTracking()
            .Where(m => m.State == MediationState.InMediation && m.LimitDate != null && m.LimitDate <= warnFrom)
            .Select(m => new { m.Id, m.CommitteeId, m.Parties, m.Matter, m.LimitDate })
            .ToListAsync(cancellationToken);
        var wanted = rows.Select(m => new
        {
            Row = m,
            Status = MediationLimit.At(MediationState.InMediation, m.LimitDate!.Value.ToLocalDate(), now),
        }).Where(x => x.Status != MediationLimitStatus.OnTrack)
            .Select(x => (x.Row, x.Status, Key: DedupKey(x.Row.Id, x.Status, x.Row.LimitDate!.Value)))
            .ToList();
        var keys = wanted.Select(w => w.Key).ToList();
        var sent = new HashSet<string>(await db.Notices.IgnoreQueryFilters().AsNoTracking().Where(n => keys.Contains(n.DedupKey)).Select(n => n.DedupKey)
            .ToListAsync(cancellationToken), StringComparer.Ordinal);
        var committeeIds = wanted.Select(w => w.Row.CommitteeId).Distinct().ToList();
        var committees = await db.MediationCommittees.IgnoreQueryFilters().AsNoTracking().Where(c => committeeIds.Contains(c.Id))
            .ToDictionaryAsync(c => c.Id, c => new { c.Name, c.GuidingUnitId }, cancellationToken);
        int dueSoon = 0, overdue = 0;
        foreach (var (row, status, key) in wanted.Where(w => !sent.Contains(w.Key)))
        {
            var committee = committees.GetValueOrDefault(row.CommitteeId);
            var limit = row.LimitDate!.Value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            // The subject column holds 300 characters; long party lists are cut there, the mediation page has them all.
            var parties = row.Parties.Length > 80 ? row.Parties[..80] + "…" : row.Parties;
            db.Notices.Add(new Notice
            {
                DedupKey = key,
                Channel = NoticeChannel.InApp,
                UnitId = committee?.GuidingUnitId,
                Kind = status == MediationLimitStatus.Overdue ? "mediation.overdue" : "mediation.due-soon",
                Subject = status == MediationLimitStatus.Overdue
                    ? $"调解已超过期限 {limit} (a mediation is past its time limit {limit})：{parties}"
                    : $"调解将于 {limit} 到期 (a mediation's time limit ends on {limit})：{parties}",
                Body = $"{committee?.Name}；{row.Matter}；如需继续，须经双方当事人同意延长 (extend only with both parties' consent)",
                CreatedAt = now,
            });
            if (status == MediationLimitStatus.Overdue)
            {
                overdue++;
            }
            else
            {
                dueSoon++;
            }
        }
        if (dueSoon + overdue > 0)
        {
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException)
            {
                // Another pass queued some of them first (the unique key); the next pass queues whatever is still missing.
                db.ChangeTracker.Clear();
                return new MediationLimitSweepResult(true, rows.Count, 0, 0);
            }
        }
        return new MediationLimitSweepResult(true, rows.Count, dueSoon, overdue);
    }
}
