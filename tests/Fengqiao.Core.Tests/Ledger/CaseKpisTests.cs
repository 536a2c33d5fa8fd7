using CsCheck;
using Fengqiao.Core.Cases;
using Fengqiao.Core.Ledger;
using Fengqiao.Testing;
using NodaTime;

namespace Fengqiao.Core.Tests.Ledger;

public class CaseKpisTests
{
    [Fact]
    public void The_hand_worked_scenario_gives_every_figure() =>
        KpiScenario.AssertMatches(CaseKpis.Of(KpiScenario.Cases.Select(c => c.Facts), KpiScenario.AsOf));

    [Fact]
    public void A_case_still_inside_its_limit_is_not_yet_judged()
    {
        var h = KpiScenario.Cases.Single(c => c.Name == "H").Facts;
        var early = CaseKpis.Of([h], KpiScenario.AsOf);
        var later = CaseKpis.Of([h], h.DecisionDueAt!.Value + Duration.FromSeconds(1));
        Assert.Equal(new Ratio(0, 0), early.TimelyAcceptance);
        Assert.Equal(new Ratio(0, 1), later.TimelyAcceptance);
        Assert.Null(early.TimelyAcceptance.Value);
        Assert.Equal("—", early.TimelyAcceptance.Percent);
    }

    [Fact]
    public void Rates_stay_between_zero_and_one_and_add_up_across_any_split() =>
        Gen.Int[0, 7].Array[0, 40].Sample(indices =>
        {
            var facts = indices.Select(i => KpiScenario.Cases[i].Facts).ToList();
            var whole = CaseKpis.Of(facts, KpiScenario.AsOf);
            var half = facts.Count / 2;
            var a = CaseKpis.Of(facts.Take(half), KpiScenario.AsOf);
            var b = CaseKpis.Of(facts.Skip(half), KpiScenario.AsOf);
            Assert.Equal(whole.OnTimeReply, a.OnTimeReply + b.OnTimeReply);
            Assert.Equal(whole.Satisfaction, a.Satisfaction + b.Satisfaction);
            Assert.Equal(whole.ClosedWithin20Days, a.ClosedWithin20Days + b.ClosedWithin20Days);
            foreach (var r in new[] { whole.OnTheSpot, whole.ClosedWithin10Days, whole.ClosedWithin20Days, whole.TimelyAcceptance, whole.OnTimeReply, whole.RatingParticipation, whole.Satisfaction })
            {
                Assert.InRange(r.Value ?? 0, 0, 1);
                Assert.True(r.Numerator <= r.Denominator);
            }
            Assert.True(whole.ClosedWithin10Days.Numerator <= whole.ClosedWithin20Days.Numerator);
        });

    [Fact]
    public void Closing_within_ten_days_is_counted_in_whole_days_rounded_up()
    {
        var start = KpiScenario.Start;
        CaseFacts Closed(Duration after) => new(CaseChannel.Visit, false, start, null, null, null, null, start + after, null);
        Assert.Equal(10, Closed(Duration.FromDays(10)).ClosedWithinDays);
        Assert.Equal(11, Closed(Duration.FromDays(10) + Duration.FromMinutes(1)).ClosedWithinDays);
        Assert.Equal(new Ratio(1, 2), CaseKpis.Of([Closed(Duration.FromDays(10)), Closed(Duration.FromDays(10) + Duration.FromMinutes(1))], start + Duration.FromDays(40)).ClosedWithin10Days);
    }
}
