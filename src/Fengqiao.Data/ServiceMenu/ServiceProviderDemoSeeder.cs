using Fengqiao.Core.ServiceMenu;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Fengqiao.Data.ServiceMenu;

/// <summary>
/// The service providers' side of the demo: the lecturer, the mediator and the tax tutor log in with their own accounts
/// (linked to their provider rows), each with orders in every state — awaiting their confirmation, scheduled, held,
/// attended and rated in the past weeks — and one order the lecturer declined with a reason. Past orders are placed
/// and worked through by the same desks at the past instants, so every step is checked and logged as in real use.
/// </summary>
public sealed class ServiceProviderDemoSeeder(FengqiaoDbContext db, IClock clock, Security.PersonalDataProtector protector)
{
    private static readonly DateTimeZone Zone = DateTimeZoneProviders.Tzdb["Asia/Shanghai"];

    private sealed class FixedClock(Instant now) : IClock
    {
        public Instant GetCurrentInstant() => now;
    }

    private sealed record Plan(string Account, string Provider, string Offering, string Topic, OrdererKind Kind, string Orderer, string? CreditCode, bool ChooseProvider);

    private static readonly Plan[] Plans =
    [
        new("lecturer", "王立法", "legal-lecture", "民法典", OrdererKind.VillageCommittee, "永兴社区居民委员会", null, true),
        new("mediator", "刘和顺", "mediation", "邻里纠纷", OrdererKind.Resident, "张秀兰", null, false),
        new("taxtutor", "孙税通", "tax-tutoring", "增值税", OrdererKind.Enterprise, "垦利黄河口机械制造有限公司", "91370521MA3D4E5F6", true),
    ];

    public async Task SeedAsync(IReadOnlyDictionary<string, string> accountIds, CancellationToken ct = default)
    {
        // Whole milliseconds, as SQLite keeps instants: steps replayed from the log then meet the tracked order's times exactly.
        var now = Instant.FromUnixTimeMilliseconds(clock.GetCurrentInstant().ToUnixTimeMilliseconds());
        var nowClock = new FixedClock(now);
        var today = now.InZone(Zone).Date;
        var village = await db.Divisions.AsNoTracking().Where(d => d.ParentCode == "370505001").OrderBy(d => d.Code).Select(d => d.Code).FirstAsync(ct);
        for (var p = 0; p < Plans.Length; p++)
        {
            var plan = Plans[p];
            var provider = await db.ServiceProviders.FirstAsync(r => r.Name == plan.Provider, ct);
            provider.AccountId = accountIds[plan.Account];
            await db.SaveChangesAsync(ct);
            var credit = plan.CreditCode is null ? null : UnifiedSocialCreditCode.Create(plan.CreditCode).Value;
            NewServiceOrder Order(int n, LocalDate date) => new(plan.Offering, plan.Topic, plan.Kind,
                plan.Kind == OrdererKind.Enterprise && n > 0 ? plan.Orderer.Replace("机械制造", n % 2 == 0 ? "新材料" : "物流", StringComparison.Ordinal) : plan.Orderer,
                $"139054{p + 7}{n:D4}", credit, village, date, plan.ChooseProvider ? provider.Id : null, null);

            // Three past orders: rated, attended (awaiting the orderer's rating), held (awaiting the count).
            for (var k = 0; k < 3; k++)
            {
                var day = today.PlusDays(-7 - 7 * k - p);
                var start = day.At(new LocalTime(14, 0)).InZoneLeniently(Zone).ToInstant();
                db.ProviderFreeSlots.Add(new ProviderFreeSlotRecord { ProviderId = provider.Id, Start = start, End = start + Duration.FromHours(6) });
                await db.SaveChangesAsync(ct);
                var placedAt = start - Duration.FromDays(5);
                var placed = await new ServiceMenuDesk(db, new FixedClock(placedAt), protector).PlaceAsync(Order(10 + k, day), ct);
                if (placed.ProviderId != provider.Id)
                {
                    continue;
                }
                await new ServiceMenuDesk(db, new FixedClock(placedAt + Duration.FromHours(3)), protector).ConfirmAsync(placed.Id, plan.Provider, ct);
                var after = new FixedClock(placed.ScheduledEnd!.Value);
                await new ServiceOrderCompletion(db, after).MarkHeldAsync(placed.Id, plan.Provider, ct);
                if (k <= 1)
                {
                    await new ServiceOrderCompletion(db, after).RecordAttendanceAsync(placed.Id, plan.Kind == OrdererKind.Resident ? 2 : 35 + 12 * k, plan.Provider, ct);
                }
                if (k == 0)
                {
                    await new ServiceOrderCompletion(db, new FixedClock(placed.ScheduledEnd.Value + Duration.FromDays(1))).RateAsync(placed.Id, 5, "讲得清楚，案例贴近生活", ct);
                }
            }

            // Two coming orders on days the provider is free: one scheduled, one awaiting the provider's confirmation.
            var freeDays = (await db.ProviderFreeSlots.AsNoTracking().Where(s => s.ProviderId == provider.Id && s.Start > now).ToListAsync(ct))
                .Select(s => s.Start.InZone(Zone).Date).Where(d => d > today.PlusDays(1)).Distinct().Order().Take(3).ToList();
            for (var k = 0; k < freeDays.Count; k++)
            {
                var placed = await new ServiceMenuDesk(db, nowClock, protector).PlaceAsync(Order(20 + k, freeDays[k]), ct);
                if (placed.ProviderId != provider.Id)
                {
                    continue;
                }
                if (k == 0)
                {
                    await new ServiceMenuDesk(db, nowClock, protector).ConfirmAsync(placed.Id, plan.Provider, ct);
                }
                else if (k == 2 && plan.Account == "lecturer")
                {
                    await new ProviderOrderDesk(db, nowClock, protector).DeclineAsync(placed.Id, "当天已有县里的集中宣讲任务，请改约其他日期", provider.AccountId!, plan.Provider, ct);
                }
            }
        }
    }
}
