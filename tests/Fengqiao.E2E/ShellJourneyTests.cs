using Microsoft.Playwright;

using static Fengqiao.E2E.InteractiveForms;

namespace Fengqiao.E2E;

/// <summary>Key journeys of the staff shell in a real browser, with screenshots kept as CI artifacts.</summary>
public sealed class ShellJourneyTests(WebServerFixture server) : IClassFixture<WebServerFixture>
{
    private static readonly (string Path, string Name, string Chinese)[] Pages =
    [
        ("/cases", "cases", "案件列表"),
        ("/organisation/370505", "organisation", "组织与行政区划"),
        ("/admin/accounts", "accounts", "账号管理"),
        ("/ledger", "ledger", "台账与统计"),
        ("/modules/whistles", "module-whistles", "吹哨报到"),
        ("/modules/letters", "module-letters", "督办函件"),
        ("/modules/grid", "module-grid", "网格治理"),
        ("/modules/assessment", "module-assessment", "双十考核"),
        ("/modules/servicemenu", "module-servicemenu", "点单式服务"),
        ("/modules/procuratorate", "module-procuratorate", "检察服务与司法救助"),
        ("/modules/tidal", "module-tidal", "潮汐勤务"),
        ("/text", "text", "文本智能"),
        ("/modules/portal", "module-portal", "群众端门户"),
    ];

    [Fact]
    public async Task A_clerk_signs_in_switches_language_and_opens_every_module()
    {
        var page = await server.SignedInPageAsync("clerk");
        await Assertions.Expect(page.Locator("#page-title")).ToContainTextAsync("李娜");
        await Assertions.Expect(page.Locator("[data-testid=scope]")).ToContainTextAsync("垦利区");
        await page.WaitForSelectorAsync("[data-testid=cases-in-scope]");
        await server.ScreenshotAsync(page, "home-zh");

        await page.ClickAsync("[data-testid=lang-switch]");
        await Assertions.Expect(page.Locator("#page-title")).ToContainTextAsync("Hello");
        await Assertions.Expect(page.Locator(".mud-drawer")).ToContainTextAsync("Petitions & disputes");
        await server.ScreenshotAsync(page, "home-en");
        await page.ClickAsync("[data-testid=lang-switch]");
        await Assertions.Expect(page.Locator("#page-title")).ToContainTextAsync("您好");

        foreach (var (path, name, chinese) in Pages)
        {
            await page.GotoAsync(server.BaseUrl + path);
            await Assertions.Expect(page.Locator("#page-title")).ToContainTextAsync(chinese);
            await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
            if (name == "ledger")
            {
                // The monthly ranking names its units (not their ids).
                await Assertions.Expect(page.Locator("[data-testid=kpi-table] tbody tr").First).ToContainTextAsync("垦利区");
            }
            await server.ScreenshotAsync(page, name);
        }
    }

