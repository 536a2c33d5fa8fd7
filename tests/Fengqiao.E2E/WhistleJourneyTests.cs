using System.Text.RegularExpressions;
using Fengqiao.Core.Cases;
using Fengqiao.Data.Letters;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

using static Fengqiao.E2E.InteractiveForms;

namespace Fengqiao.E2E;

/// <summary>
/// 吹哨报到 in the browser: the petition bureau blows a whistle on a demo case summoning the housing bureau, the
/// housing handler reports for duty, acts and reports, the bureau rates; a supervision letter is drafted, approved,
/// issued with its number, and its .docx downloads and reads back.
/// </summary>
public sealed class WhistleJourneyTests(WebServerFixture server) : IClassFixture<WebServerFixture>
{
    private static async Task ChooseAsync(IPage page, string selectTestId, params string[] options)
    {
        await page.Locator($"[data-testid={selectTestId}]").ClickAsync();
        foreach (var option in options)
        {
            await page.Locator(".mud-popover-open .mud-list-item").Filter(new() { HasTextRegex = new Regex($"^\\s*{Regex.Escape(option)}\\s*$") }).First.ClickAsync();
        }
        await page.Keyboard.PressAsync("Escape");
    }

    [Fact]
    public async Task The_bureau_blows_a_whistle_housing_reports_the_bureau_rates_and_a_letter_is_issued_as_docx()
    {
        string code;
        await using (var db = server.Database.Context())
        {
            var bureau = await db.Units.Where(u => u.Name == "垦利区信访局").Select(u => u.Id).SingleAsync(TestContext.Current.CancellationToken);
            code = await db.Cases.Where(c => c.DivisionCode.StartsWith("370505") && c.State != CaseState.Closed && c.RegisteringUnitId == bureau)
                .Where(c => !db.Whistles.Any(w => w.CaseId == c.Id) && !db.Letters.Any(l => l.CaseId == c.Id))
                .OrderByDescending(c => c.RegisteredAt).Select(c => c.TrackingCode).FirstAsync(TestContext.Current.CancellationToken);
        }

        var clerk = await server.SignedInPageAsync("clerk");
        await server.OpenAsync(clerk, $"/cases/{code}");
        await clerk.Locator("[data-testid=blow-panel]").ClickAsync();
        await ChooseAsync(clerk, "blow-level", "街道（镇）吹哨");
        await Field(clerk, "blow-reason").EnterAsync("小区积水涉及住建和市场监管，需联合处置");
        await ChooseAsync(clerk, "blow-departments", "垦利区住房和城乡建设局");
        await Field(clerk, "blow-task").EnterAsync("排查管网并限期整改");
        await server.ScreenshotAsync(clerk, "whistle-blow-form");
        await clerk.ClickAsync("[data-testid=blow]");
        await Assertions.Expect(clerk.Locator("[data-testid=whistle-level]").First).ToHaveTextAsync("街道（镇）吹哨");
        await Assertions.Expect(clerk.Locator("[data-testid=summons-status]").First).ToHaveTextAsync("未报到");

        // The housing handler may not see the case (another unit's), but sees the whistle summoning his unit.
        var handler = await server.SignedInPageAsync("handler");
        await server.OpenAsync(handler, "/whistles");
        await handler.Locator("[data-testid=whistles-mine]").ClickAsync();
        await handler.Locator("[data-testid=whistle-table] tr").Filter(new() { HasText = code }).Locator("[data-testid=whistle-open]").ClickAsync();
        await handler.WaitForSelectorAsync("[data-testid=whistle]");
        await handler.ClickAsync("[data-testid=step-Acknowledge]");
        await Assertions.Expect(handler.Locator("[data-testid=summons-status]").First).ToHaveTextAsync("已报到");
        await Field(handler, "step-note").EnterAsync("已到现场");
        await handler.ClickAsync("[data-testid=step-Act]");
        await Assertions.Expect(handler.Locator("[data-testid=summons-status]").First).ToHaveTextAsync("处置中");
        await Field(handler, "step-note").EnterAsync("已疏通管网，积水排除");
        await handler.ClickAsync("[data-testid=step-Report]");
        await Assertions.Expect(handler.Locator("[data-testid=summons-status]").First).ToHaveTextAsync("已反馈");
        // The department may not rate its own response: no rating form for it.
        await Assertions.Expect(handler.Locator("[data-testid=rate-form]")).ToHaveCountAsync(0);

        await clerk.ReloadAsync();
        await clerk.WaitForSelectorAsync("[data-interactive=true]");
        // No mark is assumed: rating with one left empty names it, and nothing is saved.
        await Field(clerk, "rate-timeliness").EnterAsync("5");
        await Field(clerk, "rate-attitude").EnterAsync("4");
        await clerk.ClickAsync("[data-testid=rate]");
        await Assertions.Expect(clerk.Locator(".mud-snackbar").Filter(new() { HasText = "请为结果选择评分" })).ToBeVisibleAsync();
        await Assertions.Expect(clerk.Locator("[data-testid=summons-rating]").First).ToHaveTextAsync("—");
        await Field(clerk, "rate-result").EnterAsync("4");
        await clerk.ClickAsync("[data-testid=rate]");
        await Assertions.Expect(clerk.Locator("[data-testid=summons-rating]").First).ToHaveTextAsync("5/4/4");
        await Assertions.Expect(clerk.Locator(".mud-snackbar").Filter(new() { HasText = "已评价垦利区住房和城乡建设局" })).ToBeVisibleAsync();
        await server.ScreenshotAsync(clerk, "whistle-rated");

        // A supervision letter to housing: the clerk drafts, the administrator (same bureau) approves and issues.
        await clerk.Locator("[data-testid=draft-panel]").ClickAsync();
        await ChooseAsync(clerk, "letter-recipient", "垦利区住房和城乡建设局");
        await clerk.ClickAsync("[data-testid=draft-letter]");
        var admin = await server.SignedInPageAsync("admin");
        await server.OpenAsync(admin, "/letters");
        var row = admin.Locator("[data-testid=letter-table] tr").Filter(new() { HasText = code });
        await row.Locator("[data-testid=letter-Approve]").ClickAsync();
        await Assertions.Expect(row.Locator("[data-testid=letter-state]")).ToHaveTextAsync("已审签");
        await row.Locator("[data-testid=letter-Issue]").ClickAsync();
        await Assertions.Expect(row.Locator("[data-testid=letter-state]")).ToHaveTextAsync("已印发");
        var number = (await row.Locator("[data-testid=letter-number]").InnerTextAsync()).Trim();
        Assert.Matches(@"^垦信督〔20\d\d〕[1-9]\d*号$", number);
        await server.ScreenshotAsync(admin, "letters-issued");

        var download = await admin.RunAndWaitForDownloadAsync(() => row.Locator("[data-testid=letter-docx]").ClickAsync());
        var path = await download.PathAsync();
        var lines = OfficialDocx.ReadParagraphs(await File.ReadAllBytesAsync(path!, TestContext.Current.CancellationToken));
        Assert.Equal("垦利区信访局", lines[0]);
        Assert.Contains(number, lines);
        Assert.Contains(lines, l => l.Contains(code, StringComparison.Ordinal));

        await server.OpenAsync(admin, "/rankings");
        await Assertions.Expect(admin.Locator("[data-testid=ranking-table]")).ToContainTextAsync("垦利区住房和城乡建设局");
        await server.ScreenshotAsync(admin, "monthly-ranking");
    }
}
