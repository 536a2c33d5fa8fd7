using Fengqiao.Core.ServiceMenu;
using Fengqiao.Data.Security;
using Fengqiao.Data.ServiceMenu;
using Fengqiao.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;

namespace Fengqiao.Data.Tests.ServiceMenu;

/// <summary>The service menu on the seeded demo: orders matched by topic, area and free time, a chosen lecturer, confirmation, refusals.</summary>
public sealed class ServiceMenuDeskTests(DemoDatabaseFixture fixture) : IClassFixture<DemoDatabaseFixture>
{
    private PersonalDataProtector Protector => fixture.Services.GetRequiredService<PersonalDataProtector>();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static LocalDate Today => TestTime.Now.InZone(DateTimeZoneProviders.Tzdb["Asia/Shanghai"]).Date;

    private async Task<(LocalDate Day, Guid Provider)> FreeDayOfAsync(FengqiaoDbContext db, string name)
    {
        var provider = await db.ServiceProviders.SingleAsync(p => p.Name == name, Ct);
        var slots = await db.ProviderFreeSlots.Where(s => s.ProviderId == provider.Id).ToListAsync(Ct);
        var day = slots.Select(s => s.Start.InZone(DateTimeZoneProviders.Tzdb["Asia/Shanghai"]).Date).Where(d => d > Today.PlusDays(5)).Min();
        return (day, provider.Id);
    }

    [Fact]
    public async Task A_village_orders_a_lecture_choosing_the_lecturer_who_then_confirms_and_the_slot_is_taken()
    {
        await using var db = fixture.Database.Context();
        var desk = new ServiceMenuDesk(db, TestTime.Clock, Protector);
        var (day, lecturer) = await FreeDayOfAsync(db, "张丽华");
        var freeBefore = await db.ProviderFreeSlots.Where(s => s.ProviderId == lecturer).ToListAsync(Ct);

        var order = await desk.PlaceAsync(new NewServiceOrder("legal-lecture", "未成年人保护", OrdererKind.VillageCommittee, "西尚村民委员会", "13905463301", null,
            "370505001202", day, lecturer, null), Ct);
        var confirmed = await desk.ConfirmAsync(order.Id, "judicial", Ct);

        Assert.Equal(lecturer, order.ProviderId);
        Assert.Matches(@"^FW-\d{4}-\d{6}$", order.TrackingCode);
        Assert.Equal(ServiceOrderState.Scheduled, confirmed!.State);
        Assert.Equal(Duration.FromHours(2), confirmed.ScheduledEnd!.Value - confirmed.ScheduledStart!.Value);
        Assert.Equal(day, confirmed.ScheduledStart.Value.InZone(DateTimeZoneProviders.Tzdb["Asia/Shanghai"]).Date);
        var freeAfter = await db.ProviderFreeSlots.AsNoTracking().Where(s => s.ProviderId == lecturer).ToListAsync(Ct);
        Assert.DoesNotContain(freeAfter, s => s.Start < confirmed.ScheduledEnd && s.End > confirmed.ScheduledStart);
        Assert.Equal(freeBefore.Sum(s => (s.End - s.Start).TotalMinutes) - 120, freeAfter.Sum(s => (s.End - s.Start).TotalMinutes));
        Assert.Equal(["service.ordered", "service.matched", "service.confirmed", "service.scheduled"],
            await db.ServiceOrderEvents.Where(e => e.OrderId == order.Id).OrderBy(e => e.Sequence).Select(e => e.Kind).ToListAsync(Ct));
    }

    [Fact]
    public async Task An_enterprise_order_for_tax_tutoring_goes_to_a_tax_officer_who_lists_the_topic()
    {
        await using var db = fixture.Database.Context();
        var desk = new ServiceMenuDesk(db, TestTime.Clock, Protector);
        var (day, _) = await FreeDayOfAsync(db, "孙税通");

        var order = await desk.PlaceAsync(new NewServiceOrder("tax-tutoring", "研发费用加计扣除", OrdererKind.Enterprise, "垦利石化设备有限公司", "13905463302",
            UnifiedSocialCreditCode.Create("91370521MA3D4E5F6").Value, "370505001003", day, null, null), Ct);

        Assert.Equal(ServiceOrderState.Matched, order.State);
        Assert.Equal("孙税通", (await db.ServiceProviders.SingleAsync(p => p.Id == order.ProviderId, Ct)).Name);
    }

