using CsCheck;
using Fengqiao.Core.Letters;
using NodaTime;

namespace Fengqiao.Core.Tests.Letters;

public class LetterTemplateTests
{
    private static readonly Dictionary<string, string> Values = new(StringComparer.Ordinal) { ["unit"] = "区住建局", ["case.code"] = "KL-1" };

    [Fact]
    public void Placeholders_are_filled_with_the_case_facts() =>
        Assert.Equal("区住建局：KL-1号事项", LetterTemplateRenderer.Render("{unit}：{case.code}号事项", Values));

    [Fact]
    public void An_unfilled_placeholder_is_an_error_not_a_blank()
    {
        var e = Assert.Throws<LetterRuleException>(() => LetterTemplateRenderer.Render("{deadline}前回复", Values));
        Assert.Contains("{deadline}", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_template_with_an_unknown_placeholder_is_refused_when_it_is_made()
    {
        var e = Assert.Throws<LetterRuleException>(() => new LetterTemplate("t", LetterType.Supervision, "{case.titel}", "{unit}：", ["正文"]));
        Assert.Contains("{case.titel}", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{unit")]
    [InlineData("{}")]
    [InlineData("{Unit}")]
    [InlineData("a } b")]
    public void Malformed_placeholders_are_refused(string template) =>
        Assert.Throws<LetterRuleException>(() => LetterTemplateRenderer.Render(template, Values));

    [Fact]
    public void Doubled_braces_are_literal_braces() =>
        Assert.Equal("{unit} 区住建局", LetterTemplateRenderer.Render("{{unit}} {unit}", Values));

    [Fact]
    public void A_value_is_never_read_again_as_template_text()
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal) { ["case.title"] = "{unit}{deadline}", ["unit"] = "X" };
        Assert.Equal("{unit}{deadline}", LetterTemplateRenderer.Render("{case.title}", values));
    }

    [Fact]
    public void Text_without_braces_renders_unchanged() =>
        Gen.String.Where(s => !s.Contains('{', StringComparison.Ordinal) && !s.Contains('}', StringComparison.Ordinal))
            .Sample(s => Assert.Equal(s, LetterTemplateRenderer.Render(s, Values)), iter: 2000);

    [Fact]
    public void Every_default_template_renders_with_full_facts()
    {
        foreach (var template in LetterTemplate.Defaults)
        {
            var content = LetterContent.Render(template, LetterFixture.Facts);
            Assert.DoesNotContain("{", content.Title + string.Concat(content.Paragraphs), StringComparison.Ordinal);
            Assert.Equal("区住建局：", content.Salutation);
            Assert.Equal("区信访局", content.SignatureUnit);
        }
        var supervision = LetterContent.Render(LetterFixture.Template(), LetterFixture.Facts);
        Assert.Equal("关于幸福小区积水的督办函", supervision.Title);
        Assert.Contains("2026年4月15日前", supervision.Paragraphs[1], StringComparison.Ordinal);
    }

    [Fact]
    public void A_risk_alert_without_a_stated_risk_cannot_be_drafted() =>
        Assert.Throws<LetterRuleException>(() => LetterContent.Render(LetterFixture.Template(LetterType.RiskAlert), LetterFixture.Facts with { Risk = null }));

    [Fact]
    public void Dates_are_written_the_official_way() =>
        Assert.Equal("2026年3月5日", LetterFacts.FormatDate(new LocalDate(2026, 3, 5)));
}
