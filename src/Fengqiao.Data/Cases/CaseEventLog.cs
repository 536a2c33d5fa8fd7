using System.Text.Json;
using Fengqiao.Core.Audit;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Fengqiao.Data.Cases;

/// <summary>Appends to a case's hash-chained log. The caller saves; the unique (case, sequence) index turns a race into a conflict.</summary>
public static class CaseEventLog
{
    /// <summary>Appends a lifecycle event exactly as Core made it, so replaying the log rebuilds the same case.</summary>
    public static Task<CaseEvent> AppendAsync(FengqiaoDbContext db, Guid caseId, Core.Cases.CaseEvent lifecycleEvent, CancellationToken cancellationToken = default) =>
        AppendLinkAsync(db, caseId, sequence => lifecycleEvent.ToLink(caseId, sequence), cancellationToken);

    /// <summary>Appends a contracting, follow-up or look-back action (包案、回访、回头看) to the case's chain; replay skips it.</summary>
    public static Task<CaseEvent> AppendAsync(FengqiaoDbContext db, Guid caseId, Core.Contracting.ContractingEvent contractingEvent, CancellationToken cancellationToken = default) =>
        AppendLinkAsync(db, caseId, sequence => contractingEvent.ToLink(caseId, sequence), cancellationToken);

    /// <summary>Appends a free-form note (e.g. a view of personal data) whose data is any serialisable object.</summary>
    public static Task<CaseEvent> AppendAsync(FengqiaoDbContext db, Guid caseId, string kind, string actor, Instant at, object data, CancellationToken cancellationToken = default)
    {
        var json = JsonSerializer.Serialize(data);
        return AppendLinkAsync(db, caseId, sequence => new EventChain.Link(caseId, sequence, kind, actor, at.ToUnixTimeMilliseconds(), json), cancellationToken);
    }

    private static async Task<CaseEvent> AppendLinkAsync(FengqiaoDbContext db, Guid caseId, Func<int, EventChain.Link> makeLink, CancellationToken cancellationToken)
    {
        // Read the last link past the scope filter: integrity of the chain does not depend on who is looking.
        var pending = db.ChangeTracker.Entries<CaseEvent>().Where(e => e.State == EntityState.Added && e.Entity.CaseId == caseId)
            .Select(e => e.Entity).OrderByDescending(e => e.Sequence).FirstOrDefault();
        // A case being created in this same save has no stored link yet: no need to ask the database.
        var isNew = pending is null && db.ChangeTracker.Entries<CaseRecord>().Any(e => e.State == EntityState.Added && e.Entity.Id == caseId);
        var last = pending is not null
            ? (pending.Sequence, pending.Hash)
            : isNew ? (0, EventChain.Genesis)
            : await db.CaseEvents.IgnoreQueryFilters().Where(e => e.CaseId == caseId).OrderByDescending(e => e.Sequence)
                .Select(e => new ValueTuple<int, string>(e.Sequence, e.Hash)).FirstOrDefaultAsync(cancellationToken);
        var previous = last.Item1 == 0 ? EventChain.Genesis : last.Item2;
        var link = makeLink(last.Item1 + 1);
        var entry = new CaseEvent
        {
            CaseId = caseId,
            Sequence = link.Sequence,
            Kind = link.Kind,
            Actor = link.Actor,
            At = Instant.FromUnixTimeMilliseconds(link.AtUnixMilliseconds),
            Data = link.Data,
            PreviousHash = previous,
            Hash = EventChain.Hash(previous, link),
        };
        db.CaseEvents.Add(entry);
        return entry;
    }

    public static EventChain.Link ToLink(CaseEvent e) => ((Audit.IChainedLogEntry)e).Link;

    /// <summary>A case's stored events in order, and the sequence of the first link that does not verify (null when intact).</summary>
    public static async Task<(IReadOnlyList<CaseEvent> Events, int? FirstBrokenLink)> ReadCheckedAsync(FengqiaoDbContext db, Guid caseId, CancellationToken cancellationToken = default)
    {
        var events = await db.CaseEvents.AsNoTracking().Where(e => e.CaseId == caseId).OrderBy(e => e.Sequence).ToListAsync(cancellationToken);
        return (events, EventChain.FirstBrokenLink(events.Select(e => (ToLink(e), e.PreviousHash, e.Hash))));
    }

    /// <summary>The stored lifecycle events of a case as Core reads them (free-form notes are skipped).</summary>
    public static IEnumerable<Core.Cases.CaseEvent> Lifecycle(IEnumerable<CaseEvent> stored) =>
        stored.Where(e => e.Kind.StartsWith("case.", StringComparison.Ordinal)).OrderBy(e => e.Sequence).Select(e => Core.Cases.CaseEvent.FromLink(ToLink(e)));
}
