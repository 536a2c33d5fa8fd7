using Fengqiao.Core.Audit;

namespace Fengqiao.Data.Audit;

/// <summary>
/// One entry of a hash-chained, append-only log (留痕: cases, whistles, letters, mediations). The context refuses to change or delete
/// one, database triggers refuse it too, and <see cref="ChainAudit"/> verifies every such log through this view.
/// </summary>
public interface IChainedLogEntry
{
    /// <summary>The record the log belongs to: a case, a whistle, a letter, a mediation.</summary>
    Guid OwnerId { get; }

    /// <summary>The fields the hash covers.</summary>
    EventChain.Link Link { get; }

    string PreviousHash { get; }

    string Hash { get; }
}
