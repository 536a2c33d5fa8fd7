namespace Fengqiao.E2E;

/// <summary>The town leader reads last month's "双十" ranking, opens a village's lines and trend, and publishes the notice.</summary>
public sealed class AssessmentJourneyTests(WebServerFixture server) : IClassFixture<WebServerFixture>
{
    [Fact]
    public async Task The_town_leader_reads_a_villages_monthly_score_and_publishes_the_notice()
    {
        var page = await server.SignedInPageAsync("townlead");
        await server.OpenAsync(page, "/assessment");
        await Microsoft.Playwright.Assertions.Expect(page.Locator("[data-testid=ranking-row]")).ToHaveCountAsync(101);
        await page.Locator("[data-testid=ranking-row]").Filter(new() { HasText = "和平社区" }).First.ClickAsync();
        await Microsoft.Playwright.Assertions.Expect(page.Locator("[data-testid=village-title]")).ToContainTextAsync("和平社区");
        await Microsoft.Playwright.Assertions.Expect(page.Locator("[data-testid=score-lines] tbody tr")).ToHaveCountAsync(20);
        await Microsoft.Playwright.Assertions.Expect(page.Locator("[data-testid=score-lines]")).ToContainTextAsync("人工录入");
        await page.ClickAsync("[data-testid=assessment-publish]");
        await Microsoft.Playwright.Assertions.Expect(page.Locator("[data-testid=notice]")).ToContainTextAsync("红榜");
        await server.ScreenshotAsync(page, "assessment");
    }
}
