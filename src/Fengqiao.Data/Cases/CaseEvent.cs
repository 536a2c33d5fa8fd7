using Fengqiao.Core.Audit;
using Fengqiao.Data.Audit;
using NodaTime;

namespace Fengqiao.Data.Cases;

/// <summary>
/// One entry of a case's append-only, hash-chained log (who, when, what, before/after in <see cref="Data"/>).
/// Never updated or deleted: the context refuses it and database triggers refuse it too.
/// </summary>
public sealed class CaseEvent : IChainedLogEntry
{
    public long Id { get; set; }
    public Guid CaseId { get; set; }
    /// <summary>1, 2, 3 … per case; unique with <see cref="CaseId"/>, so two concurrent appends cannot both win.</summary>
    public int Sequence { get; set; }
    public required string Kind { get; set; }
    public required string Actor { get; set; }
    public Instant At { get; set; }
    /// <summary>JSON with the event's facts (before/after state, reason, texts).</summary>
    public required string Data { get; set; }
    public required string PreviousHash { get; set; }
    public required string Hash { get; set; }

    Guid IChainedLogEntry.OwnerId => CaseId;

    EventChain.Link IChainedLogEntry.Link => new(CaseId, Sequence, Kind, Actor, At.ToUnixTimeMilliseconds(), Data);
}
