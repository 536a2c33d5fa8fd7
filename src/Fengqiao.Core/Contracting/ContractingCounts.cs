using Fengqiao.Core.Assessment;

namespace Fengqiao.Core.Contracting;

/// <summary>Counts for a period's notice: contracts by kind, follow-up visits and their results, look-back reviews and reopenings.</summary>
public sealed record ContractingCounts(
    int ContractsAssigned,
    int DualContracts,
    int ContractsReleased,
    int FollowUpVisits,
    int VisitsResolved,
    int VisitsSatisfied,
    int LookBackReviews,
    int LookBacksDecided,
    int CasesReopened)
{
    /// <summary>Each item is counted in the period of its own date: assignment, release, visit, start and decision.</summary>
    public static ContractingCounts For(ReportingPeriod period, IEnumerable<CaseContract> contracts, IEnumerable<FollowUpVisit> visits, IEnumerable<LookBackReview> reviews)
    {
        ArgumentNullException.ThrowIfNull(period);
        ArgumentNullException.ThrowIfNull(contracts);
        ArgumentNullException.ThrowIfNull(visits);
        ArgumentNullException.ThrowIfNull(reviews);
        var c = contracts.ToList();
        var v = visits.Where(x => period.Contains(x.VisitedAt)).ToList();
        var r = reviews.ToList();
        var decided = r.Where(x => x.DecidedAt is { } at && period.Contains(at)).ToList();
        return new ContractingCounts(
            c.Count(x => period.Contains(x.AssignedAt)),
            c.Count(x => x.Kind == ContractKind.Dual && period.Contains(x.AssignedAt)),
            c.Count(x => x.ReleasedAt is { } at && period.Contains(at)),
            v.Count,
            v.Count(x => x.Outcome == FollowUpOutcome.Resolved),
            v.Count(x => x.ResidentSatisfied == true),
            r.Count(x => period.Contains(x.StartedAt)),
            decided.Count,
            decided.Count(x => x.Decision == LookBackDecision.NotTrulyResolved));
    }
}
