using Fengqiao.Testing;
using System.Globalization;
using Fengqiao.Core.ServiceMenu;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using NodaTime;

namespace Fengqiao.E2E;

/// <summary>
/// The service menu from both ends: a village committee orders a lecture on a phone choosing the lecturer and the
/// lecturer confirms it on their own phone page; an enterprise orders tax tutoring with its credit code, the tax tutor
/// confirms and holds it, and the enterprise rates it on the portal; a wrong check character is told at the field.
/// </summary>
public sealed class ServiceMenuJourneyTests(WebServerFixture server) : IClassFixture<WebServerFixture>
{
    private static readonly DateTimeZone Shanghai = DateTimeZoneProviders.Tzdb["Asia/Shanghai"];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string NextWeekday()
    {
        var day = TestTime.Today.PlusDays(8).ToDateTimeUnspecified();
        while (day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday)
        {
            day = day.AddDays(1);
        }
        return day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
    }

    /// <summary>A day, from the day after tomorrow on, when the provider has a whole free afternoon, so the order surely goes to them.</summary>
    private async Task<string> FreeDayAsync(string providerName)
    {
        await using var db = server.Database.Context();
        var provider = await db.ServiceProviders.SingleAsync(p => p.Name == providerName, Ct);
        var today = TestTime.Now.InZone(Shanghai).Date;
        var slots = await db.ProviderFreeSlots.Where(s => s.ProviderId == provider.Id).ToListAsync(Ct);
        var day = slots.Where(s => s.End - s.Start >= Duration.FromHours(4)).Select(s => s.Start.InZone(Shanghai).Date).Where(d => d > today.PlusDays(1)).Min();
        return day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
    }

