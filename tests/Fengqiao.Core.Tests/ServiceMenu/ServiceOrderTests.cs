using Fengqiao.Core.ServiceMenu;
using Fengqiao.Core.Tests.Calendar;
using NodaTime;

namespace Fengqiao.Core.Tests.ServiceMenu;

public class ServiceOrderTests
{
    private static readonly Instant Later = ChinaTime.At(2026, 11, 3, 9);

    [Fact]
    public void A_village_orders_a_lecture_chooses_the_lecturer_and_the_lecturer_confirms_holds_and_is_rated()
    {
        var placed = ServiceOrder.Place(Guid.NewGuid(), ServiceFixture.Offering("legal-lecture"), ServiceFixture.Committee, "民法典",
            ServiceFixture.NextWeek, ServiceFixture.LawyerZhou, ServiceFixture.Now);
        Assert.Equal("service.ordered", placed.Event.Kind);

        var zhou = ServiceFixture.Zhou;
        var order = placed.Order
            .Match(zhou, Later, "司法所派单员").Order
            .Confirm(ServiceFixture.LawyerZhou, Later).Order;
        var slot = new TimeSlot(ChinaTime.At(2026, 11, 12, 14), ChinaTime.At(2026, 11, 12, 16));
        order = order.Schedule(zhou, slot, Later, "周律师").Order
            .MarkHeld(ServiceFixture.LawyerZhou, ChinaTime.At(2026, 11, 12, 14)).Order
            .RecordAttendance(48, ChinaTime.At(2026, 11, 12, 16), "村文书").Order;
        var rated = order.Rate(5, "讲得很实在", ChinaTime.At(2026, 11, 13));

        Assert.Equal(ServiceOrderState.Rated, rated.Order.State);
        Assert.Equal(48, rated.Order.Attendance);
        Assert.Equal(slot, rated.Order.Slot);
        Assert.Equal(ServiceOrderState.Attended, rated.Event.Before);
        Assert.Equal("5", rated.Event.Data["stars"]);
    }

    [Fact]
    public void An_enterprise_orders_tax_policy_tutoring()
    {
        var order = ServiceOrder.Place(Guid.NewGuid(), ServiceFixture.Offering("tax-tutoring"), ServiceFixture.Enterprise, "研发费用加计扣除",
            ServiceFixture.NextWeek, null, ServiceFixture.Now).Order;

        var matched = order.Match(ServiceFixture.Sun, Later, "税务所").Order;

        Assert.Equal(ServiceOrderState.Matched, matched.State);
        Assert.Equal(ServiceFixture.TaxOfficerSun, matched.Provider);
    }

