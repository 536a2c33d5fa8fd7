using Fengqiao.Core.Organisations;

namespace Fengqiao.Core.Tests.Organisations;

public sealed class StaffPermissionsTests
{
    [Fact]
    public void Every_act_names_the_roles_that_may_take_it_and_none_of_them_is_outside_the_staff()
    {
        foreach (var action in Enum.GetValues<StaffAction>())
        {
            var roles = StaffPermissions.RolesFor(action);
            Assert.NotEmpty(roles);
            Assert.All(roles, r => Assert.True(RoleCatalog.IsStaff(r), $"{action}: {r} is not a staff role"));
        }
    }

    [Theory]
    [InlineData(StaffAction.ScoreVillages)]
    [InlineData(StaffAction.PublishVillageNotice)]
    [InlineData(StaffAction.EnterVillageEvidence)]
    [InlineData(StaffAction.ApproveLetter)]
    [InlineData(StaffAction.PublishRankingNotice)]
    public void A_grid_member_or_a_handler_may_not_score_sign_or_publish_for_the_town(StaffAction action)
    {
        Assert.False(StaffPermissions.Allows([StaffRole.GridMember], action));
        Assert.False(StaffPermissions.Allows([StaffRole.Handler], action));
        Assert.False(StaffPermissions.Allows([], action));
    }

    [Fact]
    public void A_town_leader_scores_and_publishes_the_villages_notice_and_a_grid_member_records_visits()
    {
        Assert.True(StaffPermissions.Allows([StaffRole.TownLeader], StaffAction.ScoreVillages));
        Assert.True(StaffPermissions.Allows([StaffRole.TownLeader], StaffAction.PublishVillageNotice));
        Assert.True(StaffPermissions.Allows([StaffRole.GridMember], StaffAction.RecordFollowUpVisit));
        Assert.True(StaffPermissions.Allows([StaffRole.Handler, StaffRole.Administrator], StaffAction.EditWorkCalendar));
    }

    [Fact]
    public void The_town_and_district_draw_village_and_grid_boundaries_and_the_grid_members_do_not()
    {
        Assert.True(StaffPermissions.Allows([StaffRole.TownLeader], StaffAction.DrawBoundaries));
        Assert.True(StaffPermissions.Allows([StaffRole.DistrictLeader], StaffAction.DrawBoundaries));
        Assert.False(StaffPermissions.Allows([StaffRole.GridMember], StaffAction.DrawBoundaries));
        Assert.False(StaffPermissions.Allows([StaffRole.Handler], StaffAction.DrawBoundaries));
        Assert.False(StaffPermissions.Allows([StaffRole.Clerk], StaffAction.DrawBoundaries));
    }
}
