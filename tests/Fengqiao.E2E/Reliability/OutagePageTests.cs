using System.Text.RegularExpressions;
using Fengqiao.Data.Infrastructure;
using Fengqiao.Testing;
using Microsoft.Playwright;
using Npgsql;

using static Fengqiao.E2E.InteractiveForms;

namespace Fengqiao.E2E.Reliability;

/// <summary>
/// A clerk is on a signed-in page when the database goes away. The step they take is refused with a calm message
/// inside the page, the live connection stays, and once the database is back the same page works again.
/// </summary>
[OnBothDatabases]
public sealed class OutagePageTests : IAsyncLifetime
{
    private TestDatabase? _database;
    private DatabaseLink? _link;
    private WebProcess? _web;
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public async ValueTask InitializeAsync()
    {
        if (TestDatabase.RequestedProvider != DatabaseProvider.Postgres)
        {
            return;
        }
        _database = await TestDatabase.CreateSeededAsync();
        var server = new NpgsqlConnectionStringBuilder(_database.ConnectionString);
        _link = new DatabaseLink(server.Host!, server.Port);
        server.Host = "127.0.0.1";
        server.Port = _link.Port;
        server.Timeout = 5;
        _web = await WebProcess.StartAsync(_database, seed: true, new Dictionary<string, string> { ["Database__ConnectionString"] = server.ConnectionString });
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Environment.GetEnvironmentVariable("FENGQIAO_CHROMIUM") ?? "/usr/bin/chromium",
            Headless = true,
            Args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"],
        });
    }

    public async ValueTask DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.CloseAsync();
        }
        _playwright?.Dispose();
        if (_web is not null)
        {
            await _web.DisposeAsync();
        }
        if (_link is not null)
        {
            await _link.DisposeAsync();
        }
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_step_taken_while_the_database_is_gone_gets_a_calm_message_and_the_page_works_again_after()
    {
        if (TestDatabase.RequestedProvider != DatabaseProvider.Postgres)
        {
            Assert.Skip("PostgreSQL only: SQLite has no server that can go away");
        }
        var context = await _browser!.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1366, Height = 900 }, Locale = "zh-CN" });
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(60_000);
        await page.GotoAsync(_web!.BaseUrl + "/account/login");
        await page.FillAsync("#userName", "clerk");
        await page.FillAsync("#password", "Fengqiao@2026");
        await page.ClickAsync("[data-testid=sign-in]");
        await page.WaitForURLAsync(new Regex(@"/(\?.*)?$"));
        await page.GotoAsync(_web.BaseUrl + "/cases/new");
        await page.WaitForSelectorAsync("[data-interactive=true]");
        await Field(page, "intake-title").EnterAsync("停电期间登记：楼道灯不亮");
        await PickAsync(page, "intake-place", "垦利街道", "垦利街道");
        await Field(page, "party-name-0").EnterAsync("王秀兰");
        await Field(page, "party-phone-0").EnterAsync("13905467777");

        _link!.Cut();
        try
        {
            await page.ClickAsync("[data-testid=intake-submit]");
            await Assertions.Expect(page.Locator("[data-testid=page-error]")).ToContainTextAsync("系统正在恢复", new() { Timeout = 60_000 });
            // Blazor's own "reload" bar would mean the live connection died with the request.
            await Assertions.Expect(page.Locator("#blazor-error-ui")).Not.ToBeVisibleAsync();
            await page.ScreenshotAsync(new() { Path = Path.Combine(SharedData.RepositoryRoot(), "artifacts", "screenshots", "postgresql-outage-page.png"), FullPage = true });
        }
        finally
        {
            _link.Restore();
        }

        // Back: 重试 shows the form again, on the same connection, and it registers.
        await page.ClickAsync("[data-testid=page-error-retry]");
        await Field(page, "intake-title").EnterAsync("恢复后登记：楼道灯不亮");
        await PickAsync(page, "intake-place", "垦利街道", "垦利街道");
        await Field(page, "party-name-0").EnterAsync("王秀兰");
        await Field(page, "party-phone-0").EnterAsync("13905467777");
        await page.ClickAsync("[data-testid=intake-submit]");
        await page.WaitForURLAsync(new Regex(@"/cases/KL-\d{4}-\d{6}$"), new() { Timeout = 60_000 });
    }
}
