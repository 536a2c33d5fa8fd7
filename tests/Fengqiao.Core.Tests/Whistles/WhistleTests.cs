using Fengqiao.Core.Audit;
using Fengqiao.Core.Organisations;
using Fengqiao.Core.Whistles;
using NodaTime;
using static Fengqiao.Core.Tests.Calendar.ChinaTime;
using static Fengqiao.Core.Tests.Whistles.WhistleFixture;

namespace Fengqiao.Core.Tests.Whistles;

public class WhistleTests
{
    [Fact]
    public void Blowing_summons_each_department_with_an_acknowledgement_due_24_hours_later()
    {
        var t = Whistle.Blow(Request(), Policy);
        Assert.Equal(WhistleEvent.Blown, t.Event.Kind);
        Assert.Equal(WhistleLevel.Community, t.Whistle.Level);
        Assert.Equal(2, t.Whistle.Summonses.Count);
        Assert.All(t.Whistle.Summonses, s => Assert.Equal(SummonsStatus.Summoned, s.Status));
        Assert.Equal(At(2026, 3, 3), t.Whistle.DueOf(Housing));
        Assert.Single(t.Whistle.Events);
        Assert.Contains(Labour.ToString("D"), t.Event.Data["departments"], StringComparison.Ordinal);
    }

    [Fact]
    public void Blowing_without_departments_or_with_one_twice_is_refused()
    {
        Assert.Throws<WhistleRuleException>(() => Whistle.Blow(Request() with { Departments = [] }, Policy));
        var twice = Request() with { Departments = [new(Housing, "住建", "a"), new(Housing, "住建", "b")] };
        Assert.Throws<WhistleRuleException>(() => Whistle.Blow(twice, Policy));
    }

    [Fact]
    public void A_department_acknowledges_acts_and_reports_in_that_order()
    {
        var w = Blown().Completed(Housing, At(2026, 3, 2, 10));
        var s = w.Find(Housing);
        Assert.Equal(SummonsStatus.Reported, s.Status);
        Assert.Equal([WhistleStep.Acknowledge, WhistleStep.Act, WhistleStep.Report], s.Steps.Select(x => x.Step));
        Assert.Equal("已疏通排水管道", s.Result);
        Assert.Null(w.DueOf(Housing));
        Assert.Equal(4, w.Version);
    }

