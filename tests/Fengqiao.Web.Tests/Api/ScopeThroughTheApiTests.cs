using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Fengqiao.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Fengqiao.Web.Tests.Api;

/// <summary>Signing in as each demo role shows that role's scope, end to end through cookie, claims and query filter.</summary>
public sealed class ScopeThroughTheApiTests(FengqiaoWebFactory factory) : IClassFixture<FengqiaoWebFactory>
{
    private async Task<int> TotalAsync(string userName)
    {
        var client = await factory.SignedInAsync(userName);
        var page = await client.GetFromJsonAsync<JsonElement>("/api/cases?take=1", TestContext.Current.CancellationToken);
        return page.GetProperty("total").GetInt32();
    }

    [Fact]
    public async Task Each_role_sees_its_own_scope()
    {
        await using var db = factory.Database.Context();
        var ct = TestContext.Current.CancellationToken;
        var all = await db.Cases.CountAsync(ct);
        var kenli = await db.Cases.CountAsync(c => c.DivisionCode.StartsWith("370505"), ct);
        var qingpu = await db.Cases.CountAsync(c => c.DivisionCode.StartsWith("310118"), ct);
        var housing = await db.Units.SingleAsync(u => u.Name == "垦利区住房和城乡建设局", ct);
        var housingCases = await db.Cases.CountAsync(c => c.HandlingUnitId == housing.Id, ct);
        var mine = await db.Cases.CountAsync(c => c.ResidentAccountId != null, ct);

        Assert.Equal(all, await TotalAsync("admin"));
        Assert.Equal(kenli, await TotalAsync("clerk"));
        Assert.Equal(qingpu, await TotalAsync("qingpu.clerk"));
        Assert.Equal(housingCases, await TotalAsync("handler"));
        Assert.Equal(mine, await TotalAsync("resident"));
        Assert.Equal(0, await TotalAsync("police"));
    }

    [Fact]
    public async Task A_case_outside_the_scope_answers_exactly_like_a_case_that_does_not_exist()
    {
        await using var db = factory.Database.Context();
        var qingpuCase = await db.Cases.Where(c => c.DivisionCode.StartsWith("310118")).Select(c => c.TrackingCode).FirstAsync(TestContext.Current.CancellationToken);
        var kenliCase = await db.Cases.Where(c => c.DivisionCode.StartsWith("370505")).Select(c => c.TrackingCode).FirstAsync(TestContext.Current.CancellationToken);
        var client = await factory.SignedInAsync("clerk");

        var mine = await client.GetAsync($"/api/cases/{kenliCase}", TestContext.Current.CancellationToken);
        var theirs = await client.GetAsync($"/api/cases/{qingpuCase}", TestContext.Current.CancellationToken);
        var none = await client.GetAsync("/api/cases/KL-1999-999999", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, mine.StatusCode);
        var detail = await mine.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        Assert.Equal(JsonValueKind.Null, detail.GetProperty("firstBrokenLink").ValueKind);
        Assert.True(detail.GetProperty("events").GetArrayLength() >= 1);
        Assert.Equal(HttpStatusCode.NotFound, theirs.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, none.StatusCode);
        var theirsBody = await theirs.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        var noneBody = await none.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        Assert.Equal(noneBody.GetProperty("title").GetString(), theirsBody.GetProperty("title").GetString());
    }

    [Fact]
    public async Task Me_reports_role_unit_and_scope()
    {
        var client = await factory.SignedInAsync("grid");
        var me = await client.GetFromJsonAsync<JsonElement>("/api/me", TestContext.Current.CancellationToken);
        Assert.Equal("GridMember", me.GetProperty("roles")[0].GetString());
        Assert.Equal("Area", me.GetProperty("scope").GetString());
        Assert.Equal(12, me.GetProperty("area").GetString()!.Length);
    }

    [Fact]
    public async Task Instants_travel_as_ISO_8601_UTC()
    {
        var client = await factory.SignedInAsync("clerk");
        var page = await client.GetFromJsonAsync<JsonElement>("/api/cases?take=1", TestContext.Current.CancellationToken);
        var registered = page.GetProperty("items")[0].GetProperty("registeredAt").GetString();
        Assert.Matches(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$", registered);
    }
}
