using Fengqiao.Core.Cases;

namespace Fengqiao.Core.Ledger;

/// <summary>
/// The part of one case's KPI counts that does not depend on the as-of instant (已定计数): everything except the
/// limits that have passed without a decision or a reply. These can be summed ahead of time (the monthly roll-up);
/// <see cref="PendingCounts"/> is the rest, counted at the moment of asking. <see cref="CaseKpis.Counts"/> of a
/// cohort equals the sum of both (a property test holds them together).
/// </summary>
public readonly record struct SettledCounts(
    int Registered,
    int OnTheSpot,
    int Within10,
    int Within20,
    /// <summary>Cases with an acceptance-notice limit that have been decided (judged whatever the as-of).</summary>
    int DecisionDecided,
    int DecisionOnTime,
    /// <summary>Cases with a handling limit that have been replied (judged whatever the as-of).</summary>
    int ReplyReplied,
    int ReplyOnTime,
    int Replied,
    int Closed,
    int Rated,
    int Satisfied)
{
    public static SettledCounts Of(CaseFacts f) => Of(f, f?.ClosedWithinDays);

    /// <summary>With the closure days as stored on the ledger row, which the SQL side counts.</summary>
    public static SettledCounts Of(CaseFacts f, int? closedWithinDays)
    {
        ArgumentNullException.ThrowIfNull(f);
        var decided = f.DecisionDueAt is not null && f.DecidedAt is not null;
        var replied = f.ReplyDueAt is not null && f.RepliedAt is not null;
        return new SettledCounts(
            Registered: 1,
            OnTheSpot: f.ResolvedOnTheSpot ? 1 : 0,
            Within10: closedWithinDays <= 10 ? 1 : 0,
            Within20: closedWithinDays <= 20 ? 1 : 0,
            DecisionDecided: decided ? 1 : 0,
            DecisionOnTime: decided && f.DecidedAt <= f.DecisionDueAt ? 1 : 0,
            ReplyReplied: replied ? 1 : 0,
            ReplyOnTime: replied && f.RepliedAt <= f.ReplyDueAt ? 1 : 0,
            Replied: f.RepliedAt is not null ? 1 : 0,
            Closed: f.ClosedAt is not null ? 1 : 0,
            Rated: f.Rating is CaseRating.Satisfied or CaseRating.BasicallySatisfied or CaseRating.Unsatisfied ? 1 : 0,
            Satisfied: f.Rating is CaseRating.Satisfied or CaseRating.BasicallySatisfied ? 1 : 0);
    }

    public bool IsZero => this == default;

    public static SettledCounts operator +(SettledCounts a, SettledCounts b) => new(
        a.Registered + b.Registered, a.OnTheSpot + b.OnTheSpot, a.Within10 + b.Within10, a.Within20 + b.Within20,
        a.DecisionDecided + b.DecisionDecided, a.DecisionOnTime + b.DecisionOnTime, a.ReplyReplied + b.ReplyReplied,
        a.ReplyOnTime + b.ReplyOnTime, a.Replied + b.Replied, a.Closed + b.Closed, a.Rated + b.Rated, a.Satisfied + b.Satisfied);

    public static SettledCounts operator -(SettledCounts a, SettledCounts b) => a + b.Negated();

    private SettledCounts Negated() => new(
        -Registered, -OnTheSpot, -Within10, -Within20, -DecisionDecided, -DecisionOnTime, -ReplyReplied, -ReplyOnTime,
        -Replied, -Closed, -Rated, -Satisfied);
}

/// <summary>
/// The as-of-dependent part (未决计数): limits that passed, by the as-of instant, with no decision or reply yet. Only
/// cases still waiting can contribute, so this is counted live over those few.
/// </summary>
public readonly record struct PendingCounts(int DecisionOverdue, int ReplyOverdue)
{
    public static PendingCounts Of(CaseFacts f, NodaTime.Instant asOf)
    {
        ArgumentNullException.ThrowIfNull(f);
        return new PendingCounts(
            f.DecisionDueAt is { } decisionDue && f.DecidedAt is null && decisionDue <= asOf ? 1 : 0,
            f.ReplyDueAt is { } replyDue && f.RepliedAt is null && replyDue <= asOf ? 1 : 0);
    }

    public static PendingCounts operator +(PendingCounts a, PendingCounts b) => new(a.DecisionOverdue + b.DecisionOverdue, a.ReplyOverdue + b.ReplyOverdue);
}
