using System.Reflection;
using System.Text.RegularExpressions;
using Deque.AxeCore.Playwright;
using Fengqiao.Data.Infrastructure;
using Fengqiao.Testing;
using Microsoft.Playwright;

namespace Fengqiao.E2E;

/// <summary>
/// axe-core over every routable page (GB/T 37668 asks for accessible government sites): each demo role opens the
/// pages it works on, the portal is read signed out on a desktop and on a phone, and any serious or critical
/// violation fails the run with its page, rule and nodes. Every [Route] of the web app is either visited here or
/// listed in <see cref="NotVisited"/> with its reason, so a new page cannot slip past unchecked.
/// </summary>
public sealed partial class AccessibilityJourneyTests
{
    /// <summary>Who opens which pages; a role's own pages first, then the rest by the administrator.</summary>
    private static readonly (string? Role, string[] Templates)[] Visits =
    [
        ("admin",
        [
            "/", "/cases", "/cases/new", "/cases/{TrackingCode}", "/admin/accounts", "/admin/calendar", "/admin/letter-rules",
            "/admin/open311", "/admin/service-providers", "/admin/whistle-limits", "/assessment", "/contracting", "/grid", "/grid/boundaries",
            "/ledger", "/letters", "/mediation", "/mediation/{Id:guid}", "/mediation/committees/{Id:guid}", "/mediation/mediators/{Id:guid}", "/mediation/figures", "/modules/{Key}",
            "/organisation", "/organisation/{Code}", "/outreach", "/procuratorate", "/rankings", "/rankings/notices",
            "/services", "/suggestions", "/text", "/text/hot-topics", "/whistles", "/whistles/{Id:guid}",
        ]),
        ("clerk", ["/", "/cases", "/cases/new", "/mediation/centre"]),
        ("handler", ["/", "/cases/{TrackingCode}"]),
        ("grid", ["/", "/grid/visit"]),
        ("distlead", ["/", "/rankings"]),
        ("police", ["/tidal", "/tidal/live", "/tidal/roster/print"]),
        ("procurator", ["/procuratorate", "/judicial-aid", "/judicial-aid/{Id:guid}"]),
        ("lecturer", ["/provider/orders"]),
        ("resident", ["/", "/cases", "/account/denied"]),
        // Signed out: the resident's portal, the sign-in page, the error page and a mediation invitation whose
        // link is no longer valid (what a party sees with an old SMS).
        (null,
        [
            "/portal", "/portal/submit", "/portal/track", "/query", "/portal/services", "/portal/services/track", "/portal/suggestions", "/portal/centre", "/portal/mediation",
            "/account/login", "/error", "/mediation/join/{Token}",
        ]),
    ];

    /// <summary>Pages this journey does not open, each with its reason.</summary>
    private static readonly Dictionary<string, string> NotVisited = new()
    {
        ["/tidal/areas/{Area}"] = "exists only once a CP-SAT roster has been computed (minutes on CI); TidalJourneyTests opens it after its run",
        ["/tidal/officers/{OfficerId}"] = "exists only once a CP-SAT roster has been computed (minutes on CI); TidalJourneyTests opens it after its run",
    };

    private static readonly string[] PortalTemplates = ["/portal", "/portal/submit", "/portal/track", "/query", "/portal/services", "/portal/services/track", "/portal/suggestions", "/portal/centre", "/portal/mediation"];

    [Fact]
    public void Every_routable_page_is_visited_or_listed_with_its_reason()
    {
        var routes = typeof(Fengqiao.Web.Components.App).Assembly.GetTypes()
            .SelectMany(t => t.GetCustomAttributes<Microsoft.AspNetCore.Components.RouteAttribute>())
            .Select(r => r.Template)
            .ToHashSet(StringComparer.Ordinal);
        var covered = Visits.SelectMany(v => v.Templates).Concat(NotVisited.Keys).ToHashSet(StringComparer.Ordinal);
        Assert.Empty(routes.Except(covered).Order());
        Assert.Empty(covered.Except(routes).Order());
    }

    [Fact]
    public async Task Every_page_has_no_serious_or_critical_axe_violation()
    {
        // Accessibility is the same HTML whichever database sits behind it: checked once, on SQLite.
        if (TestDatabase.RequestedProvider != DatabaseProvider.Sqlite)
        {
            Assert.Skip("accessibility does not depend on the database: checked on the SQLite run only");
        }

        await using var server = new WebServerFixture();
        await server.InitializeAsync();
        var problems = new List<string>();
        var visited = 0;
        foreach (var (role, templates) in Visits)
        {
            var page = role is null ? await SignedOutPageAsync(server, 1366, 900, phone: false) : await server.SignedInPageAsync(role);
            try
            {
                foreach (var template in templates)
                {
                    var path = await PathAsync(server, page, role, template);
                    problems.AddRange(await CheckAsync(server, page, role ?? "signed-out", path, "desktop"));
                    visited++;
                }
                foreach (var check in PhoneChecks.Where(c => c.Role == role))
                {
                    problems.AddRange(await FitsAPhoneAsync(server, page, check.Role, check.Path, check.OneLine));
                }
            }
            finally
            {
                await page.Context.CloseAsync();
            }
        }

        var phone = await SignedOutPageAsync(server, 390, 844, phone: true);
        try
        {
            foreach (var template in PortalTemplates)
            {
                problems.AddRange(await CheckAsync(server, phone, "signed-out", template, "phone"));
                visited++;
            }
        }
        finally
        {
            await phone.Context.CloseAsync();
        }

        problems.AddRange(await LargeTextOnAPhoneAsync(server));

        Assert.True(problems.Count == 0, $"{problems.Count} serious or critical axe violations on {visited} page visits:\n" + string.Join("\n", problems));
    }

