using Fengqiao.Core.Places;
using Fengqiao.Data.Places;
using Fengqiao.Testing;
using Fengqiao.Testing.Places;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NetTopologySuite.Features;
using NetTopologySuite.Geometries;

namespace Fengqiao.Data.Tests.Places;

/// <summary>Boundaries imported from the made-up 垦利区 file, and where points then land (see <see cref="BoundaryFixture"/>).</summary>
public sealed class BoundaryPlacementTests(DemoDatabaseFixture fixture) : IClassFixture<DemoDatabaseFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<BoundaryImportResult> ImportAsync(string path, BoundaryKind? kind = null, string? codeProperty = null)
    {
        await using var scope = fixture.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<BoundaryImporter>().ImportAsync(path, kind, codeProperty, ct: Ct);
    }

    private async Task<int> CountAsync()
    {
        await using var db = fixture.Database.Context();
        return await db.Boundaries.CountAsync(Ct);
    }

    [Fact]
    public async Task A_point_lands_in_the_smallest_outline_else_the_nearest_village_centre_else_the_district_and_re_import_replaces()
    {
        var placement = fixture.Services.GetRequiredService<IPointPlacement>();
        // Nothing imported yet: the district, flagged.
        Assert.Equal(new PointPlace("370505", true), await placement.PlaceAsync(new GeoPoint(37.5912, 118.5487), "370505", Ct));

        var first = await ImportAsync(BoundaryFixture.KenliPath);
        Assert.Equal(5, first.Added + first.Replaced); // the shapefile test may have brought 兴隆街道 already
        Assert.Equal(1, first.ByKind[BoundaryKind.District]);
        Assert.Equal(2, first.ByKind[BoundaryKind.Town]);
        Assert.Equal(2, first.ByKind[BoundaryKind.Village]);

        Assert.Equal(new PointPlace("370505001001", false), await placement.PlaceAsync(new GeoPoint(37.5912, 118.5487), "370505", Ct)); // 和平社区
        Assert.Equal(new PointPlace("370505001", false), await placement.PlaceAsync(new GeoPoint(37.62, 118.58), "370505", Ct));        // 垦利街道 outside 和平
        Assert.Equal(new PointPlace("370505002", false), await placement.PlaceAsync(new GeoPoint(37.60, 118.65), "370505", Ct));        // 兴隆街道
        // In the district but in no known town: the nearest village centre (永兴社区's point is nearer than 和平社区's middle).
        Assert.Equal(new PointPlace("370505001002", true), await placement.PlaceAsync(new GeoPoint(37.42, 118.42), "370505", Ct));
        // Outside the district's outline: the district, flagged, never a village picked from afar.
        Assert.Equal(new PointPlace("370505", true), await placement.PlaceAsync(new GeoPoint(37.5, 119.5), "370505", Ct));
        // Another district's sender knows no outline here.
        Assert.Equal(new PointPlace("310118", true), await placement.PlaceAsync(new GeoPoint(37.5912, 118.5487), "310118", Ct));

        var again = await ImportAsync(BoundaryFixture.KenliPath);
        Assert.Equal((0, 5), (again.Added, again.Replaced));
        Assert.Equal(5, await CountAsync());
        Assert.Equal(new PointPlace("370505001001", false), await placement.PlaceAsync(new GeoPoint(37.5912, 118.5487), "370505", Ct));

        // What a map of 垦利街道 draws: the district around it, the town, its village outline; not the centre-only village, not 兴隆街道.
        await using var scope = fixture.Services.CreateAsyncScope();
        var outlines = await scope.ServiceProvider.GetRequiredService<BoundaryOutlines>().InAreaAsync("370505001", Ct);
        Assert.Equal(["370505", "370505001", "370505001001"], outlines.Select(o => o.Code).Order(StringComparer.Ordinal));
        Assert.Equal(new GeoPoint(37.55, 118.50), outlines.Single(o => o.Code == "370505001001").Rings.Single()[0]);
    }

    [Fact]
    public void The_common_area_of_some_villages_is_the_smallest_division_holding_them() =>
        Assert.Equal(
            ("370505001", "370505", "370505001001", (string?)null),
            (BoundaryOutlines.CommonArea(["370505001001", "370505001007"]), BoundaryOutlines.CommonArea(["370505001001", "370505002003"]),
             BoundaryOutlines.CommonArea(["370505001001"]), BoundaryOutlines.CommonArea(["370505001001", "310118001001"])));

    private static string Write(string json)
    {
        var path = Path.Combine(Path.GetTempPath(), $"boundary-{Guid.NewGuid():N}.geojson");
        File.WriteAllText(path, json);
        return path;
    }

    private const string Square = "{\"type\":\"Polygon\",\"coordinates\":[[[118.5,37.5],[118.6,37.5],[118.6,37.6],[118.5,37.6],[118.5,37.5]]]}";

    [Fact]
    public async Task Bad_files_are_refused_whole_with_every_problem_named_and_nothing_written()
    {
        var before = await CountAsync();
        var problems = await Assert.ThrowsAsync<BoundaryImportException>(() => ImportAsync(Write($$$"""
            {"type":"FeatureCollection","features":[
              {"type":"Feature","properties":{"code":"370505001"},"geometry":{{{Square}}}},
              {"type":"Feature","properties":{"code":"370505999"},"geometry":{{{Square}}}},
              {"type":"Feature","properties":{"code":"370505002"},"geometry":{"type":"LineString","coordinates":[[118.5,37.5],[118.6,37.6]]}},
              {"type":"Feature","properties":{"name":"no code"},"geometry":{{{Square}}}},
              {"type":"Feature","properties":{"code":"370505"},"geometry":{"type":"Polygon","coordinates":[[[13200000,4500000],[13210000,4500000],[13210000,4510000],[13200000,4500000]]]}}
            ]}
            """)));
        Assert.Equal(4, problems.Problems.Count);
        Assert.Contains(problems.Problems, p => p.Contains("370505999", StringComparison.Ordinal) && p.Contains("unknown division code", StringComparison.Ordinal));
        Assert.Contains(problems.Problems, p => p.Contains("not a polygon", StringComparison.Ordinal));
        Assert.Contains(problems.Problems, p => p.Contains("--code-property", StringComparison.Ordinal));
        Assert.Contains(problems.Problems, p => p.Contains("projected", StringComparison.Ordinal));

        var crs = await Assert.ThrowsAsync<BoundaryFileException>(() => ImportAsync(Write("""
            {"type":"FeatureCollection","crs":{"type":"name","properties":{"name":"urn:ogc:def:crs:EPSG::3857"}},"features":[]}
            """)));
        Assert.Contains("EPSG::3857", crs.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<BoundaryFileException>(() => ImportAsync(Write("not json")));
        Assert.Equal(before, await CountAsync());
    }

    [Fact]
    public async Task A_shapefile_is_read_with_a_named_code_property()
    {
        var folder = Directory.CreateTempSubdirectory("boundary-shp").FullName;
        var shp = Path.Combine(folder, "towns.shp");
        var factory = new GeometryFactory(new PrecisionModel(), 4326);
        var town = factory.CreatePolygon([new(118.60, 37.55), new(118.70, 37.55), new(118.70, 37.65), new(118.60, 37.65), new(118.60, 37.55)]);
        NetTopologySuite.IO.Esri.Shapefile.WriteAllFeatures([new Feature(town, new AttributesTable { { "XZQDM", "370505002" } })], shp);

        var result = await ImportAsync(shp, BoundaryKind.Town, "XZQDM");

        Assert.Equal(1, result.ByKind[BoundaryKind.Town]);
        await using var db = fixture.Database.Context();
        var stored = await db.Boundaries.SingleAsync(b => b.Code == "370505002", Ct);
        Assert.Equal("兴隆街道", stored.Name);
        Assert.Equal("towns.shp", stored.Source);
        Assert.Equal(37.55, stored.MinLatitude, 6);
    }
}
