using Fengqiao.Core.Organisations;
using Fengqiao.Core.ServiceMenu;
using Fengqiao.Data.People;
using Fengqiao.Data.Scope;
using Fengqiao.Data.Notices;
using Fengqiao.Data.Security;
using Fengqiao.Data.ServiceMenu;
using Fengqiao.Testing;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;

namespace Fengqiao.Data.Tests.ServiceMenu;

/// <summary>
/// Providers act on their own orders only: the lecturer sees and confirms the orders matched to them, declines with a
/// reason (the order is matched again or, chosen by name, waits with the reason for the orderer), and is refused —
/// with nothing changed — on another provider's order. The orderer then finds the order by number and phone and rates it once.
/// </summary>
public sealed class ProviderOrderDeskTests(DemoDatabaseFixture fixture) : IClassFixture<DemoDatabaseFixture>
{
    private static readonly DateTimeZone Shanghai = DateTimeZoneProviders.Tzdb["Asia/Shanghai"];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private PersonalDataProtector Protector => fixture.Services.GetRequiredService<PersonalDataProtector>();

    private sealed class MovableClock(Instant now) : IClock
    {
        public Instant Now { get; set; } = now;

        public Instant GetCurrentInstant() => Now;
    }

    private static MovableClock Now() => new(Instant.FromUnixTimeMilliseconds(TestTime.Now.ToUnixTimeMilliseconds()));

    private async Task<(string AccountId, FengqiaoDbContext Db)> SignedInAsync(string userName)
    {
        await using var scope = fixture.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
        var user = await users.FindByNameAsync(userName) ?? throw new InvalidOperationException(userName);
        var roles = (await users.GetRolesAsync(user)).Select(Enum.Parse<StaffRole>).ToList();
        return (user.Id, fixture.Database.Context(new FixedAccessScopeProvider(AccessScope.For(roles, user.Id, null, null))));
    }

    private static async Task<LocalDate> FreeDayAsync(FengqiaoDbContext db, Guid providerId, LocalDate after) =>
        (await db.ProviderFreeSlots.Where(s => s.ProviderId == providerId).ToListAsync(Ct))
            .Select(s => s.Start.InZone(Shanghai).Date).Where(d => d > after).Min();

    private static async Task<double> FreeMinutesAsync(FengqiaoDbContext db, Guid providerId) =>
        (await db.ProviderFreeSlots.AsNoTracking().Where(s => s.ProviderId == providerId).ToListAsync(Ct)).Sum(s => (s.End - s.Start).TotalMinutes);

    private static async Task<HashSet<LocalDate>> FreeDaysAsync(FengqiaoDbContext db, Guid providerId) =>
        [.. (await db.ProviderFreeSlots.AsNoTracking().Where(s => s.ProviderId == providerId).ToListAsync(Ct)).Select(s => s.Start.InZone(Shanghai).Date)];

    [Fact]
    public async Task Each_demo_provider_account_is_linked_and_sees_only_the_orders_matched_to_it_in_every_state()
    {
        var (lecturerId, lecturerDb) = await SignedInAsync("lecturer");
        await using var _ = lecturerDb;
        var orders = (await new ServiceOrderBoard(lecturerDb, TestTime.Clock).ProviderAsync(lecturerId, Ct)).Orders.Select(l => l.Row).ToList();
        var provider = await lecturerDb.ServiceProviders.SingleAsync(p => p.AccountId == lecturerId, Ct);
        Assert.Equal("王立法", provider.Name);
        Assert.NotEmpty(orders);
        Assert.All(orders, o => Assert.Equal(provider.Id, o.ProviderId));
        Assert.Superset(new HashSet<ServiceOrderState> { ServiceOrderState.Matched, ServiceOrderState.Scheduled, ServiceOrderState.Held, ServiceOrderState.Attended, ServiceOrderState.Rated },
            orders.Select(o => o.State).ToHashSet());
        // Through the database filter too: the lecturer's account reaches no other provider's order.
        Assert.Equal(orders.Count, await lecturerDb.ServiceOrders.CountAsync(Ct));
        await using var system = fixture.Database.Context();
        Assert.True(await system.ServiceOrders.CountAsync(o => o.ProviderId != provider.Id, Ct) > 0);
        foreach (var name in new[] { "mediator", "taxtutor" })
        {
            var (id, db) = await SignedInAsync(name);
            await using var __ = db;
            Assert.Contains((await new ServiceOrderBoard(db, TestTime.Clock).ProviderAsync(id, Ct)).Orders, l => l.Row.State == ServiceOrderState.Rated);
        }
    }