    private async Task<IPage> PhoneAsync()
    {
        var context = await server.Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 390, Height = 844 }, IsMobile = true, Locale = "zh-CN" });
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(60_000);
        return page;
    }

    private static async Task ChooseLecturerAsync(IPage page, string name) =>
        await page.SelectOptionAsync("[data-testid=lecturer-select]", new SelectOptionValue { Label = (await page.Locator("[data-testid=lecturer-select] option", new() { HasText = name }).InnerTextAsync()).Trim() });

    [Fact]
    public async Task A_village_orders_a_lecture_on_a_phone_choosing_the_lecturer_and_the_lecturer_confirms_it()
    {
        var day = await FreeDayAsync("王立法");
        var phone = await PhoneAsync();
        await phone.GotoAsync(server.BaseUrl + "/portal/services");
        await phone.SelectOptionAsync("[data-testid=town-select]", "370505001");
        await phone.ClickAsync("[data-testid=town-next]");
        await phone.SelectOptionAsync("[data-testid=offering-select]", "legal-lecture");
        await phone.SelectOptionAsync("[data-testid=topic-select]", "民法典");
        await ChooseLecturerAsync(phone, "王立法");
        await phone.SelectOptionAsync("[data-testid=kind-select]", "VillageCommittee");
        await phone.FillAsync("[data-testid=order-name]", "永兴社区居民委员会");
        await phone.FillAsync("[data-testid=order-phone]", "13905465501");
        await phone.SelectOptionAsync("[data-testid=village-select]", "370505001002");
        await phone.FillAsync("[data-testid=order-date]", day);
        await server.ScreenshotAsync(phone, "portal-services-phone");
        await phone.ClickAsync("[data-testid=order-submit]");

        await Assertions.Expect(phone.Locator("[data-testid=order-placed]")).ToBeVisibleAsync();
        var code = (await phone.Locator("[data-testid=order-code]").InnerTextAsync()).Trim();
        Assert.Matches(@"^FW-\d{4}-\d{6}$", code);
        await Assertions.Expect(phone.Locator("[data-testid=order-match]")).ToContainTextAsync("王立法");
        Assert.True(await phone.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth + 1"), "the portal page scrolls sideways at 390 px");
        await server.ScreenshotAsync(phone, "portal-services-placed-phone");

        // The lecturer, not the office, accepts: on the lecturer's own phone, among only the lecturer's orders.
        var lecturer = await server.SignedInPageAsync("lecturer", 390, 844);
        await server.OpenAsync(lecturer, "/provider/orders");
        await Assertions.Expect(lecturer.Locator("[data-testid=provider-name]")).ToContainTextAsync("王立法");
        var card = lecturer.Locator($"[data-testid=provider-order][data-code='{code}']");
        await Assertions.Expect(card.Locator("[data-testid=order-state]")).ToHaveTextAsync("待接单");
        await card.Locator("[data-testid=provider-confirm]").ClickAsync();
        await Assertions.Expect(card.Locator("[data-testid=order-state]")).ToHaveTextAsync("已排期");
        Assert.True(await lecturer.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth + 1"), "the provider page scrolls sideways at 390 px");
        await server.ScreenshotAsync(lecturer, "provider-orders-phone");

        // The office sees the lecturer's confirmation and no longer confirms for the lecturer.
        var office = await server.SignedInPageAsync("townlead");
        await server.OpenAsync(office, "/services");
        var row = office.Locator("[data-testid=order-row]").Filter(new() { HasText = code });
        await Assertions.Expect(row.Locator("[data-testid=order-state]")).ToHaveTextAsync("已排期");
        var waitingForLecturer = office.Locator("[data-testid=order-row]").Filter(new() { HasText = "王立法" }).Filter(new() { HasText = "待接单" });
        await Assertions.Expect(waitingForLecturer.First.Locator("[data-testid=awaiting-provider]")).ToBeVisibleAsync();
        await Assertions.Expect(waitingForLecturer.Locator("[data-testid=confirm-order]")).ToHaveCountAsync(0);
        await server.ScreenshotAsync(office, "service-orders");
    }

    [Fact]
    public async Task An_enterprise_orders_tax_tutoring_the_tutor_confirms_and_holds_it_and_the_enterprise_rates_it()
    {
        var day = await FreeDayAsync("孙税通");
        var credit = UnifiedSocialCreditCode.Create("91370521MA3F6G7H8").Value;
        var firm = await PhoneAsync();
        await firm.GotoAsync(server.BaseUrl + "/portal/services?town=370505001");
        await firm.SelectOptionAsync("[data-testid=offering-select]", "tax-tutoring");
        await firm.SelectOptionAsync("[data-testid=topic-select]", "增值税");
        await ChooseLecturerAsync(firm, "孙税通");
        await firm.SelectOptionAsync("[data-testid=kind-select]", "Enterprise");
        await firm.FillAsync("[data-testid=order-name]", "垦利黄河口新能源有限公司");
        await firm.FillAsync("[data-testid=order-phone]", "13905465503");
        await firm.FillAsync("[data-testid=order-credit]", credit);
        await firm.FillAsync("[data-testid=order-date]", day);
        await firm.ClickAsync("[data-testid=order-submit]");
        await Assertions.Expect(firm.Locator("[data-testid=order-match]")).ToContainTextAsync("孙税通");
        var code = (await firm.Locator("[data-testid=order-code]").InnerTextAsync()).Trim();

        var tutor = await server.SignedInPageAsync("taxtutor", 390, 844);
        await server.OpenAsync(tutor, "/provider/orders");
        var card = tutor.Locator($"[data-testid=provider-order][data-code='{code}']");
        await card.Locator("[data-testid=provider-confirm]").ClickAsync();
        await Assertions.Expect(card.Locator("[data-testid=order-state]")).ToHaveTextAsync("已排期");
        // Not offered before the service starts: the card says when it will be.
        await Assertions.Expect(card.Locator("[data-testid=provider-held]")).ToHaveCountAsync(0);
        await Assertions.Expect(card.Locator("[data-testid=provider-not-yet]")).ToHaveTextAsync("服务开始后可登记开展");

        // Rating before the service is held is refused on the portal.
        await firm.GotoAsync(server.BaseUrl + "/portal/services/track");
        await firm.FillAsync("[data-testid=lookup-code]", code);
        await firm.FillAsync("[data-testid=lookup-phone]", "13905465503");
        await firm.ClickAsync("[data-testid=lookup-submit]");
        await Assertions.Expect(firm.Locator("[data-testid=service-state]")).ToHaveTextAsync("已排期");
        await Assertions.Expect(firm.Locator("[data-testid=rate-form]")).ToHaveCountAsync(0);

        await TheDayPassesAsync(code);

        await server.OpenAsync(tutor, "/provider/orders");
        card = tutor.Locator($"[data-testid=provider-order][data-code='{code}']");
        await card.Locator("[data-testid=provider-held]").ClickAsync();
        await Assertions.Expect(card.Locator("[data-testid=order-state]")).ToHaveTextAsync("已开展");
        await InteractiveForms.Field(tutor, "provider-attendance").EnterAsync("23");
        await card.Locator("[data-testid=provider-save-attendance]").ClickAsync();
        await Assertions.Expect(card.Locator("[data-testid=order-state]")).ToHaveTextAsync("已登记人数");
        await Assertions.Expect(card.Locator("[data-testid=provider-done]")).ToContainTextAsync("23");
        await server.ScreenshotAsync(tutor, "provider-orders-held-phone");

        await firm.GotoAsync(server.BaseUrl + "/portal/services/track");
        await firm.FillAsync("[data-testid=lookup-code]", code);
        await firm.FillAsync("[data-testid=lookup-phone]", "13905465503");
        await firm.ClickAsync("[data-testid=lookup-submit]");
        await Assertions.Expect(firm.Locator("[data-testid=rate-form]")).ToBeVisibleAsync();
        await firm.CheckAsync("[data-testid=stars-4]");
        await firm.FillAsync("[data-testid=rate-comment]", "讲清了增值税留抵退税的条件");
        await server.ScreenshotAsync(firm, "portal-service-rate-phone");
        await firm.ClickAsync("[data-testid=rate-submit]");
        await Assertions.Expect(firm.Locator("[data-testid=rate-thanks]")).ToBeVisibleAsync();
        await Assertions.Expect(firm.Locator("[data-testid=service-state]")).ToHaveTextAsync("已评价");
        await Assertions.Expect(firm.Locator("[data-testid=rate-form]")).ToHaveCountAsync(0);

        await using var db = server.Database.Context();
        var row = await db.ServiceOrders.SingleAsync(o => o.TrackingCode == code, Ct);
        Assert.Equal((ServiceOrderState.Rated, 23, 4, credit), (row.State, row.Attendance, row.Stars, row.CreditCode));
    }

    /// <summary>
    /// The service is days away; rather than wait, the order's whole history moves back together so its time has just
    /// passed. Every instant shifts by the same whole number of milliseconds, so the order replays exactly as before.
    /// </summary>
    private async Task TheDayPassesAsync(string code)
    {
        await using var db = server.Database.Context();
        var order = await db.ServiceOrders.SingleAsync(o => o.TrackingCode == code, Ct);
        var now = Instant.FromUnixTimeMilliseconds(TestTime.Now.ToUnixTimeMilliseconds());
        var shift = order.ScheduledEnd!.Value - now + Duration.FromMinutes(30);
        order.OrderedAt -= shift;
        order.PreferredStart -= shift;
        order.PreferredEnd -= shift;
        order.ScheduledStart -= shift;
        order.ScheduledEnd -= shift;
        foreach (var e in await db.ServiceOrderEvents.Where(e => e.OrderId == order.Id).ToListAsync(Ct))
        {
            e.At -= shift;
        }
        await db.SaveChangesAsync(Ct);
    }

    [Fact]
    public async Task An_enterprise_with_a_wrong_check_character_is_told_so_at_the_field()
    {
        var page = await (await server.Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 390, Height = 844 }, Locale = "zh-CN" })).NewPageAsync();
        page.SetDefaultTimeout(60_000);
        await page.GotoAsync(server.BaseUrl + "/portal/services?town=370505001");
        await page.SelectOptionAsync("[data-testid=offering-select]", "tax-tutoring");
        await page.SelectOptionAsync("[data-testid=kind-select]", "Enterprise");
        await page.FillAsync("[data-testid=order-name]", "垦利某科技有限公司");
        await page.FillAsync("[data-testid=order-phone]", "13905465502");
        await page.FillAsync("[data-testid=order-credit]", "91370521MA3D4E5F60");
        await page.FillAsync("[data-testid=order-date]", NextWeekday());
        await page.ClickAsync("[data-testid=order-submit]");

        await Assertions.Expect(page.Locator("[data-testid=error-CreditCode]")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("[data-testid=order-placed]")).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator("[data-testid=order-name]")).ToHaveValueAsync("垦利某科技有限公司");
    }

    // Opens a row's editor and waits for the render that swaps the row's button for the editor: a select clicked before
    // it arrives is the previous row's editor (still open after a refusal), which that render then removes.
    private static async Task EditRowAsync(IPage page, string provider)
    {
        await page.ClickAsync($"[data-testid='link-edit-{provider}']");
        await Assertions.Expect(page.Locator($"[data-testid='link-edit-{provider}']")).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator("[data-testid=account-select]")).ToHaveCountAsync(1);
    }

    [Fact]
    public async Task An_administrator_moves_a_providers_account_and_a_taken_account_is_refused_with_the_reason()
    {
        var page = await server.SignedInPageAsync("admin");
        await server.OpenAsync(page, "/admin/service-providers");
        await Assertions.Expect(page.Locator("[data-testid='linked-王立法']")).ToHaveTextAsync("lecturer");
        await Assertions.Expect(page.Locator("[data-testid='linked-刘和顺']")).ToHaveTextAsync("mediator");

        // The lecturer's account already serves 王立法: the mediator's row cannot take it, and nothing changes.
        await EditRowAsync(page, "刘和顺");
        await InteractiveForms.ChooseAsync(page, "account-select", "lecturer");
        await page.ClickAsync("[data-testid=link-save]");
        await Assertions.Expect(page.Locator("[data-testid=link-error]")).ToContainTextAsync("已关联其他服务提供者");
        await Assertions.Expect(page.Locator("[data-testid='linked-刘和顺']")).ToHaveTextAsync("mediator");
        await server.ScreenshotAsync(page, "provider-links-refused");

        // Unlinked, then linked again: the row says so each time, and the database agrees.
        await EditRowAsync(page, "王立法");
        await InteractiveForms.ChooseAsync(page, "account-select", "（不关联）");
        await page.ClickAsync("[data-testid=link-save]");
        await Assertions.Expect(page.Locator("[data-testid='linked-王立法']")).ToHaveTextAsync("—");
        await using (var db = server.Database.Context())
        {
            Assert.Null(await db.ServiceProviders.Where(p => p.Name == "王立法").Select(p => p.AccountId).SingleAsync(Ct));
        }
        await EditRowAsync(page, "王立法");
        await InteractiveForms.ChooseAsync(page, "account-select", "lecturer");
        await page.ClickAsync("[data-testid=link-save]");
        await Assertions.Expect(page.Locator("[data-testid='linked-王立法']")).ToHaveTextAsync("lecturer");
        await using var check = server.Database.Context();
        var lecturerId = await check.Users.Where(u => u.UserName == "lecturer").Select(u => u.Id).SingleAsync(Ct);
        Assert.Equal(lecturerId, await check.ServiceProviders.Where(p => p.Name == "王立法").Select(p => p.AccountId).SingleAsync(Ct));
        await server.ScreenshotAsync(page, "provider-links");
    }
}
