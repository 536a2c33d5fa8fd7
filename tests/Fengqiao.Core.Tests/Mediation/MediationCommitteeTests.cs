using Fengqiao.Core.Mediation;
using Fengqiao.Core.Organisations;

namespace Fengqiao.Core.Tests.Mediation;

public sealed class MediationCommitteeTests
{
    private static readonly DivisionCode Village = DivisionCode.Parse("370505001201");
    private static readonly DivisionCode Town = DivisionCode.Parse("370505001");
    private static readonly DivisionCode District = DivisionCode.Parse("370505");

    private static CommitteeMember[] Members(int count, bool withWoman = true, int directors = 1) =>
        [.. Enumerable.Range(0, count).Select(i => new CommitteeMember($"委员{i}", withWoman && i == count - 1, i < directors ? CommitteeSeat.Director : CommitteeSeat.Member))];

    [Theory]
    [InlineData(3)]
    [InlineData(9)]
    public void Three_to_nine_members_with_one_director_and_a_woman_are_registered(int count)
    {
        var committee = MediationCommittee.Register(Guid.NewGuid(), " 东村人民调解委员会 ", CommitteeKind.Village, Village, null, Members(count));
        Assert.Equal("东村人民调解委员会", committee.Name);
        Assert.Equal(count, committee.Members.Length);
        Assert.Equal("委员0", committee.Director.Name);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(10)]
    public void Fewer_than_three_or_more_than_nine_members_are_refused_with_the_law(int count)
    {
        var ex = Assert.Throws<MediationRuleException>(() => MediationCommittee.Register(Guid.NewGuid(), "东村人民调解委员会", CommitteeKind.Village, Village, null, Members(count)));
        Assert.Contains("三至九人", ex.Message, StringComparison.Ordinal);
        Assert.Contains("three to nine", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_committee_without_a_woman_member_is_refused_with_the_reason()
    {
        var ex = Assert.Throws<MediationRuleException>(() => MediationCommittee.Register(Guid.NewGuid(), "东村人民调解委员会", CommitteeKind.Village, Village, null, Members(5, withWoman: false)));
        Assert.Contains("妇女成员", ex.Message, StringComparison.Ordinal);
        Assert.Contains("(a committee must have at least one woman member)", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(2)]
    public void A_committee_needs_exactly_one_director(int directors)
    {
        var ex = Assert.Throws<MediationRuleException>(() => MediationCommittee.Register(Guid.NewGuid(), "东村人民调解委员会", CommitteeKind.Village, Village, null, Members(5, directors: directors)));
        Assert.Contains("主任一人", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_broken_rule_is_named_at_once()
    {
        var problems = MediationCommittee.Problems("", CommitteeKind.Industry, District, null, Members(2, withWoman: false, directors: 0));
        Assert.Equal(5, problems.Count);
    }

    [Fact]
    public void A_committee_sits_at_the_level_of_its_kind_and_an_industry_one_names_its_field()
    {
        Assert.NotEmpty(MediationCommittee.Problems("东村人民调解委员会", CommitteeKind.Village, Town, null, Members(3)));
        Assert.NotEmpty(MediationCommittee.Problems("镇人民调解委员会", CommitteeKind.Town, Village, null, Members(3)));
        Assert.Empty(MediationCommittee.Problems("镇人民调解委员会", CommitteeKind.Town, Town, null, Members(3)));
        Assert.NotEmpty(MediationCommittee.Problems("医疗纠纷人民调解委员会", CommitteeKind.Industry, District, " ", Members(3)));
        var industry = MediationCommittee.Register(Guid.NewGuid(), "医疗纠纷人民调解委员会", CommitteeKind.Industry, District, "医疗纠纷", Members(3));
        Assert.Equal("医疗纠纷", industry.Field);
        Assert.Null(MediationCommittee.Register(Guid.NewGuid(), "镇人民调解委员会", CommitteeKind.Town, Town, "医疗纠纷", Members(3)).Field);
    }

    [Fact]
    public void Rooms_and_mediators_need_a_name_and_a_committee()
    {
        var committee = Guid.NewGuid();
        Assert.Equal("老杨调解室", MediationRoom.Create(Guid.NewGuid(), committee, " 老杨调解室 ", null).Name);
        Assert.Throws<MediationRuleException>(() => MediationRoom.Create(Guid.NewGuid(), committee, " ", null));
        var mediator = Mediator.Create(Guid.NewGuid(), committee, "杨德厚", MediatorEmployment.PartTime, ["邻里纠纷", " ", "邻里纠纷", "婚姻家庭"], true, "退休教师，村里的老支书。");
        Assert.Equal(["邻里纠纷", "婚姻家庭"], mediator.Specialities);
        Assert.True(mediator.IsRespectedLocal);
        Assert.Throws<MediationRuleException>(() => Mediator.Create(Guid.NewGuid(), Guid.Empty, "杨德厚", MediatorEmployment.FullTime, [], false, null));
    }
}
