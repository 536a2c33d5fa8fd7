using Fengqiao.Core.ServiceMenu;
using Fengqiao.Data.Security;
using Fengqiao.Data.ServiceMenu;
using Fengqiao.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;

namespace Fengqiao.Data.Tests.ServiceMenu;

/// <summary>A service order taken to its end — held, attended with a count, rated — through Core's rules, and the steps those rules refuse.</summary>
public sealed class ServiceOrderCompletionTests(DemoDatabaseFixture fixture) : IClassFixture<DemoDatabaseFixture>
{
    private PersonalDataProtector Protector => fixture.Services.GetRequiredService<PersonalDataProtector>();

    private static readonly DateTimeZone Shanghai = DateTimeZoneProviders.Tzdb["Asia/Shanghai"];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private sealed class MovableClock(Instant now) : IClock
    {
        public Instant Now { get; set; } = now;

        public Instant GetCurrentInstant() => Now;
    }

    [Fact]
    public async Task A_scheduled_lecture_is_held_attended_and_rated_once_and_each_step_is_logged()
    {
        await using var db = fixture.Database.Context();
        // Whole milliseconds, as SQLite keeps instants: the steps replayed from the log then meet the tracked order's own times exactly.
        var clock = new MovableClock(Instant.FromUnixTimeMilliseconds(TestTime.Now.ToUnixTimeMilliseconds()));
        var lecturer = await db.ServiceProviders.SingleAsync(p => p.Name == "张丽华", Ct);
        var today = clock.Now.InZone(Shanghai).Date;
        var day = (await db.ProviderFreeSlots.Where(s => s.ProviderId == lecturer.Id).ToListAsync(Ct))
            .Select(s => s.Start.InZone(Shanghai).Date).Where(d => d > today.PlusDays(3)).Min();
        var desk = new ServiceMenuDesk(db, clock, Protector);
        var order = await desk.PlaceAsync(new NewServiceOrder("legal-lecture", "未成年人保护", OrdererKind.VillageCommittee, "西尚村民委员会", "13905463311", null,
            "370505001202", day, lecturer.Id, null), Ct);
        var scheduled = await desk.ConfirmAsync(order.Id, "judicial", Ct);
        var completion = new ServiceOrderCompletion(db, clock);

        var early = await Assert.ThrowsAsync<ServiceRuleException>(() => completion.MarkHeldAsync(order.Id, "judicial", Ct));
        Assert.Contains("尚未开始", early.Message, StringComparison.Ordinal);
        clock.Now = scheduled!.ScheduledStart!.Value + Duration.FromHours(2);
        await Assert.ThrowsAsync<ServiceRuleException>(() => completion.RecordAttendanceAsync(order.Id, 40, "judicial", Ct));
        await completion.MarkHeldAsync(order.Id, "judicial", Ct);
        await Assert.ThrowsAsync<ServiceRuleException>(() => completion.RecordAttendanceAsync(order.Id, 0, "judicial", Ct));
        await completion.RecordAttendanceAsync(order.Id, 46, "judicial", Ct);
        await Assert.ThrowsAsync<ServiceRuleException>(() => completion.RateAsync(order.Id, 6, null, Ct));
        var rated = await completion.RateAsync(order.Id, 5, "讲得通俗易懂", Ct);
        await Assert.ThrowsAsync<ServiceRuleException>(() => completion.RateAsync(order.Id, 4, null, Ct));

        db.ChangeTracker.Clear();
        var row = await db.ServiceOrders.SingleAsync(o => o.Id == order.Id, Ct);
        Assert.Equal(ServiceOrderState.Rated, row.State);
        Assert.Equal(46, row.Attendance);
        Assert.Equal(5, row.Stars);
        Assert.Equal("讲得通俗易懂", row.Comment);
        Assert.Equal(["service.ordered", "service.matched", "service.confirmed", "service.scheduled", "service.held", "service.attended", "service.rated"],
            await db.ServiceOrderEvents.Where(e => e.OrderId == order.Id).OrderBy(e => e.Sequence).Select(e => e.Kind).ToListAsync(Ct));
    }
}
