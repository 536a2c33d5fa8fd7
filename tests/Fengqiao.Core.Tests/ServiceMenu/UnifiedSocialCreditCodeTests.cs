using CsCheck;
using Fengqiao.Core.ServiceMenu;

namespace Fengqiao.Core.Tests.ServiceMenu;

public class UnifiedSocialCreditCodeTests
{
    [Theory]
    [InlineData("91350100M000100Y43")] // the example in GB 32100-2015
    [InlineData("914403001922038216")] // Huawei Technologies Co., Ltd.
    [InlineData("9144030071526726XG")] // Tencent Technology (Shenzhen) Co., Ltd.
    [InlineData("91330100716105852F")]
    [InlineData("91110000802100433B")]
    [InlineData("91110108551385082Q")]
    public void Published_codes_are_valid(string text)
    {
        Assert.True(UnifiedSocialCreditCode.TryParse(text, out var code, out var error), error);
        Assert.Equal(text, code.Value);
        Assert.True(code.IsMarketEntity);
    }

    [Fact]
    public void The_check_character_follows_the_weighted_sum_modulo_31()
    {
        // Values of "91350100M000100Y4": 9,1,3,5,0,1,0,0,21,0,0,0,1,0,0,30,4 with weights 3^i mod 31.
        int[] values = [9, 1, 3, 5, 0, 1, 0, 0, 21, 0, 0, 0, 1, 0, 0, 30, 4];
        int[] weights = [.. Enumerable.Range(0, 17).Select(i => (int)(BigPow(3, i) % 31))];
        var sum = values.Zip(weights, (v, w) => v * w).Sum();
        var expected = UnifiedSocialCreditCode.Alphabet[(31 - (sum % 31)) % 31];

        Assert.Equal('3', expected);
        Assert.Equal(expected, UnifiedSocialCreditCode.CheckCharacter("91350100M000100Y4"));
    }

    private static long BigPow(int b, int e) => e == 0 ? 1 : b * BigPow(b, e - 1) % 31;

    [Theory]
    [InlineData("91350100M000100Y44", "check character")]
    [InlineData("91350100M000100Y4", "18")]
    [InlineData("91350100M0001O0Y43", "alphabet")]
    [InlineData("B1350100M000100Y43", "registration authority")]
    [InlineData("9135A100M000100Y43", "division code")]
    [InlineData("", "empty")]
    public void Invalid_codes_are_refused_with_the_reason(string text, string reason)
    {
        Assert.False(UnifiedSocialCreditCode.TryParse(text, out _, out var error));
        Assert.Contains(reason, error, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Lower_case_and_spaces_are_normalised()
    {
        Assert.Equal("9144030071526726XG", UnifiedSocialCreditCode.Parse(" 9144030071526726xg ").Value);
    }

    private static readonly Gen<string> First17 =
        Gen.Select(
            Gen.Char[UnifiedSocialCreditCode.RegistrationAuthorities],
            Gen.Char[UnifiedSocialCreditCode.Alphabet],
            Gen.Char['0', '9'].Array[6],
            Gen.Char[UnifiedSocialCreditCode.Alphabet].Array[9])
        .Select((a, t, division, org) => $"{a}{t}{new string(division)}{new string(org)}");

    [Fact]
    public void Generated_codes_validate_and_round_trip() =>
        First17.Sample(first17 =>
        {
            var code = UnifiedSocialCreditCode.Create(first17);
            Assert.Equal(18, code.Value.Length);
            Assert.Equal(code, UnifiedSocialCreditCode.Parse(code.Value));
        });

    [Fact]
    public void Any_single_character_change_is_caught() =>
        Gen.Select(First17, Gen.Int[0, 17], Gen.Int[1, 30]).Sample((first17, position, shift) =>
        {
            var chars = UnifiedSocialCreditCode.Create(first17).Value.ToCharArray();
            var alphabet = UnifiedSocialCreditCode.Alphabet;
            chars[position] = alphabet[(alphabet.IndexOf(chars[position], StringComparison.Ordinal) + shift) % 31];
            Assert.False(UnifiedSocialCreditCode.TryParse(new string(chars), out _, out _));
        });

    [Fact]
    public void A_default_code_cannot_be_used_by_accident() =>
        Assert.Throws<InvalidOperationException>(() => default(UnifiedSocialCreditCode).Value);
}
