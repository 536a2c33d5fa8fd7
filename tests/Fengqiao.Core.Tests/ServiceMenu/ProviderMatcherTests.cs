using Fengqiao.Core.ServiceMenu;
using Fengqiao.Core.Tests.Calendar;
using NodaTime;

namespace Fengqiao.Core.Tests.ServiceMenu;

public class ProviderMatcherTests
{
    private static readonly ServiceProvider[] Everyone = [ServiceFixture.Zhou, ServiceFixture.Qian, ServiceFixture.Sun, ServiceFixture.Wu];

    [Fact]
    public void A_provider_listing_the_topic_ranks_first()
    {
        var ranked = ProviderMatcher.Rank(ServiceFixture.Lecture("土地承包"), Everyone);

        Assert.Equal([ServiceFixture.OfficerQian, ServiceFixture.LawyerZhou], ranked.Select(c => c.Provider.Id));
        Assert.Contains(ranked[0].Reasons, r => r.Contains("covers the topic", StringComparison.Ordinal));
        Assert.Contains(ranked[1].Reasons, r => r.Contains("does not list the topic", StringComparison.Ordinal));
    }

    [Fact]
    public void Without_a_topic_the_provider_closer_to_the_village_ranks_first()
    {
        var ranked = ProviderMatcher.Rank(ServiceFixture.Lecture(topic: null), Everyone);
        Assert.Equal(ServiceFixture.OfficerQian, ranked[0].Provider.Id); // a town's officer before a district-wide lawyer
    }

    [Fact]
    public void Each_candidate_gets_the_earliest_free_slot_in_the_window()
    {
        var zhou = ProviderMatcher.Rank(ServiceFixture.Lecture(), Everyone).Single(c => c.Provider.Id == ServiceFixture.LawyerZhou);
        Assert.Equal(new TimeSlot(ChinaTime.At(2026, 11, 12, 9), ChinaTime.At(2026, 11, 12, 11)), zhou.Slot);
        Assert.Contains(zhou.Reasons, r => r.Contains("2026-11-12 09:00", StringComparison.Ordinal)); // Beijing time, not UTC
    }

    [Fact]
    public void Providers_of_another_kind_area_or_time_are_left_out_with_reasons()
    {
        var order = ServiceOrder.Place(Guid.NewGuid(), ServiceFixture.Offering("psychological-consultation"), ServiceFixture.Resident, null,
            ServiceFixture.NextWeek, null, ServiceFixture.Now).Order;

        Assert.Empty(ProviderMatcher.Rank(order, Everyone));
        var wu = ProviderMatcher.Assess(order, ServiceFixture.Wu);
        Assert.False(wu.Eligible);
        Assert.Contains(wu.Reasons, r => r.Contains("does not serve the area", StringComparison.Ordinal));
        var zhou = ProviderMatcher.Assess(order, ServiceFixture.Zhou);
        Assert.Contains(zhou.Reasons, r => r.Contains("does not offer", StringComparison.Ordinal));
    }

    [Fact]
    public void A_provider_with_no_free_time_in_the_window_is_left_out()
    {
        var busy = ServiceFixture.Zhou.Book(ServiceFixture.Day(12));
        var assessment = ProviderMatcher.Assess(ServiceFixture.Lecture(), busy);
        Assert.False(assessment.Eligible);
        Assert.Contains(assessment.Reasons, r => r.Contains("no free time", StringComparison.Ordinal));
    }

    [Fact]
    public void A_chosen_lecturer_is_the_only_candidate()
    {
        var ranked = ProviderMatcher.Rank(ServiceFixture.Lecture("土地承包", ServiceFixture.LawyerZhou), Everyone);
        Assert.Equal([ServiceFixture.LawyerZhou], ranked.Select(c => c.Provider.Id));
    }

    [Fact]
    public void Booking_a_slot_splits_the_free_time_around_it()
    {
        var booked = ServiceFixture.Zhou.Book(new TimeSlot(ChinaTime.At(2026, 11, 12, 11), ChinaTime.At(2026, 11, 12, 13)));

        Assert.Equal(2, booked.FreeSlots.Length);
        Assert.Equal(Duration.FromHours(2), booked.FreeSlots[0].Length);
        Assert.Equal(Duration.FromHours(4), booked.FreeSlots[1].Length);
        Assert.Throws<ServiceRuleException>(() => booked.Book(new TimeSlot(ChinaTime.At(2026, 11, 12, 12), ChinaTime.At(2026, 11, 12, 14))));
    }

    [Fact]
    public void Overlapping_free_slots_are_refused() =>
        Assert.Throws<ServiceRuleException>(() => ServiceProvider.Create(Guid.NewGuid(), "某", "某所", [ServiceKind.Mediation], [],
            [ServiceFixture.Town], [ServiceFixture.Day(10, 9, 12), ServiceFixture.Day(10, 11, 14)]));

    [Fact]
    public void The_default_catalogue_offers_every_kind_and_tax_tutoring_only_to_enterprises()
    {
        Assert.Equal(Enum.GetValues<ServiceKind>().Order(), ServiceCatalogue.Default.Select(o => o.Kind).Distinct().Order());
        Assert.True(ServiceCatalogue.Default.Single(o => o.Kind == ServiceKind.TaxPolicyTutoring).EnterprisesOnly);
        Assert.True(ServiceCatalogue.Default.Single(o => o.Kind == ServiceKind.LegalLecture).LecturerChoice);
    }
}
