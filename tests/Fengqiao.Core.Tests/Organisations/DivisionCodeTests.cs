using Fengqiao.Core.Organisations;

namespace Fengqiao.Core.Tests.Organisations;

public class DivisionCodeTests
{
    [Theory]
    [InlineData("37", DivisionLevel.Province)]
    [InlineData("3705", DivisionLevel.City)]
    [InlineData("370505", DivisionLevel.County)]
    [InlineData("370505001", DivisionLevel.Town)]
    [InlineData("370505001201", DivisionLevel.Village)]
    public void Level_follows_the_number_of_digits(string text, DivisionLevel level) =>
        Assert.Equal(level, DivisionCode.Parse(text).Level);

    [Theory]
    [InlineData("")]
    [InlineData("37050")]
    [InlineData("3705050012011")]
    [InlineData("37a505")]
    [InlineData("000000")]
    public void Malformed_codes_are_refused_with_a_reason(string text)
    {
        Assert.False(DivisionCode.TryParse(text, out _, out var error));
        Assert.False(string.IsNullOrWhiteSpace(error));
    }

    [Fact]
    public void A_village_is_within_its_town_district_and_province_but_not_a_neighbour()
    {
        var village = DivisionCode.Parse("370505001201");
        Assert.True(village.IsWithin(DivisionCode.Parse("370505001")));
        Assert.True(village.IsWithin(DivisionCode.Parse("370505")));
        Assert.True(village.IsWithin(DivisionCode.Parse("37")));
        Assert.False(village.IsWithin(DivisionCode.Parse("370505002")));
    }

    [Fact]
    public void Parent_walks_up_one_level_at_a_time()
    {
        var code = DivisionCode.Parse("370505001201");
        var chain = new List<string>();
        for (DivisionCode? c = code; c is { } x; c = x.Parent)
        {
            chain.Add(x.Value);
        }
        Assert.Equal(["370505001201", "370505001", "370505", "3705", "37"], chain);
    }
}
