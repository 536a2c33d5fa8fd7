using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Fengqiao.Core.Cases;
using Fengqiao.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Fengqiao.Web.Tests.Pages;

/// <summary>The whistle page, rendered by the real host, offers each person the actions Core's Whistle.Offers allows them.</summary>
public sealed class WhistleActionOffersTests(FengqiaoWebFactory factory) : IClassFixture<FengqiaoWebFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Escalation_is_not_offered_once_the_case_is_closed_and_each_department_is_offered_only_its_own_next_step()
    {
        Guid caseId, housing, market;
        string code;
        await using (var db = factory.Database.Context())
        {
            housing = await db.Units.Where(u => u.Name == "垦利区住房和城乡建设局").Select(u => u.Id).SingleAsync(Ct);
            market = await db.Units.Where(u => u.Name == "垦利区市场监督管理局").Select(u => u.Id).SingleAsync(Ct);
            var c = await db.Cases.Where(x => x.DivisionCode.StartsWith("370505") && x.State != CaseState.Closed && !db.Whistles.Any(w => w.CaseId == x.Id))
                .OrderBy(x => x.TrackingCode).Select(x => new { x.TrackingCode, x.Id }).FirstAsync(Ct);
            (code, caseId) = (c.TrackingCode, c.Id);
        }
        var clerk = await factory.SignedInAsync("clerk");
        var blown = await clerk.PostAsJsonAsync($"/api/cases/{code}/whistles", new
        {
            source = "ResidentRequest", level = "Community", reason = "社区协调不动，需部门报到",
            departments = new[] { new { departmentId = housing, task = "排查管网" }, new { departmentId = market, task = "查处违规排放" } },
        }, Ct);
        Assert.Equal(HttpStatusCode.Created, blown.StatusCode);
        var id = (await blown.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetGuid();

        // The blowing unit may escalate by hand (with a reason) and is not yet offered 闭环: both departments still owe a result.
        var page = await clerk.GetStringAsync($"/whistles/{id}", Ct);
        Assert.Contains("data-testid=\"escalate\"", page, StringComparison.Ordinal);
        Assert.DoesNotContain("Close", Offers(page, null));
        // The summoned housing bureau reports for duty on its own row only, and rates nobody.
        var handler = await factory.SignedInAsync("handler");
        var seen = await handler.GetStringAsync($"/whistles/{id}", Ct);
        Assert.Equal(["Acknowledge", "Refuse"], Offers(seen, housing));
        Assert.Empty(Offers(seen, market));

        // Once the case is closed, its whistle is no longer escalated: the page stops offering it, and the API still refuses it.
        await using (var db = factory.Database.Context())
        {
            await db.Cases.Where(c => c.Id == caseId).ExecuteUpdateAsync(x => x.SetProperty(c => c.State, CaseState.Closed), Ct);
        }
        page = await clerk.GetStringAsync($"/whistles/{id}", Ct);
        Assert.DoesNotContain("data-testid=\"escalate\"", page, StringComparison.Ordinal);
        Assert.DoesNotContain("Escalate", Offers(page, null));
        var refused = await clerk.PostAsJsonAsync($"/api/whistles/{id}/actions", new { action = "Escalate", expectedVersion = 1, text = "区领导要求提级" }, Ct);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.Equal("案件已办结，吹哨不能再升级", (await refused.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("title").GetString());
    }

    // What the page offers on one department's row, or on the whole whistle (null).
    private static string[] Offers(string page, Guid? department)
    {
        var pattern = department is { } d
            ? $"<tr[^>]*data-department=\"{d}\"[^>]*data-offers=\"([^\"]*)\""
            : "data-testid=\"whistle\"[^>]*data-offers=\"([^\"]*)\"|data-offers=\"([^\"]*)\"[^>]*data-testid=\"whistle\"";
        var match = Regex.Match(page, pattern);
        Assert.True(match.Success, $"the page shows no offers for {department?.ToString() ?? "the whistle"}");
        var value = match.Groups[1].Success ? match.Groups[1].Value : match.Groups[2].Value;
        return value.Split(' ', StringSplitOptions.RemoveEmptyEntries);
    }
}
