using Fengqiao.Core.Cases.Intake;

namespace Fengqiao.Core.Tests.Cases.Intake;

public class PhoneNumberTests
{
    [Theory]
    [InlineData("13812345678", "13812345678")]
    [InlineData("+86 138 1234 5678", "13812345678")]
    [InlineData("0546-8123456", "0546-8123456")]
    [InlineData("021-66881234", "021-66881234")]
    public void Mobiles_and_landlines_with_area_codes_are_accepted(string text, string value)
    {
        Assert.True(PhoneNumber.TryParse(text, out var phone, out var error), error);
        Assert.Equal(value, phone.Value);
    }

    [Theory]
    [InlineData("")]
    [InlineData("12812345678")]
    [InlineData("1381234567")]
    [InlineData("8123456")]
    [InlineData("138-1234-5678x")]
    public void Other_shapes_are_refused_with_a_reason(string text)
    {
        Assert.False(PhoneNumber.TryParse(text, out _, out var error));
        Assert.Contains("phone", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Masking_hides_the_middle_of_a_mobile()
    {
        PhoneNumber.TryParse("13812345678", out var phone, out _);
        Assert.Equal("138****5678", phone.Masked);
    }
}

public class MatterSimilarityTests
{
    [Fact]
    public void The_same_matter_in_other_words_is_similar_and_another_matter_is_not()
    {
        var first = "小区电梯长期故障，物业不维修";
        var again = "物业不维修小区电梯，电梯长期故障";
        var other = "学校周边交通拥堵存在安全隐患";
        Assert.True(MatterSimilarity.Of(first, again) >= MatterSimilarity.RepeatThreshold);
        Assert.True(MatterSimilarity.Of(first, other) < MatterSimilarity.RepeatThreshold);
    }

    [Fact]
    public void Similarity_is_symmetric_bounded_and_one_for_identical_text()
    {
        Assert.Equal(1, MatterSimilarity.Of("拖欠工资", "拖欠工资"));
        Assert.Equal(MatterSimilarity.Of("拖欠农民工工资", "工资拖欠"), MatterSimilarity.Of("工资拖欠", "拖欠农民工工资"));
        Assert.Equal(0, MatterSimilarity.Of("", "拖欠工资"));
    }
}
