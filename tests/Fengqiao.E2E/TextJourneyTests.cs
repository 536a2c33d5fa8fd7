using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;

using static Fengqiao.E2E.InteractiveForms;

namespace Fengqiao.E2E;

/// <summary>
/// A clerk types a matter and sees the suggested categories with their departments, picks one, and is told that the
/// same person raised it before (the earlier case, ranked with its similarity); the hot topics show the real data's issues.
/// </summary>
public sealed class TextJourneyTests(WebServerFixture server) : IClassFixture<WebServerFixture>
{
    private const string Detail = "丽发新城小区旁边的搅拌站从早到晚生产，粉尘和噪音严重影响小区居民的正常生活，晚上还有大型车辆进出，请求有关部门尽快依法处理。";

    /// <summary>The routing model trains in the background at the first start; the desk shows suggestions once it is ready.</summary>
    private async Task WaitForModelAsync(IPage page)
    {
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (waited.Elapsed < TimeSpan.FromMinutes(4))
        {
            var status = await page.Context.APIRequest.GetAsync(server.BaseUrl + "/api/text/routing");
            var json = JsonDocument.Parse(await status.TextAsync()).RootElement;
            if (json.GetProperty("state").GetString() == "Ready")
            {
                return;
            }
            await Task.Delay(1000);
        }
        throw new TimeoutException("the routing model did not become ready");
    }

    [Fact]
    public async Task A_clerk_sees_suggestions_picks_one_and_is_told_of_the_earlier_case_of_the_same_person()
    {
        var clerk = await server.SignedInPageAsync("clerk");
        await WaitForModelAsync(clerk);
        // The same person wrote last month (through the API, as the online platform does).
        var first = await clerk.Context.APIRequest.PostAsync(server.BaseUrl + "/api/cases", new()
        {
            DataObject = new
            {
                kind = "Petition", channel = "OnlinePetition", title = "丽发新城小区旁搅拌站粉尘噪音扰民", detail = Detail, divisionCode = "370505001001",
                parties = new[] { new { name = "周海燕", phone = "13905468888", isRepresentative = false } },
            },
        });
        Assert.Equal(201, first.Status);
        var earlierCode = JsonDocument.Parse(await first.TextAsync()).RootElement.GetProperty("trackingCode").GetString()!;

        await server.OpenAsync(clerk, "/cases/new");
        await Field(clerk, "intake-title").EnterAsync("再次反映丽发新城搅拌站噪音粉尘问题");
        await Field(clerk, "intake-detail").EnterAsync("上个月反映后仍未解决。" + Detail);
        var suggestion = clerk.Locator("[data-testid=route-suggestion-0]");
        await Assertions.Expect(suggestion).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await Assertions.Expect(suggestion).ToContainTextAsync("%");
        await Assertions.Expect(clerk.Locator("[data-testid=route-suggestion-2]")).ToBeVisibleAsync();
        var label = await suggestion.InnerTextAsync();
        var category = label.Split('·')[0].Trim();
        Assert.Contains(category, new[] { "城乡建设", "环境保护" });
        Assert.Contains("局", label.Split('·')[1], StringComparison.Ordinal);

        await suggestion.ClickAsync();
        await Assertions.Expect(Field(clerk, "intake-category")).ToHaveValueAsync(category);

        await Field(clerk, "party-name-0").EnterAsync("周海燕");
        await Field(clerk, "party-phone-0").EnterAsync("13905468888");
        var earlier = clerk.Locator("[data-testid=earlier-cases]");
        await Assertions.Expect(earlier).ToContainTextAsync(earlierCode, new() { Timeout = 30_000 });
        await Assertions.Expect(clerk.Locator("[data-testid=repeat-warning]")).ToBeVisibleAsync();
        await Assertions.Expect(earlier.Locator("[data-testid=earlier-case]").First).ToContainTextAsync("重复信访");
        await Assertions.Expect(earlier.Locator("[data-testid=earlier-case]").First).ToContainTextAsync(new Regex(@"\d+%"));
        await server.ScreenshotAsync(clerk, "intake-suggestions");

        await PickAsync(clerk, "intake-place", "垦利街道", "垦利街道");
        await SubmitIntakeAsync(clerk);
        await clerk.WaitForURLAsync(new Regex(@"/cases/KL-\d{4}-\d{6}$"), new() { Timeout = 120_000 });
        await Assertions.Expect(clerk.Locator(".mud-alert").Filter(new() { HasText = earlierCode }).First).ToBeVisibleAsync();
    }

    [Fact]
    public async Task The_hot_topics_page_ranks_the_real_data_sets_issues()
    {
        var clerk = await server.SignedInPageAsync("clerk");
        await server.OpenAsync(clerk, "/text/hot-topics");
        var names = clerk.Locator("[data-testid=hot-topic-name]");
        await Assertions.Expect(names.First).ToContainTextAsync("丽发新城");
        await names.First.ClickAsync();
        await Assertions.Expect(clerk.Locator("#topic-1")).ToContainTextAsync("KL-");
        await server.ScreenshotAsync(clerk, "hot-topics");

        await server.OpenAsync(clerk, "/");
        await Assertions.Expect(clerk.Locator("[data-testid=hot-topics-panel] [data-testid=hot-topic]").First).ToContainTextAsync("丽发新城");
    }

