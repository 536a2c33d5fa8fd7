using System.Globalization;
using Fengqiao.Core.Calendar;
using Fengqiao.Core.Cases;
using Fengqiao.Data.Cases;
using Fengqiao.Data.Infrastructure;
using Fengqiao.Data.Notices;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Fengqiao.Data.Deadlines;

public sealed record SweepResult(bool RanHere, int Examined, int MarkedDueSoon, int MarkedOverdue, int Notices)
{
    public static SweepResult operator +(SweepResult a, SweepResult b) =>
        new(a.RanHere, a.Examined + b.Examined, a.MarkedDueSoon + b.MarkedDueSoon, a.MarkedOverdue + b.MarkedOverdue, a.Notices + b.Notices);
}

/// <summary>
/// Marks cases whose running time limit is near (yellow) or past (red) and puts one warning per case and level
/// into the outbox for the handling unit. Safe with several web nodes on one database: only the holder of the
/// "deadline-sweep" lease runs, and the outbox's unique key stops a second notice even if two ever overlapped.
/// </summary>
public sealed class DeadlineSweep(FengqiaoDbContext db, CaseRules rules) : ILeasedJob
{
    public async Task<string?> RunAndDescribeAsync(string node, Instant now, CancellationToken cancellationToken)
    {
        var r = await RunOnceAsync(node, now, cancellationToken);
        return r.RanHere && r.MarkedDueSoon + r.MarkedOverdue > 0
            ? $"deadline sweep: {r.Examined} examined, {r.MarkedDueSoon} due soon, {r.MarkedOverdue} overdue, {r.Notices} notices"
            : null;
    }

    public static string LeaseName => "deadline-sweep";

    /// <summary>How far ahead to look: the widest due-soon window of the default profiles is a few days.</summary>
    public static readonly Duration Horizon = Duration.FromDays(10);

    /// <summary>How many cases are read and replayed at a time; one pass goes on batch after batch until it has seen them all.</summary>
    public int BatchSize { get; set; } = 500;

    /// <summary>
    /// The stored level of a colour. Only a warning marks a case: on track leaves it unmarked (0), as a new limit
    /// starts; a level 1 that earlier versions wrote for "on track" reads as unmarked too.
    /// </summary>
    public static int LevelOf(DeadlineStatus status) => status == DeadlineStatus.OnTrack ? 0 : (int)status;

    public async Task<SweepResult> RunOnceAsync(string node, Instant now, CancellationToken cancellationToken = default)
    {
        if (!await Leases.TryAcquireAsync(db, LeaseName, node, now, cancellationToken))
        {
            return new SweepResult(false, 0, 0, 0, 0);
        }
        var horizon = now + Horizon;
        var total = new SweepResult(true, 0, 0, 0, 0);
        // A keyset over (due, id) walks every candidate once per pass, earliest due first, so a batch in which
        // nothing changes (suspended cases keep their colour after falling due) never keeps the pass from the rest.
        Instant? afterDue = null;
        var afterId = Guid.Empty;
        while (true)
        {
            // Only cases whose level can still rise: due and not yet red, or near and not yet yellow. A yellow case
            // that is not yet due needs nothing, so a backlog of them is not read at all.
            var batch = await db.Cases.IgnoreQueryFilters()
                .Where(c => c.DueAt != null
                    && ((c.DueAt <= now && c.DeadlineLevel < (int)DeadlineStatus.Overdue)
                        || (c.DueAt <= horizon && c.DeadlineLevel < (int)DeadlineStatus.DueSoon)))
                .Where(c => afterDue == null || c.DueAt > afterDue || (c.DueAt == afterDue && c.Id.CompareTo(afterId) > 0))
                .OrderBy(c => c.DueAt).ThenBy(c => c.Id)
                .Take(BatchSize)
                .ToListAsync(cancellationToken);
            if (batch.Count == 0)
            {
                return total;
            }
            total += await MarkAsync(batch, now, cancellationToken);
            (afterDue, afterId) = (batch[^1].DueAt, batch[^1].Id);
            db.ChangeTracker.Clear();
        }
    }

    private async Task<SweepResult> MarkAsync(List<CaseRecord> batch, Instant now, CancellationToken cancellationToken)
    {
        var ids = batch.Select(c => c.Id).ToList();
        var events = (await db.CaseEvents.IgnoreQueryFilters().AsNoTracking().Where(e => ids.Contains(e.CaseId)).ToListAsync(cancellationToken)).ToLookup(e => e.CaseId);
        int dueSoon = 0, overdue = 0, notices = 0;
        foreach (var record in batch)
        {
            var file = rules.Replay(record.Id, CaseEventLog.Lifecycle(events[record.Id]));
            if (file.DeadlineStatusAt(now) is not { } status || LevelOf(status) <= record.DeadlineLevel)
            {
                continue;
            }
            // Only due soon or overdue get here (on track is level 0), so the notice says what the level became.
            record.DeadlineLevel = LevelOf(status);
            dueSoon += status == DeadlineStatus.DueSoon ? 1 : 0;
            overdue += status == DeadlineStatus.Overdue ? 1 : 0;
            var due = record.DueAt!.Value.InZone(DeadlineCalculator.ChinaTimeZone).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
            var key = $"deadline:{record.Id:N}:{status}:{record.DueAt!.Value.ToUnixTimeSeconds()}";
            if (!await db.Notices.AnyAsync(n => n.DedupKey == key, cancellationToken))
            {
                db.Notices.Add(new Notice
                {
                    DedupKey = key,
                    Channel = NoticeChannel.InApp,
                    UnitId = record.HandlingUnitId ?? record.RegisteringUnitId,
                    CaseId = record.Id,
                    Kind = status == DeadlineStatus.Overdue ? "deadline.overdue" : "deadline.due-soon",
                    Subject = status == DeadlineStatus.Overdue
                        ? $"案件 {record.TrackingCode} 已超期 (case {record.TrackingCode} is overdue)"
                        : $"案件 {record.TrackingCode} 即将到期 (case {record.TrackingCode} is due soon)",
                    // Bilingual as the subject is, so the English screen shows no Chinese (the title is the resident's words).
                    Body = string.Create(CultureInfo.InvariantCulture, $"{record.Title}；期限 {due} (due {due})"),
                    CreatedAt = now,
                });
                notices++;
            }
        }
        await db.SaveChangesAsync(cancellationToken);
        return new SweepResult(true, batch.Count, dueSoon, overdue, notices);
    }
}
