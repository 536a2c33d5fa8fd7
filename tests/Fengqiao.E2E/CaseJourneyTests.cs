using System.Text.RegularExpressions;
using Microsoft.Playwright;

using static Fengqiao.E2E.InteractiveForms;

namespace Fengqiao.E2E;

/// <summary>A clerk registers a case in the browser and dispatches it; the handler takes it and replies.</summary>
[OnBothDatabases]
public sealed partial class CaseJourneyTests(WebServerFixture server) : IClassFixture<WebServerFixture>
{
    // Waits for the case page after 登记; when it does not come, says what the form showed instead (a refused field,
    // a message), with a screenshot, so a failure in CI names its cause.
    private async Task RegisteredAsync(IPage page, string channel)
    {
        try
        {
            await page.WaitForURLAsync(new Regex(@"/cases/KL-\d{4}-\d{6}$"), new() { Timeout = 45_000 });
        }
        catch (TimeoutException)
        {
            await server.ScreenshotAsync(page, "intake-not-registered");
            var shown = await page.Locator(".mud-snackbar, .mud-input-helper-text.mud-input-error, .mud-alert").AllInnerTextsAsync();
            throw new TimeoutException($"登记 of a {channel} case did not open the case page (still at {page.Url}); the form showed: "
                + (shown.Count == 0 ? "nothing" : string.Join(" | ", shown)));
        }
    }

    private static async Task ActAsync(IPage page, string action, Func<Task>? fill = null)
    {
        await ChooseAsync(page, "action-select", action);
        if (fill is not null)
        {
            await fill();
        }
        await page.ClickAsync("[data-testid=action-apply]");
    }

