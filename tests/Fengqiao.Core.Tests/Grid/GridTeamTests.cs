using Fengqiao.Core.Grid;
using Fengqiao.Core.Organisations;

namespace Fengqiao.Core.Tests.Grid;

public class GridTeamTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(12)]
    public void A_team_of_one_leader_three_core_members_and_any_number_of_volunteers_is_accepted(int volunteers)
    {
        var team = GridFixture.Team(volunteers);

        Assert.Equal("张网格长", team.Leader.Name);
        Assert.Equal(3, team.Core.Length);
        Assert.Equal(volunteers, team.Volunteers.Length);
        Assert.Equal(4 + volunteers, team.MemberCount);
        Assert.Equal($"1+3+{volunteers}", team.Shape);
    }

    [Fact]
    public void A_team_without_a_leader_is_refused()
    {
        var members = GridFixture.Members(2).Where(m => m.Role != GridRole.Leader);
        var e = Assert.Throws<GridRuleException>(() => GridTeam.Create(members));
        Assert.Contains("exactly one leader", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_team_with_two_leaders_is_refused()
    {
        var members = GridFixture.Members(2).Append(new GridMember("x", "第二网格长", GridRole.Leader));
        Assert.Throws<GridRuleException>(() => GridTeam.Create(members));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(4)]
    public void A_team_without_exactly_three_core_members_is_refused(int core)
    {
        var members = new List<GridMember> { new("l", "网格长", GridRole.Leader) };
        members.AddRange(Enumerable.Range(1, core).Select(i => new GridMember($"c{i}", $"专职{i}", GridRole.Core)));
        var e = Assert.Throws<GridRuleException>(() => GridTeam.Create(members));
        Assert.Contains("three core members", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_same_person_twice_in_a_team_is_refused()
    {
        var members = GridFixture.Members(1).Append(new GridMember("m-vol-1", "志愿者1", GridRole.Volunteer));
        Assert.Throws<GridRuleException>(() => GridTeam.Create(members));
    }

    [Fact]
    public void A_grid_must_lie_inside_a_village_or_community()
    {
        var e = Assert.Throws<GridRuleException>(() => GridUnit.Create("G01", "一网格", GridFixture.Town, GridFixture.Team()));
        Assert.Contains("village", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_township_overview_counts_grids_villages_and_members_by_role()
    {
        var grids = new[]
        {
            GridFixture.Grid("G01", GridFixture.Village, 5),
            GridFixture.Grid("G02", GridFixture.Village, 0),
            GridFixture.Grid("G03", GridFixture.OtherVillage, 10),
        };

        var overview = TownshipGridOverview.Of(GridFixture.Town, grids);

        Assert.Equal(3, overview.GridCount);
        Assert.Equal(2, overview.VillageCount);
        Assert.Equal(3, overview.LeaderCount);
        Assert.Equal(9, overview.CoreMemberCount);
        Assert.Equal(15, overview.VolunteerCount);
        Assert.Equal(27, overview.MemberCount);
    }

    [Fact]
    public void The_township_overview_refuses_a_grid_from_another_town()
    {
        var foreign = GridFixture.Grid("G09", DivisionCode.Parse("370521101201"));
        Assert.Throws<GridRuleException>(() => TownshipGridOverview.Of(GridFixture.Town, [GridFixture.Grid(), foreign]));
    }
}
