using Fengqiao.Core.Cases;
using NodaTime;

namespace Fengqiao.Core.Ledger;

/// <summary>
/// The KPIs of one cohort of cases (those registered in a period), evaluated at an instant. Every figure's
/// numerator, denominator and date are written in docs/kpi-definitions.md; the SQL in the data layer computes
/// the same counts and a test holds the two together.
/// </summary>
public sealed record CaseKpis(
    int Registered,
    Ratio OnTheSpot,
    Ratio ClosedWithin10Days,
    Ratio ClosedWithin20Days,
    Ratio TimelyAcceptance,
    Ratio OnTimeReply,
    Ratio RatingParticipation,
    Ratio Satisfaction,
    Ratio HotlineResponse,
    Ratio HotlineResolution,
    Ratio HotlineSatisfaction)
{
    public static CaseKpis Of(IEnumerable<CaseFacts> cohort, Instant asOf)
    {
        ArgumentNullException.ThrowIfNull(cohort);
        var c = new Counts();
        foreach (var f in cohort)
        {
            c.Add(f, asOf);
        }
        return c.ToKpis();
    }

    /// <summary>Counts a case into the figures; public so the SQL side can build the same result from its sums.</summary>
    public sealed class Counts
    {
        public int Registered { get; set; }
        public int OnTheSpot { get; set; }
        public int Within10 { get; set; }
        public int Within20 { get; set; }
        public int DecisionDue { get; set; }
        public int DecisionOnTime { get; set; }
        public int ReplyDue { get; set; }
        public int ReplyOnTime { get; set; }
        public int Replied { get; set; }
        public int Rated { get; set; }
        public int Satisfied { get; set; }
        public int HotlineRegistered { get; set; }
        public int HotlineReplyDue { get; set; }
        public int HotlineReplyOnTime { get; set; }
        public int HotlineClosed { get; set; }
        public int HotlineRated { get; set; }
        public int HotlineSatisfied { get; set; }

        public void Add(CaseFacts f, Instant asOf)
        {
            ArgumentNullException.ThrowIfNull(f);
            var hotline = f.Channel == CaseChannel.Hotline12345;
            Registered++;
            OnTheSpot += f.ResolvedOnTheSpot ? 1 : 0;
            Within10 += f.ClosedWithinDays <= 10 ? 1 : 0;
            Within20 += f.ClosedWithinDays <= 20 ? 1 : 0;
            // A limit counts once it is met or has passed: a case still inside its limit is not yet judged.
            if (f.DecisionDueAt is { } decisionDue && (f.DecidedAt is not null || decisionDue <= asOf))
            {
                DecisionDue++;
                DecisionOnTime += f.DecidedAt is { } decided && decided <= decisionDue ? 1 : 0;
            }
            var replyJudged = f.ReplyDueAt is { } replyDue && (f.RepliedAt is not null || replyDue <= asOf);
            var replyOnTime = replyJudged && f.RepliedAt is { } replied && replied <= f.ReplyDueAt!.Value;
            if (replyJudged)
            {
                ReplyDue++;
                ReplyOnTime += replyOnTime ? 1 : 0;
            }
            var rated = f.Rating is CaseRating.Satisfied or CaseRating.BasicallySatisfied or CaseRating.Unsatisfied;
            var satisfied = f.Rating is CaseRating.Satisfied or CaseRating.BasicallySatisfied;
            Replied += f.RepliedAt is not null ? 1 : 0;
            Rated += rated ? 1 : 0;
            Satisfied += satisfied ? 1 : 0;
            if (hotline)
            {
                HotlineRegistered++;
                HotlineReplyDue += replyJudged ? 1 : 0;
                HotlineReplyOnTime += replyOnTime ? 1 : 0;
                HotlineClosed += f.ClosedAt is not null ? 1 : 0;
                HotlineRated += rated ? 1 : 0;
                HotlineSatisfied += satisfied ? 1 : 0;
            }
        }

        /// <summary>
        /// Adds a group's settled and pending counts (see <see cref="SettledCounts"/>); <paramref name="hotline"/> when
        /// the group is all 12345 cases. Equal to adding the group's cases one by one.
        /// </summary>
        public void Add(SettledCounts settled, PendingCounts pending, bool hotline)
        {
            Registered += settled.Registered;
            OnTheSpot += settled.OnTheSpot;
            Within10 += settled.Within10;
            Within20 += settled.Within20;
            DecisionDue += settled.DecisionDecided + pending.DecisionOverdue;
            DecisionOnTime += settled.DecisionOnTime;
            ReplyDue += settled.ReplyReplied + pending.ReplyOverdue;
            ReplyOnTime += settled.ReplyOnTime;
            Replied += settled.Replied;
            Rated += settled.Rated;
            Satisfied += settled.Satisfied;
            if (hotline)
            {
                HotlineRegistered += settled.Registered;
                HotlineReplyDue += settled.ReplyReplied + pending.ReplyOverdue;
                HotlineReplyOnTime += settled.ReplyOnTime;
                HotlineClosed += settled.Closed;
                HotlineRated += settled.Rated;
                HotlineSatisfied += settled.Satisfied;
            }
        }

        public CaseKpis ToKpis() => new(
            Registered,
            new Ratio(OnTheSpot, Registered),
            new Ratio(Within10, Registered),
            new Ratio(Within20, Registered),
            new Ratio(DecisionOnTime, DecisionDue),
            new Ratio(ReplyOnTime, ReplyDue),
            // Rated of those replied: on-the-spot cases are settled face to face and not asked to rate.
            new Ratio(Math.Min(Rated, Replied), Replied),
            new Ratio(Satisfied, Rated),
            new Ratio(HotlineReplyOnTime, HotlineReplyDue),
            new Ratio(HotlineClosed, HotlineRegistered),
            new Ratio(HotlineSatisfied, HotlineRated));
    }
}
