using System.Net;
using System.Text.Json;
using Fengqiao.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Fengqiao.Web.Tests.Grid;

/// <summary>Grid governance over HTTP: town figures by scope, a visit from the phone, one-click cases, refusals.</summary>
public sealed class GridApiTests(FengqiaoWebFactory factory) : IClassFixture<FengqiaoWebFactory>
{
    private const string DemoGrid = "37050500100101";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response) => await response.Content.ReadFromJsonAsync<JsonElement>(Ct);

    [Fact]
    public async Task The_town_leader_sees_26_grids_and_547_members_and_a_bureau_handler_sees_no_town()
    {
        var town = await JsonAsync(await (await factory.SignedInAsync("townlead")).GetAsync("/api/grid/towns", Ct));
        var handler = await JsonAsync(await (await factory.SignedInAsync("handler")).GetAsync("/api/grid/towns", Ct));

        var kenli = Assert.Single(town.EnumerateArray());
        Assert.Equal("垦利街道", kenli.GetProperty("townName").GetString());
        Assert.Equal(26, kenli.GetProperty("grids").GetInt32());
        Assert.Equal(547, kenli.GetProperty("members").GetInt32());
        Assert.Equal(0, handler.GetArrayLength());
    }

    [Fact]
    public async Task A_grid_member_records_a_visit_and_raises_its_finding_as_a_case_once()
    {
        var grid = await factory.SignedInAsync("grid");
        var created = await grid.PostAsJsonAsync("/api/grid/visits", new
        {
            gridCode = DemoGrid,
            notes = "巡查小区消防设施",
            findings = new[] { new { title = "楼道堆放易燃杂物", description = "3号楼楼道堆放纸箱，堵塞疏散通道", severity = "Urgent" } },
        }, Ct);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var visit = await JsonAsync(created);
        var findingId = visit.GetProperty("findings")[0].GetProperty("id").GetGuid();

        var raised = await grid.PostAsJsonAsync($"/api/grid/findings/{findingId}/case", new { kind = "Petition" }, Ct);
        var again = await grid.PostAsJsonAsync($"/api/grid/findings/{findingId}/case", new { kind = "Petition" }, Ct);

        Assert.Equal(HttpStatusCode.Created, raised.StatusCode);
        var a = await JsonAsync(raised);
        var b = await JsonAsync(again);
        Assert.Equal("GridInspection", a.GetProperty("channel").GetString());
        Assert.Equal(a.GetProperty("trackingCode").GetString(), b.GetProperty("trackingCode").GetString());
        var reread = await JsonAsync(await grid.GetAsync($"/api/grid/visits/{visit.GetProperty("id").GetGuid()}", Ct));
        Assert.Equal(a.GetProperty("trackingCode").GetString(), reread.GetProperty("findings")[0].GetProperty("caseTrackingCode").GetString());
        // The case is an ordinary case: the grid member sees it in the queue of its village.
        var caseView = await grid.GetAsync($"/api/cases/{a.GetProperty("trackingCode").GetString()}", Ct);
        Assert.Equal(HttpStatusCode.OK, caseView.StatusCode);
    }

    [Fact]
    public async Task Refused_visits_answer_with_a_localised_reason_and_store_nothing()
    {
        await using var db = factory.Database.Context();
        var before = await db.InspectionVisits.CountAsync(Ct);
        var grid = await factory.SignedInAsync("grid");
        var town = await factory.SignedInAsync("townlead");

        var noNotes = await grid.PostAsJsonAsync("/api/grid/visits", new { gridCode = DemoGrid, notes = "" }, Ct);
        var notMember = await town.PostAsJsonAsync("/api/grid/visits", new { gridCode = DemoGrid, notes = "巡查" }, Ct);
        var outOfScope = await grid.PostAsJsonAsync("/api/grid/visits", new { gridCode = "37050500101301", notes = "巡查" }, Ct);
        var badMonth = await grid.GetAsync($"/api/grid/grids/{DemoGrid}/plan?month=11-2026", Ct);
        var noFinding = await (await factory.SignedInAsync("handler")).PostAsJsonAsync($"/api/grid/findings/{Guid.NewGuid()}/case", new { }, Ct);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, noNotes.StatusCode);
        Assert.Equal("巡查情况不能为空", (await JsonAsync(noNotes)).GetProperty("title").GetString());
        Assert.Equal(HttpStatusCode.UnprocessableEntity, notMember.StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, outOfScope.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, badMonth.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, noFinding.StatusCode);
        Assert.Equal(before, await db.InspectionVisits.CountAsync(Ct));
    }

    [Fact]
    public async Task English_callers_get_the_english_reason()
    {
        var grid = await factory.SignedInAsync("grid");
        var response = await grid.PostAsJsonAsync("/api/grid/visits?culture=en&ui-culture=en", new { gridCode = DemoGrid, notes = " " }, Ct);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("describe what was inspected", (await JsonAsync(response)).GetProperty("title").GetString());
    }
}
