using System.Text.RegularExpressions;
using Microsoft.Playwright;

using static Fengqiao.E2E.InteractiveForms;

namespace Fengqiao.E2E;

/// <summary>
/// Maps in the browser, offline (no base map configured: features on the plain background, which the maps say):
/// a resident's phone shares its location, the clerk finds the case on the ledger map and the heat layer follows the
/// ledger's filter, over the district's imported outlines; a grid member's visit becomes a pin on the grid map.
/// </summary>
[OnBothDatabases]
public sealed class MapJourneyTests(WebServerFixture server) : IClassFixture<WebServerFixture>
{
    // 垦利区, in 垦利街道 (WGS-84 as a phone reports it).
    private const float KenliLatitude = 37.5912f;
    private const float KenliLongitude = 118.5487f;

    private async Task<IPage> PhoneAsync()
    {
        var context = await server.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = 390, Height = 844 },
            IsMobile = true,
            Locale = "zh-CN",
            Permissions = ["geolocation"],
            Geolocation = new Geolocation { Latitude = KenliLatitude, Longitude = KenliLongitude },
        });
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(60_000);
        page.SetDefaultNavigationTimeout(60_000);
        return page;
    }

    [Fact]
    public async Task A_resident_reports_with_use_my_location_and_the_clerk_sees_it_on_the_ledger_map_whose_heat_follows_the_filter()
    {
        var phone = await PhoneAsync();
        await phone.GotoAsync(server.BaseUrl + "/portal/submit");
        await phone.SelectOptionAsync("#category", "0102");
        await phone.SelectOptionAsync("#division", "370505001");
        await phone.FillAsync("#address", "胜利路 18 号小区东门");
        await phone.FillAsync("#detail", "小区东门井盖缺失，晚上有老人差点摔倒，请尽快补上。");
        await phone.FillAsync("#name", "马建国");
        await phone.FillAsync("#phone", "13912345678");

        await phone.ClickAsync("[data-testid=locate-me]");
        await Assertions.Expect(phone.Locator("[data-testid=portal-lat]")).ToHaveValueAsync(new Regex(@"^37\.5912"));
        await Assertions.Expect(phone.Locator("[data-testid=portal-long]")).ToHaveValueAsync(new Regex(@"^118\.5487"));
        await Assertions.Expect(phone.Locator("[data-testid=locate-message]")).ToContainTextAsync("已获取位置");
        var small = phone.Locator("[data-testid=locate-map]");
        await Assertions.Expect(small).ToHaveAttributeAsync("data-ready", "true");
        await Assertions.Expect(small.Locator("[data-testid=map-status]")).ToContainTextAsync("未配置底图");
        await Assertions.Expect(small.Locator("path.fq-map-feature")).ToHaveCountAsync(1);
        Assert.True(await phone.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth + 1"), "the portal form scrolls sideways at 390 px");
        await server.ScreenshotAsync(phone, "map-portal-locate-phone");
        await phone.ClickAsync("[data-testid=portal-send]");
        await Assertions.Expect(phone.Locator("[data-testid=portal-received]")).ToBeVisibleAsync();
        var code = (await phone.Locator("[data-testid=received-code]").InnerTextAsync()).Trim();

        // The made-up 垦利区 outlines, drawn under the ledger's pins with their legend (the grid map's layer).
        await using (var db = server.Database.Context())
        {
            await new Fengqiao.Data.Places.BoundaryImporter(db, Fengqiao.Testing.TestTime.Clock).ImportAsync(Fengqiao.Testing.Places.BoundaryFixture.KenliPath, ct: TestContext.Current.CancellationToken);
        }
        var clerk = await server.SignedInPageAsync("clerk");
        await server.OpenAsync(clerk, "/ledger");
        var map = clerk.Locator("[data-testid=ledger-map] .fq-map");
        await Assertions.Expect(map).ToHaveAttributeAsync("data-ready", "true");
        await Assertions.Expect(clerk.Locator("[data-testid=ledger-map] path.fq-map-outline[data-key='outline-370505']")).ToHaveCountAsync(1);
        await Assertions.Expect(clerk.Locator("[data-testid=ledger-map-legend]")).ToContainTextAsync("乡镇（街道）界");
        var pin = clerk.Locator($"[data-testid=ledger-map] path[data-key='{code}']");
        try
        {
            await Assertions.Expect(pin).ToHaveCountAsync(1);
        }
        catch (Exception ex) when (ex is PlaywrightException or TimeoutException)
        {
            // Seen once on PostgreSQL in CI: say what the map held, so the next failure names its cause.
            await server.ScreenshotAsync(clerk, "map-ledger-no-pin");
            var held = await map.EvaluateAsync<string>("e => `features=${e.dataset.features} drawn=${e.dataset.drawn} keys=${[...e.querySelectorAll('[data-key]')].map(n => n.dataset.key).slice(0, 10).join(',')}`");
            var caption = await clerk.Locator("[data-testid=ledger-map-caption]").InnerTextAsync();
            throw new InvalidOperationException($"{code} is not on the ledger map: {held}; caption: {caption}", ex);
        }
        await pin.ClickAsync(new() { Force = true });
        await Assertions.Expect(clerk.Locator("[data-testid=ledger-map] .leaflet-popup-content")).ToContainTextAsync(code);
        await Assertions.Expect(clerk.Locator("[data-testid=ledger-map-caption]")).ToContainTextAsync("件未标注位置");
        await server.ScreenshotAsync(clerk, "map-ledger-points");

        // The heat layer draws the same filtered cases; the overdue filter leaves out the fresh case, and the map with it.
        await clerk.Locator("[data-testid=ledger-heat]").GetByText("热力图").ClickAsync();
        await Assertions.Expect(map).ToHaveAttributeAsync("data-layer", "heat");
        await Assertions.Expect(clerk.Locator("[data-testid=ledger-map] canvas.leaflet-heatmap-layer")).ToHaveCountAsync(1);
        var drawn = int.Parse(await map.GetAttributeAsync("data-drawn") ?? "0", System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(drawn >= 1, $"the heat map draws {drawn} cases");
        await server.ScreenshotAsync(clerk, "map-ledger-heat");

        await clerk.Locator("[data-testid=ledger-filters] label").Filter(new() { HasText = "超期" }).ClickAsync();
        await clerk.ClickAsync("[data-testid=ledger-apply]");
        await Assertions.Expect(map).Not.ToHaveAttributeAsync("data-drawn", drawn.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var overdue = int.Parse(await map.GetAttributeAsync("data-drawn") ?? "0", System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(overdue < drawn, $"overdue only: {overdue} drawn of {drawn}");
        await Assertions.Expect(clerk.Locator("[data-testid=ledger-map-caption]")).ToContainTextAsync($"地图上 {overdue} 件");

        await clerk.Locator("[data-testid=ledger-filters] label").Filter(new() { HasText = "超期" }).ClickAsync();
        await clerk.ClickAsync("[data-testid=ledger-apply]");
        await Assertions.Expect(map).ToHaveAttributeAsync("data-drawn", drawn.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await Assertions.Expect(clerk.Locator("[data-testid=ledger-map] canvas.leaflet-heatmap-layer")).ToHaveCountAsync(1);
    }

    [Fact]
    public async Task A_grid_members_visit_with_use_my_location_is_a_pin_on_the_grid_map()
    {
        var phone = await PhoneAsync();
        await phone.GotoAsync(server.BaseUrl + "/account/login");
        await phone.FillAsync("#userName", "grid");
        await phone.FillAsync("#password", "Fengqiao@2026");
        await phone.ClickAsync("[data-testid=sign-in]");
        await phone.WaitForSelectorAsync("[data-interactive=true]");
        await server.OpenAsync(phone, "/grid/visit");
        await Assertions.Expect(phone.Locator("[data-testid=my-grid]")).ToBeVisibleAsync();

        await phone.ClickAsync("[data-testid=visit-locate] [data-testid=locate-me]");
        await Assertions.Expect(phone.Locator("[data-testid=locate-point]")).ToContainTextAsync("37.5912");
        var small = phone.Locator("[data-testid=visit-locate-map] .fq-map");
        await Assertions.Expect(small).ToHaveAttributeAsync("data-ready", "true");
        await Assertions.Expect(small.Locator("path.fq-map-feature")).ToHaveCountAsync(1);
        await Field(phone, "visit-notes").EnterAsync("沿河堤巡查，查看护栏和警示牌");
        Assert.True(await phone.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth + 1"), "the visit page scrolls sideways at 390 px");
        await server.ScreenshotAsync(phone, "map-grid-visit-locate-phone");
        await phone.ClickAsync("[data-testid=save-visit]");
        await Assertions.Expect(phone.Locator("[data-testid=visit-card]").Filter(new() { HasText = "沿河堤巡查" })).ToBeVisibleAsync();

        var clerk = await server.SignedInPageAsync("clerk");
        await server.OpenAsync(clerk, "/grid");
        var map = clerk.Locator("[data-testid=grid-map] .fq-map");
        await Assertions.Expect(map).ToHaveAttributeAsync("data-ready", "true");
        var pins = clerk.Locator("[data-testid=grid-map] path.fq-map-feature");
        await Assertions.Expect(pins).Not.ToHaveCountAsync(0);
        await pins.First.ClickAsync(new() { Force = true });
        await Assertions.Expect(clerk.Locator("[data-testid=grid-map] .leaflet-popup-content")).ToContainTextAsync("网格");
        await Assertions.Expect(clerk.Locator("[data-testid=grid-map-caption]")).ToContainTextAsync("次巡查");
        await server.ScreenshotAsync(clerk, "map-grid-pins");
    }
}
