using Fengqiao.Core.Cases;
using NodaTime;

namespace Fengqiao.Core.Ledger;

/// <summary>
/// What the KPIs need to know about one case (台账事实), projected from its lifecycle. Instants, not local dates:
/// which month a case belongs to is decided by the caller in Beijing time.
/// </summary>
public sealed record CaseFacts(
    CaseChannel Channel,
    bool ResolvedOnTheSpot,
    Instant RegisteredAt,
    Instant? DecidedAt,
    Instant? DecisionDueAt,
    Instant? RepliedAt,
    Instant? ReplyDueAt,
    Instant? ClosedAt,
    CaseRating? Rating)
{
    /// <summary>Whole days, rounded up, from registration to closure (0 on the spot), or null while open.</summary>
    public int? ClosedWithinDays => ClosedAt is { } closed ? (int)Math.Ceiling((closed - RegisteredAt).TotalDays) : null;
}
