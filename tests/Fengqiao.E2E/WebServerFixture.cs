using System.Diagnostics;
using System.Net.Sockets;
using Fengqiao.Testing;
using Microsoft.Playwright;

namespace Fengqiao.E2E;

/// <summary>
/// The real web app as its own process on a free loopback port, on a fresh database of the provider under test,
/// and Debian's Chromium driven by Playwright (never a downloaded browser).
/// </summary>
public sealed class WebServerFixture : IAsyncLifetime
{
    private Process? _server;
    private IPlaywright? _playwright;

    public TestDatabase Database { get; private set; } = default!;

    public string BaseUrl { get; private set; } = "";

    public IBrowser Browser { get; private set; } = default!;

    public string ScreenshotFolder { get; } = Path.Combine(SharedData.RepositoryRoot(), "artifacts", "screenshots");

    public string ServerLog { get; } = Path.Combine(Path.GetTempPath(), $"fengqiao-e2e-{Guid.NewGuid():N}.log");

    public async ValueTask InitializeAsync()
    {
        Directory.CreateDirectory(ScreenshotFolder);
        Database = await TestDatabase.CreateAsync(migrate: false);
        var port = FreePort();
        BaseUrl = $"http://127.0.0.1:{port}";
        var configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name; // bin/<Configuration>/net10.0
        var web = Path.Combine(SharedData.RepositoryRoot(), "src", "Fengqiao.Web", "bin", configuration, "net10.0");
        var start = new ProcessStartInfo("dotnet", ["Fengqiao.Web.dll", "--urls", BaseUrl])
        {
            WorkingDirectory = web,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        // Development serves the static web assets (MudBlazor's CSS and JS) straight from the build output.
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        start.Environment["Database__Provider"] = Database.ProviderName;
        start.Environment["Database__ConnectionString"] = Database.ConnectionString;
        start.Environment["Database__MigrateOnStart"] = "true";
        start.Environment["Demo__SeedOnStart"] = "true";
        // The timers are tested on their own; here they would only compete for the two cores with the browser.
        start.Environment["Deadlines__SweepSeconds"] = "0";
        start.Environment["Whistles__EscalationSeconds"] = "0";
        start.Environment["Letters__ProposalSeconds"] = "0";
        start.Environment["Notices__DispatchSeconds"] = "0";
        start.Environment["Attachments__Root"] = Path.Combine(Path.GetTempPath(), "fengqiao-e2e-attachments-" + Guid.NewGuid().ToString("N"));
        _server = Process.Start(start) ?? throw new InvalidOperationException("could not start the web app");
        var log = new StreamWriter(ServerLog) { AutoFlush = true };
        _server.OutputDataReceived += (_, e) => { if (e.Data is not null) { lock (log) { log.WriteLine(e.Data); } } };
        _server.ErrorDataReceived += (_, e) => { if (e.Data is not null) { lock (log) { log.WriteLine(e.Data); } } };
        _server.BeginOutputReadLine();
        _server.BeginErrorReadLine();
        await WaitHealthyAsync();

        // CI machines are small and shared: give the circuit time before calling a page wrong.
        Assertions.SetDefaultExpectTimeout(20_000);
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Environment.GetEnvironmentVariable("FENGQIAO_CHROMIUM") ?? "/usr/bin/chromium",
            Headless = true,
            Args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
        });
    }

    private async Task WaitHealthyAsync()
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow.AddSeconds(120);
        while (DateTime.UtcNow < deadline)
        {
            if (_server!.HasExited)
            {
                throw new InvalidOperationException($"the web app exited with {_server.ExitCode}: {await File.ReadAllTextAsync(ServerLog)}");
            }
            try
            {
                if ((await http.GetAsync(BaseUrl + "/health")).IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException)
            {
                // Still migrating and seeding.
            }
            await Task.Delay(500);
        }
        throw new TimeoutException("the web app did not become healthy within 120 s");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
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

    public Task ScreenshotAsync(IPage page, string name) =>
        page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotFolder, $"{Database.ProviderName.ToLowerInvariant()}-{name}.png"), FullPage = true });

    public async ValueTask DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.CloseAsync();
        }
        _playwright?.Dispose();
        if (_server is { HasExited: false })
        {
            _server.Kill(entireProcessTree: true);
            await _server.WaitForExitAsync();
        }
        _server?.Dispose();
        await Database.DisposeAsync();
    }
}
