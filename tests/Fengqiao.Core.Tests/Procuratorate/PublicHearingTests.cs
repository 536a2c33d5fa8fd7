using Fengqiao.Core.Procuratorate;
using Fengqiao.Core.Tests.Calendar;

namespace Fengqiao.Core.Tests.Procuratorate;

public class PublicHearingTests
{
    private static List<HearingParticipant> Participants(int officers = 3) =>
    [
        new("陈检察官", HearingRole.Presiding, "区人民检察院"),
        .. Enumerable.Range(1, officers).Select(i => new HearingParticipant($"听证员{i}", HearingRole.HearingOfficer, "人大代表")),
        new("申诉人甲", HearingRole.Party),
        new("人民监督员乙", HearingRole.PeopleSupervisor),
    ];

    private static PublicHearing Scheduled(int officers = 3) =>
        PublicHearing.Schedule(Guid.NewGuid(), "某检信访〔2026〕12号", "土地补偿款申诉", ChinaTime.At(2026, 11, 10, 9), "检察院听证室", Participants(officers));

    [Theory]
    [InlineData(2)]
    [InlineData(8)]
    public void A_hearing_needs_three_to_seven_hearing_officers(int officers)
    {
        var e = Assert.Throws<ProcuratorateRuleException>(() => Scheduled(officers));
        Assert.Contains("three to seven", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_hearing_needs_one_presiding_procurator_and_a_party()
    {
        var noPresiding = Participants().Where(p => p.Role != HearingRole.Presiding);
        Assert.Throws<ProcuratorateRuleException>(() =>
            PublicHearing.Schedule(Guid.NewGuid(), "号", "事由", ChinaTime.At(2026, 11, 10), "地点", noPresiding));
        var noParty = Participants().Where(p => p.Role != HearingRole.Party);
        Assert.Throws<ProcuratorateRuleException>(() =>
            PublicHearing.Schedule(Guid.NewGuid(), "号", "事由", ChinaTime.At(2026, 11, 10), "地点", noParty));
    }

    [Fact]
    public void A_held_hearing_records_the_outcome_and_every_officers_opinion()
    {
        var held = Scheduled().Hold(ChinaTime.At(2026, 11, 10, 9, 30), HearingOutcome.PetitionSettled,
            [new("听证员1", true, "处理意见合法合理"), new("听证员2", true, "同意"), new("听证员3", false, "建议再核实面积")],
            "申诉人当场表示息诉罢访");

        Assert.Equal(HearingState.Held, held.State);
        Assert.Equal(HearingOutcome.PetitionSettled, held.Outcome);
        Assert.True(held.MajoritySupports);
    }

    [Fact]
    public void An_officer_without_an_opinion_or_an_opinion_from_a_stranger_is_refused()
    {
        var hearing = Scheduled();
        Assert.Throws<ProcuratorateRuleException>(() => hearing.Hold(ChinaTime.At(2026, 11, 10, 10), HearingOutcome.DecisionUpheld,
            [new("听证员1", true, "同意"), new("听证员2", true, "同意")], "维持"));
        Assert.Throws<ProcuratorateRuleException>(() => hearing.Hold(ChinaTime.At(2026, 11, 10, 10), HearingOutcome.DecisionUpheld,
            [new("听证员1", true, "同意"), new("听证员2", true, "同意"), new("路人", true, "同意")], "维持"));
    }

    [Fact]
    public void A_hearing_cannot_be_held_before_its_announced_time_or_twice()
    {
        var hearing = Scheduled();
        var opinions = new OfficerOpinion[] { new("听证员1", true, "同意"), new("听证员2", true, "同意"), new("听证员3", true, "同意") };
        Assert.Throws<ProcuratorateRuleException>(() => hearing.Hold(ChinaTime.At(2026, 11, 9), HearingOutcome.Reconciled, opinions, "和解"));
        var held = hearing.Hold(ChinaTime.At(2026, 11, 10, 11), HearingOutcome.Reconciled, opinions, "和解");
        Assert.Throws<ProcuratorateRuleException>(() => held.Hold(ChinaTime.At(2026, 11, 10, 12), HearingOutcome.Reconciled, opinions, "和解"));
    }
}
