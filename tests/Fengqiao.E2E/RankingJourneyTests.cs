using System.Text.RegularExpressions;
using Fengqiao.Core.Organisations;
using Fengqiao.Data.Organisations;
using Fengqiao.Testing;
using Microsoft.Playwright;
using NodaTime;

using static Fengqiao.E2E.InteractiveForms;

namespace Fengqiao.E2E;

/// <summary>
/// The monthly ranking as a joint-office clerk uses it: the month is picked from a calendar of months, not typed, and
/// a department with nothing to do that month is listed after the ranking as not rated, with the reason.
/// </summary>
public sealed class RankingJourneyTests(WebServerFixture server) : IClassFixture<WebServerFixture>
{
    private const string Idle = "垦利区无案件试点局";

    [Fact]
    public async Task The_month_comes_from_a_calendar_and_an_idle_department_is_listed_as_not_rated()
    {
        await using (var db = server.Database.Context())
        {
            db.Units.Add(new Unit { Name = Idle, Kind = UnitKind.Department, DivisionCode = "370505" });
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        }
        var page = await server.SignedInPageAsync("jointoffice");
        await server.OpenAsync(page, "/rankings");
        var today = TestTime.Today;
        // The month before this one, or January when this is January (the calendar opens on this year's months).
        var target = today.Month > 1 ? today.Month - 1 : 1;
        await Field(page, "assessment-month").ClickAsync();
        await page.Locator(".mud-popover-open .mud-picker-month").Filter(new() { HasTextRegex = new Regex($"^\\s*{target}月\\s*$") }).ClickAsync();
        await Assertions.Expect(Field(page, "assessment-month")).ToHaveValueAsync($"{today.Year:0000}-{target:00}");
        await page.ClickAsync("[data-testid=assessment-apply]");
        await Assertions.Expect(page.Locator("[data-testid=ranking-caption]")).ToContainTextAsync($"{today.Year}年{target}月 · 权重：吹哨评价 25");

        // Not rated: after the ranked table, with the reason; never among the ranked rows.
        await Assertions.Expect(page.Locator("[data-testid=not-rated-table]")).ToContainTextAsync(Idle);
        await Assertions.Expect(page.Locator("[data-testid=not-rated-table] tr").Filter(new() { HasText = Idle }).Locator("[data-testid=not-rated-reason]"))
            .ToHaveTextAsync("本月无到期案件、无吹哨报到任务、无群众评价");
        await Assertions.Expect(page.Locator("[data-testid=ranking-table]")).Not.ToContainTextAsync(Idle);
        await server.ScreenshotAsync(page, "ranking-not-rated");
    }
}