    [Fact]
    public async Task Bad_orders_are_refused_per_field_and_store_nothing()
    {
        await using var db = fixture.Database.Context();
        var desk = new ServiceMenuDesk(db, TestTime.Clock, Protector);
        var before = await db.ServiceOrders.CountAsync(Ct);
        var good = UnifiedSocialCreditCode.Create("91370521MA3D4E5F6").Value;
        var badCheck = good[..17] + (good[17] == '0' ? '1' : '0');

        var fields = await Assert.ThrowsAsync<ServiceOrderValidationException>(() => desk.PlaceAsync(new NewServiceOrder("tax-tutoring", null, OrdererKind.Enterprise, "",
            "123", badCheck, "999", Today, null, null), Ct));
        var residentTax = await Assert.ThrowsAsync<ServiceRuleException>(() => desk.PlaceAsync(new NewServiceOrder("tax-tutoring", null, OrdererKind.Resident, "王五",
            "13905463303", null, "370505001003", Today.PlusDays(3), null, null), Ct));

        Assert.Equal(["CreditCode", "Date", "DivisionCode", "OrdererName", "Phone"], fields.Errors.Keys.Order().ToArray());
        Assert.Contains("enterprises only", residentTax.Message, StringComparison.Ordinal);
        Assert.Equal(before, await db.ServiceOrders.CountAsync(Ct));
    }

    [Fact]
    public async Task The_phone_of_an_order_is_stored_sealed_and_found_by_its_blind_index()
    {
        await using var db = fixture.Database.Context();
        var desk = new ServiceMenuDesk(db, TestTime.Clock, Protector);
        var (day, _) = await FreeDayOfAsync(db, "张丽华");

        var order = await desk.PlaceAsync(new NewServiceOrder("legal-lecture", "民法典", OrdererKind.VillageCommittee, "东营村民委员会", "13905463399", null,
            "370505001202", day, null, null), Ct);

        await using var check = fixture.Database.Context();
        var stored = await check.ServiceOrders.AsNoTracking().SingleAsync(o => o.Id == order.Id, Ct);
        Assert.Null(stored.LegacyContactPhone);
        Assert.DoesNotContain("13905463399", stored.ContactPhoneCipher!, StringComparison.Ordinal);
        Assert.Equal("13905463399", Protector.Reveal(stored.ContactPhoneCipher!));
        Assert.Equal(Protector.PhoneIndex("13905463399"), stored.ContactPhoneIndex);
        var portal = new PortalServiceOrders(check, TestTime.Clock, Protector);
        Assert.NotNull(await portal.FindAsync(order.TrackingCode, "139 0546 3399", Ct));
        Assert.Null(await portal.FindAsync(order.TrackingCode, "13905463398", Ct));
    }

    [Fact]
    public async Task A_phone_an_earlier_version_stored_in_clear_is_sealed_when_the_database_is_migrated()
    {
        await using var db = fixture.Database.Context();
        var desk = new ServiceMenuDesk(db, TestTime.Clock, Protector);
        var (day, _) = await FreeDayOfAsync(db, "张丽华");
        var order = await desk.PlaceAsync(new NewServiceOrder("legal-lecture", "婚姻家庭", OrdererKind.Resident, "马建国", "13905463377", null,
            "370505001202", day, null, null), Ct);
        // As an earlier version stored it: the phone in clear, nothing sealed.
        order.LegacyContactPhone = "13905463377";
        order.ContactPhoneCipher = null;
        order.ContactPhoneIndex = null;
        await db.SaveChangesAsync(Ct);
        var portal = new PortalServiceOrders(db, TestTime.Clock, Protector);
        Assert.NotNull(await portal.FindAsync(order.TrackingCode, "13905463377", Ct));

        await using (var migrating = fixture.Database.Context())
        {
            await new Fengqiao.Data.Infrastructure.DatabaseMigrator(fixture.Database.Settings, migrating, Protector).MigrateAsync(Ct);
        }

        await using var check = fixture.Database.Context();
        Assert.False(await check.ServiceOrders.IgnoreQueryFilters().AnyAsync(o => o.LegacyContactPhone != null, Ct));
        var stored = await check.ServiceOrders.AsNoTracking().SingleAsync(o => o.Id == order.Id, Ct);
        Assert.Equal("13905463377", Protector.Reveal(stored.ContactPhoneCipher!));
        var found = await new PortalServiceOrders(check, TestTime.Clock, Protector).FindAsync(order.TrackingCode, "13905463377", Ct);
        Assert.NotNull(found);
        Assert.Equal(ServiceOrderPhones.ResidentKey(null, stored.ContactPhoneIndex), "phone:" + Protector.PhoneIndex("13905463377"));
    }
}
