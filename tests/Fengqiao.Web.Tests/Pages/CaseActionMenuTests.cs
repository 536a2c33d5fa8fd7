using System.Net;
using System.Text.Json;
using Fengqiao.Core.Cases;
using Fengqiao.Web.Tests.Infrastructure;

namespace Fengqiao.Web.Tests.Pages;

/// <summary>The case page's action menu, rendered by the real host: it offers what the case accepts from the viewer, no more.</summary>
public sealed class CaseActionMenuTests(FengqiaoWebFactory factory) : IClassFixture<FengqiaoWebFactory>
{
    [Fact]
    public async Task The_menu_offers_extension_decisions_only_while_a_request_waits_and_not_to_its_requester()
    {
        var ct = TestContext.Current.CancellationToken;
        var clerk = await factory.SignedInAsync("clerk");
        var created = await (await clerk.PostAsJsonAsync("/api/cases", new
        {
            kind = "Petition", channel = "Visit", title = "小区电梯长期停运", divisionCode = "370505001001",
            parties = new[] { new { name = "周立新", phone = "13900008888", isRepresentative = false } },
        }, ct)).Content.ReadFromJsonAsync<JsonElement>(ct);
        var code = created.GetProperty("trackingCode").GetString()!;
        Guid housing;
        await using (var db = factory.Database.Context())
        {
            housing = db.Units.Single(u => u.Name == "垦利区住房和城乡建设局").Id;
        }
        await Act(clerk, code, new { action = "Accept", expectedVersion = 1 });
        await Act(clerk, code, new { action = "Assign", expectedVersion = 2, unitId = housing });
        var handler = await factory.SignedInAsync("handler");
        await Act(handler, code, new { action = "StartHandling", expectedVersion = 3 });

        // No extension asked for and nothing suspended: neither decision nor 恢复办理 is on the menu, 申请延期 is.
        var offers = await Offers(handler, code);
        Assert.Contains(nameof(CaseAction.RequestExtension), offers);
        Assert.DoesNotContain(nameof(CaseAction.ApproveExtension), offers);
        Assert.DoesNotContain(nameof(CaseAction.RejectExtension), offers);
        Assert.DoesNotContain(nameof(CaseAction.ResumeHandling), offers);

        // Once the handler asks, a colleague of the housing bureau may decide; the handler may not decide their own request.
        await Act(handler, code, new { action = "RequestExtension", expectedVersion = 4, days = 10, reason = "需委托房屋安全鉴定" });
        var chief = await factory.SignedInAsync("housing.chief");
        Assert.Contains(nameof(CaseAction.ApproveExtension), await Offers(chief, code));
        Assert.DoesNotContain(nameof(CaseAction.ApproveExtension), await Offers(handler, code));
    }

    // The menu's items render only when it opens, so the page states what it offers on the menu's panel.
    private static async Task<string[]> Offers(HttpClient client, string code)
    {
        var page = await client.GetStringAsync($"/cases/{code}", TestContext.Current.CancellationToken);
        var match = System.Text.RegularExpressions.Regex.Match(page, "data-offers=\"([^\"]*)\"");
        Assert.True(match.Success, "the case page shows no action menu");
        return match.Groups[1].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries);
    }

    private static async Task Act(HttpClient client, string code, object body)
    {
        var response = await client.PostAsJsonAsync($"/api/cases/{code}/actions", body, TestContext.Current.CancellationToken);
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }
}
