using CsCheck;
using Fengqiao.Core.People;
using NodaTime;

namespace Fengqiao.Core.Tests.People;

public class ResidentIdNumberTests
{
    private static readonly LocalDate Today = new(2026, 11, 29);

    [Theory]
    [InlineData("11010519491231002X")] // the standard's own example
    [InlineData("440524198001010013")]
    public void Published_examples_are_valid(string text)
    {
        Assert.True(ResidentIdNumber.TryParse(text, Today, out var id, out var error), error);
        Assert.Equal(text, id.Value);
    }

    [Theory]
    [InlineData("110105194912310021", "check character")]
    [InlineData("11010519491331002X", "birth date")]
    [InlineData("11010520991231002X", "birth date")]
    [InlineData("1101051949123100", "18")]
    [InlineData("1101051949123100AX", "18")]
    [InlineData("", "empty")]
    public void Invalid_numbers_are_refused_with_the_reason(string text, string reason)
    {
        Assert.False(ResidentIdNumber.TryParse(text, Today, out _, out var error));
        Assert.Contains(reason, error, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void A_lower_case_x_is_accepted_and_normalised()
    {
        Assert.True(ResidentIdNumber.TryParse("11010519491231002x", Today, out var id, out _));
        Assert.Equal("11010519491231002X", id.Value);
    }

    [Fact]
    public void Masking_keeps_region_and_last_four()
    {
        ResidentIdNumber.TryParse("11010519491231002X", Today, out var id, out _);
        Assert.Equal("110105********002X", id.Masked);
    }

    [Fact]
    public void Every_created_number_parses_back_and_any_single_digit_change_is_caught() =>
        Gen.Select(Gen.Int[1, 99], Gen.Date[new DateTime(1920, 1, 1), new DateTime(2020, 12, 31)], Gen.Int[0, 999], Gen.Int[0, 16], Gen.Int[1, 9])
            .Sample((region, date, sequence, position, delta) =>
            {
                var id = ResidentIdNumber.Create($"3705{region:D2}", LocalDate.FromDateTime(date), sequence);
                Assert.True(ResidentIdNumber.TryParse(id.Value, Today, out var parsed, out _));
                Assert.Equal(id, parsed);
                var chars = id.Value.ToCharArray();
                chars[position] = (char)('0' + ((chars[position] - '0' + delta) % 10));
                var altered = new string(chars);
                // A changed date digit may make an invalid date; either way the number must be refused.
                Assert.False(ResidentIdNumber.TryParse(altered, Today, out _, out _));
            });
}
