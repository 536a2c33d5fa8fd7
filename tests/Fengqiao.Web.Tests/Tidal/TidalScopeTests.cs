using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Fengqiao.Core.Organisations;
using Fengqiao.Data;
using Fengqiao.Data.Accounts;
using Fengqiao.Data.Organisations;
using Fengqiao.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Fengqiao.Web.Tests.Tidal;

/// <summary>
/// A unit's tidal data are its own (潮汐勤务数据归属单位): the demo planner of 370505 and a planner of 青浦区's
/// 情指行 centre, through the real host, each list and open only their own unit's datasets and rosters.
/// </summary>
public sealed class TidalScopeTests(FengqiaoWebFactory factory) : IClassFixture<FengqiaoWebFactory>
{
    private const string OtherPlanner = "qingpu.police";
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<HttpClient> OtherDistrictPlannerAsync()
    {
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<FengqiaoDbContext>();
            var centre = await db.Set<Unit>().SingleAsync(u => u.DivisionCode == "310118" && u.Kind == UnitKind.PoliceCommand, Ct);
            var accounts = scope.ServiceProvider.GetRequiredService<StaffAccounts>();
            await accounts.CreateAsync(new NewAccount(OtherPlanner, "青浦区情指行勤务 钱坤", "Fengqiao@2026", centre.Id, [StaffRole.PolicePlanner]), Ct);
        }

        return await factory.SignedInAsync(OtherPlanner);
    }

    [Fact]
    public async Task A_planner_of_another_district_neither_lists_nor_opens_a_units_data_and_every_listed_row_opens()
    {
        var police = await factory.SignedInAsync("police");
        (await police.PostAsync("/api/tidal/dataset/reset?demo=houston", null, Ct)).EnsureSuccessStatusCode();
        var solved = await police.PostAsJsonAsync("/api/tidal/plan", new { areas = 10, officers = 40, timeLimitSeconds = 3, trainTo = "2010-07-03" }, Ct);
        Assert.Equal(HttpStatusCode.OK, solved.StatusCode);
        var policePlans = await police.GetFromJsonAsync<JsonElement>("/api/tidal/plans", Ct);
        Assert.NotEqual(0, policePlans.GetArrayLength());

        // The other district's planner starts on the shipped demo district, not on 370505's Houston import …
        var qingpu = await OtherDistrictPlannerAsync();
        var dataset = await qingpu.GetFromJsonAsync<JsonElement>("/api/tidal/dataset", Ct);
        Assert.NotEqual(26_574, dataset.GetProperty("incidents").GetInt32());
        Assert.Equal(0, (await qingpu.GetFromJsonAsync<JsonElement>("/api/tidal/plans", Ct)).GetArrayLength());
        Assert.Equal(HttpStatusCode.NotFound, (await qingpu.GetAsync("/api/tidal/plan", Ct)).StatusCode);

        // … and opening 370505's roster by its id answers exactly like one that does not exist.
        foreach (var row in policePlans.EnumerateArray())
        {
            var id = row.GetProperty("id").GetInt64();
            Assert.Equal(HttpStatusCode.OK, (await police.GetAsync($"/api/tidal/plans/{id}", Ct)).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await qingpu.GetAsync($"/api/tidal/plans/{id}", Ct)).StatusCode);
        }

        Assert.Equal(HttpStatusCode.NotFound, (await qingpu.GetAsync("/api/tidal/plans/999999", Ct)).StatusCode);

        // An import by 青浦 stays 青浦's: 370505 still works on its Houston data.
        const string calls = """
            date_time,beat,call_type,priority
            2023-01-02 08:15:00,521,415,2
            2023-01-03 11:30:00,522,1186,3
            """;
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(calls));
        content.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        Assert.Equal(HttpStatusCode.OK, (await qingpu.PostAsync("/api/tidal/import?preset=sandiego", new MultipartFormDataContent { { content, "file", "qingpu.csv" } }, Ct)).StatusCode);
        Assert.Equal("qingpu.csv", (await qingpu.GetFromJsonAsync<JsonElement>("/api/tidal/dataset", Ct)).GetProperty("name").GetString());
        Assert.Equal(26_574, (await police.GetFromJsonAsync<JsonElement>("/api/tidal/dataset", Ct)).GetProperty("incidents").GetInt32());
        Assert.Equal(HttpStatusCode.OK, (await police.GetAsync("/api/tidal/plan", Ct)).StatusCode);

        // Every row each planner lists opens for that planner.
        foreach (var client in new[] { police, qingpu })
        {
            foreach (var row in (await client.GetFromJsonAsync<JsonElement>("/api/tidal/plans", Ct)).EnumerateArray())
            {
                Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/api/tidal/plans/{row.GetProperty("id").GetInt64()}", Ct)).StatusCode);
            }
        }
    }
}
