using Fengqiao.Testing;
using Microsoft.Playwright;

namespace Fengqiao.E2E;

/// <summary>
/// The real web app as its own process on a free loopback port, on a fresh database of the provider under test,
/// and Debian's Chromium driven by Playwright (never a downloaded browser).
/// </summary>
public sealed class WebServerFixture : IAsyncLifetime
{
    private WebProcess? _server;
    private IPlaywright? _playwright;

    public TestDatabase Database { get; private set; } = default!;

    public string BaseUrl { get; private set; } = "";

    public IBrowser Browser { get; private set; } = default!;

    public string ScreenshotFolder { get; } = Path.Combine(SharedData.RepositoryRoot(), "artifacts", "screenshots");

    public string ServerLog => _server?.Log ?? "";

    public async ValueTask InitializeAsync()
    {
        Directory.CreateDirectory(ScreenshotFolder);
        Database = await TestDatabase.CreateSeededAsync();
        _server = await WebProcess.StartAsync(Database, seed: true);
        BaseUrl = _server.BaseUrl;

        Assertions.SetDefaultExpectTimeout(20_000);
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Environment.GetEnvironmentVariable("FENGQIAO_CHROMIUM") ?? "/usr/bin/chromium",
            Headless = true,
            Args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
        });
    }

    public async Task<IPage> SignedInPageAsync(string userName, int width = 1366, int height = 900)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = width, Height = height }, Locale = "zh-CN" });
        var page = await context.NewPageAsync();
        // Small shared CI machines: a first page of a cold server can take a while.
        page.SetDefaultTimeout(60_000);
        page.SetDefaultNavigationTimeout(60_000);
        await page.GotoAsync(BaseUrl + "/account/login");
        await page.FillAsync("#userName", userName);
        await page.FillAsync("#password", "Fengqiao@2026");
        await page.ClickAsync("[data-testid=sign-in]");
        await page.WaitForURLAsync(new System.Text.RegularExpressions.Regex(@"/(\?.*)?$|/account/login\?error="));
        if (page.Url.Contains("error=", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"sign-in as {userName} was refused: {page.Url}");
        }
        await page.WaitForSelectorAsync("[data-interactive=true]");
        return page;
    }

    /// <summary>Navigates and waits until the Blazor circuit has taken over the prerendered page.</summary>
    public async Task OpenAsync(IPage page, string path)
    {
        await page.GotoAsync(BaseUrl + path);
        await page.WaitForSelectorAsync("[data-interactive=true]");
    }

    /// <summary>
    /// A full-page screenshot, then the page scrolled back to where it was: Chromium captures beyond the viewport by
    /// resizing it for a moment, which can leave the page scrolled elsewhere (161 px on the grid visit page, measured)
    /// until something scrolls it back. A click aimed in between lands where the button used to be and is lost.
    /// </summary>
    public async Task ScreenshotAsync(IPage page, string name)
    {
        var scrolled = await page.EvaluateAsync<double>("() => window.scrollY");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotFolder, $"{Database.ProviderName.ToLowerInvariant()}-{name}.png"), FullPage = true });
        await page.EvaluateAsync(@"async y => {
            if (Math.abs(window.scrollY - y) > 0.5) window.scrollTo(window.scrollX, y);
            const frame = () => new Promise(r => requestAnimationFrame(() => r()));
            await frame(); await frame();
        }", scrolled);
    }

    public async ValueTask DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.CloseAsync();
        }
        _playwright?.Dispose();
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
        await Database.DisposeAsync();
    }
}