    [Fact]
    public async Task A_clerk_registers_and_assigns_a_case_and_the_handler_replies()
    {
        var clerk = await server.SignedInPageAsync("clerk");
        await server.OpenAsync(clerk, "/cases/new");
        await Field(clerk, "intake-title").EnterAsync("小区雨污管网堵塞，污水外溢");
        await PickAsync(clerk, "intake-place", "垦利街道", "垦利街道");
        await Field(clerk, "party-name-0").EnterAsync("孙秀英");
        await Field(clerk, "party-phone-0").EnterAsync("13905461234");
        await server.ScreenshotAsync(clerk, "intake-form");
        await SubmitIntakeAsync(clerk);

        try
        {
            await clerk.WaitForURLAsync(new Regex(@"/cases/KL-\d{4}-\d{6}$"));
        }
        catch (TimeoutException)
        {
            // Say why the page stayed: a field error or a message the clerk would have seen.
            await server.ScreenshotAsync(clerk, "intake-stuck");
            var said = await clerk.Locator(".mud-snackbar, .mud-input-helper-text.mud-input-error, .mud-alert").AllInnerTextsAsync();
            throw new TimeoutException($"intake did not open the new case; the page says: {string.Join(" | ", said)}");
        }
        await clerk.WaitForSelectorAsync("[data-testid=case-actions]");
        await Assertions.Expect(clerk.Locator("[data-testid=case-state]")).ToHaveTextAsync("已登记");
        // The phone is masked until the clerk asks to see it, and then the view is logged on the page.
        await Assertions.Expect(clerk.Locator("[data-testid=party-phone]")).ToHaveTextAsync("139****1234");
        await clerk.ClickAsync("[data-testid=party-reveal]");
        await Assertions.Expect(clerk.Locator("[data-testid=party-phone]")).ToHaveTextAsync("13905461234");
        await Assertions.Expect(clerk.Locator("[data-testid=privacy-views]")).ToContainTextAsync("孙秀英");
        await ActAsync(clerk, "受理");
        await Assertions.Expect(clerk.Locator("[data-testid=case-state]")).ToHaveTextAsync("已受理");
        // 受理 issues the 受理告知书: listed on the case page with its number, and its Word file opens with the case in it.
        var acceptance = clerk.Locator("[data-testid=case-document][data-kind=AcceptanceNotice]");
        await Assertions.Expect(acceptance).ToContainTextAsync("受理告知书");
        var download = await clerk.RunAndWaitForDownloadAsync(() => acceptance.Locator("[data-testid=case-document-docx]").ClickAsync());
        Assert.EndsWith(".docx", download.SuggestedFilename, StringComparison.Ordinal);
        var acceptanceText = WordText(await download.PathAsync());
        Assert.Contains("受理告知书", acceptanceText, StringComparison.Ordinal);
        Assert.Contains("孙秀英", acceptanceText, StringComparison.Ordinal);
        await ActAsync(clerk, "交办", () => PickAsync(clerk, "action-unit", "住房", "垦利区住房和城乡建设局"));
        await Assertions.Expect(clerk.Locator("[data-testid=case-state]")).ToHaveTextAsync("已交办");
        await Assertions.Expect(clerk.Locator("[data-testid=case-document][data-kind=AssignmentSlip]")).ToHaveCountAsync(1);
        await Assertions.Expect(clerk.Locator("[data-testid=case-handling-unit]")).ToHaveTextAsync("垦利区住房和城乡建设局");
        var url = clerk.Url;
        var code = url[(url.LastIndexOf('/') + 1)..];
        var queryCode = (await clerk.Locator("[data-testid=query-code]").InnerTextAsync()).Split(':', '：')[^1].Trim();

        var handler = await server.SignedInPageAsync("handler");
        await handler.GotoAsync(url);
        await handler.WaitForSelectorAsync("[data-interactive=true]");
        await Assertions.Expect(handler.Locator("[data-testid=case-state]")).ToHaveTextAsync("已交办");
        await ActAsync(handler, "开始办理");
        await Assertions.Expect(handler.Locator("[data-testid=case-state]")).ToHaveTextAsync("办理中");
        await ActAsync(handler, "起草答复并报送签发", () => Field(handler, "action-text").EnterAsync("经现场核查，已组织疏通管网并督促物业建立巡查制度；如不服可在30日内申请复查。"));
        await Assertions.Expect(handler.Locator("[data-testid=pending-reply]")).ToBeVisibleAsync();

        // The bureau's deputy director signs the reply off; only then does it reach the resident.
        var chief = await server.SignedInPageAsync("housing.chief");
        await server.OpenAsync(chief, url[url.IndexOf("/cases/", StringComparison.Ordinal)..]);
        await ActAsync(chief, "签发答复意见");
        await Assertions.Expect(chief.Locator("[data-testid=case-state]")).ToHaveTextAsync("已答复");
        await Assertions.Expect(chief.Locator("[data-testid=timeline]")).ToContainTextAsync("签发答复意见");
        await Assertions.Expect(chief.Locator("[data-testid=chain-ok]")).ToBeVisibleAsync();
        await server.ScreenshotAsync(chief, "case-replied");

        // The resident, on a phone, without an account: reads the reply and rates it.
        var phone = await (await server.Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 390, Height = 844 }, IsMobile = true })).NewPageAsync();
        await phone.GotoAsync(server.BaseUrl + "/query");
        await phone.FillAsync("#code", code);
        await phone.FillAsync("#key", queryCode);
        await phone.ClickAsync("[data-testid=query-submit]");
        await Assertions.Expect(phone.Locator("[data-testid=query-result]")).ToContainTextAsync("疏通管网");
        // The unit's own drafting (起草并报送签发) is not the resident's business; the answer is.
        await Assertions.Expect(phone.Locator("[data-testid=query-result]")).Not.ToContainTextAsync("报送签发");
        await Assertions.Expect(phone.Locator("[data-testid=query-result]")).ToContainTextAsync("作出答复");
        // The resident's own documents: the acceptance notice and the signed answer, which names the review route.
        await Assertions.Expect(phone.Locator("[data-testid=query-document][data-kind=AcceptanceNotice]")).ToHaveCountAsync(1);
        var answer = phone.Locator("[data-testid=query-document][data-kind=ReplyOpinion]");
        var answerFile = await phone.RunAndWaitForDownloadAsync(() => answer.Locator("[data-testid=query-document-docx]").ClickAsync());
        var answerText = WordText(await answerFile.PathAsync());
        Assert.Contains("疏通管网", answerText, StringComparison.Ordinal);
        Assert.Contains("复查", answerText, StringComparison.Ordinal);
        await server.ScreenshotAsync(phone, "query-phone");
        await phone.ClickAsync("[data-testid=rate-Satisfied]");
        // The choice is shown and confirmed before it is final.
        await Assertions.Expect(phone.Locator("[data-testid=rate-chosen]")).ToContainTextAsync("满意");
        await phone.ClickAsync("[data-testid=rate-confirm]");
        await Assertions.Expect(phone.Locator("[data-testid=query-rated]")).ToBeVisibleAsync();
        await Assertions.Expect(phone.Locator("[data-testid=query-state]")).ToHaveTextAsync("已评价");
        await Assertions.Expect(phone.Locator("[data-testid=rate-form]")).ToHaveCountAsync(0);
    }

    /// <summary>The text of a Word file, read as Word reads it (a valid package, or this throws).</summary>
    private static string WordText(string path)
    {
        using var document = DocumentFormat.OpenXml.Packaging.WordprocessingDocument.Open(path, false);
        return document.MainDocumentPart!.Document!.Body!.InnerText;
    }

    private static readonly string[] Channels = ["来访", "来信", "网上信访", "12345热线", "媒体曝光", "网络投信", "网格巡查", "代理员代办", "12309检察服务", "移动端/视频"];

    [Fact]
    public async Task A_clerk_registers_a_case_from_every_channel_and_each_gets_its_own_time_limits()
    {
        var clerk = await server.SignedInPageAsync("clerk");
        var dues = new Dictionary<string, string>();
        foreach (var channel in Channels)
        {
            await server.OpenAsync(clerk, "/cases/new");
            await ChooseAsync(clerk, "intake-channel", channel);
            await Field(clerk, "intake-title").EnterAsync($"{channel}反映：小区路灯长期不亮");
            await PickAsync(clerk, "intake-place", "垦利街道", "垦利街道");
            await Field(clerk, "party-name-0").EnterAsync("王秀兰");
            await Field(clerk, "party-phone-0").EnterAsync("13905467777");
            await SubmitIntakeAsync(clerk);
            await RegisteredAsync(clerk, channel);
            await Assertions.Expect(clerk.Locator("[data-testid=case-state]")).ToHaveTextAsync("已登记");
            await Assertions.Expect(clerk.Locator("[data-testid=case-meta]")).ToContainTextAsync($" · {channel} · ");
            dues[channel] = await clerk.Locator("[data-testid=case-due]").InnerTextAsync();
        }
        await server.ScreenshotAsync(clerk, "intake-12309");
        // 12309 counts its 7-day procedural reply from registration; a visit waits for the 15-day acceptance decision.
        Assert.NotEqual(dues["来访"], dues["12309检察服务"]);
    }

    [Fact]
    public async Task The_intake_form_marks_bad_fields_and_registers_nothing()
    {
        var clerk = await server.SignedInPageAsync("clerk");
        await server.OpenAsync(clerk, "/cases/new");
        await Field(clerk, "party-id-0").EnterAsync("370505198001010010");
        await SubmitIntakeAsync(clerk);
        await Assertions.Expect(clerk.Locator("[data-testid=intake-form]")).ToContainTextAsync("校验位不正确");
        await Assertions.Expect(clerk.Locator("[data-testid=intake-form]")).ToContainTextAsync("请填写诉求事项");
        Assert.EndsWith("/cases/new", clerk.Url, StringComparison.Ordinal);
        await server.ScreenshotAsync(clerk, "intake-errors");
    }
}
