using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Fengqiao.E2E;

/// <summary>A village committee orders a lecture on a phone choosing the lecturer; the office confirms it; an enterprise's bad credit code is refused.</summary>
public sealed class ServiceMenuJourneyTests(WebServerFixture server) : IClassFixture<WebServerFixture>
{
    private static string NextWeekday()
    {
        var day = DateTime.UtcNow.AddHours(8).Date.AddDays(8);
        while (day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday)
        {
            day = day.AddDays(1);
        }
        return day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
    }

    [Fact]
    public async Task A_village_orders_a_lecture_on_a_phone_choosing_the_lecturer_and_the_office_confirms_it()
    {
        var phone = await (await server.Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 390, Height = 844 }, IsMobile = true, Locale = "zh-CN" })).NewPageAsync();
        phone.SetDefaultTimeout(60_000);
        await phone.GotoAsync(server.BaseUrl + "/portal/services");
        await phone.SelectOptionAsync("[data-testid=town-select]", "370505001");
        await phone.ClickAsync("[data-testid=town-next]");
        await phone.SelectOptionAsync("[data-testid=offering-select]", "legal-lecture");
        await phone.SelectOptionAsync("[data-testid=topic-select]", "民法典");
        await phone.SelectOptionAsync("[data-testid=lecturer-select]", new SelectOptionValue { Label = (await phone.Locator("[data-testid=lecturer-select] option", new() { HasText = "王立法" }).InnerTextAsync()).Trim() });
        await phone.SelectOptionAsync("[data-testid=kind-select]", "VillageCommittee");
        await phone.FillAsync("[data-testid=order-name]", "永兴社区居民委员会");
        await phone.FillAsync("[data-testid=order-phone]", "13905465501");
        await phone.SelectOptionAsync("[data-testid=village-select]", "370505001002");
        await phone.FillAsync("[data-testid=order-date]", NextWeekday());
        await server.ScreenshotAsync(phone, "portal-services-phone");
        await phone.ClickAsync("[data-testid=order-submit]");

        await Assertions.Expect(phone.Locator("[data-testid=order-placed]")).ToBeVisibleAsync();
        var code = (await phone.Locator("[data-testid=order-code]").InnerTextAsync()).Trim();
        Assert.Matches(@"^FW-\d{4}-\d{6}$", code);
        var match = (await phone.Locator("[data-testid=order-match]").InnerTextAsync()).Trim();
        Assert.True(match.Contains("王立法", StringComparison.Ordinal) || match.Contains("电话联系", StringComparison.Ordinal), match);
        Assert.True(await phone.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth + 1"), "the portal page scrolls sideways at 390 px");
        await server.ScreenshotAsync(phone, "portal-services-placed-phone");

        if (match.Contains("王立法", StringComparison.Ordinal))
        {
            var office = await server.SignedInPageAsync("townlead");
            await server.OpenAsync(office, "/services");
            var row = office.Locator("[data-testid=order-row]").Filter(new() { HasText = code });
            await row.Locator("[data-testid=confirm-order]").ClickAsync();
            await Assertions.Expect(row.Locator("[data-testid=order-state]")).ToHaveTextAsync("已排期");
            await server.ScreenshotAsync(office, "service-orders");
        }
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
}
