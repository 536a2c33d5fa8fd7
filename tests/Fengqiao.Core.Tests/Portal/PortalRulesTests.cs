using CsCheck;
using Fengqiao.Core.People;
using Fengqiao.Core.Portal;

namespace Fengqiao.Core.Tests.Portal;

public sealed class ArithmeticChallengeTests
{
    [Fact]
    public void Every_challenge_has_a_small_natural_answer_that_it_accepts_and_no_other()
    {
        Gen.Int.Sample(seed =>
        {
            var challenge = ArithmeticChallenge.Create(new Random(seed));
            Assert.InRange(challenge.Answer, 0, 38);
            Assert.True(ArithmeticChallenge.IsAnswer(challenge.Answer, challenge.Answer.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            Assert.True(ArithmeticChallenge.IsAnswer(challenge.Answer, $" {challenge.Answer} "));
            Assert.False(ArithmeticChallenge.IsAnswer(challenge.Answer, (challenge.Answer + 1).ToString(System.Globalization.CultureInfo.InvariantCulture)));
            Assert.Contains(challenge.Subtract ? "-" : "+", challenge.Question, StringComparison.Ordinal);
        });
    }

    [Theory]
    [InlineData(12, "１２", true)]
    [InlineData(12, "12a", false)]
    [InlineData(12, "-12", false)]
    [InlineData(12, "", false)]
    [InlineData(12, null, false)]
    [InlineData(12, "0000012", false)]
    public void Typed_answers_are_read_strictly_but_accept_full_width_digits(int expected, string? typed, bool accepted) =>
        Assert.Equal(accepted, ArithmeticChallenge.IsAnswer(expected, typed));
}

public sealed class PublicTextTests
{
    [Theory]
    [InlineData("小区门口路灯不亮已经两周", true)]
    [InlineData("水费 < 50 元，却收了 80 元", true)]
    [InlineData("Robert'); DROP TABLE Cases;--", true)] // plain text: stored as a parameter, shown encoded
    [InlineData("<script>alert(1)</script>", false)]
    [InlineData("路灯<img src=x onerror=alert(1)>", false)]
    [InlineData("</textarea>", false)]
    [InlineData("javascript:alert(1)", false)]
    [InlineData("bad \uFFFD bytes", false)]
    [InlineData("bell \u0007", false)]
    public void Markup_control_characters_and_broken_encoding_are_refused(string text, bool accepted)
    {
        Assert.Equal(accepted, PublicText.TryCheck(text, 1000, out var error));
        Assert.Equal(accepted, error is null);
    }

    [Fact]
    public void Length_is_limited_and_the_message_is_bilingual()
    {
        Assert.False(PublicText.TryCheck(new string('字', 11), 10, out var error));
        Assert.Contains("(at most 10 characters)", error, StringComparison.Ordinal);
    }
}

public sealed class PublicMaskingTests
{
    [Theory]
    [InlineData("马建国", "马*国")]
    [InlineData("李娜", "李*")]
    [InlineData("欧阳春晓", "欧**晓")]
    [InlineData("王", "*")]
    public void Names_keep_only_their_first_and_last_character(string name, string masked) => Assert.Equal(masked, PersonalDataMask.Name(name));

    [Fact]
    public void A_masked_phone_keeps_its_length_and_only_the_first_three_and_last_four_digits()
    {
        Gen.Long[13_000_000_000, 19_999_999_999].Sample(n =>
        {
            var phone = n.ToString(System.Globalization.CultureInfo.InvariantCulture);
            var masked = PersonalDataMask.Phone(phone);
            Assert.Equal(phone.Length, masked.Length);
            Assert.Equal(phone[..3] + "****" + phone[^4..], masked);
        });
    }

    [Fact]
    public void Numbers_inside_free_text_are_masked()
    {
        var text = PersonalDataMask.Redact("我叫张三，电话13912345678，身份证370502198001011234，门牌 12 号");
        Assert.Equal("我叫张三，电话139****5678，身份证370502********1234，门牌 12 号", text);
    }
}
