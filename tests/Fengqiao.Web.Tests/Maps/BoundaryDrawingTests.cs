using System.Net;
using System.Text;
using System.Text.Json;
using Fengqiao.Core.Places;
using Fengqiao.Data.Places;
using Fengqiao.Testing;
using Fengqiao.Testing.Places;
using Fengqiao.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Fengqiao.Web.Tests.Maps;

/// <summary>
/// 网格划分 through the API, with the made-up 垦利区 boundaries imported (the district 118.40–118.80 E, 37.40–37.80 N;
/// 垦利街道 118.50–118.60 E, 37.55–37.65 N): a town leader's valid outline is stored and placement uses it at once; an
/// outline that crosses itself or leaves the district, a grid that leaves its village (和平社区 118.50–118.55 E,
/// 37.55–37.60 N), a village outside the leader's town, and a role that may not draw are refused, and nothing is saved.
/// An outline is removed by the same people, and placement falls back at once.
/// </summary>
public sealed class BoundaryDrawingTests(FengqiaoWebFactory factory) : IClassFixture<FengqiaoWebFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string Square(double west, double south, double east, double north) => JsonSerializer.Serialize(new
    {
        type = "Polygon",
        coordinates = new[] { new[] { new[] { west, south }, new[] { east, south }, new[] { east, north }, new[] { west, north }, new[] { west, south } } },
    });

    private static StringContent GeoJson(string json) => new(json, Encoding.UTF8, "application/geo+json");

    private async Task ImportAsync()
    {
        await using var db = factory.Database.Context();
        await new BoundaryImporter(db, TestTime.Clock, factory.Services.GetRequiredService<BoundaryPlacement>()).ImportAsync(BoundaryFixture.KenliPath, ct: Ct);
    }

    /// <summary>A village of the town without an outline in the fixture (和平社区 and 永兴社区 have one).</summary>
    private async Task<string> VillageOfAsync(string town, int skip = 0)
    {
        await using var db = factory.Database.Context();
        return await db.Divisions.Where(d => d.ParentCode == town && d.Level == Core.Organisations.DivisionLevel.Village && d.Code != "370505001001" && d.Code != "370505001002")
            .OrderBy(d => d.Code).Select(d => d.Code).Skip(skip).FirstAsync(Ct);
    }

    private async Task<int> StoredAsync(BoundaryKind kind, string code)
    {
        await using var db = factory.Database.Context();
        return await db.Boundaries.CountAsync(b => b.Kind == kind && b.Code == code, Ct);
    }

    private async Task<PointPlace?> PlaceAsync(double latitude, double longitude) =>
        await factory.Services.GetRequiredService<IPointPlacement>().PlaceAsync(new GeoPoint(latitude, longitude), "370505", Ct);

    [Fact]
    public async Task A_town_leaders_village_and_grid_outlines_are_stored_and_placement_uses_them_at_once()
    {
        await ImportAsync();
        var village = await VillageOfAsync("370505001");
        var leader = await factory.SignedInAsync("townlead");
        Assert.Equal(new PointPlace("370505001", false), await PlaceAsync(37.63, 118.57)); // 垦利街道 only, before the drawing

        var created = await leader.PutAsync($"/api/places/boundaries/village/{village}", GeoJson(Square(118.56, 37.62, 118.58, 37.64)), Ct);
        Assert.True(created.StatusCode == HttpStatusCode.Created, await created.Content.ReadAsStringAsync(Ct));
        Assert.Equal(new PointPlace(village, false), await PlaceAsync(37.63, 118.57));

        // Editing is drawing again: the outline is replaced (a Feature is accepted too) and placement follows it.
        var feature = $$"""{"type":"Feature","properties":{},"geometry":{{Square(118.56, 37.60, 118.58, 37.62)}}}""";
        var replaced = await leader.PutAsync($"/api/places/boundaries/village/{village}", GeoJson(feature), Ct);
        Assert.True(replaced.StatusCode == HttpStatusCode.OK, await replaced.Content.ReadAsStringAsync(Ct));
        Assert.Equal(1, await StoredAsync(BoundaryKind.Village, village));
        Assert.Equal(new PointPlace(village, false), await PlaceAsync(37.61, 118.57));
        Assert.Equal(new PointPlace("370505001", false), await PlaceAsync(37.63, 118.57));
        var current = await leader.GetStringAsync($"/api/places/boundaries/village/{village}", Ct);
        Assert.Contains("118.58", current, StringComparison.Ordinal);

        // A grid answers its village (one of a village known only by its centre: no village outline to stay inside).
        string grid, gridVillage;
        await using (var db = factory.Database.Context())
        {
            var row = await db.Grids.Where(g => g.VillageCode.StartsWith("370505001") && g.VillageCode != "370505001001").OrderBy(g => g.Code).FirstAsync(Ct);
            (grid, gridVillage) = (row.Code, row.VillageCode);
        }
        var drawnGrid = await leader.PutAsync($"/api/places/boundaries/grid/{grid}", GeoJson(Square(118.585, 37.56, 118.595, 37.57)), Ct);
        Assert.True(drawnGrid.StatusCode == HttpStatusCode.Created, await drawnGrid.Content.ReadAsStringAsync(Ct));
        Assert.Equal(new PointPlace(gridVillage, false), await PlaceAsync(37.565, 118.59));
    }

    [Fact]
    public async Task An_outline_that_crosses_itself_or_leaves_the_district_is_refused_with_a_message_and_nothing_is_saved()
    {
        await ImportAsync();
        var village = await VillageOfAsync("370505001", skip: 1);
        var leader = await factory.SignedInAsync("townlead");

        var bowTie = """{"type":"Polygon","coordinates":[[[118.52,37.61],[118.54,37.63],[118.54,37.61],[118.52,37.63],[118.52,37.61]]]}""";
        var crossing = await leader.PutAsync($"/api/places/boundaries/village/{village}", GeoJson(bowTie), Ct);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, crossing.StatusCode);
        Assert.Contains("自相交", await crossing.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);

        var outside = await leader.PutAsync($"/api/places/boundaries/village/{village}", GeoJson(Square(118.75, 37.70, 118.90, 37.75)), Ct);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, outside.StatusCode);
        Assert.Contains("超出垦利区的范围", await outside.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);

        var line = await leader.PutAsync($"/api/places/boundaries/village/{village}", GeoJson("""{"type":"LineString","coordinates":[[118.52,37.61],[118.54,37.63]]}"""), Ct);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, line.StatusCode);
        var garbage = await leader.PutAsync($"/api/places/boundaries/village/{village}", GeoJson("not json"), Ct);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, garbage.StatusCode);

        Assert.Equal(0, await StoredAsync(BoundaryKind.Village, village));
    }

    [Fact]
    public async Task A_grid_must_lie_inside_its_villages_outline_with_twenty_metres_of_slack()
    {
        await ImportAsync();
        const string grid = "37050500100102"; // 和平社区's second grid
        var leader = await factory.SignedInAsync("townlead");

        var outside = await leader.PutAsync($"/api/places/boundaries/grid/{grid}", GeoJson(Square(118.54, 37.56, 118.56, 37.57)), Ct);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, outside.StatusCode);
        Assert.Contains("网格边界超出和平社区", await outside.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal(0, await StoredAsync(BoundaryKind.Grid, grid));

        // Drawn along the village's east edge and about 10 m over it: inside, as the map shows the edge.
        var inside = await leader.PutAsync($"/api/places/boundaries/grid/{grid}", GeoJson(Square(118.53, 37.56, 118.5501, 37.57)), Ct);
        Assert.True(inside.StatusCode == HttpStatusCode.Created, await inside.Content.ReadAsStringAsync(Ct));
        Assert.Equal(1, await StoredAsync(BoundaryKind.Grid, grid));
    }

    [Fact]
    public async Task A_drawn_outline_is_deleted_by_those_who_draw_and_placement_falls_back_at_once()
    {
        await ImportAsync();
        var village = await VillageOfAsync("370505001", skip: 3);
        var leader = await factory.SignedInAsync("townlead");
        var drawn = await leader.PutAsync($"/api/places/boundaries/village/{village}", GeoJson(Square(118.57, 37.57, 118.58, 37.58)), Ct);
        Assert.True(drawn.StatusCode == HttpStatusCode.Created, await drawn.Content.ReadAsStringAsync(Ct));
        Assert.Equal(new PointPlace(village, false), await PlaceAsync(37.575, 118.575));

        var grid = await factory.SignedInAsync("grid");
        Assert.Equal(HttpStatusCode.Forbidden, (await grid.DeleteAsync($"/api/places/boundaries/village/{village}", Ct)).StatusCode);
        var district = await factory.SignedInAsync("distlead");
        var otherTown = await VillageOfAsync("370505002");
        Assert.Equal(HttpStatusCode.NotFound, (await leader.DeleteAsync($"/api/places/boundaries/village/{otherTown}", Ct)).StatusCode);
        Assert.Equal(1, await StoredAsync(BoundaryKind.Village, village));

        var deleted = await leader.DeleteAsync($"/api/places/boundaries/village/{village}", Ct);
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Equal(0, await StoredAsync(BoundaryKind.Village, village));
        Assert.Equal(new PointPlace("370505001", false), await PlaceAsync(37.575, 118.575)); // the cache forgot it
        Assert.Equal(HttpStatusCode.NotFound, (await leader.DeleteAsync($"/api/places/boundaries/village/{village}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await district.DeleteAsync("/api/places/boundaries/town/370505001", Ct)).StatusCode);
    }

    [Theory]
    [InlineData("grid")]     // grid member: works in the grids, does not divide them
    [InlineData("handler")]
    [InlineData("clerk")]
    public async Task A_role_that_may_not_draw_is_refused_and_nothing_is_saved(string userName)
    {
        await ImportAsync();
        var village = await VillageOfAsync("370505001", skip: 2);
        var client = await factory.SignedInAsync(userName);
        var response = await client.PutAsync($"/api/places/boundaries/village/{village}", GeoJson(Square(118.51, 37.61, 118.52, 37.62)), Ct);
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(0, await StoredAsync(BoundaryKind.Village, village));
    }

    [Fact]
    public async Task A_village_outside_the_leaders_town_answers_like_one_that_does_not_exist()
    {
        await ImportAsync();
        var elsewhere = await VillageOfAsync("370505002");
        var leader = await factory.SignedInAsync("townlead");
        var response = await leader.PutAsync($"/api/places/boundaries/village/{elsewhere}", GeoJson(Square(118.61, 37.56, 118.62, 37.57)), Ct);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var unknown = await leader.PutAsync("/api/places/boundaries/village/370505001999", GeoJson(Square(118.51, 37.61, 118.52, 37.62)), Ct);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(0, await StoredAsync(BoundaryKind.Village, elsewhere));

        // The district leader draws it.
        var district = await factory.SignedInAsync("distlead");
        var drawn = await district.PutAsync($"/api/places/boundaries/village/{elsewhere}", GeoJson(Square(118.61, 37.56, 118.62, 37.57)), Ct);
        Assert.True(drawn.StatusCode == HttpStatusCode.Created, await drawn.Content.ReadAsStringAsync(Ct));
    }

    [Fact]
    public async Task The_ledger_and_dashboard_maps_draw_the_viewers_outlines_with_a_legend()
    {
        await ImportAsync();
        var leader = await factory.SignedInAsync("townlead");
        var ledger = await leader.GetStringAsync("/ledger", Ct);
        Assert.Matches("data-outlines=\"[1-9]", ledger);
        Assert.Contains("data-testid=\"ledger-map-legend\"", ledger, StringComparison.Ordinal);
        Assert.Contains("data-outline-kind=\"district\"", ledger, StringComparison.Ordinal);
        Assert.Contains("乡镇（街道）界", ledger, StringComparison.Ordinal);

        var drawPage = await leader.GetAsync("/grid/boundaries", Ct);
        Assert.Equal(HttpStatusCode.OK, drawPage.StatusCode);
        var grid = await factory.SignedInAsync("grid");
        var refused = await grid.GetAsync("/grid/boundaries", Ct);
        Assert.DoesNotContain("draw-map", await refused.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }
}
