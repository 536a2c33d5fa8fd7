using System.Text.RegularExpressions;
using Fengqiao.Core.Cases;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

using static Fengqiao.E2E.InteractiveForms;

namespace Fengqiao.E2E;

/// <summary>
/// Leader contracting in the browser: the joint-meeting office assigns an open case to the town leader and a village
/// cadre together (双包案) and the town leader finds it under "my contracted cases"; on a closed case the office
/// records a follow-up visit (回访) that finds the matter unresolved, starts a look-back review (回头看) and decides
/// it was not truly resolved, which reopens the case to its handling unit.
/// </summary>
public sealed class ContractingJourneyTests(WebServerFixture server) : IClassFixture<WebServerFixture>
{
    private static async Task ChooseAsync(IPage page, string selectTestId, string option)
    {
        await page.Locator($"[data-testid={selectTestId}]").ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item").Filter(new() { HasTextRegex = new Regex($"^\\s*{Regex.Escape(option)}\\s*$") }).First.ClickAsync();
        await page.Keyboard.PressAsync("Escape");
    }

    [Fact]
    public async Task A_dual_contract_is_assigned_a_visit_is_recorded_and_a_look_back_reopens_a_closed_case()
    {
        string open, closed;
        await using (var db = server.Database.Context())
        {
            open = await db.Cases.Where(c => c.DivisionCode.StartsWith("370505") && c.State == CaseState.InProgress && !db.CaseContracts.Any(x => x.CaseId == c.Id))
                .OrderByDescending(c => c.RegisteredAt).Select(c => c.TrackingCode).FirstAsync(TestContext.Current.CancellationToken);
            closed = await db.Cases.Where(c => c.DivisionCode.StartsWith("370505") && c.State == CaseState.Closed && c.ClosedAt != null && c.HandlingUnitId != null && !c.ResolvedOnTheSpot
                    && !db.FollowUpVisits.Any(v => v.CaseId == c.Id) && !db.LookBackReviews.Any(r => r.CaseId == c.Id))
                .OrderByDescending(c => c.ClosedAt).Select(c => c.TrackingCode).FirstAsync(TestContext.Current.CancellationToken);
        }

        // 双包案: the town leader as area leader with a village cadre.
        var office = await server.SignedInPageAsync("jointoffice");
        await server.OpenAsync(office, $"/cases/{open}");
        await Assertions.Expect(office.Locator("[data-testid=no-contract]")).ToBeVisibleAsync();
        await ChooseAsync(office, "contract-kind-select", "双包案");
        await ChooseAsync(office, "leader-first", "镇党委书记 杨帆");
        await ChooseAsync(office, "leader-village", "网格员 刘洋");
        await office.ClickAsync("[data-testid=assign]");
        await Assertions.Expect(office.Locator("[data-testid=contract-kind]")).ToHaveTextAsync("双包案");
        await Assertions.Expect(office.Locator("[data-testid=contract-leader]")).ToHaveCountAsync(2);
        await Assertions.Expect(office.Locator("[data-testid=contract-leader]").First).ToContainTextAsync("包片领导");
        await Assertions.Expect(office.Locator("[data-testid=timeline]")).ToContainTextAsync("领导包案");
        await server.ScreenshotAsync(office, "contracting-dual-contract");

        var leader = await server.SignedInPageAsync("townlead");
        await server.OpenAsync(leader, "/contracting");
        await Assertions.Expect(leader.Locator("[data-testid=mine-table]")).ToContainTextAsync(open);
        await server.ScreenshotAsync(leader, "contracting-my-cases");

        // 回访 finds the matter unresolved; 回头看 decides it was not truly resolved and the case reopens.
        await server.OpenAsync(office, $"/cases/{closed}");
        await ChooseAsync(office, "visit-method", "上门回访");
        await ChooseAsync(office, "visit-outcome-select", "未解决");
        await ChooseAsync(office, "visit-satisfied", "不满意");
        await Field(office, "visit-notes").FillAsync("群众反映漏水仍未修复");
        await office.ClickAsync("[data-testid=record-visit]");
        await Assertions.Expect(office.Locator("[data-testid=visit-outcome]")).ToContainTextAsync("未解决");
        await Field(office, "review-reason").FillAsync("回访不满意，开展回头看");
        await office.ClickAsync("[data-testid=start-review]");
        await Assertions.Expect(office.Locator("[data-testid=decide-form]")).ToBeVisibleAsync();
        await ChooseAsync(office, "review-decision-select", "未真正化解，重新交办");
        await Field(office, "review-findings").FillAsync("实地核查漏水未修，属程序性办结");
        await office.ClickAsync("[data-testid=decide]");
        await Assertions.Expect(office.Locator("[data-testid=reopened]")).ToBeVisibleAsync();
        await Assertions.Expect(office.Locator("[data-testid=timeline]")).ToContainTextAsync("重新交办");
        await server.ScreenshotAsync(office, "contracting-look-back-reopens");

        await using (var db = server.Database.Context())
        {
            var state = await db.Cases.Where(c => c.TrackingCode == closed).Select(c => c.State).FirstAsync(TestContext.Current.CancellationToken);
            Assert.Equal(CaseState.Assigned, state);
        }
    }
}
