using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Fengqiao.Data;
using Fengqiao.Web.Tests.Infrastructure;
using Fengqiao.Web.Tidal;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;

namespace Fengqiao.Web.Tests.Tidal;

/// <summary>Imports and plans live in the database: another node (or this one after a restart) serves the same.</summary>
public sealed class TidalStoreTests(FengqiaoWebFactory factory) : IClassFixture<FengqiaoWebFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Signed in as the planner, on the Houston real-data example these tests count against (the planner opens on 克拉玛依区).</summary>
    private async Task<HttpClient> OnHoustonAsync()
    {
        var client = await factory.SignedInAsync("police");
        (await client.PostAsync("/api/tidal/dataset/reset?demo=houston", null, Ct)).EnsureSuccessStatusCode();
        return client;
    }

    /// <summary>A second workspace on the same database, as on another web node or after a restart.</summary>
    private TidalWorkspace OtherNode() => factory.TidalWorkspace();

    [Fact]
    public async Task An_import_is_stored_compactly_and_served_by_another_node()
    {
        var client = await OnHoustonAsync();
        const string calls = """
            date_time,beat,call_type,priority
            2023-01-02 08:15:00,521,415,2
            2023-01-02 09:00:00,-1,415,2
            2023-01-03 11:30:00,522,1186,3
            2023-01-09 11:31:00,523,"SECURITY, CHECK",1
            """;
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(calls));
        content.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        try
        {
            var response = await client.PostAsync("/api/tidal/import?preset=sandiego", new MultipartFormDataContent { { content, "file", "stored.csv" } }, Ct);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);

            var other = OtherNode().Dataset;
            Assert.Equal("stored.csv", other.Name);
            Assert.Equal(3, other.Incidents.Count);
            Assert.Equal([3L], other.Errors.Select(e => e.Line));
            var last = other.Incidents.Single(i => i.Area == "523");
            Assert.Equal(new LocalDateTime(2023, 1, 9, 11, 31), last.Time);
            Assert.Equal("SECURITY, CHECK", last.Type);
            Assert.Equal(1, last.Priority);

            await using var db = factory.WholeDatabase();
            var record = await db.TidalDatasets.OrderByDescending(d => d.Id).FirstAsync(Ct);
            Assert.Equal(3, record.IncidentCount);
            Assert.NotNull(record.Incidents);
        }
        finally
        {
            Assert.Equal(HttpStatusCode.OK, (await client.PostAsync("/api/tidal/dataset/reset?demo=houston", null, Ct)).StatusCode);
        }

        // The reset is stored too: the demo data, with no incident bytes.
        Assert.Equal(26_574, OtherNode().Dataset.Incidents.Count);
        await using var check = factory.WholeDatabase();
        Assert.Null((await check.TidalDatasets.OrderByDescending(d => d.Id).FirstAsync(Ct)).Incidents);
    }

    [Fact]
    public async Task The_Karamay_demo_is_stored_as_a_marker_and_another_node_rebuilds_the_same_incidents()
    {
        var client = await factory.SignedInAsync("police");
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync("/api/tidal/dataset/reset", null, Ct)).StatusCode);

        var here = factory.TidalWorkspace().Dataset;
        var there = OtherNode().Dataset;
        Assert.True(there.IsKaramay);
        Assert.Equal(here.Incidents, there.Incidents);
        await using var db = factory.WholeDatabase();
        var record = await db.TidalDatasets.OrderByDescending(d => d.Id).FirstAsync(Ct);
        Assert.Equal(TidalDataset.KaramayName, record.Name);
        Assert.Null(record.Incidents);
    }

    [Fact]
    public async Task A_plan_and_its_hand_edits_are_served_by_another_node()
    {
        var client = await OnHoustonAsync();
        var response = await client.PostAsJsonAsync("/api/tidal/plan", new { areas = 10, officers = 60, timeLimitSeconds = 4, trainTo = "2010-07-03" }, Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var plan = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        var unmet = plan.GetProperty("tidal").GetProperty("unmetDemandHours").GetInt64();

        var other = OtherNode().Plan;
        Assert.NotNull(other);
        Assert.Equal(unmet, other.CurrentMetrics.UnmetDemandHours);
        Assert.Equal(factory.TidalWorkspace().Plan!.Current.Duties, other.Current.Duties);
        Assert.Equal(10, other.Problem.Areas.Count);

        // A hand move on this node is what the other node reads next.
        var duty = other.Current.Duties.First();
        var target = other.Problem.Areas.First(a => a != duty.Area);
        var moved = await client.PostAsJsonAsync("/api/tidal/plan/moves", new { officerId = duty.OfficerId, startHourOfWeek = duty.StartHourOfWeek, area = target }, Ct);
        Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
        var after = OtherNode().Plan!;
        Assert.Equal(1, after.Edits);
        Assert.Equal(target, after.Current.Duties.Single(d => d.OfficerId == duty.OfficerId && d.StartHourOfWeek == duty.StartHourOfWeek).Area);
    }
}
