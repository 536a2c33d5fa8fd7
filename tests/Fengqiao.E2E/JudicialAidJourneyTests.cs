using System.Text.RegularExpressions;
using Microsoft.Playwright;

using static Fengqiao.E2E.InteractiveForms;

namespace Fengqiao.E2E;

/// <summary>A procurator takes a judicial-aid application from registration to a supervised payment in the browser.</summary>
public sealed class JudicialAidJourneyTests(WebServerFixture server) : IClassFixture<WebServerFixture>
{
    // MudCheckBox may put the test id on its wrapper or on the input itself.
    private static ILocator Box(IPage page, string testId) =>
        page.Locator($"[data-testid={testId}] input[type=checkbox], input[type=checkbox][data-testid={testId}]").First;

    private static async Task ChooseAsync(IPage page, string selectTestId, string? option)
    {
        await page.Locator($"[data-testid={selectTestId}]").ClickAsync();
        var items = page.Locator(".mud-popover-open .mud-list-item");
        await (option is null ? items.First : items.Filter(new() { HasTextRegex = new Regex($"^\\s*{Regex.Escape(option)}\\s*$") }).First).ClickAsync();
        await Assertions.Expect(page.Locator(".mud-popover-open .mud-list-item")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task A_procurator_takes_an_application_from_registration_to_a_supervised_payment()
    {
        var page = await server.SignedInPageAsync("procurator");
        await server.OpenAsync(page, "/judicial-aid");
        await Assertions.Expect(page.Locator("[data-testid=aid-row]").First).ToBeVisibleAsync();
        await server.ScreenshotAsync(page, "judicial-aid-list");

        await Field(page, "aid-applicant").EnterAsync("韩玉兰");
        await Field(page, "aid-case").EnterAsync("垦检刑诉〔2026〕88号");
        await Field(page, "aid-circumstances").EnterAsync("丈夫在故意伤害案中死亡，加害人无力赔偿，独自抚养八岁的儿子。");
        await ChooseAsync(page, "aid-town", "垦利街道");
        await ChooseAsync(page, "aid-village", null);
        await page.ClickAsync("[data-testid=aid-apply]");
        await page.WaitForURLAsync(new Regex(@"/judicial-aid/[0-9a-f-]{36}$"));
        await Assertions.Expect(page.Locator("[data-testid=aid-case-state]")).ToHaveTextAsync("已申请");

        // Eligibility review: the applicant's ground first (a victim's dependants), then only it, the two conditions and
        // the five exclusions are asked, each with a reason; the ground and both conditions apply.
        await ChooseAsync(page, "aid-ground", "被害人死亡、近亲属生活困难");
        foreach (var code in new[] { "G3", "C1", "C2" })
        {
            await Box(page, $"criterion-{code}").CheckAsync();
        }
        var reasons = page.Locator("[data-testid=finding-reason] input, input[data-testid=finding-reason]");
        Assert.Equal(8, await reasons.CountAsync());
        for (var i = 0; i < await reasons.CountAsync(); i++)
        {
            await reasons.Nth(i).FillAsync("经调阅卷宗、走访村委会核实");
            await reasons.Nth(i).PressAsync("Tab");
        }
        await page.ClickAsync("[data-testid=aid-do-review]");
        await Assertions.Expect(page.Locator("[data-testid=aid-error]")).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator("[data-testid=aid-case-state]")).ToHaveTextAsync("符合条件");
        await Assertions.Expect(page.Locator("[data-testid=aid-review]")).ToContainTextAsync("符合救助情形：被害人死亡、近亲属生活困难");

        await Field(page, "aid-amount").EnterAsync("50000");
        await Field(page, "aid-decided-by").EnterAsync("检察长 王立");
        await Field(page, "beneficiary-name").EnterAsync("韩小军");
        await Field(page, "beneficiary-relationship").EnterAsync("子女");
        await Box(page, "beneficiary-minor").CheckAsync();
        await Field(page, "beneficiary-guardian").EnterAsync("韩玉兰");
        await page.ClickAsync("[data-testid=aid-do-decide]");
        await Assertions.Expect(page.Locator("[data-testid=aid-case-state]")).ToHaveTextAsync("已决定救助");

        // No supervised money moves before the three parties have signed.
        await Field(page, "agreement-guardian").EnterAsync("韩玉兰");
        await Field(page, "agreement-village").EnterAsync("村委会主任 张振华");
        await Field(page, "agreement-procuratorate").EnterAsync("检察官 郑洁");
        await Field(page, "agreement-terms").EnterAsync("救助金专款用于韩小军的学费和生活费；村委会每季度核实票据，检察院每半年回访。");
        await page.ClickAsync("[data-testid=aid-do-sign]");
        await Assertions.Expect(page.Locator("[data-testid=aid-agreement]")).ToContainTextAsync("检察官 郑洁");

        // Paying more than decided is refused at once, with the amount still payable.
        await ChooseAsync(page, "payment-beneficiary", "韩小军");
        await Field(page, "payment-amount").EnterAsync("60000");
        await Field(page, "payment-reference").EnterAsync("KLJZ-2026-088-01");
        await page.ClickAsync("[data-testid=aid-do-pay]");
        await Assertions.Expect(page.Locator("[data-testid=aid-error]")).ToContainTextAsync("50000.00");

        await Field(page, "payment-amount").EnterAsync("30000");
        await Field(page, "payment-reference").EnterAsync("KLJZ-2026-088-01");
        await page.ClickAsync("[data-testid=aid-do-pay]");
        await Assertions.Expect(page.Locator("[data-testid=aid-payment]")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator("[data-testid=aid-paid]")).ToContainTextAsync("20,000.00");

        await Field(page, "followup-checker").EnterAsync("检察官 郑洁");
        await Field(page, "followup-findings").EnterAsync("学费已缴，票据齐全");
        await page.ClickAsync("[data-testid=aid-do-followup]");
        await Assertions.Expect(page.Locator("[data-testid=aid-followup]")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator("[data-testid=aid-event]")).ToHaveCountAsync(6);
        await server.ScreenshotAsync(page, "judicial-aid-supervised");
    }
}