    [Fact]
    public void A_resident_cannot_order_an_enterprise_only_service()
    {
        var e = Assert.Throws<ServiceRuleException>(() => ServiceOrder.Place(Guid.NewGuid(), ServiceFixture.Offering("tax-tutoring"),
            ServiceFixture.Resident, null, ServiceFixture.NextWeek, null, ServiceFixture.Now));
        Assert.Contains("enterprises only", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Choosing_the_lecturer_is_refused_for_a_service_that_does_not_offer_it() =>
        Assert.Throws<ServiceRuleException>(() => ServiceOrder.Place(Guid.NewGuid(), ServiceFixture.Offering("mediation"),
            ServiceFixture.Resident, null, ServiceFixture.NextWeek, ServiceFixture.OfficerQian, ServiceFixture.Now));

    [Fact]
    public void An_unknown_topic_is_refused() =>
        Assert.Throws<ServiceRuleException>(() => ServiceFixture.Lecture("天文学"));

    [Fact]
    public void A_window_already_past_is_refused() =>
        Assert.Throws<ServiceRuleException>(() => ServiceOrder.Place(Guid.NewGuid(), ServiceFixture.Offering("legal-lecture"),
            ServiceFixture.Committee, null, ServiceFixture.Day(1), null, ServiceFixture.Now));

    [Fact]
    public void An_order_with_a_chosen_lecturer_cannot_be_sent_to_someone_else()
    {
        var e = Assert.Throws<ServiceRuleException>(() => ServiceFixture.Lecture(chosen: ServiceFixture.LawyerZhou).Match(ServiceFixture.Qian, Later, "派单员"));
        Assert.Contains("chose another lecturer", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Confirming_an_order_not_assigned_to_you_is_refused()
    {
        var matched = ServiceFixture.Lecture().Match(ServiceFixture.Zhou, Later, "派单员").Order;
        var e = Assert.Throws<ServiceRuleException>(() => matched.Confirm(ServiceFixture.OfficerQian, Later));
        Assert.Contains("not assigned to you", e.Message, StringComparison.Ordinal);
        Assert.Equal(ServiceOrderState.Matched, e.State);
    }

    [Fact]
    public void Confirming_an_order_that_was_never_matched_is_refused() =>
        Assert.Throws<ServiceRuleException>(() => ServiceFixture.Lecture().Confirm(ServiceFixture.LawyerZhou, Later));

    [Fact]
    public void A_declined_order_returns_to_be_matched_and_is_not_offered_to_the_same_provider_again()
    {
        var declined = ServiceFixture.Lecture().Match(ServiceFixture.Zhou, Later, "派单员").Order
            .Decline(ServiceFixture.LawyerZhou, "当天开庭", Later);

        Assert.Equal(ServiceOrderState.Ordered, declined.Order.State);
        Assert.Null(declined.Order.Provider);
        Assert.Equal("当天开庭", declined.Event.Data["reason"]);
        Assert.Throws<ServiceRuleException>(() => declined.Order.Match(ServiceFixture.Zhou, Later, "派单员"));
        Assert.DoesNotContain(ProviderMatcher.Rank(declined.Order, [ServiceFixture.Zhou, ServiceFixture.Qian]), c => c.Provider.Id == ServiceFixture.LawyerZhou);
    }

    [Fact]
    public void Rating_before_the_service_is_held_is_refused()
    {
        var confirmed = ServiceFixture.Lecture().Match(ServiceFixture.Zhou, Later, "派单员").Order.Confirm(ServiceFixture.LawyerZhou, Later).Order;
        var e = Assert.Throws<ServiceRuleException>(() => confirmed.Rate(5, null, Later));
        Assert.Contains("before it is held", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Scheduling_outside_the_providers_free_time_is_refused()
    {
        var confirmed = ServiceFixture.Lecture().Match(ServiceFixture.Zhou, Later, "派单员").Order.Confirm(ServiceFixture.LawyerZhou, Later).Order;
        var wednesday = new TimeSlot(ChinaTime.At(2026, 11, 11, 9), ChinaTime.At(2026, 11, 11, 11));
        Assert.Throws<ServiceRuleException>(() => confirmed.Schedule(ServiceFixture.Zhou, wednesday, Later, "周律师"));
        var tooShort = new TimeSlot(ChinaTime.At(2026, 11, 12, 9), ChinaTime.At(2026, 11, 12, 10));
        Assert.Throws<ServiceRuleException>(() => confirmed.Schedule(ServiceFixture.Zhou, tooShort, Later, "周律师"));
    }

    [Fact]
    public void A_service_cannot_be_marked_held_before_it_starts_and_attendance_is_at_least_one()
    {
        var slot = new TimeSlot(ChinaTime.At(2026, 11, 12, 14), ChinaTime.At(2026, 11, 12, 16));
        var scheduled = ServiceFixture.Lecture().Match(ServiceFixture.Zhou, Later, "派单员").Order
            .Confirm(ServiceFixture.LawyerZhou, Later).Order
            .Schedule(ServiceFixture.Zhou, slot, Later, "周律师").Order;

        Assert.Throws<ServiceRuleException>(() => scheduled.MarkHeld(ServiceFixture.LawyerZhou, ChinaTime.At(2026, 11, 12, 13)));
        var held = scheduled.MarkHeld(ServiceFixture.LawyerZhou, ChinaTime.At(2026, 11, 12, 14)).Order;
        Assert.Throws<ServiceRuleException>(() => held.RecordAttendance(0, ChinaTime.At(2026, 11, 12, 16), "村文书"));
        Assert.Throws<ServiceRuleException>(() => held.Rate(6, null, ChinaTime.At(2026, 11, 12, 16)));
        var rated = held.Rate(4, null, ChinaTime.At(2026, 11, 12, 16)).Order;
        Assert.Throws<ServiceRuleException>(() => rated.Rate(4, null, ChinaTime.At(2026, 11, 12, 17)));
    }

    [Fact]
    public void An_order_can_be_cancelled_until_it_is_held()
    {
        var cancelled = ServiceFixture.Lecture().Cancel("村里改了日程", Later).Order;
        Assert.Equal(ServiceOrderState.Cancelled, cancelled.State);
        Assert.Throws<ServiceRuleException>(() => cancelled.Cancel("再取消", Later));
        Assert.Throws<ServiceRuleException>(() => cancelled.Match(ServiceFixture.Zhou, Later, "派单员"));
    }

    [Fact]
    public void A_step_dated_before_the_order_is_refused() =>
        Assert.Throws<ServiceRuleException>(() => ServiceFixture.Lecture().Match(ServiceFixture.Zhou, ChinaTime.At(2026, 11, 1), "派单员"));
}
