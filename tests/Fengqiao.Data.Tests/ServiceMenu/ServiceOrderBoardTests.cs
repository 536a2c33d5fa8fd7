using Fengqiao.Core.Organisations;
using Fengqiao.Core.ServiceMenu;
using Fengqiao.Data.People;
using Fengqiao.Data.Scope;
using Fengqiao.Data.Security;
using Fengqiao.Data.ServiceMenu;
using Fengqiao.Testing;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;

namespace Fengqiao.Data.Tests.ServiceMenu;

/// <summary>
/// The service menu's lists offer exactly what Core allows: a provider is offered only their own steps on their own
/// orders, waiting ones first; the office is offered confirming only for a provider without an account; and every
/// offered step, taken, succeeds.
/// </summary>
public sealed class ServiceOrderBoardTests(DemoDatabaseFixture fixture) : IClassFixture<DemoDatabaseFixture>
{
    private static readonly DateTimeZone Shanghai = DateTimeZoneProviders.Tzdb["Asia/Shanghai"];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    // Whole milliseconds, as SQLite keeps instants.
    private sealed class MovableClock(Instant now) : IClock
    {
        public Instant Now { get; set; } = Instant.FromUnixTimeMilliseconds(now.ToUnixTimeMilliseconds());

        public Instant GetCurrentInstant() => Now;
    }

    private PersonalDataProtector Protector => fixture.Services.GetRequiredService<PersonalDataProtector>();

    private async Task<(string AccountId, FengqiaoDbContext Db)> SignedInAsync(string userName)
    {
        await using var scope = fixture.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
        var user = await users.FindByNameAsync(userName) ?? throw new InvalidOperationException(userName);
        var roles = (await users.GetRolesAsync(user)).Select(Enum.Parse<StaffRole>).ToList();
        return (user.Id, fixture.Database.Context(new FixedAccessScopeProvider(AccessScope.For(roles, user.Id, null, null))));
    }

    [Fact]
    public async Task A_provider_is_offered_only_their_own_steps_waiting_orders_first_and_each_offered_step_succeeds()
    {
        var (lecturerId, db) = await SignedInAsync("lecturer");
        await using var _ = db;
        var board = await new ServiceOrderBoard(db, TestTime.Clock).ProviderAsync(lecturerId, Ct);
        Assert.Equal("王立法", board.Provider!.Name);
        Assert.All(board.Orders, l => Assert.Equal(board.Provider.Id, l.Row.ProviderId));
        Assert.All(board.Orders, l => Assert.Subset(ServiceOrder.ProviderSteps.ToHashSet(), l.Offers.ToHashSet()));
        // The demo holds a matched order (接单/拒单), a held one (参加人数) and a coming scheduled one (nothing yet).
        var matched = Assert.Single(board.Orders, l => l.Row.State == ServiceOrderState.Matched);
        Assert.Equal([ServiceOrderAction.Confirm, ServiceOrderAction.Decline], matched.Offers.Order());
        Assert.Equal([ServiceOrderAction.RecordAttendance], Assert.Single(board.Orders, l => l.Row.State == ServiceOrderState.Held).Offers.Order());
        Assert.All(board.Orders.Where(l => l.Row.State == ServiceOrderState.Scheduled && l.Row.ScheduledStart > TestTime.Now), l => Assert.Empty(l.Offers));
        Assert.All(board.Orders.Where(l => l.Row.State is ServiceOrderState.Attended or ServiceOrderState.Rated), l => Assert.Empty(l.Offers));
        var firstIdle = board.Orders.ToList().FindIndex(l => l.Offers.Count == 0);
        Assert.True(firstIdle < 0 || board.Orders.Skip(firstIdle).All(l => l.Offers.Count == 0), "orders waiting for the provider come first");

        // Nobody else's: the tax tutor's board holds none of the lecturer's orders.
        var (tutorId, tutorDb) = await SignedInAsync("taxtutor");
        await using var __ = tutorDb;
        var tutor = await new ServiceOrderBoard(tutorDb, TestTime.Clock).ProviderAsync(tutorId, Ct);
        Assert.DoesNotContain(tutor.Orders, l => board.Orders.Any(o => o.Row.Id == l.Row.Id));

        // Taking what is offered works: recording the held lecture's attendance.
        var held = board.Orders.Single(l => l.Row.State == ServiceOrderState.Held);
        var after = await new ProviderOrderDesk(db, TestTime.Clock, Protector).RecordAttendanceAsync(held.Row.Id, 40, lecturerId, "lecturer", Ct);
        Assert.Equal(ServiceOrderState.Attended, after!.State);
        db.ChangeTracker.Clear();
        var again = await new ServiceOrderBoard(db, TestTime.Clock).ProviderAsync(lecturerId, Ct);
        Assert.Empty(again.Orders.Single(l => l.Row.Id == held.Row.Id).Offers);
    }

