using Fengqiao.Core.Audit;
using Microsoft.EntityFrameworkCore;

namespace Fengqiao.Data.Cases;

public sealed record BrokenChain(Guid CaseId, string TrackingCode, int FirstBrokenSequence);

public sealed record ChainAuditResult(int CasesChecked, long EventsChecked, IReadOnlyList<BrokenChain> Broken);

/// <summary>Checks every case's hash chain (审计校验), reading the log in case order so memory stays flat on a large store.</summary>
public static class ChainAudit
{
    public static async Task<ChainAuditResult> VerifyAsync(FengqiaoDbContext db, IProgress<int>? progress = null, CancellationToken cancellationToken = default)
    {
        var codes = await db.Cases.IgnoreQueryFilters().AsNoTracking().ToDictionaryAsync(c => c.Id, c => c.TrackingCode, cancellationToken);
        var broken = new List<BrokenChain>();
        var events = 0L;
        var cases = 0;
        Guid? current = null;
        var chain = new List<(EventChain.Link, string, string)>();
        void Close()
        {
            if (current is { } id && EventChain.FirstBrokenLink(chain) is { } at)
            {
                broken.Add(new BrokenChain(id, codes.GetValueOrDefault(id, "?"), at));
            }
            cases += current is null ? 0 : 1;
            chain.Clear();
        }
        await foreach (var e in db.CaseEvents.IgnoreQueryFilters().AsNoTracking().OrderBy(e => e.CaseId).ThenBy(e => e.Sequence).AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            if (e.CaseId != current)
            {
                Close();
                current = e.CaseId;
                if (cases % 1000 == 0)
                {
                    progress?.Report(cases);
                }
            }
            chain.Add((CaseEventLog.ToLink(e), e.PreviousHash, e.Hash));
            events++;
        }
        Close();
        // A case with no events at all has lost its registration: that is a broken chain too.
        foreach (var missing in codes.Keys.Except(await db.CaseEvents.IgnoreQueryFilters().Select(e => e.CaseId).Distinct().ToListAsync(cancellationToken)))
        {
            broken.Add(new BrokenChain(missing, codes[missing], 1));
        }
        return new ChainAuditResult(codes.Count, events, broken);
    }
}