    /// <summary>Staff pages used on a phone: measured at 390×844, not only photographed.</summary>
    private static readonly (string Role, string Path, string? OneLine)[] PhoneChecks =
    [
        // The grid member's app: the title leaves room for the language switch and sign-out.
        ("grid", "/grid/visit", null),
        // The 双十 village assessment.
        ("admin", "/assessment", null),
        // Whistle states and judicial-aid columns: one line each, never one character per line.
        ("admin", "/whistles", "[data-testid=whistle-state]"),
        ("procurator", "/judicial-aid", "[data-testid=aid-row] td"),
    ];

    private const string BarWidths = """
        () => { const bar = document.querySelector('.mud-appbar .mud-toolbar'); const title = document.querySelector('[data-testid=app-title]');
                return [bar.scrollWidth, bar.clientWidth, title.scrollWidth, title.clientWidth]; }
        """;

    private const string WrappedCells = """
        selector => [...document.querySelectorAll(selector)].filter(e => {
            const cs = getComputedStyle(e);
            const line = parseFloat(cs.lineHeight) || parseFloat(cs.fontSize) * 1.5;
            const height = e.getBoundingClientRect().height - parseFloat(cs.paddingTop) - parseFloat(cs.paddingBottom);
            return e.textContent.trim().length > 1 && height > Math.max(line, 32) * 1.5;
        }).map(e => e.textContent.trim())
        """;