    [Fact]
    public async Task The_office_confirms_only_for_a_provider_without_an_account_and_is_offered_nothing_the_order_refuses()
    {
        await using var system = fixture.Database.Context();
        var clock = new MovableClock(TestTime.Now);
        var office = await new ServiceOrderBoard(system, clock).OfficeAsync(500, Ct);
        Assert.NotEmpty(office);
        // Matched to a provider with an account (the demo's three): that provider confirms, the office waits.
        Assert.All(office.Where(l => l.Row.State == ServiceOrderState.Matched && l.ProviderHasAccount),
            l => Assert.DoesNotContain(ServiceOrderAction.Confirm, l.Offers));

        // Matched to one without: the office confirms for them.
        var accountless = await system.ServiceProviders.AsNoTracking().Where(p => p.AccountId == null && p.Name == "李明律").SingleAsync(Ct);
        var day = (await system.ProviderFreeSlots.AsNoTracking().Where(s => s.ProviderId == accountless.Id).ToListAsync(Ct))
            .Select(s => s.Start.InZone(Shanghai).Date).Where(d => d > TestTime.Now.InZone(Shanghai).Date.PlusDays(2)).Min();
        var placed = await new ServiceMenuDesk(system, clock, Protector).PlaceAsync(new NewServiceOrder("legal-lecture", "民法典", OrdererKind.VillageCommittee, "胜利社区居民委员会",
            "13905464499", null, "370505001203", day, accountless.Id, null), Ct);
        Assert.Equal(ServiceOrderState.Matched, placed.State);
        var line = (await new ServiceOrderBoard(system, clock).OfficeAsync(500, Ct)).Single(l => l.Row.Id == placed.Id);
        Assert.False(line.ProviderHasAccount);
        Assert.Contains(ServiceOrderAction.Confirm, line.Offers);
        Assert.DoesNotContain(ServiceOrderAction.MarkHeld, line.Offers);
        await new ServiceMenuDesk(system, clock, Protector).ConfirmAsync(placed.Id, "office", Ct);

        // Scheduled: marking it held is offered only once the service has started.
        system.ChangeTracker.Clear();
        var scheduled = (await new ServiceOrderBoard(system, clock).OfficeAsync(500, Ct)).Single(l => l.Row.Id == placed.Id);
        Assert.Equal(ServiceOrderState.Scheduled, scheduled.Row.State);
        Assert.DoesNotContain(ServiceOrderAction.MarkHeld, scheduled.Offers);
        clock.Now = scheduled.Row.ScheduledStart!.Value + Duration.FromMinutes(5);
        var started = (await new ServiceOrderBoard(system, clock).OfficeAsync(500, Ct)).Single(l => l.Row.Id == placed.Id);
        Assert.Contains(ServiceOrderAction.MarkHeld, started.Offers);
        Assert.Equal(ServiceOrderState.Held, (await new ServiceOrderCompletion(system, clock).MarkHeldAsync(placed.Id, "office", Ct))!.State);
    }
}
