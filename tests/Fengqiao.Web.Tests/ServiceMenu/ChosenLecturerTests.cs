using System.Net;
using Fengqiao.Testing;
using Fengqiao.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using NodaTime.Text;

namespace Fengqiao.Web.Tests.ServiceMenu;

/// <summary>
/// Issue 18: ordering a named lecturer on a day he cannot serve answered "暂无合适的服务人员" and the order never reached
/// him. Now the form says why and offers his free dates, and nothing is stored.
/// </summary>
public sealed class ChosenLecturerTests(FengqiaoWebFactory factory) : IClassFixture<FengqiaoWebFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_named_lecturer_on_a_day_he_cannot_serve_gives_the_reason_and_his_free_dates_and_stores_nothing()
    {
        var zone = DateTimeZoneProviders.Tzdb["Asia/Shanghai"];
        var today = TestTime.Now.InZone(zone).Date;
        await using var db = factory.Database.Context();
        var lecturer = await db.ServiceProviders.Where(p => p.Name == "王立法").Select(p => p.Id).SingleAsync(Ct);
        var slots = await db.ProviderFreeSlots.Where(s => s.ProviderId == lecturer).Select(s => s.Start).ToListAsync(Ct);
        var freeDays = slots.Select(s => s.InZone(zone).Date).ToHashSet();
        // A day within the next weeks on which the demo gives him no free time (a weekend or a day off), and his next free day after it.
        var busy = Enumerable.Range(2, 20).Select(d => today.PlusDays(d)).First(d => !freeDays.Contains(d));
        var before = await db.ServiceOrders.CountAsync(Ct);

        var client = factory.Anonymous();
        var token = FormSignIn.AntiforgeryToken(await client.GetStringAsync("/portal/services?town=370505001", Ct));
        var response = await client.PostAsync("/portal/services?town=370505001", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "service-order", ["__RequestVerificationToken"] = token,
            ["Order.OfferingCode"] = "legal-lecture", ["Order.Topic"] = "民法典", ["Order.Lecturer"] = lecturer.ToString(),
            ["Order.Kind"] = "VillageCommittee", ["Order.Name"] = "和平社区居民委员会", ["Order.Phone"] = "13905464401",
            ["Order.Division"] = "370505001001", ["Order.Date"] = LocalDatePattern.Iso.Format(busy),
        }), Ct);
        var page = await response.Content.ReadAsStringAsync(Ct);

        Assert.Contains("data-testid=\"error-Date\"", page, StringComparison.Ordinal);
        Assert.Contains("王立法无法接单：期望时间内没有空闲", page, StringComparison.Ordinal);
        var firstFree = freeDays.Where(d => d > today).Order().First();
        Assert.Contains($"可预约的日期：{firstFree.Month}月{firstFree.Day}日", page, StringComparison.Ordinal);
        Assert.DoesNotContain("暂无合适的服务人员", page, StringComparison.Ordinal);
        Assert.DoesNotContain("cannot take", page, StringComparison.Ordinal);
        Assert.Equal(before, await db.ServiceOrders.CountAsync(Ct));
    }
}
