using Fengqiao.Core.Ledger;
using Fengqiao.Core.Mediation;
using Fengqiao.Core.Organisations;
using static Fengqiao.Core.Tests.Mediation.MediationFixture;

namespace Fengqiao.Core.Tests.Mediation;

public sealed class MediationFiguresTests
{
    private static readonly DivisionCode Village = DivisionCode.Parse("370505001201");
    private static readonly DivisionCode Town = DivisionCode.Parse("370505001");
    private static readonly DivisionCode District = DivisionCode.Parse("370505");

    [Fact]
    public void Nothing_to_divide_by_is_no_rate_not_zero_or_a_hundred_percent()
    {
        var line = MediationFigureLine.Tally([MediationFacts.Of(Open(), CommitteeKind.Village, Village)]);
        Assert.Equal(1, line.Applied);
        Assert.Equal(0, line.Accepted);
        Assert.Null(line.SuccessRate.Value);
        Assert.Null(line.PerformanceRate.Value);
        Assert.Null(line.VillageShare.Value);
        Assert.Null(line.AverageDays);
        Assert.Equal("—", line.SuccessRate.Percent);
        Assert.Equal(MediationFigureLine.Tally([]), line with { Applied = 0 });
    }

    [Fact]
    public void Success_is_counted_over_the_concluded_and_performance_over_the_followed_up_agreements()
    {
        var agreed = Agreed();
        var performed = Agreed().RecordFollowUp(Staff, Day(20), PerformanceFinding.Performed, "已疏通，费用已结清。");
        var failed = WithSession().RecordFailure(Staff, Day(7), "双方分歧过大。", "可向人民法院起诉。");
        var running = WithSession();
        var refused = Open().RefuseApplication(Staff, Day(1), "已起诉。");

        var line = MediationFigureLine.Tally([
            MediationFacts.Of(agreed, CommitteeKind.Village, Village),
            MediationFacts.Of(performed, CommitteeKind.Town, Town),
            MediationFacts.Of(failed, CommitteeKind.Village, Village),
            MediationFacts.Of(running, CommitteeKind.Village, Village),
            MediationFacts.Of(refused, CommitteeKind.Village, Village),
        ]);

        Assert.Equal(5, line.Applied);
        Assert.Equal(4, line.Accepted);
        Assert.Equal(3, line.Concluded);
        Assert.Equal(new Ratio(2, 3), line.SuccessRate);
        Assert.Equal(new Ratio(1, 1), line.PerformanceRate);
        // Agreements took effect on day 5, the failure came on day 7: (5 + 5 + 7) / 3.
        Assert.Equal(5.7, line.AverageDays);
        Assert.Equal(new Ratio(1, 2), line.VillageShare);
        Assert.Equal(new Ratio(2, 2), line.TownShare);
    }

    [Fact]
    public void A_district_industry_committee_resolves_neither_in_the_village_nor_in_the_town_and_a_confirmation_counts_when_granted()
    {
        var confirmed = Agreed().ApplyForConfirmation(Staff, Day(6), "垦利区人民法院").RecordConfirmationRuling(Staff, Day(12), true, "协议有效。");
        var facts = MediationFacts.Of(confirmed, CommitteeKind.Industry, District);
        Assert.True(facts.Confirmed);
        Assert.False(facts.VillageLevel);
        Assert.False(facts.WithinTown);
        Assert.Equal(1, MediationFigureLine.Tally([facts]).Confirmed);
    }

    [Fact]
    public void The_month_is_the_Beijing_month_of_the_application()
    {
        // 16:30 UTC on 31 December is already New Year's Day in Beijing.
        Assert.Equal("2027-01", MediationFigureLine.MonthOf(NodaTime.Instant.FromUtc(2026, 12, 31, 16, 30)));
    }
}