    [Fact]
    public async Task Each_clerk_sees_only_the_cases_of_their_own_district()
    {
        var kenli = await server.SignedInPageAsync("clerk");
        await kenli.GotoAsync(server.BaseUrl + "/cases");
        await kenli.WaitForSelectorAsync("[data-testid=case-table] tbody tr a");
        var kenliCodes = await kenli.Locator("[data-testid=case-table] tbody tr a").AllInnerTextsAsync();

        var qingpu = await server.SignedInPageAsync("qingpu.clerk");
        await qingpu.GotoAsync(server.BaseUrl + "/cases");
        await qingpu.WaitForSelectorAsync("[data-testid=case-table] tbody tr a");
        var qingpuCodes = await qingpu.Locator("[data-testid=case-table] tbody tr a").AllInnerTextsAsync();
        await server.ScreenshotAsync(qingpu, "cases-qingpu");

        Assert.NotEmpty(kenliCodes);
        Assert.All(kenliCodes, c => Assert.StartsWith("KL-", c, StringComparison.Ordinal));
        Assert.All(qingpuCodes, c => Assert.StartsWith("QP-", c, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_case_page_shows_its_verified_timeline()
    {
        var page = await server.SignedInPageAsync("handler");
        await page.GotoAsync(server.BaseUrl + "/cases");
        await page.ClickAsync("[data-testid=case-table] tbody tr a");
        await Assertions.Expect(page.Locator("[data-testid=chain-ok]")).ToBeVisibleAsync();
        // Each entry's hash only when asked for (names and units are checked in StaffTimelineTests: the demo's cases are
        // signed by demo-* actors that have no account).
        await Assertions.Expect(page.Locator("[data-testid=timeline-hash]")).ToHaveCountAsync(0);
        await page.Locator("[data-testid=show-hashes] input, input[data-testid=show-hashes]").First.CheckAsync();
        await Assertions.Expect(page.Locator("[data-testid=timeline-hash]").First).ToBeVisibleAsync();
        await server.ScreenshotAsync(page, "case-detail");
    }

    [Fact]
    public async Task A_filtered_queue_is_kept_in_its_address_and_fits_a_phone()
    {
        var page = await server.SignedInPageAsync("handler");
        await page.SetViewportSizeAsync(390, 844);
        await page.GotoAsync(server.BaseUrl + "/cases?due=overdue");
        await Assertions.Expect(page.Locator("[data-testid=queue-clear]")).ToBeVisibleAsync();
        // MudSelect shows the chosen value in its input, so the page's markup is read rather than its text.
        Assert.Contains("已超期", await page.ContentAsync(), StringComparison.Ordinal);
        // Nothing wider than the phone: the filters wrap under each other.
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth + 1"));
        await server.ScreenshotAsync(page, "case-queue-phone");
        await page.ClickAsync("[data-testid=queue-clear]");
        await Assertions.Expect(page.Locator("[data-testid=queue-clear]")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task A_resident_sees_only_their_own_cases_and_no_staff_menu()
    {
        var page = await server.SignedInPageAsync("resident");
        await page.GotoAsync(server.BaseUrl + "/cases");
        await page.WaitForSelectorAsync("[data-testid=case-table] tbody tr a");
        await Assertions.Expect(page.Locator(".mud-drawer")).Not.ToContainTextAsync("潮汐勤务");
        await Assertions.Expect(page.Locator("[data-testid=case-count]")).ToContainTextAsync("共 ");
        await server.ScreenshotAsync(page, "resident-cases");
    }

    [Fact]
    public async Task A_duplicate_user_name_shows_a_message_on_the_field()
    {
        var page = await server.SignedInPageAsync("admin");
        await server.OpenAsync(page, "/admin/accounts");
        await page.WaitForSelectorAsync("[data-testid=account-table] tbody tr");
        await page.Locator("[data-testid=new-username] input, input[data-testid=new-username]").First.FillAsync("clerk");
        await page.ClickAsync("[data-testid=create-account]");
        await Assertions.Expect(page.Locator("[data-testid=new-account]")).ToContainTextAsync("已被使用");
        await server.ScreenshotAsync(page, "accounts-duplicate");
    }

    [Fact]
    public async Task Sign_in_works_on_a_phone_sized_screen_and_a_wrong_password_says_so()
    {
        // An English-language phone browser still gets Chinese until the person switches.
        var context = await server.Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 390, Height = 844 }, IsMobile = true, Locale = "en-US" });
        var page = await context.NewPageAsync();
        await page.GotoAsync(server.BaseUrl + "/account/login");
        await page.FillAsync("#userName", "clerk");
        await page.FillAsync("#password", "not-the-password");
        await page.ClickAsync("[data-testid=sign-in]");
        await Assertions.Expect(page.Locator("[data-testid=login-error]")).ToContainTextAsync("用户名或密码不正确");
        await server.ScreenshotAsync(page, "login-phone");
    }
    [Fact]
    public async Task An_administrator_issues_an_open311_key_that_works_once_shown_and_stops_when_revoked()
    {
        var page = await server.SignedInPageAsync("admin");
        await server.OpenAsync(page, "/admin/open311");
        await page.ClickAsync("[data-testid=key-issue]");
        await Assertions.Expect(page.Locator("[data-testid=issue-key]")).ToContainTextAsync("请填写客户端名称");

        await Field(page, "key-name").EnterAsync("12345 热线平台（测试）");
        await Field(page, "key-unit").FillAsync("垦利区信访局");
        await page.Locator(".mud-popover-open .mud-list-item").Filter(new() { HasText = "垦利区信访局" }).First.ClickAsync();
        // The list closes in the same server render that sets the unit; an Issue click before it would find no unit.
        await Assertions.Expect(page.Locator(".mud-popover-open .mud-list-item")).ToHaveCountAsync(0);
        await page.ClickAsync("[data-testid=key-issue]");
        var key = (await page.Locator("[data-testid=issued-key-value]").InnerTextAsync()).Trim();
        Assert.StartsWith("fq311_", key, StringComparison.Ordinal);
        await server.ScreenshotAsync(page, "open311-key-issued");

        // The outside system posts with the key: a request (case) is created.
        var api = page.Context.APIRequest;
        var form = new Dictionary<string, object> { ["api_key"] = key, ["service_code"] = "0102", ["address_id"] = "370505001", ["description"] = "路灯不亮，晚上看不清路", ["phone"] = "13900001212" };
        var created = await api.PostAsync(server.BaseUrl + "/open311/v2/requests.json", new() { Form = FormOf(api, form) });
        Assert.True(created.Status == 200, await created.TextAsync());

        var row = page.Locator("[data-testid=key-table] tr").Filter(new() { HasText = "12345 热线平台（测试）" });
        await row.Locator("[data-testid=key-revoke]").ClickAsync();
        await row.Locator("[data-testid=key-revoke-confirm]").ClickAsync();
        await Assertions.Expect(row.Locator("[data-testid=key-revoked]")).ToBeVisibleAsync();
        var refused = await api.PostAsync(server.BaseUrl + "/open311/v2/requests.json", new() { Form = FormOf(api, form) });
        Assert.Equal(403, refused.Status);
    }

    private static IFormData FormOf(IAPIRequestContext api, Dictionary<string, object> fields)
    {
        var form = api.CreateFormData();
        foreach (var (name, value) in fields)
        {
            form.Set(name, value.ToString()!);
        }
        return form;
    }
}
