using System.Text.RegularExpressions;
using Microsoft.Playwright;

using static Fengqiao.E2E.InteractiveForms;

namespace Fengqiao.E2E;

/// <summary>
/// A person pastes a very long text (20,000 Chinese characters, the largest any field takes) into the long text fields.
/// Each either saves it or refuses it with a message beside the field; the page keeps reacting (the interactive
/// connection stays up), and nothing typed is lost: what was pasted is still in the field, and after a reload.
/// </summary>
[OnBothDatabases]
public sealed class LongTextJourneyTests(WebServerFixture server) : IClassFixture<WebServerFixture>
{
    private const int Pasted = 20_000;

    private static readonly string LongText = string.Concat(Enumerable.Repeat("楼下排水沟堵塞多年，每逢雨天污水倒灌进院子，老人孩子出行都不方便。", 700))[..Pasted];

    private static async Task PasteAsync(ILocator field, string text)
    {
        await field.FillAsync(text);
        await field.PressAsync("Tab");
    }

    // Compared here rather than with ToHaveValueAsync, whose failure would print 20,000 characters twice.
    private static async Task AssertHoldsAsync(ILocator field, string text)
    {
        var held = await field.InputValueAsync();
        Assert.True(held == text, $"the field holds {held.Length} characters, not the {text.Length} typed");
    }

    [Fact]
    public async Task A_clerk_pastes_twenty_thousand_characters_into_the_detail_and_the_case_is_registered_after_a_reload()
    {
        var clerk = await server.SignedInPageAsync("clerk");
        await server.OpenAsync(clerk, "/cases/new");
        var detail = Field(clerk, "intake-detail");
        await PasteAsync(detail, LongText);
        // The page still reacts: 登记 without a matter is refused beside the field.
        await SubmitIntakeAsync(clerk);
        await Assertions.Expect(clerk.Locator(".mud-input-helper-text.mud-input-error").Filter(new() { HasText = "请填写诉求事项" })).ToBeVisibleAsync();
        // The counter is rendered by the server: it counts the whole text only if the text reached it.
        await Assertions.Expect(clerk.Locator("[data-testid=intake-form]")).ToContainTextAsync($"{Pasted} / {Pasted}");
        await AssertHoldsAsync(detail, LongText);

        // The connection drops anyway (a reload stands in for it): the typed text comes back, and says so.
        await clerk.ReloadAsync();
        await clerk.WaitForSelectorAsync("[data-interactive=true]");
        await Assertions.Expect(clerk.Locator("[data-testid=draft-restored]")).ToBeVisibleAsync();
        await Assertions.Expect(clerk.Locator("[data-testid=intake-form]")).ToContainTextAsync($"{Pasted} / {Pasted}");
        await AssertHoldsAsync(Field(clerk, "intake-detail"), LongText);
        await server.ScreenshotAsync(clerk, "long-text-intake-restored");

        await Field(clerk, "intake-title").EnterAsync("排水沟堵塞，雨天污水倒灌");
        await PickAsync(clerk, "intake-place", "垦利街道", "垦利街道");
        await Field(clerk, "party-name-0").EnterAsync("刘桂芳");
        await Field(clerk, "party-phone-0").EnterAsync("13905462020");
        await SubmitIntakeAsync(clerk);
        await clerk.WaitForURLAsync(new Regex(@"/cases/KL-\d{4}-\d{6}$"));
        // Stored whole: the case shows every character of it.
        var shown = await clerk.Locator("p.mud-typography").Filter(new() { HasText = LongText[..60] }).First.TextContentAsync();
        Assert.Equal(Pasted, shown?.Trim().Length);

        // Registered: the draft is gone, a new form starts empty.
        await server.OpenAsync(clerk, "/cases/new");
        await Assertions.Expect(Field(clerk, "intake-detail")).ToHaveValueAsync("");
        await Assertions.Expect(clerk.Locator("[data-testid=draft-restored]")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task A_procurator_pastes_more_than_the_circumstances_take_and_is_told_without_losing_the_text()
    {
        var page = await server.SignedInPageAsync("procurator");
        await server.OpenAsync(page, "/judicial-aid");
        await Field(page, "aid-applicant").EnterAsync("韩玉兰");
        await Field(page, "aid-case").EnterAsync("垦检刑诉〔2026〕91号");
        var circumstances = Field(page, "aid-circumstances");
        await PasteAsync(circumstances, LongText);

        // Told beside the field, at once, by the server (so the connection carried the text).
        await Assertions.Expect(page.Locator(".mud-input-helper-text.mud-input-error").Filter(new() { HasText = "4000" })).ToBeVisibleAsync();
        await page.ClickAsync("[data-testid=aid-apply]");
        await Assertions.Expect(page.Locator(".mud-input-helper-text.mud-input-error").Filter(new() { HasText = "4000" })).ToBeVisibleAsync();
        Assert.EndsWith("/judicial-aid", page.Url, StringComparison.Ordinal);
        await AssertHoldsAsync(circumstances, LongText);
        await server.ScreenshotAsync(page, "long-text-aid-refused");

        // The page still reacts: shortened, the application is registered.
        await circumstances.EnterAsync(LongText[..4000]);
        await ChooseAsync(page, "aid-town", "垦利街道");
        await page.Locator("[data-testid=aid-village]").ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item").First.ClickAsync();
        await Assertions.Expect(page.Locator(".mud-popover-open .mud-list-item")).ToHaveCountAsync(0);
        await page.ClickAsync("[data-testid=aid-apply]");
        await page.WaitForURLAsync(new Regex(@"/judicial-aid/[0-9a-f-]{36}$"));
    }

    [Fact]
    public async Task A_resident_pastes_more_than_the_portal_takes_and_is_told_without_losing_the_text()
    {
        var context = await server.Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 390, Height = 844 }, IsMobile = true, Locale = "zh-CN" });
        var phone = await context.NewPageAsync();
        phone.SetDefaultTimeout(60_000);
        await phone.GotoAsync(server.BaseUrl + "/portal/submit");
        await phone.SelectOptionAsync("#category", "0102");
        await phone.SelectOptionAsync("#division", "370505001");
        await phone.FillAsync("#name", "马建国");
        await phone.FillAsync("#phone", "13912345679");
        await phone.FillAsync("#detail", LongText);
        await AssertHoldsAsync(phone.Locator("#detail"), LongText);
        await phone.ClickAsync("[data-testid=portal-send]");

        await Assertions.Expect(phone.Locator("[data-testid=portal-errors]")).ToContainTextAsync("5000");
        await AssertHoldsAsync(phone.Locator("#detail"), LongText);
        await server.ScreenshotAsync(phone, "long-text-portal-refused");

        await phone.FillAsync("#detail", LongText[..5000]);
        await phone.ClickAsync("[data-testid=portal-send]");
        await Assertions.Expect(phone.Locator("[data-testid=portal-received]")).ToBeVisibleAsync();
    }
}
