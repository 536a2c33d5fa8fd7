using System.Text.Json;
using Fengqiao.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Fengqiao.Web.Tests.Mediation;

/// <summary>The time-limit warnings through the web: the API's LimitStatus, the flag in the mediation list, and a mediator's work list with the warned cases first.</summary>
public sealed class MediationLimitWebTests(FengqiaoWebFactory factory) : IClassFixture<FengqiaoWebFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_demo_mediation_past_its_limit_is_flagged_in_the_api_the_list_and_its_mediators_work_list()
    {
        Guid chen;
        await using (var db = factory.Database.Context())
        {
            chen = await db.Mediators.Where(m => m.Name == "陈立新").Select(m => m.Id).SingleAsync(Ct);
        }
        var client = await factory.SignedInAsync("judicial");

        var rows = (await client.GetFromJsonAsync<JsonElement>($"/api/mediation/mediations?mediator={chen}", Ct)).EnumerateArray().ToList();
        Assert.NotEmpty(rows);
        Assert.Equal("Overdue", rows[0].GetProperty("limitStatus").GetString());
        Assert.Equal("InMediation", rows[0].GetProperty("state").GetString());
        Assert.All(rows.Skip(1), r => Assert.NotEqual("Overdue", r.GetProperty("limitStatus").GetString()));

        var list = await client.GetStringAsync("/mediation", Ct);
        Assert.Contains("data-testid=\"mediation-overdue\"", list, StringComparison.Ordinal);
        Assert.Contains("已超期", list, StringComparison.Ordinal);

        var worklist = await client.GetStringAsync($"/mediation/mediators/{chen}", Ct);
        Assert.Contains("陈立新 的调解工作清单", worklist, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"mediation-overdue\"", worklist, StringComparison.Ordinal);
        Assert.Contains("已超期 1 件", worklist, StringComparison.Ordinal);

        // A mediator outside the caller's scope is simply not found.
        var other = await factory.SignedInAsync("qingpu.clerk");
        Assert.Contains("data-testid=\"mediator-missing\"", await other.GetStringAsync($"/mediation/mediators/{chen}", Ct), StringComparison.Ordinal);
    }
}
