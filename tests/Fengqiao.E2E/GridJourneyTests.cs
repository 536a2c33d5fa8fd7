using System.Text.RegularExpressions;
using Microsoft.Playwright;

using static Fengqiao.E2E.InteractiveForms;

namespace Fengqiao.E2E;

/// <summary>A grid member on a phone records a planned inspection with a finding and raises it as a case in one click.</summary>
public sealed class GridJourneyTests(WebServerFixture server) : IClassFixture<WebServerFixture>
{
    [Fact]
    public async Task A_grid_member_records_a_visit_on_a_phone_and_raises_the_finding_as_a_case()
    {
        var phone = await server.SignedInPageAsync("grid", 390, 844);
        await server.OpenAsync(phone, "/grid/visit");
        await Assertions.Expect(phone.Locator("[data-testid=my-grid]")).ToContainTextAsync("和平社区第1网格");
        await Assertions.Expect(phone.Locator("[data-testid=plan-progress]")).ToContainTextAsync("已完成");

        await phone.Locator("[data-testid=choose-planned]").First.ClickAsync();
        await Field(phone, "visit-notes").EnterAsync("检查消防通道、灭火器和安全台账");
        await phone.ClickAsync("[data-testid=add-finding]");
        await Field(phone, "finding-title").EnterAsync("电动车楼道内充电");
        await Field(phone, "finding-description").EnterAsync("2号楼一单元楼道有电动车飞线充电，存在火灾隐患");
        await phone.Locator("[data-testid=severity-Urgent]").ClickAsync();
        await server.ScreenshotAsync(phone, "grid-visit-phone");
        await phone.ClickAsync("[data-testid=save-visit]");
        await Assertions.Expect(Field(phone, "visit-notes")).ToHaveValueAsync("");

        var card = phone.Locator("[data-testid=finding]").Filter(new() { HasText = "电动车楼道内充电" }).First;
        await Assertions.Expect(card).ToBeVisibleAsync();
        // Nothing on the page is wider than the phone.
        Assert.True(await phone.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth + 1"), "the visit page scrolls sideways at 390 px");
        await card.Locator("[data-testid=raise-case]").ClickAsync();
        var link = card.Locator("[data-testid=raised-case]");
        await Assertions.Expect(link).ToContainTextAsync(new Regex(@"KL-\d{4}-\d{6}"));
        await server.ScreenshotAsync(phone, "grid-finding-raised-phone");

        await link.ClickAsync();
        await phone.WaitForURLAsync(new Regex(@"/cases/KL-\d{4}-\d{6}$"));
        await Assertions.Expect(phone.Locator("[data-testid=case-state]")).ToHaveTextAsync("已登记");
        await Assertions.Expect(phone.Locator("body")).ToContainTextAsync("网格巡查");
    }

    [Fact]
    public async Task The_town_leader_sees_the_township_grid_figures()
    {
        var page = await server.SignedInPageAsync("townlead");
        await server.OpenAsync(page, "/grid");
        await Assertions.Expect(page.Locator("[data-testid=town-line]")).ToContainTextAsync("划分网格 26 个");
        await Assertions.Expect(page.Locator("[data-testid=town-line]")).ToContainTextAsync("配备网格员 547 名");
        await server.ScreenshotAsync(page, "grid-overview");
    }
}
