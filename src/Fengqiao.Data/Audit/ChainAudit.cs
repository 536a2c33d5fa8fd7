using Fengqiao.Core.Audit;
using Microsoft.EntityFrameworkCore;

namespace Fengqiao.Data.Audit;

/// <summary>The chained logs of Fengqiao.</summary>
public enum ChainedLog
{
    Case,
    Whistle,
    Letter,
    Mediation,
}

/// <summary>A log whose chain broke: which record, how people know it (a case code, a letter number), and where.</summary>
public sealed record BrokenChain(ChainedLog Log, Guid RecordId, string Reference, int FirstBrokenSequence);

/// <summary>How many records and events of one log were checked.</summary>
public sealed record LogTally(ChainedLog Log, int Records, long Events);

public sealed record ChainAuditResult(IReadOnlyList<LogTally> Logs, IReadOnlyList<BrokenChain> Broken)
{
    public int CasesChecked => Logs.Where(l => l.Log == ChainedLog.Case).Sum(l => l.Records);

    public long EventsChecked => Logs.Sum(l => l.Events);
}

/// <summary>
/// Checks every hash chain (审计校验) of cases, whistles, letters and mediations, reading each log in record order so memory stays
/// flat on a large store. A record with no events at all has lost its first link, which is a broken chain too.
/// </summary>
public static class ChainAudit
{
    public static async Task<ChainAuditResult> VerifyAsync(FengqiaoDbContext db, IProgress<int>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var broken = new List<BrokenChain>();
        var cases = await db.Cases.IgnoreQueryFilters().AsNoTracking().Select(c => new { c.Id, c.TrackingCode }).ToDictionaryAsync(c => c.Id, c => c.TrackingCode, cancellationToken);
        var whistles = await db.Whistles.IgnoreQueryFilters().AsNoTracking().Select(w => new { w.Id, w.CaseId }).ToDictionaryAsync(w => w.Id, w => $"{cases.GetValueOrDefault(w.CaseId, "?")}/{w.Id}", cancellationToken);
        var letters = await db.Letters.IgnoreQueryFilters().AsNoTracking().Select(l => new { l.Id, l.CaseId, l.Number }).ToDictionaryAsync(l => l.Id, l => l.Number ?? $"{cases.GetValueOrDefault(l.CaseId, "?")}/{l.Id}", cancellationToken);
        var mediations = await db.Mediations.IgnoreQueryFilters().AsNoTracking().Select(m => new { m.Id, m.Parties }).ToDictionaryAsync(m => m.Id, m => $"{m.Parties}/{m.Id}", cancellationToken);
        LogTally[] logs =
        [
            await VerifyLogAsync(ChainedLog.Case, cases, db.CaseEvents.IgnoreQueryFilters().AsNoTracking().OrderBy(e => e.CaseId).ThenBy(e => e.Sequence), broken, progress, cancellationToken),
            await VerifyLogAsync(ChainedLog.Whistle, whistles, db.WhistleEvents.IgnoreQueryFilters().AsNoTracking().OrderBy(e => e.WhistleId).ThenBy(e => e.Sequence), broken, progress, cancellationToken),
            await VerifyLogAsync(ChainedLog.Letter, letters, db.LetterEvents.IgnoreQueryFilters().AsNoTracking().OrderBy(e => e.LetterId).ThenBy(e => e.Sequence), broken, progress, cancellationToken),
            await VerifyLogAsync(ChainedLog.Mediation, mediations, db.MediationEvents.IgnoreQueryFilters().AsNoTracking().OrderBy(e => e.MediationId).ThenBy(e => e.Sequence), broken, progress, cancellationToken),
        ];
        return new ChainAuditResult(logs, broken);
    }

    private static async Task<LogTally> VerifyLogAsync<TEntry>(ChainedLog log, IReadOnlyDictionary<Guid, string> records, IQueryable<TEntry> inOrder, List<BrokenChain> broken,
        IProgress<int>? progress, CancellationToken cancellationToken)
        where TEntry : IChainedLogEntry
    {
        var events = 0L;
        var seen = new HashSet<Guid>();
        Guid? current = null;
        var chain = new List<(EventChain.Link, string, string)>();
        void Close()
        {
            if (current is { } id && EventChain.FirstBrokenLink(chain) is { } at)
            {
                broken.Add(new BrokenChain(log, id, records.GetValueOrDefault(id, id.ToString()), at));
            }
            chain.Clear();
        }
        await foreach (var e in inOrder.AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            if (e.OwnerId != current)
            {
                Close();
                current = e.OwnerId;
                seen.Add(e.OwnerId);
                if (seen.Count % 1000 == 0)
                {
                    progress?.Report(seen.Count);
                }
            }
            chain.Add((e.Link, e.PreviousHash, e.Hash));
            events++;
        }
        Close();
        foreach (var missing in records.Keys.Where(id => !seen.Contains(id)))
        {
            broken.Add(new BrokenChain(log, missing, records[missing], 1));
        }
        return new LogTally(log, records.Count, events);
    }
}
