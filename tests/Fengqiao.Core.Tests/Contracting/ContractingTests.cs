using Fengqiao.Core.Assessment;
using Fengqiao.Core.Calendar;
using Fengqiao.Core.Contracting;
using NodaTime;
using static Fengqiao.Core.Tests.Calendar.ChinaTime;

namespace Fengqiao.Core.Tests.Contracting;

public class ContractingTests
{
    private static readonly Guid CaseId = new("00000000-0000-0000-0000-00000000ca5e");
    private static readonly Guid Town = new("00000000-0000-0000-0000-0000000000f1");
    private static readonly Guid Village = new("00000000-0000-0000-0000-0000000000f2");
    private static readonly ContractLeader AreaLeader = new(Guid.NewGuid(), "王镇长", LeaderRole.AreaLeader, Town);
    private static readonly ContractLeader VillageLeader = new(Guid.NewGuid(), "李书记", LeaderRole.VillageLeader, Village);

    private static CaseContract Dual() => CaseContract.Assign(Guid.NewGuid(), CaseId, ContractKind.Dual, [AreaLeader, VillageLeader], At(2026, 3, 2), "office").Contract;

    [Fact]
    public void A_dual_contract_pairs_an_area_leader_with_a_village_leader()
    {
        var (contract, e) = CaseContract.Assign(Guid.NewGuid(), CaseId, ContractKind.Dual, [AreaLeader, VillageLeader], At(2026, 3, 2), "office");
        Assert.Equal(2, contract.Leaders.Length);
        Assert.Equal(ContractingEvent.ContractAssigned, e.Kind);
        Assert.Equal("Dual", e.Data["kind"]);
    }

    [Fact]
    public void A_dual_contract_without_a_village_leader_or_with_two_of_them_is_refused()
    {
        var otherArea = AreaLeader with { StaffId = Guid.NewGuid() };
        var otherVillage = VillageLeader with { StaffId = Guid.NewGuid() };
        Assert.Throws<ContractingRuleException>(() => CaseContract.Assign(Guid.NewGuid(), CaseId, ContractKind.Dual, [AreaLeader, otherArea], At(2026, 3, 2), "o"));
        Assert.Throws<ContractingRuleException>(() => CaseContract.Assign(Guid.NewGuid(), CaseId, ContractKind.Dual, [VillageLeader, otherVillage], At(2026, 3, 2), "o"));
        Assert.Throws<ContractingRuleException>(() => CaseContract.Assign(Guid.NewGuid(), CaseId, ContractKind.Dual, [AreaLeader], At(2026, 3, 2), "o"));
    }

    [Fact]
    public void A_village_leader_does_not_contract_alone() =>
        Assert.Throws<ContractingRuleException>(() => CaseContract.Assign(Guid.NewGuid(), CaseId, ContractKind.Single, [VillageLeader], At(2026, 3, 2), "o"));

    [Fact]
    public void A_leader_is_replaced_only_by_one_of_the_same_role()
    {
        var successor = VillageLeader with { StaffId = Guid.NewGuid(), Name = "张主任" };
        var (after, e) = Dual().HandOver(VillageLeader.StaffId, successor, At(2026, 4, 1), "office", "村两委换届");
        Assert.Contains(after.Leaders, l => l.Name == "张主任");
        Assert.Equal(ContractingEvent.ContractHandedOver, e.Kind);
        Assert.Throws<ContractingRuleException>(() => Dual().HandOver(VillageLeader.StaffId, successor with { Role = LeaderRole.TownLeader }, At(2026, 4, 1), "o", "r"));
        Assert.Throws<ContractingRuleException>(() => Dual().HandOver(Guid.NewGuid(), successor, At(2026, 4, 1), "o", "r"));
    }

    [Fact]
    public void A_released_contract_takes_no_more_actions()
    {
        var (released, _) = Dual().Release(At(2026, 5, 1), "office", "已签订协议，案结事了");
        Assert.Equal(ContractState.Released, released.State);
        Assert.Throws<ContractingRuleException>(() => released.Release(At(2026, 5, 2), "office", "again"));
    }

    [Fact]
    public void A_follow_up_visit_comes_after_closure_and_flags_an_unresolved_case_for_look_back()
    {
        Assert.Throws<ContractingRuleException>(() =>
            FollowUpVisit.Record(Guid.NewGuid(), CaseId, At(2026, 3, 20), At(2026, 3, 19), "v", FollowUpMethod.Phone, FollowUpOutcome.Resolved, true, null));
        var (ok, _) = FollowUpVisit.Record(Guid.NewGuid(), CaseId, At(2026, 3, 20), At(2026, 4, 1), "v", FollowUpMethod.Phone, FollowUpOutcome.Resolved, true, null);
        Assert.False(ok.CallsForLookBack);
        var (bad, e) = FollowUpVisit.Record(Guid.NewGuid(), CaseId, At(2026, 3, 20), At(2026, 4, 1), "v", FollowUpMethod.OnSite, FollowUpOutcome.NotResolved, false, "积水仍在");
        Assert.True(bad.CallsForLookBack);
        Assert.Equal("NotResolved", e.Data["outcome"]);
    }

