using Fengqiao.Core.Places;

namespace Fengqiao.Core.Tests.Places;

public sealed class ChinaMapOffsetTests
{
    // Reference pairs published with the open converters (eviltransform's test table).
    [Theory]
    [InlineData(31.1774276, 121.5272106, 31.17530398364597, 121.531541859215)]
    [InlineData(22.543847, 113.912316, 22.540796131694766, 113.9171764808363)]
    public void Wgs84_points_in_China_move_as_the_reference_converter_moves_them(double lat, double lon, double gcjLat, double gcjLon)
    {
        var shifted = ChinaMapOffset.ToGcj02(new GeoPoint(lat, lon));
        Assert.Equal(gcjLat, shifted.Latitude, 9);
        Assert.Equal(gcjLon, shifted.Longitude, 9);
    }

    [Fact]
    public void A_point_in_Kenli_moves_by_a_few_hundred_metres_on_a_GCJ02_map_and_not_at_all_on_a_WGS84_one()
    {
        var kenli = new GeoPoint(37.5869, 118.5489);
        var shifted = ChinaMapOffset.ForDisplay(kenli, MapCoordinateSystem.Gcj02);
        var metresNorth = (shifted.Latitude - kenli.Latitude) * 111_320;
        var metresEast = (shifted.Longitude - kenli.Longitude) * 111_320 * Math.Cos(kenli.Latitude * Math.PI / 180);
        var metres = Math.Sqrt((metresNorth * metresNorth) + (metresEast * metresEast));
        Assert.InRange(metres, 300, 800);
        Assert.Equal(kenli, ChinaMapOffset.ForDisplay(kenli, MapCoordinateSystem.Wgs84));
    }

    [Theory]
    [InlineData(-33.8688, 151.2093)]
    [InlineData(51.5074, -0.1278)]
    public void Points_outside_China_are_not_shifted(double lat, double lon)
    {
        var p = new GeoPoint(lat, lon);
        Assert.Equal(p, ChinaMapOffset.ToGcj02(p));
    }
}
