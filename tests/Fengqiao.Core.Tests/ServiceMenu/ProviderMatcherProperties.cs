using CsCheck;
using Fengqiao.Core.Organisations;
using Fengqiao.Core.ServiceMenu;
using Fengqiao.Core.Tests.Calendar;
using NodaTime;

namespace Fengqiao.Core.Tests.ServiceMenu;

public class ProviderMatcherProperties
{
    private static readonly DivisionCode[] Areas =
        [ServiceFixture.Village, ServiceFixture.Town, ServiceFixture.District, DivisionCode.Parse("370522"), DivisionCode.Parse("370521101")];

    private static readonly ServiceKind[] Kinds = Enum.GetValues<ServiceKind>();

    private static readonly string[] Topics = ["民法典", "婚姻家庭", "土地承包", "劳动用工"];

    // A provider free for a few hours on some days of the week of 9 November 2026.
    private static readonly Gen<ServiceProvider> GenProvider =
        Gen.Select(Gen.Int[0, Kinds.Length - 1].Array[1, 3], Gen.Int[0, Topics.Length - 1].Array[0, 3], Gen.Int[0, Areas.Length - 1].Array[1, 2],
                Gen.Int[8, 15].Array[0, 5], Gen.Int[1, 4], Gen.Int[1, 99999])
            .Select((kinds, topics, areas, startHours, hours, n) => ServiceProvider.Create(
                new Guid(n, 0, 0, new byte[8]), $"提供者{n}", "某单位",
                kinds.Select(k => Kinds[k]), topics.Select(t => Topics[t]), areas.Select(a => Areas[a]),
                startHours.Select((h, day) => new TimeSlot(ChinaTime.At(2026, 11, 9 + day, h), ChinaTime.At(2026, 11, 9 + day, h + hours)))));

    [Fact]
    public void Ranked_candidates_are_exactly_the_fitting_providers_best_first() =>
        Gen.Select(GenProvider.Array[0, 8], Gen.Int[0, Topics.Length]).Sample((providers, topic) =>
        {
            var distinct = providers.DistinctBy(p => p.Id).ToArray();
            var order = ServiceOrder.Place(Guid.NewGuid(), ServiceFixture.Offering("legal-lecture"), ServiceFixture.Committee,
                topic == Topics.Length ? null : Topics[topic], ServiceFixture.NextWeek, null, ServiceFixture.Now).Order;

            var ranked = ProviderMatcher.Rank(order, distinct);

            var fitting = distinct.Where(p => p.Kinds.Contains(ServiceKind.LegalLecture) && p.Serves(order.Orderer.Area)
                && p.EarliestFree(order.PreferredWindow, order.Offering.Duration) is not null).Select(p => p.Id).Order();
            Assert.Equal(fitting, ranked.Select(c => c.Provider.Id).Order());
            Assert.All(ranked, c =>
            {
                Assert.True(c.Eligible);
                Assert.True(c.Provider.IsFree(c.Slot!));
                Assert.True(order.PreferredWindow.Contains(c.Slot!));
                Assert.Equal(order.Offering.Duration, c.Slot!.Length);
                Assert.NotEmpty(c.Reasons);
            });
            for (var i = 1; i < ranked.Length; i++)
            {
                Assert.True(ranked[i - 1].Score > ranked[i].Score
                    || (ranked[i - 1].Score == ranked[i].Score && ranked[i - 1].Slot!.Start <= ranked[i].Slot!.Start));
            }
            Assert.Equal(ranked.Select(c => c.Provider.Id), ProviderMatcher.Rank(order, distinct.Reverse()).Select(c => c.Provider.Id));
        });

    [Fact]
    public void Booking_takes_exactly_the_booked_time_out_of_the_calendar() =>
        Gen.Select(GenProvider, Gen.Int[0, 4], Gen.Int[0, 59]).Sample((provider, dayIndex, minute) =>
        {
            if (dayIndex >= provider.FreeSlots.Length)
            {
                return;
            }
            var free = provider.FreeSlots[dayIndex];
            var slot = new TimeSlot(free.Start + Duration.FromMinutes(minute), free.Start + Duration.FromMinutes(minute + 30));
            if (!free.Contains(slot))
            {
                return;
            }
            var booked = provider.Book(slot);
            var before = provider.FreeSlots.Aggregate(Duration.Zero, (d, s) => d + s.Length);
            var after = booked.FreeSlots.Aggregate(Duration.Zero, (d, s) => d + s.Length);
            Assert.Equal(before - slot.Length, after);
            Assert.False(booked.FreeSlots.Any(s => s.Overlaps(slot)));
        });
}
