using Fengqiao.Core.Assessment;
using Fengqiao.Core.Letters;
using Fengqiao.Core.Organisations;
using Fengqiao.Core.Tests.Letters;
using Fengqiao.Core.Whistles;
using NodaTime;
using static Fengqiao.Core.Tests.Calendar.ChinaTime;
using static Fengqiao.Core.Tests.Whistles.WhistleFixture;

namespace Fengqiao.Core.Tests.Whistles;

/// <summary>The acceptance story, at the domain level: four levels, one silent department, a letter, a referral, a ranking.</summary>
public class WhistleScenarioTests
{
    [Fact]
    public void A_silent_department_is_escalated_to_the_district_leader_referred_with_evidence_and_ranked_last()
    {
        // Labour answers within the hour; housing never answers.
        var w = Blown().Completed(Labour, At(2026, 3, 2, 10));
        var now = At(2026, 3, 2, 10);
        while (!w.IsAtTopLevel)
        {
            now += Duration.FromMinutes(15);
            if (WhistleEscalation.Due(w, now) is { } notice)
            {
                Assert.Equal(Housing, Assert.Single(notice.Overdue).DepartmentId);
                w = w.Escalate(now, "scheduler").Whistle;
            }
        }
        Assert.Equal(3, w.Events.Count(e => e.Kind == WhistleEvent.Escalated));

        // The joint-meeting office sends a supervision letter, which housing ignores too.
        var letter = LetterFixture.IssuedSupervision();
        Assert.Equal(LetterReplyStatus.Overdue, letter.ReplyStatusAt(At(2026, 4, 20)));

        var flagged = Assert.Single(WhistleFlags.At(w, now));
        Assert.Equal(Housing, flagged.DepartmentId);
        w = w.Rate(Community, Labour, Rating(5, 5, 4), now, "community-1").Whistle;
        var referred = w.Refer(Guid.NewGuid(), Housing, StaffRole.JointMeetingOffice, At(2026, 4, 21), "jmo-1", "拒不报到、督办不回复", [letter.Reference]).Whistle;
        var pack = Assert.Single(referred.Referrals);
        Assert.Equal(["垦信督〔2026〕15号"], pack.Letters.Select(l => l.Number.ToString()));
        Assert.Equal(4, pack.Timeline.Length); // blown + three escalations

        // The monthly ranking of departments reflects it: labour rated 4.67, housing unrated, late and lettered.
        var march = ReportingPeriod.Month(new YearMonth(2026, 3));
        var ranking = MonthlyAssessment.Rank(new YearMonth(2026, 3),
        [
            new UnitMonthInput("housing", "区住建局", new YearMonth(2026, 3), PeriodCounts.WhistleRatingAverage([referred], Housing, march), 10, 6, 8, 4,
                PeriodCounts.LettersByType([letter], march).Values.Sum(), 4),
            new UnitMonthInput("labour", "区人社局", new YearMonth(2026, 3), PeriodCounts.WhistleRatingAverage([referred], Labour, march), 10, 10, 8, 8, 0, 0),
        ], AssessmentScheme.Default);
        Assert.Equal(["labour", "housing"], ranking.Rows.Select(r => r.UnitCode));
        Assert.True(ranking.Rows[1].Score < 60m);
    }
}