    [Fact]
    public async Task The_lecturer_confirms_a_chosen_lecture_but_another_provider_is_refused_and_nothing_changes()
    {
        var clock = Now();
        var (lecturerId, lecturerDb) = await SignedInAsync("lecturer");
        var (tutorId, tutorDb) = await SignedInAsync("taxtutor");
        await using var a = lecturerDb;
        await using var b = tutorDb;
        await using var system = fixture.Database.Context();
        var lecturer = await system.ServiceProviders.SingleAsync(p => p.AccountId == lecturerId, Ct);
        var day = await FreeDayAsync(system, lecturer.Id, clock.Now.InZone(Shanghai).Date.PlusDays(2));
        var order = await new ServiceMenuDesk(system, clock, Protector).PlaceAsync(new NewServiceOrder("legal-lecture", "婚姻家庭", OrdererKind.VillageCommittee, "东关村民委员会", "13905464401", null,
            "370505001201", day, lecturer.Id, null), Ct);
        Assert.Equal(ServiceOrderState.Matched, order.State);
        var versionBefore = order.Version;

        var refused = await Assert.ThrowsAsync<ProviderOrderRefusedException>(() => new ProviderOrderDesk(tutorDb, clock, Protector).ConfirmAsync(order.Id, tutorId, "taxtutor", Ct));
        Assert.Contains("未派给您", refused.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<ProviderOrderRefusedException>(() => new ProviderOrderDesk(tutorDb, clock, Protector).DeclineAsync(order.Id, "没空", tutorId, "taxtutor", Ct));
        Assert.Null(await new ProviderOrderDesk(tutorDb, clock, Protector).ConfirmAsync(Guid.NewGuid(), tutorId, "taxtutor", Ct));
        system.ChangeTracker.Clear();
        var untouched = await system.ServiceOrders.SingleAsync(o => o.Id == order.Id, Ct);
        Assert.Equal((ServiceOrderState.Matched, versionBefore), (untouched.State, untouched.Version));
        Assert.Equal(2, await system.ServiceOrderEvents.CountAsync(e => e.OrderId == order.Id, Ct));

        var confirmed = await new ProviderOrderDesk(lecturerDb, clock, Protector).ConfirmAsync(order.Id, lecturerId, "lecturer", Ct);
        Assert.Equal(ServiceOrderState.Scheduled, confirmed!.State);
    }

    [Fact]
    public async Task A_declined_order_goes_to_the_next_fitting_provider_or_waits_with_the_reason_when_the_lecturer_was_chosen()
    {
        var clock = Now();
        var (lecturerId, lecturerDb) = await SignedInAsync("lecturer");
        await using var a = lecturerDb;
        await using var system = fixture.Database.Context();
        var lecturer = await system.ServiceProviders.SingleAsync(p => p.AccountId == lecturerId, Ct);
        // A day when another lecturer is free too, so the declined open order has somewhere to go.
        var others = await system.ServiceProviders.Where(p => p.Name == "李明律" || p.Name == "张丽华").Select(p => p.Id).ToListAsync(Ct);
        var othersFree = new HashSet<LocalDate>();
        foreach (var id in others)
        {
            othersFree.UnionWith(await FreeDaysAsync(system, id));
        }
        var day = (await FreeDaysAsync(system, lecturer.Id)).Where(d => d > clock.Now.InZone(Shanghai).Date.PlusDays(4) && othersFree.Contains(d)).Min();

        // Chosen by name (点师授课): nobody else may take it, so it waits, and the orderer reads why.
        var chosen = await new ServiceMenuDesk(system, clock, Protector).PlaceAsync(new NewServiceOrder("legal-lecture", "民法典", OrdererKind.VillageCommittee, "胜利社区居民委员会", "13905464402", null,
            "370505001203", day, lecturer.Id, null), Ct);
        var slotsBefore = await FreeMinutesAsync(system, lecturer.Id);
        var empty = await Assert.ThrowsAsync<ServiceRuleException>(() => new ProviderOrderDesk(lecturerDb, clock, Protector).DeclineAsync(chosen.Id, " ", lecturerId, "lecturer", Ct));
        Assert.Contains("理由", empty.Message, StringComparison.Ordinal);
        lecturerDb.ChangeTracker.Clear();
        var waiting = await new ProviderOrderDesk(lecturerDb, clock, Protector).DeclineAsync(chosen.Id, "当天在外地授课", lecturerId, "lecturer", Ct);
        Assert.Equal(ServiceOrderState.Ordered, waiting!.State);
        Assert.Null(waiting.ProviderId);
        await using (var check = fixture.Database.Context())
        {
            // The two hours held for the order are free again.
            var slotsAfter = await FreeMinutesAsync(check, lecturer.Id);
            Assert.Equal(slotsBefore + 120, slotsAfter);
            var seen = await new PortalServiceOrders(check, clock, Protector).FindAsync(chosen.TrackingCode, "13905464402", Ct);
            Assert.Equal("当天在外地授课", seen!.DeclineReason);
            Assert.False(seen.MayRate);
            // The orderer is told at once, by SMS to the phone the order was placed with (sealed in the outbox).
            var told = Assert.Single(await check.Notices.Where(n => n.Kind == "service.declined" && n.DedupKey.Contains(chosen.Id.ToString("N"))).ToListAsync(Ct));
            Assert.Equal(NoticeChannel.Sms, told.Channel);
            Assert.NotEqual("13905464402", told.Address);
            Assert.Equal("13905464402", Protector.Reveal(told.Address!));
            Assert.Contains(chosen.TrackingCode, told.Body, StringComparison.Ordinal);
            Assert.Contains("当天在外地授课", told.Body, StringComparison.Ordinal);
            Assert.Null(told.SentAt);
        }
        Assert.DoesNotContain((await new ServiceOrderBoard(lecturerDb, clock).ProviderAsync(lecturerId, Ct)).Orders, l => l.Row.Id == chosen.Id);

        // Left to the system: the next lecturer who fits takes it.
        var open = await new ServiceMenuDesk(system, clock, Protector).PlaceAsync(new NewServiceOrder("legal-lecture", "民法典", OrdererKind.VillageCommittee, "胜利社区居民委员会", "13905464403", null,
            "370505001203", day, null, null), Ct);
        Assert.Equal(lecturer.Id, open.ProviderId); // the only lecturer listing the topic ranks first
        {
            var rematched = await new ProviderOrderDesk(lecturerDb, clock, Protector).DeclineAsync(open.Id, "另有安排", lecturerId, "lecturer", Ct);
            Assert.NotNull(rematched!.ProviderId);
            Assert.NotEqual(lecturer.Id, rematched.ProviderId);
            Assert.Equal(ServiceOrderState.Matched, rematched.State);
            await using var check = fixture.Database.Context();
            var nextName = await check.ServiceProviders.Where(p => p.Id == rematched.ProviderId).Select(p => p.Name).SingleAsync(Ct);
            var moved = Assert.Single(await check.Notices.Where(n => n.Kind == "service.declined" && n.DedupKey.Contains(open.Id.ToString("N"))).ToListAsync(Ct));
            Assert.Contains("已改由" + nextName + "提供", moved.Body, StringComparison.Ordinal);
            Assert.Contains("另有安排", moved.Body, StringComparison.Ordinal);
            Assert.Equal(["service.ordered", "service.matched", "service.declined", "service.matched"],
                await check.ServiceOrderEvents.Where(e => e.OrderId == open.Id).OrderBy(e => e.Sequence).Select(e => e.Kind).ToListAsync(Ct));
            // The re-matched order still replays: its new provider confirms it.
            var other = await check.ServiceProviders.SingleAsync(p => p.Id == rematched.ProviderId, Ct);
            var confirmed = await new ServiceMenuDesk(check, clock, Protector).ConfirmAsync(open.Id, other.Name, Ct);
            Assert.Equal(ServiceOrderState.Scheduled, confirmed!.State);
        }
    }

    [Fact]
    public async Task The_orderer_finds_the_order_by_number_and_phone_and_rates_it_once_after_it_was_held()
    {
        var clock = Now();
        var (tutorId, tutorDb) = await SignedInAsync("taxtutor");
        await using var a = tutorDb;
        await using var system = fixture.Database.Context();
        var tutor = await system.ServiceProviders.SingleAsync(p => p.AccountId == tutorId, Ct);
        var day = await FreeDayAsync(system, tutor.Id, clock.Now.InZone(Shanghai).Date.PlusDays(1));
        var credit = UnifiedSocialCreditCode.Create("91370521MA3E5F6G7").Value;
        var order = await new ServiceMenuDesk(system, clock, Protector).PlaceAsync(new NewServiceOrder("tax-tutoring", "增值税", OrdererKind.Enterprise, "垦利某新能源有限公司", "13905464404", credit,
            "370505001", day, tutor.Id, null), Ct);
        await new ProviderOrderDesk(tutorDb, clock, Protector).ConfirmAsync(order.Id, tutorId, "taxtutor", Ct);

        await using var portal = fixture.Database.Context(new FixedAccessScopeProvider(AccessScope.Nobody));
        var orders = new PortalServiceOrders(portal, clock, Protector);
        Assert.Null(await orders.FindAsync(order.TrackingCode, "13905464499", Ct));
        Assert.Null(await orders.FindAsync("FW-2000-000001", "13905464404", Ct));
        Assert.Null(await orders.RateAsync(order.TrackingCode, "13905464499", 5, null, Ct));
        var early = await Assert.ThrowsAsync<ServiceRuleException>(() => orders.RateAsync(order.TrackingCode, "13905464404", 5, null, Ct));
        Assert.Contains("尚未开展", early.Message, StringComparison.Ordinal);

        portal.ChangeTracker.Clear();
        clock.Now = (await system.ServiceOrders.AsNoTracking().SingleAsync(o => o.Id == order.Id, Ct)).ScheduledStart!.Value + Duration.FromHours(2);
        tutorDb.ChangeTracker.Clear();
        await new ProviderOrderDesk(tutorDb, clock, Protector).MarkHeldAsync(order.Id, tutorId, "taxtutor", Ct);
        tutorDb.ChangeTracker.Clear();
        await new ProviderOrderDesk(tutorDb, clock, Protector).RecordAttendanceAsync(order.Id, 18, tutorId, "taxtutor", Ct);
        Assert.True((await orders.FindAsync(order.TrackingCode, "13905464404", Ct))!.MayRate);
        await Assert.ThrowsAsync<ServiceRuleException>(() => orders.RateAsync(order.TrackingCode, "13905464404", 0, null, Ct));
        portal.ChangeTracker.Clear();
        var rated = await orders.RateAsync(order.TrackingCode, "13905464404", 4, "讲解了留抵退税", Ct);
        Assert.Equal((ServiceOrderState.Rated, 4), (rated!.State, rated.Stars));
        portal.ChangeTracker.Clear();
        var twice = await Assert.ThrowsAsync<ServiceRuleException>(() => orders.RateAsync(order.TrackingCode, "13905464404", 1, null, Ct));
        Assert.Contains("重复评价", twice.Message, StringComparison.Ordinal);
        system.ChangeTracker.Clear();
        Assert.Equal(4, (await system.ServiceOrders.SingleAsync(o => o.Id == order.Id, Ct)).Stars);
    }
}