    private static async Task<IEnumerable<string>> FitsAPhoneAsync(WebServerFixture server, IPage page, string role, string path, string? oneLine)
    {
        var problems = new List<string>();
        await page.SetViewportSizeAsync(390, 844);
        await OpenAsync(server, page, path);
        await server.ScreenshotAsync(page, $"a11y-phone-{role}-{ShotName(path)}");
        var widths = await page.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]");
        if (widths[0] > widths[1])
        {
            problems.Add($"{role} {path} (phone): {widths[0]}px wide in a {widths[1]}px screen, it scrolls sideways");
        }
        var bar = await page.EvaluateAsync<double[]>(BarWidths);
        if (bar[0] > bar[1] || bar[2] > bar[3])
        {
            problems.Add($"{role} {path} (phone): the app bar needs {bar[0]}px of {bar[1]}px, its title {bar[2]}px of {bar[3]}px");
        }
        if (oneLine is not null)
        {
            if (await page.Locator(oneLine).CountAsync() == 0)
            {
                problems.Add($"{role} {path} (phone): nothing matches {oneLine} in the demo, so nothing was measured");
            }
            var wrapped = await page.EvaluateAsync<string[]>(WrappedCells, oneLine);
            if (wrapped.Length > 0)
            {
                problems.Add($"{role} {path} (phone): {wrapped.Length} cells of {oneLine} wrap onto several lines: {string.Join(", ", wrapped.Take(5))}");
            }
        }
        await page.SetViewportSizeAsync(1366, 900);
        return problems;
    }

    /// <summary>
    /// 适老化: with large text switched on, each portal page on a 390 px phone shows its text at 1.25× and needs no
    /// sideways scrolling.
    /// </summary>
    private static async Task<IEnumerable<string>> LargeTextOnAPhoneAsync(WebServerFixture server)
    {
        var problems = new List<string>();
        var phone = await SignedOutPageAsync(server, 390, 844, phone: true);
        try
        {
            await phone.GotoAsync(server.BaseUrl + "/portal");
            var normal = await FontSizeAsync(phone);
            await phone.ClickAsync("[data-testid=text-size-switch]");
            await Assertions.Expect(phone.Locator("[data-text-size=large]")).ToBeVisibleAsync();
            foreach (var path in PortalTemplates)
            {
                await phone.GotoAsync(server.BaseUrl + path);
                var large = await FontSizeAsync(phone);
                var widths = await phone.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]");
                await server.ScreenshotAsync(phone, $"a11y-large-text-phone-{ShotName(path)}");
                if (large < normal * 1.25 - 0.01)
                {
                    problems.Add($"large text {path} (phone): text is {large}px against {normal}px normally, less than 1.25×");
                }
                if (widths[0] > widths[1])
                {
                    problems.Add($"large text {path} (phone): {widths[0]}px wide in a {widths[1]}px screen, it scrolls sideways");
                }
            }
        }
        finally
        {
            await phone.Context.CloseAsync();
        }
        return problems;
    }

    private static Task<double> FontSizeAsync(IPage page) =>
        page.EvalOnSelectorAsync<double>("main", "m => parseFloat(getComputedStyle(m).fontSize)");

    private static async Task<IPage> SignedOutPageAsync(WebServerFixture server, int width, int height, bool phone)
    {
        var context = await server.Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = width, Height = height }, IsMobile = phone, Locale = "zh-CN" });
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(60_000);
        page.SetDefaultNavigationTimeout(60_000);
        return page;
    }

    /// <summary>Fills a template's parameters from the demo records the role can see.</summary>
    private static async Task<string> PathAsync(WebServerFixture server, IPage page, string? role, string template) => template switch
    {
        "/cases/{TrackingCode}" => await FirstLinkAsync(server, page, "/cases", CaseLink()),
        "/whistles/{Id:guid}" => await FirstLinkAsync(server, page, "/whistles", GuidLink("whistles")),
        "/mediation/{Id:guid}" => await FirstLinkAsync(server, page, "/mediation", GuidLink("mediation")),
        "/mediation/committees/{Id:guid}" => await FirstLinkAsync(server, page, "/mediation", GuidLink("mediation/committees")),
        // A mediator's work list is linked from their committee's page.
        "/mediation/mediators/{Id:guid}" => await FirstLinkAsync(server, page, await FirstLinkAsync(server, page, "/mediation", GuidLink("mediation/committees")), GuidLink("mediation/mediators")),
        "/judicial-aid/{Id:guid}" => await FirstLinkAsync(server, page, "/judicial-aid", GuidLink("judicial-aid")),
        // 垦利区 and the first module of the menu.
        "/organisation/{Code}" => "/organisation/370505",
        "/modules/{Key}" => "/modules/ledger",
        "/mediation/join/{Token}" => "/mediation/join/no-longer-valid",
        _ when template.Contains('{', StringComparison.Ordinal) => throw new InvalidOperationException($"no demo record fills {template} for {role}"),
        _ => template,
    };

    private static async Task<string> FirstLinkAsync(WebServerFixture server, IPage page, string listPath, Regex link)
    {
        await OpenAsync(server, page, listPath);
        // A list fills after the page turns interactive; on a loaded machine that can come after network idle.
        for (var waited = 0; ; waited += 500)
        {
            var hrefs = await page.Locator("a[href]").EvaluateAllAsync<string[]>("links => links.map(a => a.getAttribute('href'))");
            if (hrefs.FirstOrDefault(h => link.IsMatch(h)) is { } found)
            {
                return found;
            }
            if (waited >= 30_000)
            {
                throw new InvalidOperationException($"{listPath} shows no link like {link} in the demo");
            }
            await page.WaitForTimeoutAsync(500);
        }
    }

    private static async Task OpenAsync(WebServerFixture server, IPage page, string path)
    {
        await page.GotoAsync(server.BaseUrl + path);
        // Staff pages are interactive: wait until the circuit has taken over the prerendered page.
        if (await page.Locator(".mud-layout").CountAsync() > 0)
        {
            await page.WaitForSelectorAsync("[data-interactive=true]");
        }
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
    }

    private static async Task<IEnumerable<string>> CheckAsync(WebServerFixture server, IPage page, string who, string path, string size)
    {
        await OpenAsync(server, page, path);
        var landed = new Uri(page.Url).AbsolutePath;
        if (landed != path && (landed.StartsWith("/account/", StringComparison.Ordinal) && !path.StartsWith("/account/", StringComparison.Ordinal)))
        {
            return [$"{who} {path} ({size}): sent to {landed} — the table of visits is wrong"];
        }
        await server.ScreenshotAsync(page, $"a11y-{size}-{who}-{ShotName(path)}");
        var result = await page.RunAxe();
        return result.Violations
            .Where(v => v.Impact is "serious" or "critical")
            .Select(v => $"{who} {path} ({size}): {v.Impact} {v.Id} — {v.Help}\n" + string.Join("\n", v.Nodes.Take(5).Select(n => $"    {n.Target} {Shorten(n.Html)}")));
    }

    private static string ShotName(string path)
    {
        var name = NonWord().Replace(path.Trim('/'), "-");
        return name.Length == 0 ? "home" : name.Length > 40 ? name[..40] : name;
    }

    private static string Shorten(string html) => html.Length > 160 ? html[..160] + "…" : html;

    private static Regex GuidLink(string prefix) => new($"^/{Regex.Escape(prefix)}/[0-9a-f]{{8}}-[0-9a-f-]{{27}}$");

    [GeneratedRegex(@"^/cases/[A-Z]{2}-\d{4}-\d{6}$")]
    private static partial Regex CaseLink();

    [GeneratedRegex(@"[^A-Za-z0-9]+")]
    private static partial Regex NonWord();
}