    [Fact]
    public void An_unresolved_visit_needs_notes_and_an_unreachable_resident_has_no_satisfaction()
    {
        Assert.Throws<ContractingRuleException>(() =>
            FollowUpVisit.Record(Guid.NewGuid(), CaseId, At(2026, 3, 20), At(2026, 4, 1), "v", FollowUpMethod.Phone, FollowUpOutcome.NotResolved, false, " "));
        Assert.Throws<ContractingRuleException>(() =>
            FollowUpVisit.Record(Guid.NewGuid(), CaseId, At(2026, 3, 20), At(2026, 4, 1), "v", FollowUpMethod.Phone, FollowUpOutcome.Unreachable, true, "无人接听"));
    }

    [Fact]
    public void A_look_back_that_finds_a_case_not_truly_resolved_asks_to_reopen_it()
    {
        var visit = Guid.NewGuid();
        var (review, _) = LookBackReview.Start(Guid.NewGuid(), CaseId, visit, "回访不满意", At(2026, 4, 2), "jmo");
        var (decided, e) = review.Decide(LookBackDecision.NotTrulyResolved, "仅答复未整改，属程序性办结", Town, At(2026, 4, 10), "jmo");
        Assert.NotNull(decided.Reopen);
        Assert.Equal((CaseId, Town), (decided.Reopen.CaseId, decided.Reopen.HandlingUnit));
        Assert.Equal(ContractingEvent.LookBackDecided, e.Kind);
        Assert.Equal(Town.ToString("D"), e.Data["reopenTo"]);
        var again = Assert.Throws<ContractingRuleException>(() => decided.Decide(LookBackDecision.TrulyResolved, "x", null, At(2026, 4, 11), "jmo"));
        Assert.Contains("already been decided", again.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Reopening_needs_a_unit_and_a_truly_resolved_case_is_not_reopened()
    {
        var (review, _) = LookBackReview.Start(Guid.NewGuid(), CaseId, null, "专项回头看", At(2026, 4, 2), "jmo");
        Assert.Throws<ContractingRuleException>(() => review.Decide(LookBackDecision.NotTrulyResolved, "f", null, At(2026, 4, 3), "jmo"));
        Assert.Throws<ContractingRuleException>(() => review.Decide(LookBackDecision.TrulyResolved, "f", Town, At(2026, 4, 3), "jmo"));
        var (ok, _) = review.Decide(LookBackDecision.TrulyResolved, "群众确认已解决", null, At(2026, 4, 3), "jmo");
        Assert.Null(ok.Reopen);
    }

    [Fact]
    public void Counts_per_period_place_each_item_by_its_own_date()
    {
        var march = ReportingPeriod.Month(new YearMonth(2026, 3));
        var april = ReportingPeriod.Month(new YearMonth(2026, 4));
        var contract = Dual().Release(At(2026, 4, 5), "o", "化解").Contract;
        var visit = FollowUpVisit.Record(Guid.NewGuid(), CaseId, At(2026, 3, 20), At(2026, 4, 1), "v", FollowUpMethod.Phone, FollowUpOutcome.NotResolved, false, "未解决").Visit;
        var review = LookBackReview.Start(Guid.NewGuid(), CaseId, visit.Id, "回访未解决", At(2026, 4, 2), "jmo").Review
            .Decide(LookBackDecision.NotTrulyResolved, "未整改", Town, At(2026, 4, 10), "jmo").Review;
        Assert.Equal(new ContractingCounts(1, 1, 0, 0, 0, 0, 0, 0, 0), ContractingCounts.For(march, [contract], [visit], [review]));
        Assert.Equal(new ContractingCounts(0, 0, 1, 1, 0, 0, 1, 1, 1), ContractingCounts.For(april, [contract], [visit], [review]));
    }

    [Fact]
    public void A_weekly_reception_day_skips_public_holidays()
    {
        var day = new ReceptionDay(Guid.NewGuid(), IsoDayOfWeek.Tuesday, new LocalTime(9, 0), new LocalTime(11, 30), "区信访接待大厅");
        var dates = day.DatesIn(ReportingPeriod.Month(new YearMonth(2026, 10)), WorkCalendar.China).ToList();
        Assert.DoesNotContain(new LocalDate(2026, 10, 6), dates); // National Day week
        Assert.Contains(new LocalDate(2026, 10, 13), dates);
        Assert.All(dates, d => Assert.Equal(IsoDayOfWeek.Tuesday, d.DayOfWeek));
    }
}