    [Fact]
    public void Reporting_before_acknowledging_is_refused()
    {
        var e = Assert.Throws<WhistleRuleException>(() => Blown().Report(Housing, At(2026, 3, 2, 10), "h", "done"));
        Assert.Contains("应先报到", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Acting_for_a_department_not_summoned_is_refused()
    {
        var e = Assert.Throws<WhistleRuleException>(() => Blown().Acknowledge(Police, At(2026, 3, 2, 10), "police"));
        Assert.Contains("not summoned", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_action_dated_before_the_previous_one_is_refused() =>
        Assert.Throws<WhistleRuleException>(() => Blown().Acknowledge(Housing, At(2026, 3, 1), "h"));

    [Fact]
    public void Action_limits_count_working_days_so_a_holiday_week_does_not_use_them_up()
    {
        // Acknowledged on 30 September 2026: the 3 working days to act start after the National Day holiday.
        var w = Blown(At(2026, 9, 30, 9)).Then(x => x.Acknowledge(Housing, At(2026, 9, 30, 10), "h"));
        Assert.True(w.DueOf(Housing) >= StartOf(2026, 10, 11));
    }

    [Fact]
    public void Nothing_escalates_while_every_step_is_within_its_limit() =>
        Assert.Null(WhistleEscalation.Due(Blown(), At(2026, 3, 3, 8, 59)));

    [Fact]
    public void An_unanswered_summons_escalates_to_the_street_and_notifies_the_department_the_blower_and_the_town_leader()
    {
        var w = Blown().Completed(Labour, At(2026, 3, 2, 10));
        var notice = WhistleEscalation.Due(w, At(2026, 3, 3, 9));
        Assert.NotNull(notice);
        Assert.Equal(WhistleLevel.Community, notice.From);
        Assert.Equal(WhistleLevel.Street, notice.To);
        var late = Assert.Single(notice.Overdue);
        Assert.Equal((Housing, WhistleStep.Acknowledge), (late.DepartmentId, late.Step));
        Assert.Contains(notice.Notify, r => r.UnitId == Housing);
        Assert.Contains(notice.Notify, r => r.UnitId == Community);
        Assert.Contains(notice.Notify, r => r.Role == StaffRole.TownLeader);
    }

    [Fact]
    public void Escalation_restarts_the_open_clocks_under_the_new_levels_limits()
    {
        var w = Blown().Then(x => x.Escalate(At(2026, 3, 3, 9), "scheduler"));
        Assert.Equal(WhistleLevel.Street, w.Level);
        Assert.Equal(At(2026, 3, 4, 9), w.DueOf(Housing));
        Assert.Null(WhistleEscalation.Due(w, At(2026, 3, 3, 12)));
        Assert.Equal(WhistleEvent.Escalated, w.Events[^1].Kind);
        Assert.Equal("Street", w.Events[^1].Data["to"]);
    }

    [Fact]
    public void A_department_that_never_reports_drives_the_whistle_through_all_four_levels_one_at_a_time()
    {
        var w = Blown().Completed(Labour, At(2026, 3, 2, 10));
        var levels = new List<WhistleLevel> { w.Level };
        var now = At(2026, 3, 2, 10);
        for (var hour = 0; hour < 24 * 30; hour++)
        {
            now += Duration.FromHours(1);
            if (WhistleEscalation.Due(w, now) is { } notice)
            {
                Assert.Equal(w.Level + 1, notice.To);
                w = w.Escalate(now, "scheduler").Whistle;
                levels.Add(w.Level);
            }
        }
        Assert.Equal([WhistleLevel.Community, WhistleLevel.Street, WhistleLevel.JointMeetingOffice, WhistleLevel.DistrictLeader], levels);
        Assert.True(w.IsAtTopLevel);
        Assert.Null(WhistleEscalation.Due(w, now + Duration.FromDays(30)));
        Assert.Throws<WhistleRuleException>(() => w.Escalate(now, "scheduler", "再升级"));
    }

    [Fact]
    public void Escalating_without_a_late_step_needs_a_reason()
    {
        Assert.Throws<WhistleRuleException>(() => Blown().Escalate(At(2026, 3, 2, 10), "town-leader"));
        var w = Blown().Then(x => x.Escalate(At(2026, 3, 2, 10), "town-leader", "舆情发酵，提级处置"));
        Assert.Equal(WhistleLevel.Street, w.Level);
    }

    [Fact]
    public void Escalating_a_closed_whistle_is_refused()
    {
        var w = Closed();
        var e = Assert.Throws<WhistleRuleException>(() => w.Escalate(At(2026, 3, 10), "x", "again"));
        Assert.Contains("cannot escalate a closed whistle", e.Message, StringComparison.Ordinal);
        Assert.Null(WhistleEscalation.Due(w, At(2026, 6, 1)));
    }

    [Fact]
    public void Closing_needs_every_department_to_have_reported_or_refused()
    {
        var w = Blown().Completed(Housing, At(2026, 3, 2, 10));
        Assert.Throws<WhistleRuleException>(() => w.Close(Community, At(2026, 3, 3), "c", "闭环"));
        w = w.Then(x => x.RefuseSummons(Labour, At(2026, 3, 3), "labour", "不属于本部门职责"));
        var closed = w.Close(Community, At(2026, 3, 4), "c", "积水问题已解决");
        Assert.Equal(WhistleState.Closed, closed.Whistle.State);
    }

    [Fact]
    public void Only_the_blowing_unit_may_close_the_loop() =>
        Assert.Throws<WhistleRuleException>(() => BothReported().Close(Housing, At(2026, 3, 4), "h", "done"));

    [Fact]
    public void The_blower_rates_each_reported_department_once()
    {
        var w = Closed().Then(x => x.Rate(Community, Housing, Rating(), At(2026, 3, 5), "c"));
        Assert.Equal(4m, w.Find(Housing).Rating!.Average);
        var again = Assert.Throws<WhistleRuleException>(() => w.Rate(Community, Housing, Rating(), At(2026, 3, 5), "c"));
        Assert.Contains("already been rated", again.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Rating_a_whistle_you_did_not_blow_is_refused()
    {
        var e = Assert.Throws<WhistleRuleException>(() => Closed().Rate(Housing, Labour, Rating(), At(2026, 3, 5), "h"));
        Assert.Contains("only the unit that blew the whistle may rate", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_department_that_has_not_reported_cannot_be_rated() =>
        Assert.Throws<WhistleRuleException>(() => Blown().Rate(Community, Housing, Rating(), At(2026, 3, 2, 10), "c"));

    [Fact]
    public void Scores_outside_1_to_5_are_refused_and_a_default_score_cannot_be_read()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Score.Of(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => Score.Of(6));
        Assert.Throws<InvalidOperationException>(() => default(Score).Value);
    }

    [Fact]
    public void A_refusing_department_is_flagged()
    {
        var w = Blown().Then(x => x.RefuseSummons(Labour, At(2026, 3, 2, 10), "labour", "不属于本部门职责"));
        var flag = Assert.Single(WhistleFlags.At(w, At(2026, 3, 2, 11)));
        Assert.Equal((Labour, DepartmentFlagReason.Refused), (flag.DepartmentId, flag.Reason));
    }

    [Fact]
    public void A_step_late_by_less_than_the_threshold_escalates_but_does_not_flag()
    {
        // Acknowledged 23 hours after its due time (09:00 on 3 March), after escalating at 09:00.
        var w = Blown().Completed(Labour, At(2026, 3, 2, 10))
            .Then(x => x.Escalate(At(2026, 3, 3, 9), "scheduler"))
            .Then(x => x.Acknowledge(Housing, At(2026, 3, 4, 8), "h"));
        Assert.Empty(WhistleFlags.At(w, At(2026, 3, 4, 8)));
    }

    [Fact]
    public void Lateness_beyond_the_threshold_flags_even_after_escalation_restarted_the_clock()
    {
        var w = Blown().Completed(Labour, At(2026, 3, 2, 10)).Then(x => x.Escalate(At(2026, 3, 3, 9), "scheduler"));
        Assert.Empty(WhistleFlags.At(w, At(2026, 3, 4, 9)));
        var flag = Assert.Single(WhistleFlags.At(w, At(2026, 3, 4, 9, 1)));
        Assert.Equal((Housing, DepartmentFlagReason.LateBeyondThreshold, WhistleStep.Acknowledge), (flag.DepartmentId, flag.Reason, flag.Step));
    }

    [Fact]
    public void The_joint_meeting_office_refers_a_flagged_department_with_an_evidence_pack()
    {
        var w = Blown().Completed(Labour, At(2026, 3, 2, 10))
            .Then(x => x.Escalate(At(2026, 3, 3, 9), "scheduler"))
            .Then(x => x.Escalate(At(2026, 3, 4, 9), "scheduler"))
            .Then(x => x.RefuseSummons(Housing, At(2026, 3, 4, 10), "housing", "无权处置"));
        var letter = Fengqiao.Core.Tests.Letters.LetterFixture.IssuedSupervision().Reference;
        var packId = Guid.NewGuid();
        var t = w.Refer(packId, Housing, StaffRole.JointMeetingOffice, At(2026, 3, 5), "jmo-1", "拒不报到", [letter]);
        var pack = Assert.Single(t.Whistle.Referrals);
        Assert.Equal(packId, pack.Id);
        Assert.Equal(WhistleEvent.Referred, t.Event.Kind);
        Assert.Contains(pack.Flags, f => f.Reason == DepartmentFlagReason.Refused);
        Assert.Equal([WhistleEvent.Blown, WhistleEvent.Escalated, WhistleEvent.Escalated, WhistleEvent.Refused], pack.Timeline.Select(e => e.Kind));
        Assert.Equal(letter, Assert.Single(pack.Letters));
        Assert.True(pack.Timeline.Select(e => e.At).SequenceEqual(pack.Timeline.Select(e => e.At).Order()));
        var twice = Assert.Throws<WhistleRuleException>(() => t.Whistle.Refer(Guid.NewGuid(), Housing, StaffRole.JointMeetingOffice, At(2026, 3, 6), "jmo-1", "again", []));
        Assert.Contains("already been referred", twice.Message, StringComparison.Ordinal);
        var corrected = t.Whistle.Refer(Guid.NewGuid(), Housing, StaffRole.JointMeetingOffice, At(2026, 3, 6), "jmo-1", "补充材料", [letter], supersedes: packId).Whistle;
        Assert.Equal(2, corrected.Referrals.Count);
        Assert.Equal(packId, corrected.Referrals[1].Supersedes);
        Assert.Same(pack, corrected.Referrals[0]);
    }

    [Fact]
    public void Only_the_joint_meeting_office_refers_and_only_flagged_departments()
    {
        var w = Blown().Then(x => x.RefuseSummons(Labour, At(2026, 3, 2, 10), "labour", "不属于本部门职责"));
        Assert.Throws<WhistleRuleException>(() => w.Refer(Guid.NewGuid(), Labour, StaffRole.TownLeader, At(2026, 3, 3), "t", "r", []));
        var e = Assert.Throws<WhistleRuleException>(() => w.Refer(Guid.NewGuid(), Housing, StaffRole.JointMeetingOffice, At(2026, 3, 2, 11), "j", "r", []));
        Assert.Contains("not flagged", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Events_become_chain_links_with_the_level_in_their_data()
    {
        var w = Blown();
        var link = w.Events[0].ToLink(w.Id, 1);
        Assert.Equal(WhistleEvent.Blown, link.Kind);
        Assert.Contains("\"level\":\"Community\"", link.Data, StringComparison.Ordinal);
        Assert.Contains("小区积水", link.Data, StringComparison.Ordinal);
    }

    [Fact]
    public void A_whistles_events_form_an_intact_hash_chain()
    {
        var w = BothReported().Then(x => x.Close(Community, At(2026, 3, 4), "c", "已解决"))
            .Then(x => x.Rate(Community, Housing, Rating(), At(2026, 3, 5), "c"));
        var previous = EventChain.Genesis;
        var chain = new List<(EventChain.Link, string, string)>();
        for (var i = 0; i < w.Events.Count; i++)
        {
            var link = w.Events[i].ToLink(w.Id, i + 1);
            var hash = EventChain.Hash(previous, link);
            chain.Add((link, previous, hash));
            previous = hash;
        }
        Assert.Null(EventChain.FirstBrokenLink(chain));
        Assert.Equal(w.Version, chain.Count);
    }

    [Fact]
    public void The_blown_event_carries_each_departments_name_and_task()
    {
        var e = Whistle.Blow(Request(), Policy).Event;
        Assert.Equal("区住建局", e.Data[$"summons.{Housing:D}.name"]);
        Assert.Equal("现场排查并提出整改方案", e.Data[$"summons.{Labour:D}.task"]);
    }

    [Fact]
    public void A_higher_whistle_has_tighter_limits_by_default()
    {
        var community = Blown().DueOf(Housing)!.Value - BlownAt;
        var leader = Blown(level: WhistleLevel.DistrictLeader).DueOf(Housing)!.Value - BlownAt;
        Assert.Equal(Duration.FromHours(24), community);
        Assert.Equal(Duration.FromHours(2), leader);
    }

    private static Whistle BothReported() => Blown().Completed(Housing, At(2026, 3, 2, 10)).Completed(Labour, At(2026, 3, 2, 14));

    private static Whistle Closed() => BothReported().Then(w => w.Close(Community, At(2026, 3, 4), "c", "积水问题已解决"));
}
