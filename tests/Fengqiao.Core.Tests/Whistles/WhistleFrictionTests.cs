using Fengqiao.Core.Organisations;
using Fengqiao.Core.Whistles;
using NodaTime;
using static Fengqiao.Core.Tests.Calendar.ChinaTime;
using static Fengqiao.Core.Tests.Whistles.WhistleFixture;

namespace Fengqiao.Core.Tests.Whistles;

/// <summary>Issue 18: whom a hand escalation tells, what a confirmation says, and marks never assumed.</summary>
public class WhistleFrictionTests
{
    [Fact]
    public void An_escalation_by_hand_with_nothing_late_tells_every_department_still_owing_a_step_the_blower_and_the_next_level()
    {
        var w = Blown().Completed(Labour, At(2026, 3, 2, 10));
        var notice = WhistleEscalation.Of(w, At(2026, 3, 2, 14), "部门推诿");
        Assert.Empty(notice.Overdue);
        Assert.Equal(WhistleLevel.Street, notice.To);
        Assert.Equal([Housing, Community, null], notice.Notify.Select(r => r.UnitId));
        Assert.Contains("部门推诿", notice.Notify[0].Why, StringComparison.Ordinal);
        Assert.Equal(StaffRole.TownLeader, notice.Notify[^1].Role);
    }

    [Fact]
    public void The_timer_s_escalation_and_a_late_hand_escalation_tell_the_same_units()
    {
        var w = Blown();
        var late = At(2026, 3, 3, 9);
        Assert.Equal(WhistleEscalation.Due(w, late)!.Notify, WhistleEscalation.Of(w, late, "超时").Notify);
    }

    [Fact]
    public void Confirmations_name_the_action_the_department_and_the_marks()
    {
        var w = Blown().Completed(Housing, At(2026, 3, 2, 10));
        Assert.Equal("区住建局已反馈处置结果 (区住建局 reported its result)", WhistleConfirmation.Of(w));
        var rated = w.Then(x => x.Rate(Community, Housing, Rating(5, 4, 3), At(2026, 3, 2, 13), "community-1"));
        Assert.Equal("已评价区住建局：及时性 5 分、态度 4 分、结果 3 分 (rated 区住建局: timeliness 5, attitude 4, result 3)", WhistleConfirmation.Of(rated));
        var escalated = rated.Then(x => x.Escalate(At(2026, 3, 2, 14), "office", "人社局未报到"));
        Assert.Equal("吹哨已由社区（村）升级至街道（镇），已通知：区人社局、垦利街道办事处 (escalated from the community/village to the street/town level; told: 区人社局, 垦利街道办事处)",
            WhistleConfirmation.Of(escalated, ["区人社局", "垦利街道办事处"]));
    }

    [Theory]
    [InlineData(null, 4, 3, "请为及时性选择评分（1–5 分），评价未保存 (choose a mark of 1 to 5 for timeliness; the rating was not saved)")]
    [InlineData(5, null, null, "请为态度、结果选择评分（1–5 分），评价未保存 (choose a mark of 1 to 5 for attitude and result; the rating was not saved)")]
    [InlineData(5, 0, 6, "态度、结果的评分应为 1–5 分，评价未保存 (the mark for attitude and result must be 1 to 5; the rating was not saved)")]
    public void Marks_not_chosen_or_out_of_range_are_refused_in_words(int? timeliness, int? attitude, int? result, string expected)
    {
        Assert.Equal(expected, DepartmentRating.MarksRefusal(timeliness, attitude, result));
        Assert.Equal(expected, Assert.Throws<WhistleRuleException>(() => DepartmentRating.FromMarks(timeliness, attitude, result, null)).Message);
    }

    [Fact]
    public void Chosen_marks_make_the_rating() =>
        Assert.Equal(4m, DepartmentRating.FromMarks(5, 4, 3, "及时").Average);
}
