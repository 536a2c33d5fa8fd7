using Fengqiao.Core.ServiceMenu;
using Fengqiao.Data.Security;
using Fengqiao.Data.ServiceMenu;
using Fengqiao.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;

namespace Fengqiao.Data.Tests.ServiceMenu;

/// <summary>
/// An order no provider fitted (已点单) does not stay stuck: the office is offered 派单 and 取消, dispatches it by hand
/// only to a provider Core accepts, and a cancellation gives the held time back to the provider.
/// </summary>
public sealed class OfficeDispatchTests(DemoDatabaseFixture fixture) : IClassFixture<DemoDatabaseFixture>
{
    private static readonly DateTimeZone Shanghai = DateTimeZoneProviders.Tzdb["Asia/Shanghai"];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private sealed class FixedClock(Instant now) : IClock
    {
        public Instant GetCurrentInstant() => Instant.FromUnixTimeMilliseconds(now.ToUnixTimeMilliseconds());
    }

    private PersonalDataProtector Protector => fixture.Services.GetRequiredService<PersonalDataProtector>();

    [Fact]
    public async Task An_unmatched_order_is_dispatched_by_hand_to_a_provider_Core_accepts_or_cancelled_with_its_slot_given_back()
    {
        await using var system = fixture.Database.Context();
        var clock = new FixedClock(TestTime.Now);
        var desk = new ServiceMenuDesk(system, clock, Protector);
        var board = new ServiceOrderBoard(system, clock);
        var lawyer = await system.ServiceProviders.AsNoTracking().SingleAsync(p => p.AccountId == null && p.Name == "李明律", Ct);
        var slots = await system.ProviderFreeSlots.AsNoTracking().ToListAsync(Ct);
        Instant Start(LocalDate d) => d.AtStartOfDayInZone(Shanghai).ToInstant();
        var today = TestTime.Now.InZone(Shanghai).Date;
        // A day no provider has free time at all (a weekend).
        var busy = Enumerable.Range(3, 60).Select(today.PlusDays).First(d => !slots.Any(s => s.Start < Start(d.PlusDays(1)) && s.End > Start(d)));
        var before = await system.ServiceOrders.CountAsync(Ct);

        // Naming the lawyer for that day is refused with the reason and his free days, and nothing is stored.
        var refused = await Assert.ThrowsAsync<ServiceOrderValidationException>(() => desk.PlaceAsync(new NewServiceOrder("legal-lecture", "民法典", OrdererKind.VillageCommittee,
            "胜利社区居民委员会", "13905464498", null, "370505001203", busy, lawyer.Id, null), Ct));
        Assert.StartsWith("李明律无法接单：期望时间内没有空闲；可预约的日期：", refused.Errors["Date"][0], StringComparison.Ordinal);
        system.ChangeTracker.Clear();
        Assert.Equal(before, await system.ServiceOrders.CountAsync(Ct));

        // Without a named lecturer the order is placed, and nobody is matched.
        var order = await desk.PlaceAsync(new NewServiceOrder("legal-lecture", "民法典", OrdererKind.VillageCommittee, "胜利社区居民委员会",
            "13905464498", null, "370505001203", busy, null, null), Ct);
        Assert.Equal(ServiceOrderState.Ordered, order.State);

        var line = (await board.OfficeAsync(500, Ct)).Single(l => l.Row.Id == order.Id);
        Assert.Contains(ServiceOrderAction.Match, line.Offers);
        Assert.Contains(ServiceOrderAction.Cancel, line.Offers);
        // The lawyer is a candidate who does not fit yet: dispatching to him is refused.
        Assert.False((await desk.CandidatesAsync(order.Id, Ct)).Single(c => c.Provider.Id == lawyer.Id).Eligible);
        await Assert.ThrowsAsync<ServiceRuleException>(() => desk.DispatchAsync(order.Id, lawyer.Id, "office", Ct));

        // He frees that afternoon: now he fits, and the dispatch holds his time as automatic matching would.
        system.ProviderFreeSlots.Add(new ProviderFreeSlotRecord
        {
            ProviderId = lawyer.Id,
            Start = busy.At(new LocalTime(14, 0)).InZoneLeniently(Shanghai).ToInstant(),
            End = busy.At(new LocalTime(17, 30)).InZoneLeniently(Shanghai).ToInstant(),
        });
        await system.SaveChangesAsync(Ct);
        Assert.True((await desk.CandidatesAsync(order.Id, Ct)).Single(c => c.Provider.Id == lawyer.Id).Eligible);
        var dispatched = await desk.DispatchAsync(order.Id, lawyer.Id, "office", Ct);
        Assert.Equal(ServiceOrderState.Matched, dispatched!.State);
        Assert.Equal(lawyer.Id, dispatched.ProviderId);
        var held = (dispatched.ScheduledStart!.Value, dispatched.ScheduledEnd!.Value);

        system.ChangeTracker.Clear();
        var matched = (await board.OfficeAsync(500, Ct)).Single(l => l.Row.Id == order.Id);
        Assert.DoesNotContain(ServiceOrderAction.Match, matched.Offers);
        Assert.Contains(ServiceOrderAction.Confirm, matched.Offers);
        Assert.DoesNotContain(await system.ProviderFreeSlots.AsNoTracking().Where(s => s.ProviderId == lawyer.Id).ToListAsync(Ct),
            s => s.Start <= held.Item1 && s.End >= held.Item2);

        // The orderer calls to cancel: a reason is required, then the held time is the lawyer's again.
        await Assert.ThrowsAsync<ServiceRuleException>(() => desk.CancelAsync(order.Id, "  ", "office", Ct));
        await Assert.ThrowsAsync<ServiceRuleException>(() => desk.CancelAsync(order.Id, new string('改', 201), "office", Ct));
        var cancelled = await desk.CancelAsync(order.Id, "村里活动改期", "office", Ct);
        Assert.Equal(ServiceOrderState.Cancelled, cancelled!.State);
        system.ChangeTracker.Clear();
        Assert.Contains(await system.ProviderFreeSlots.AsNoTracking().Where(s => s.ProviderId == lawyer.Id).ToListAsync(Ct),
            s => s.Start == held.Item1 && s.End == held.Item2);
        Assert.Empty((await board.OfficeAsync(500, Ct)).Single(l => l.Row.Id == order.Id).Offers);
        var log = await system.ServiceOrderEvents.AsNoTracking().Where(e => e.OrderId == order.Id).OrderBy(e => e.Sequence).Select(e => e.Kind).ToListAsync(Ct);
        Assert.Equal(["service.ordered", "service.matched", "service.cancelled"], log);
    }
}
