using System.Net;
using System.Text.RegularExpressions;
using Fengqiao.Testing;
using Fengqiao.Web.Tests.Infrastructure;
using Fengqiao.Web.Tests.Portal;
using Microsoft.EntityFrameworkCore;

namespace Fengqiao.Web.Tests.Maps;

/// <summary>
/// The maps through the real host, offline: the vendored Leaflet is served from the site, every map says what it shows
/// without a base map, and the portal's "use my location" stores the point through the same path as Open311.
/// </summary>
public sealed partial class MapPageTests(FengqiaoWebFactory factory) : IClassFixture<FengqiaoWebFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("/lib/leaflet/leaflet.js", "Leaflet 1.9.4")]
    [InlineData("/lib/leaflet/leaflet.css", ".leaflet-container")]
    [InlineData("/lib/leaflet.heat/leaflet-heat-global.js", "Leaflet.heat 1.0.0")]
    [InlineData("/lib/leaflet/LICENSE", "BSD 2-Clause")]
    [InlineData("/maps/placemap.js", "export async function render")]
    [InlineData("/maps/portal-locate.js", "await locate()")]
    public async Task The_map_scripts_are_served_from_the_site_itself(string path, string expected)
    {
        var response = await factory.Anonymous().GetAsync(path, Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync(Ct);
        Assert.Contains(expected, body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_resident_sends_a_point_with_the_form_and_the_case_keeps_it_as_given()
    {
        await ForgetFailuresAsync();
        var resident = factory.Anonymous();
        var form = await resident.GetStringAsync("/portal/submit", Ct);
        // The button is there for the script to reveal; without script the two boxes remain.
        Assert.Contains("data-testid=\"locate-me\"", form, StringComparison.Ordinal);
        Assert.Contains("name=\"lat\"", form, StringComparison.Ordinal);
        Assert.Contains("使用我的位置", form, StringComparison.Ordinal);
        var token = PortalFormsToken(form);
        var fields = PortalForms.ValidFields("小区东门的井盖缺失，夜间有人跌倒，请尽快处理。");
        fields["lat"] = "37.591234";
        fields["long"] = "118.548765";

        var response = await resident.PostAsync("/portal/submit", PortalForms.Submission(token, fields), Ct);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        // The receipt page shows the tracking number (the address carries no codes).
        var location = response.Headers.Location!;
        var receipt = await resident.GetStringAsync(location.IsAbsoluteUri ? location.PathAndQuery : location.OriginalString, Ct);
        var code = System.Text.RegularExpressions.Regex.Match(receipt, "data-testid=\"received-code\">([^<]+)<").Groups[1].Value;
        await using var db = factory.Database.Context();
        var stored = await db.Cases.SingleAsync(c => c.TrackingCode == code, Ct);
        Assert.Equal(37.591234, stored.Latitude);
        Assert.Equal(118.548765, stored.Longitude);
        Assert.False(stored.PlaceIsEstimate);
        Assert.Equal("370505001", stored.DivisionCode);
    }

    [Theory]
    [InlineData("abc", "118.5", "lat must be decimal degrees")]
    [InlineData("91", "118.5", "lat must be decimal degrees")]
    [InlineData("37.5", "", "lat and long must be given together")]
    public async Task A_bad_point_is_refused_with_the_reason_and_stores_nothing(string lat, string lon, string reason)
    {
        var resident = factory.Anonymous();
        var token = await PortalForms.TokenAsync(resident);
        var before = await PortalForms.CountsAsync(factory);
        var fields = PortalForms.ValidFields();
        fields["lat"] = lat;
        fields["long"] = lon;

        var response = await resident.PostAsync("/portal/submit?culture=en", PortalForms.Submission(token, fields), Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(reason, await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal(before, await PortalForms.CountsAsync(factory));
        await ForgetFailuresAsync();
    }

    /// <summary>The refusals above count against the test's one address; the arithmetic check they lead to is tested elsewhere.</summary>
    private async Task ForgetFailuresAsync()
    {
        await using var db = factory.Database.Context();
        await db.PortalFailures.ExecuteDeleteAsync(Ct);
    }

    [Theory]
    [InlineData("/ledger", "ledger-map")]
    [InlineData("/", "home-map")]
    [InlineData("/grid", "grid-map")]
    public async Task Without_a_base_map_each_map_says_so_and_counts_what_it_draws(string path, string testId)
    {
        var clerk = await factory.SignedInAsync(path == "/grid" ? "townlead" : "clerk");
        var response = await clerk.GetAsync(path, Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        // No Content-Security-Policy is sent today; if one is added it must let the map load its own scripts and styles.
        if (response.Headers.TryGetValues("Content-Security-Policy", out var csp))
        {
            Assert.Contains("'self'", string.Join(";", csp), StringComparison.Ordinal);
        }
        var page = await response.Content.ReadAsStringAsync(Ct);
        Assert.Contains($"data-testid=\"{testId}\"", page, StringComparison.Ordinal);
        Assert.Contains("未配置底图，要素绘于空白底上。", page, StringComparison.Ordinal);
        Assert.Matches(CaptionCount(), page);
    }

    [Fact]
    public async Task The_village_scores_map_says_where_its_circles_stand_and_invents_no_shapes()
    {
        var leader = await factory.SignedInAsync("townlead");
        var page = await leader.GetStringAsync("/assessment", Ct);
        Assert.Contains("data-testid=\"assessment-map\"", page, StringComparison.Ordinal);
        Assert.Contains("村（社区）无边界数据：圆点位于该村已标注位置案件的中心", page, StringComparison.Ordinal);
    }

    private static string PortalFormsToken(string page) => FormSignIn.AntiforgeryToken(page);

    [GeneratedRegex("地图上 \\d+ (件|次)")]
    private static partial Regex CaptionCount();
}
