using System.Text.Json;
using Fengqiao.Core.Audit;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Fengqiao.Data.Cases;

/// <summary>Appends to a case's hash-chained log. The caller saves; the unique (case, sequence) index turns a race into a conflict.</summary>
public static class CaseEventLog
{
    public static async Task<CaseEvent> AppendAsync(FengqiaoDbContext db, Guid caseId, string kind, string actor, Instant at, object data, CancellationToken cancellationToken = default)
    {
        // Read the last link past the scope filter: integrity of the chain does not depend on who is looking.
        var pending = db.ChangeTracker.Entries<CaseEvent>().Where(e => e.State == EntityState.Added && e.Entity.CaseId == caseId)
            .Select(e => e.Entity).OrderByDescending(e => e.Sequence).FirstOrDefault();
        var last = pending is not null
            ? (pending.Sequence, pending.Hash)
            : await db.CaseEvents.IgnoreQueryFilters().Where(e => e.CaseId == caseId).OrderByDescending(e => e.Sequence)
                .Select(e => new ValueTuple<int, string>(e.Sequence, e.Hash)).FirstOrDefaultAsync(cancellationToken);
        var previous = last.Item1 == 0 ? EventChain.Genesis : last.Item2;
        var json = JsonSerializer.Serialize(data);
        var link = new EventChain.Link(caseId, last.Item1 + 1, kind, actor, at.ToUnixTimeMilliseconds(), json);
        var entry = new CaseEvent
        {
            CaseId = caseId,
            Sequence = link.Sequence,
            Kind = kind,
            Actor = actor,
            At = Instant.FromUnixTimeMilliseconds(link.AtUnixMilliseconds),
            Data = json,
            PreviousHash = previous,
            Hash = EventChain.Hash(previous, link),
        };
        db.CaseEvents.Add(entry);
        return entry;
    }

    public static EventChain.Link ToLink(CaseEvent e) => new(e.CaseId, e.Sequence, e.Kind, e.Actor, e.At.ToUnixTimeMilliseconds(), e.Data);
}