    [Fact]
    public async Task The_reply_flags_show_under_the_draft_before_it_goes_out()
    {
        // A case registered, accepted, assigned and taken up through the API, as the desks do.
        var handler = await server.SignedInPageAsync("clerk");
        var api = handler.Context.APIRequest;
        var units = JsonDocument.Parse(await (await api.GetAsync(server.BaseUrl + "/api/units?division=370505")).TextAsync()).RootElement;
        var housing = units.EnumerateArray().First(u => u.GetProperty("name").GetString() == "垦利区住房和城乡建设局").GetProperty("id").GetString();
        var created = await api.PostAsync(server.BaseUrl + "/api/cases", new()
        {
            DataObject = new
            {
                kind = "Petition", channel = "Visit", title = "垦利街道新兴路路灯损坏", detail = "新兴路中段十几盏路灯损坏一个多月，晚上行人看不见路。", divisionCode = "370505001001",
                parties = new[] { new { name = "吴德明", phone = "13905469999", isRepresentative = false } },
            },
        });
        var code = JsonDocument.Parse(await created.TextAsync()).RootElement.GetProperty("trackingCode").GetString();
        foreach (var (action, version) in new[] { ("Accept", 1), ("Assign", 2), ("StartHandling", 3) })
        {
            var acted = await api.PostAsync($"{server.BaseUrl}/api/cases/{code}/actions", new() { DataObject = new { action, expectedVersion = version, unitId = housing } });
            Assert.Equal(200, acted.Status);
        }

        await server.OpenAsync(handler, $"/cases/{code}");
        await Assertions.Expect(handler.Locator("[data-testid=case-state]")).ToHaveTextAsync("办理中");
        await ChooseAsync(handler, "action-select", "起草答复并报送签发");
        await Field(handler, "action-text").EnterAsync("已转交有关部门处理。");

        var checks = handler.Locator("[data-testid=reply-checks]");
        await Assertions.Expect(checks).ToBeVisibleAsync();
        await Assertions.Expect(checks.Locator("[data-testid=reply-flag-too-short]")).ToBeVisibleAsync();
        await Assertions.Expect(checks.Locator("[data-testid=reply-flag-no-remedy]")).ToBeVisibleAsync();
        await server.ScreenshotAsync(handler, "reply-checks");
        // The drafter sends it anyway: it waits for sign-off and nothing reaches the resident yet.
        await handler.ClickAsync("[data-testid=action-apply]");
        await Assertions.Expect(handler.Locator("[data-testid=pending-reply]")).ToBeVisibleAsync();
        await Assertions.Expect(handler.Locator("[data-testid=case-state]")).ToHaveTextAsync("办理中");

        // The bureau's deputy director opens the case: choosing 签发 shows the draft and its flags before anything goes out.
        var chief = await server.SignedInPageAsync("housing.chief");
        await server.OpenAsync(chief, $"/cases/{code}");
        await Assertions.Expect(chief.Locator("[data-testid=pending-reply-text]")).ToHaveTextAsync("已转交有关部门处理。");
        await ChooseAsync(chief, "action-select", "签发答复意见");
        var signerChecks = chief.Locator("[data-testid=reply-checks]");
        await Assertions.Expect(signerChecks.Locator("[data-testid=reply-flag-too-short]")).ToBeVisibleAsync();
        await Assertions.Expect(signerChecks.Locator("[data-testid=reply-flag-no-remedy]")).ToBeVisibleAsync();
        await server.ScreenshotAsync(chief, "reply-signoff-flags");
        await ChooseAsync(chief, "action-select", "退回答复草稿");
        await Field(chief, "action-reason").EnterAsync("未写明处理依据和复查权利，请补充");
        await chief.ClickAsync("[data-testid=action-apply]");
        await Assertions.Expect(chief.Locator("[data-testid=pending-reply]")).ToHaveCountAsync(0);

        // The handler drafts again, properly; the checks pass and the director signs it off.
        await server.OpenAsync(handler, $"/cases/{code}");
        await ChooseAsync(handler, "action-select", "起草答复并报送签发");
        await Field(handler, "action-text").EnterAsync("经查，您反映的问题属实。根据《信访工作条例》第三十二条，已责令责任单位整改完毕。如不服本答复，可在收到之日起30日内申请复查。");
        await Assertions.Expect(checks.Locator("[data-testid=reply-flag-no-remedy]")).ToHaveCountAsync(0);
        await Assertions.Expect(checks.Locator("[data-testid=reply-flag-too-short]")).ToHaveCountAsync(0);
        await handler.ClickAsync("[data-testid=action-apply]");
        await Assertions.Expect(handler.Locator("[data-testid=pending-reply]")).ToBeVisibleAsync();

        await server.OpenAsync(chief, $"/cases/{code}");
        await ChooseAsync(chief, "action-select", "签发答复意见");
        await Assertions.Expect(signerChecks).ToBeVisibleAsync();
        await Assertions.Expect(signerChecks.Locator("[data-testid=reply-flag-no-remedy]")).ToHaveCountAsync(0);
        await chief.ClickAsync("[data-testid=action-apply]");
        await Assertions.Expect(chief.Locator("[data-testid=case-state]")).ToHaveTextAsync("已答复");
        await Assertions.Expect(chief.Locator("[data-testid=timeline]")).ToContainTextAsync("签发答复意见");
    }
}
