using Fengqiao.Core.Ledger;
using Fengqiao.Core.Organisations;
using NodaTime;

namespace Fengqiao.Core.Mediation;

/// <summary>How the leaders' figures are grouped: per committee, mediator, town (乡镇街道) or month of application.</summary>
public enum FiguresDimension
{
    Committee = 1,
    Mediator = 2,
    Town = 3,
    Month = 4,
}

/// <summary>
/// What one mediation contributes to the figures (docs/kpi-definitions.md, "People's mediation figures"): whether it was accepted (受理), has an
/// outcome, succeeded (agreement, written or oral), whether its performance is known and was performed (履行),
/// whether a court confirmed it (司法确认), how many days from application to outcome, and whether the committee that
/// resolved it sits in a village (小事不出村) or within a town (大事不出乡).
/// </summary>
public sealed record MediationFacts(bool Accepted, bool Concluded, bool Succeeded, bool PerformanceKnown, bool Performed, bool Confirmed,
    double? Days, bool VillageLevel, bool WithinTown)
{
    /// <summary>The facts of a mediation handled by a committee of that kind sitting in that division.</summary>
    public static MediationFacts Of(Mediation mediation, CommitteeKind committeeKind, DivisionCode committeeDivision)
    {
        ArgumentNullException.ThrowIfNull(mediation);
        var state = mediation.State;
        var accepted = state is not (MediationState.Applied or MediationState.Refused);
        var succeeded = state is MediationState.Agreed or MediationState.Performed or MediationState.Unperformed;
        var concluded = succeeded || state is MediationState.Failed or MediationState.Declined;
        // The outcome is the step that first reached an agreement, a failure or a party's refusal.
        var outcome = mediation.History.FirstOrDefault(e => e.After is MediationState.Agreed or MediationState.Failed or MediationState.Declined);
        double? days = concluded && outcome is not null ? (outcome.At - mediation.AppliedAt).TotalDays : null;
        // A village committee sits in its village; a town committee or anything seated at village or town level stays in the town.
        var village = committeeKind == CommitteeKind.Village || committeeDivision.Level == DivisionLevel.Village;
        var town = village || committeeKind == CommitteeKind.Town || committeeDivision.Level is DivisionLevel.Town;
        return new MediationFacts(accepted, concluded, succeeded,
            PerformanceKnown: state is MediationState.Performed or MediationState.Unperformed,
            Performed: state == MediationState.Performed,
            Confirmed: mediation.Confirmation?.Confirmed == true,
            days, village, town);
    }
}

/// <summary>
/// One line of the figures: applications, accepted, concluded, succeeded and the success rate (调解成功率: succeeded of
/// concluded), performed of agreements whose follow-up ended (履行率), judicially confirmed, the average days from
/// application to outcome, and the shares of successes resolved at village level and within the town. A rate of 0 of 0
/// has no value ("—"), never 0 % nor 100 %.
/// </summary>
public sealed record MediationFigureLine(int Applied, int Accepted, int Concluded, int Succeeded, Ratio SuccessRate, Ratio PerformanceRate, int Confirmed,
    double? AverageDays, Ratio VillageShare, Ratio TownShare)
{
    public static MediationFigureLine Tally(IEnumerable<MediationFacts> facts)
    {
        ArgumentNullException.ThrowIfNull(facts);
        var list = facts.ToList();
        var succeeded = list.Where(f => f.Succeeded).ToList();
        var days = list.Where(f => f.Days is not null).Select(f => f.Days!.Value).ToList();
        var known = list.Count(f => f.PerformanceKnown);
        return new MediationFigureLine(
            Applied: list.Count,
            Accepted: list.Count(f => f.Accepted),
            Concluded: list.Count(f => f.Concluded),
            Succeeded: succeeded.Count,
            SuccessRate: new Ratio(succeeded.Count, list.Count(f => f.Concluded)),
            PerformanceRate: new Ratio(list.Count(f => f.Performed), known),
            Confirmed: list.Count(f => f.Confirmed),
            AverageDays: days.Count == 0 ? null : Math.Round(days.Average(), 1),
            VillageShare: new Ratio(succeeded.Count(f => f.VillageLevel), succeeded.Count),
            TownShare: new Ratio(succeeded.Count(f => f.WithinTown), succeeded.Count));
    }

    /// <summary>The month a mediation is counted in: the Beijing month of its application, "2026-09".</summary>
    public static string MonthOf(Instant appliedAt) =>
        appliedAt.InZone(Mediation.Zone).Date.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture);
}
