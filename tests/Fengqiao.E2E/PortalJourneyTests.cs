using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Fengqiao.E2E;

/// <summary>A resident on a phone submits a request with a photo through the portal, keeps the codes and tracks it.</summary>
public sealed partial class PortalJourneyTests(WebServerFixture server) : IClassFixture<WebServerFixture>
{
    private static readonly byte[] Png = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==");

    private async Task<IPage> PageAsync(int width, int height, bool phone)
    {
        var context = await server.Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = width, Height = height }, IsMobile = phone, Locale = "zh-CN" });
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(60_000);
        page.SetDefaultNavigationTimeout(60_000);
        return page;
    }

    [Fact]
    public async Task A_resident_submits_on_a_phone_and_then_tracks_the_request()
    {
        var phone = await PageAsync(390, 844, phone: true);
        await phone.GotoAsync(server.BaseUrl + "/portal");
        await server.ScreenshotAsync(phone, "portal-home-phone");
        await phone.ClickAsync("[data-testid=portal-submit-link]");
        // An assertion rather than a wait: on failure it names the address the page is at.
        await Assertions.Expect(phone).ToHaveURLAsync(new Regex("/portal/submit$"), new() { Timeout = 60_000 });

        await phone.SelectOptionAsync("#category", "0102");
        await phone.SelectOptionAsync("#division", "370505001");
        await phone.FillAsync("#address", "胜利路 18 号小区东门");
        await phone.FillAsync("#detail", "小区东门的两盏路灯坏了两个星期，晚上老人孩子出行很不安全，请尽快维修。");
        await phone.FillAsync("#name", "马建国");
        await phone.FillAsync("#phone", "13912345678");
        await phone.SetInputFilesAsync("#photos", new FilePayload { Name = "lamp.png", MimeType = "image/png", Buffer = Png });
        await server.ScreenshotAsync(phone, "portal-submit-phone");
        await phone.ClickAsync("[data-testid=portal-send]");

        await Assertions.Expect(phone.Locator("[data-testid=portal-received]")).ToBeVisibleAsync();
        var code = (await phone.Locator("[data-testid=received-code]").InnerTextAsync()).Trim();
        var key = (await phone.Locator("[data-testid=received-key]").InnerTextAsync()).Trim();
        Assert.Matches(@"^KL-\d{4}-\d{6}$", code);
        await Assertions.Expect(phone.Locator("[data-testid=query-state]")).ToHaveTextAsync("已登记");
        await Assertions.Expect(phone.Locator("[data-testid=query-petitioner]")).ToContainTextAsync("马*国");
        await server.ScreenshotAsync(phone, "portal-received-phone");

        // Later, on another device, with only the two codes.
        var later = await PageAsync(390, 844, phone: true);
        await later.GotoAsync(server.BaseUrl + "/portal");
        await later.ClickAsync("[data-testid=portal-track-link]");
        await later.FillAsync("#code", code);
        await later.FillAsync("#key", key);
        await later.ClickAsync("[data-testid=query-submit]");
        await Assertions.Expect(later.Locator("[data-testid=query-result]")).ToContainTextAsync("路灯坏了两个星期");
        await Assertions.Expect(later.Locator("[data-testid=query-result]")).Not.ToContainTextAsync("13912345678");
        await server.ScreenshotAsync(later, "portal-track-phone");
    }

    [Fact]
    public async Task On_a_desktop_the_form_reports_its_problems_and_the_portal_speaks_english()
    {
        var desktop = await PageAsync(1366, 900, phone: false);
        await desktop.GotoAsync(server.BaseUrl + "/portal/submit");
        await desktop.SelectOptionAsync("#category", "0102");
        await desktop.SelectOptionAsync("#division", "370505001");
        await desktop.FillAsync("#detail", "路灯不亮<script>alert(1)</script>");
        await desktop.FillAsync("#phone", "12345");
        await desktop.ClickAsync("[data-testid=portal-send]");
        await Assertions.Expect(desktop.Locator("[data-testid=portal-errors]")).ToContainTextAsync("HTML");
        await server.ScreenshotAsync(desktop, "portal-errors-desktop");

        await desktop.GotoAsync(server.BaseUrl + "/portal");
        await desktop.ClickAsync("[data-testid=lang-switch]");
        await Assertions.Expect(desktop.Locator("h1")).ToHaveTextAsync("Residents' portal");
        await server.ScreenshotAsync(desktop, "portal-home-en-desktop");
    }
}
