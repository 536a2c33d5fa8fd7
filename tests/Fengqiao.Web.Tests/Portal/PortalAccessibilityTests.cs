using System.Net;
using System.Text.RegularExpressions;
using Fengqiao.Web.Tests.Infrastructure;

namespace Fengqiao.Web.Tests.Portal;

/// <summary>The portal for older residents and for English readers: large text, one title, a favicon, English categories.</summary>
public sealed partial class PortalAccessibilityTests(FengqiaoWebFactory factory) : IClassFixture<FengqiaoWebFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("/portal")]
    [InlineData("/portal/submit")]
    [InlineData("/portal/track")]
    [InlineData("/portal/services")]
    [InlineData("/account/login")]
    public async Task Each_page_has_one_title_and_a_favicon(string path)
    {
        var page = await factory.Anonymous().GetStringAsync(path, Ct);
        Assert.Single(TitleTag().Matches(page));
        Assert.Contains("rel=\"icon\"", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_large_text_switch_is_kept_in_a_cookie_and_switched_back()
    {
        var resident = factory.Anonymous();
        Assert.Contains("data-text-size=\"normal\"", await resident.GetStringAsync("/portal", Ct), StringComparison.Ordinal);

        var on = await resident.GetAsync("/text-size/large?returnUrl=%2Fportal%2Fsubmit", Ct);
        Assert.Equal(HttpStatusCode.Redirect, on.StatusCode);
        Assert.Equal("/portal/submit", on.Headers.Location?.OriginalString);
        var large = await resident.GetStringAsync("/portal/submit", Ct);
        Assert.Contains("fq-large-text", large, StringComparison.Ordinal);
        Assert.Contains("href=\"/text-size/normal?returnUrl=%2Fportal%2Fsubmit\"", large, StringComparison.Ordinal);

        await resident.GetAsync("/text-size/normal?returnUrl=%2Fportal", Ct);
        Assert.DoesNotContain("fq-large-text", await resident.GetStringAsync("/portal", Ct), StringComparison.Ordinal);

        // Only the two sizes, and only back to this site.
        Assert.Equal(HttpStatusCode.BadRequest, (await resident.GetAsync("/text-size/huge", Ct)).StatusCode);
        Assert.Equal("/", (await resident.GetAsync("/text-size/large?returnUrl=https%3A%2F%2Fexample.org", Ct)).Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task The_english_form_lists_every_category_in_english()
    {
        var page = await factory.Anonymous().GetStringAsync("/portal/submit?culture=en", Ct);
        var select = CategorySelect().Match(page);
        Assert.True(select.Success);
        Assert.Contains("Urban construction and municipal services", select.Value, StringComparison.Ordinal);
        Assert.DoesNotMatch(Han(), select.Value);
    }

    [GeneratedRegex("<title>", RegexOptions.IgnoreCase)]
    private static partial Regex TitleTag();

    [GeneratedRegex("<select id=\"category\"[\\s\\S]*?</select>")]
    private static partial Regex CategorySelect();

    [GeneratedRegex(@"\p{IsCJKUnifiedIdeographs}")]
    private static partial Regex Han();
}
