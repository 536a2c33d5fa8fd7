using System.Net;
using System.Text.Json;
using System.Xml.Linq;
using Fengqiao.Core.Places;
using Fengqiao.Data.Places;
using Fengqiao.Testing;
using Fengqiao.Testing.Places;
using Fengqiao.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Fengqiao.Web.Tests.Open311;

/// <summary>
/// Open311 with boundaries imported (the made-up 垦利区 file): a point-only report lands in its town or village; and
/// the last refusals that were not the spec's error list: POST to a GET-only resource (405) and a failure (500).
/// </summary>
public sealed class Open311PlacesTests(FengqiaoWebFactory factory) : IClassFixture<FengqiaoWebFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<string> IssueKeyAsync()
    {
        var admin = await factory.SignedInAsync("admin");
        await using var db = factory.Database.Context();
        var unit = await db.Units.SingleAsync(u => u.Name == "垦利区信访局", Ct);
        var response = await admin.PostAsJsonAsync("/api/open311/clients", new { name = "外部应用 " + Guid.NewGuid().ToString("N")[..6], unitId = unit.Id }, Ct);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
        return body.RootElement.GetProperty("key").GetString()!;
    }

    private static FormUrlEncodedContent Form(params (string Key, string Value)[] fields) =>
        new(fields.Select(f => new KeyValuePair<string, string>(f.Key, f.Value)));

    private static async Task AssertErrorListAsync(HttpResponseMessage response, int status, string format)
    {
        var body = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(status == (int)response.StatusCode, body);
        if (format == "xml")
        {
            Assert.Equal("text/xml", response.Content.Headers.ContentType?.MediaType);
            var root = XDocument.Parse(body).Root!;
            Assert.Equal("errors", root.Name.LocalName);
            Assert.All(root.Elements("error"), e => Assert.Equal(status.ToString(System.Globalization.CultureInfo.InvariantCulture), e.Element("code")!.Value));
            Assert.NotEmpty(root.Elements("error"));
        }
        else
        {
            Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
            using var document = JsonDocument.Parse(body);
            Assert.NotEmpty(document.RootElement.EnumerateArray());
            Assert.All(document.RootElement.EnumerateArray(), e => Assert.Equal(status, e.GetProperty("code").GetInt32()));
        }
    }

    [Fact]
    public async Task A_point_only_report_lands_in_the_town_or_village_its_outline_holds_not_flagged()
    {
        await using (var db = factory.Database.Context())
        {
            await new BoundaryImporter(db, TestTime.Clock).ImportAsync(BoundaryFixture.KenliPath, ct: Ct);
        }
        var key = await IssueKeyAsync();
        async Task<(string Division, bool Estimate)> PostAsync(string lat, string lon)
        {
            var post = await factory.Anonymous().PostAsync("/open311/v2/requests.json", Form(("api_key", key), ("service_code", "0102"), ("lat", lat), ("long", lon)), Ct);
            var posted = await post.Content.ReadAsStringAsync(Ct);
            Assert.True(post.StatusCode == HttpStatusCode.OK, posted);
            var id = JsonDocument.Parse(posted).RootElement[0].GetProperty("service_request_id").GetString()!;
            await using var db = factory.Database.Context();
            var stored = await db.Cases.IgnoreQueryFilters().SingleAsync(c => c.TrackingCode == id, Ct);
            return (stored.DivisionCode, stored.PlaceIsEstimate);
        }

        Assert.Equal(("370505002", false), await PostAsync("37.60", "118.65"));      // 兴隆街道
        Assert.Equal(("370505001001", false), await PostAsync("37.5912", "118.5487")); // 和平社区 in 垦利街道
        Assert.Equal(("370505001002", true), await PostAsync("37.42", "118.42"));     // no town known there: the nearest village centre, flagged
    }

    [Theory]
    [InlineData("/open311/v2/services.json", "json")]
    [InlineData("/open311/v2/services/0102.xml", "xml")]
    [InlineData("/open311/discovery.json", "json")]
    [InlineData("/open311/v2/requests/KL-2026-000001.json", "json")]
    public async Task A_post_to_a_get_only_resource_is_405_in_the_error_list(string path, string format)
    {
        var response = await factory.Anonymous().PostAsync(path, Form(("service_code", "0102")), Ct);
        await AssertErrorListAsync(response, 405, format);
        Assert.Contains("GET", response.Content.Headers.Allow);
    }

    private sealed class Failing : IPointPlacement
    {
        public Task<PointPlace?> PlaceAsync(GeoPoint point, string district, CancellationToken cancellationToken = default) =>
            throw new InvalidOperationException("a failure no one expected");
    }

    [Theory]
    [InlineData("json")]
    [InlineData("xml")]
    public async Task A_failure_is_500_in_the_error_list_not_a_page(string format)
    {
        var key = await IssueKeyAsync();
        await using var failing = factory.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddSingleton<IPointPlacement, Failing>()));
        var response = await failing.CreateClient().PostAsync($"/open311/v2/requests.{format}", Form(("api_key", key), ("service_code", "0102"), ("lat", "37.6"), ("long", "118.6")), Ct);
        await AssertErrorListAsync(response, 500, format);
        Assert.DoesNotContain("a failure no one expected", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }
}
