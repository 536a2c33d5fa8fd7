using Fengqiao.Core.Places;

namespace Fengqiao.Core.Tests.Places;

public sealed class GeoPointTests
{
    [Theory]
    [InlineData("37.5912", "118.5487", 37.5912, 118.5487)]
    [InlineData(" -33.8 ", "151.2", -33.8, 151.2)]
    [InlineData("90", "-180", 90, -180)]
    [InlineData("3.7e1", "118", 37, 118)]
    public void Decimal_degrees_in_range_are_read(string lat, string lon, double latitude, double longitude)
    {
        Assert.True(GeoPoint.TryParse(lat, lon, out var point, out var errors));
        Assert.Empty(errors);
        Assert.Equal(new GeoPoint(latitude, longitude), point);
    }

    [Theory]
    [InlineData("abc", "118.5", "lat")]
    [InlineData("91", "118.5", "lat")]
    [InlineData("-90.0001", "118.5", "lat")]
    [InlineData("37.5", "200", "long")]
    [InlineData("NaN", "118.5", "lat")]
    [InlineData("37.5", "-Infinity", "long")]
    [InlineData("37,5", "118.5", "lat")]
    [InlineData("0x20", "118.5", "lat")]
    [InlineData("37.5", null, "long")]
    [InlineData(null, "118.5", "lat")]
    public void Anything_else_is_refused_naming_the_field(string? lat, string? lon, string field)
    {
        Assert.False(GeoPoint.TryParse(lat, lon, out var point, out var errors));
        Assert.Null(point);
        Assert.Contains(errors, e => e.Field == field);
        Assert.All(errors, e => Assert.Matches(@"^[^()]+ \([^()]+\)$", e.Error));
    }

    [Fact]
    public void Neither_is_no_point_and_no_error()
    {
        Assert.True(GeoPoint.TryParse(" ", null, out var point, out var errors));
        Assert.Null(point);
        Assert.Empty(errors);
    }

    [Fact]
    public void A_point_cannot_be_built_out_of_range() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new GeoPoint(double.NaN, 0));
}
