using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Xml.Linq;
using Fengqiao.Testing;
using Fengqiao.Web.Api;
using Fengqiao.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Fengqiao.Web.Tests.Open311;

/// <summary>
/// GeoReport v2 as the world's clients use it (the `three` and `georeport` wrappers, browser apps): a point-only report,
/// optional phone and description, media_url kept apart, bad coordinates refused, CORS for GET, per-key limits with
/// Retry-After, the spec's error list for every refusal, a raw "+" in dates, and every GET answer valid against the
/// official schemas, its XML carrying the same fields.
/// </summary>
public sealed class Open311InTheWildTests(FengqiaoWebFactory factory) : IClassFixture<FengqiaoWebFactory>
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

    private static async Task<JsonDocument> ErrorsAsync(HttpResponseMessage response, int status)
    {
        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
        Assert.Equal(JsonValueKind.Array, document.RootElement.ValueKind);
        Assert.NotEmpty(document.RootElement.EnumerateArray());
        Assert.All(document.RootElement.EnumerateArray(), e =>
        {
            Assert.Equal(status, e.GetProperty("code").GetInt32());
            Assert.False(string.IsNullOrWhiteSpace(e.GetProperty("description").GetString()));
        });
        return document;
    }

    private static async Task<XElement> XmlErrorsAsync(HttpResponseMessage response, int status)
    {
        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal("text/xml", response.Content.Headers.ContentType?.MediaType);
        var root = XDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).Root!;
        Assert.Equal("errors", root.Name.LocalName);
        Assert.All(root.Elements("error"), e => Assert.Equal(status.ToString(CultureInfo.InvariantCulture), e.Element("code")!.Value));
        Assert.NotEmpty(root.Elements("error"));
        return root;
    }

    [Theory]
    [InlineData("abc", "118.55", "lat")]
    [InlineData("91", "118.55", "lat")]
    [InlineData("37.59", "200", "long")]
    [InlineData("NaN", "118.55", "lat")]
    [InlineData("37.59", "Infinity", "long")]
    [InlineData("37.59", "", "lat and long")]
    [InlineData("", "118.55", "lat and long")]
    public async Task Bad_coordinates_are_refused_in_the_error_list_and_nothing_is_stored(string lat, string lon, string named)
    {
        var key = await IssueKeyAsync();
        await using var db = factory.Database.Context();
        var before = await db.Cases.IgnoreQueryFilters().CountAsync(Ct);
        var client = factory.Anonymous();
        var fields = new List<(string, string)> { ("api_key", key), ("service_code", "0102"), ("description", "路灯不亮") };
        if (lat.Length > 0)
        {
            fields.Add(("lat", lat));
        }
        if (lon.Length > 0)
        {
            fields.Add(("long", lon));
        }
        using var errors = await ErrorsAsync(await client.PostAsync("/open311/v2/requests.json?culture=en", Form([.. fields]), Ct), 400);
        var text = string.Join(" | ", errors.RootElement.EnumerateArray().Select(e => e.GetProperty("description").GetString()));
        Assert.Contains(named, text, StringComparison.Ordinal);
        Assert.DoesNotContain("经", text, StringComparison.Ordinal); // English asked, English answered

        var chinese = await factory.Anonymous().PostAsync("/open311/v2/requests.xml", Form([.. fields]), Ct);
        var xml = await XmlErrorsAsync(chinese, 400);
        Assert.Contains("度", xml.Value, StringComparison.Ordinal);
        Assert.Equal(before, await db.Cases.IgnoreQueryFilters().CountAsync(Ct));
    }

    [Fact]
    public async Task A_point_only_anonymous_report_lands_in_the_clients_district_flagged_and_comes_back_with_its_point_and_media()
    {
        var key = await IssueKeyAsync();
        var client = factory.Anonymous();
        // What `three` sends: service_code, lat, long, media_url; no phone, no description, no address.
        var post = await client.PostAsync("/open311/v2/requests.json", Form(
            ("api_key", key), ("service_code", "0102"), ("lat", "37.5912"), ("long", "118.5487"), ("media_url", "https://img.example.cn/p/42.jpg")), Ct);
        var posted = await post.Content.ReadAsStringAsync(Ct);
        Assert.True(post.StatusCode == HttpStatusCode.OK, posted);
        var id = JsonDocument.Parse(posted).RootElement[0].GetProperty("service_request_id").GetString()!;

        await using (var db = factory.Database.Context())
        {
            var stored = await db.Cases.IgnoreQueryFilters().SingleAsync(c => c.TrackingCode == id, Ct);
            Assert.Equal("370505", stored.DivisionCode);
            Assert.True(stored.PlaceIsEstimate);
            Assert.Equal(37.5912, stored.Latitude);
            Assert.Equal(118.5487, stored.Longitude);
            Assert.Equal("https://img.example.cn/p/42.jpg", stored.MediaUrl);
            Assert.Null(stored.Detail); // the link is not appended to the description any more
            Assert.False(string.IsNullOrWhiteSpace(stored.Title));
            var party = await db.CaseParties.IgnoreQueryFilters().SingleAsync(p => p.CaseId == stored.Id, Ct);
            Assert.Equal("匿名群众", party.Name);
        }

        using var one = JsonDocument.Parse(await client.GetStringAsync($"/open311/v2/requests/{id}.json", Ct));
        var request = one.RootElement.EnumerateArray().Single();
        Assert.Equal(37.5912, request.GetProperty("lat").GetDouble());
        Assert.Equal(118.5487, request.GetProperty("long").GetDouble());
        Assert.Equal("https://img.example.cn/p/42.jpg", request.GetProperty("media_url").GetString());
        var xml = XDocument.Parse(await client.GetStringAsync($"/open311/v2/requests/{id}.xml", Ct)).Root!.Element("request")!;
        Assert.Equal("37.5912", xml.Element("lat")!.Value);
        Assert.Equal("118.5487", xml.Element("long")!.Value);
        Assert.Equal("https://img.example.cn/p/42.jpg", xml.Element("media_url")!.Value);

        // The clerk of the district sees that the place is only an estimate, and the point.
        var clerk = await factory.SignedInAsync("clerk");
        var page = await clerk.GetStringAsync($"/cases/{id}", Ct);
        Assert.Contains("case-place-estimate", page, StringComparison.Ordinal);
        Assert.Contains("37.5912, 118.5487", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_point_sent_with_an_address_is_kept_and_the_address_decides_the_place()
    {
        var key = await IssueKeyAsync();
        var post = await factory.Anonymous().PostAsync("/open311/v2/requests.json", Form(
            ("api_key", key), ("service_code", "0102"), ("lat", "37.59"), ("long", "118.55"), ("address_string", "垦利区垦利街道胜利路 18 号"),
            ("description", "路灯坏了"), ("phone", "13900001111")), Ct);
        Assert.Equal(HttpStatusCode.OK, post.StatusCode);
        var id = JsonDocument.Parse(await post.Content.ReadAsStringAsync(Ct)).RootElement[0].GetProperty("service_request_id").GetString()!;
        await using var db = factory.Database.Context();
        var stored = await db.Cases.IgnoreQueryFilters().SingleAsync(c => c.TrackingCode == id, Ct);
        Assert.StartsWith("370505001", stored.DivisionCode, StringComparison.Ordinal);
        Assert.False(stored.PlaceIsEstimate);
        Assert.Equal((37.59, 118.55), (stored.Latitude!.Value, stored.Longitude!.Value));
        Assert.Equal("路灯坏了", stored.Detail);
    }

    [Fact]
    public async Task A_description_over_4000_characters_is_refused_and_4000_are_accepted()
    {
        var key = await IssueKeyAsync();
        await using var db = factory.Database.Context();
        var before = await db.Cases.IgnoreQueryFilters().CountAsync(Ct);
        var client = factory.Anonymous();
        using var errors = await ErrorsAsync(await client.PostAsync("/open311/v2/requests.json", Form(
            ("api_key", key), ("service_code", "0102"), ("address_id", "370505001"), ("description", new string('灯', 4001))), Ct), 400);
        Assert.Contains("4000", errors.RootElement.GetRawText(), StringComparison.Ordinal);
        Assert.Equal(before, await db.Cases.IgnoreQueryFilters().CountAsync(Ct));

        var accepted = await client.PostAsync("/open311/v2/requests.json", Form(
            ("api_key", key), ("service_code", "0102"), ("address_id", "370505001"), ("description", new string('灯', 4000))), Ct);
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
    }

    [Fact]
    public async Task Browsers_may_read_with_cors_and_a_preflight_is_answered()
    {
        var client = factory.Anonymous();
        using var get = new HttpRequestMessage(HttpMethod.Get, "/open311/v2/services.json");
        get.Headers.Add("Origin", "https://app.example.org");
        var answer = await client.SendAsync(get, Ct);
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        Assert.Equal("*", answer.Headers.GetValues("Access-Control-Allow-Origin").Single());

        using var preflight = new HttpRequestMessage(HttpMethod.Options, "/open311/v2/requests.json?status=open");
        preflight.Headers.Add("Origin", "https://app.example.org");
        preflight.Headers.Add("Access-Control-Request-Method", "GET");
        preflight.Headers.Add("Access-Control-Request-Headers", "accept");
        var pre = await client.SendAsync(preflight, Ct);
        Assert.Equal(HttpStatusCode.NoContent, pre.StatusCode);
        Assert.Equal("*", pre.Headers.GetValues("Access-Control-Allow-Origin").Single());
        Assert.Contains("GET", string.Join(",", pre.Headers.GetValues("Access-Control-Allow-Methods")), StringComparison.Ordinal);

        // Configured origins: only those are let in.
        await using var narrow = factory.WithWebHostBuilder(b => b.UseSetting("Open311:AllowedOrigins:0", "https://map.kenli.example"));
        var narrowClient = narrow.CreateClient();
        foreach (var (origin, allowed) in new[] { ("https://map.kenli.example", true), ("https://elsewhere.example", false) })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/open311/v2/services.json");
            request.Headers.Add("Origin", origin);
            var response = await narrowClient.SendAsync(request, Ct);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(allowed, response.Headers.TryGetValues("Access-Control-Allow-Origin", out var values) && values.Single() == origin);
        }
    }

    [Fact]
    public async Task Key_holders_have_their_own_larger_budget_and_every_429_says_when_to_retry()
    {
        var key = await IssueKeyAsync();
        await using var limited = factory.WithWebHostBuilder(b => b
            .UseSetting("Portal:ReadsPerMinute", "2")
            .UseSetting("Portal:PostsPerMinute", "1")
            .UseSetting("Open311:KeyHolderReadsPerMinute", "6")
            .UseSetting("Open311:KeyHolderPostsPerMinute", "3"));
        var client = limited.CreateClient();
        for (var i = 0; i < 2; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/open311/v2/services.json", Ct)).StatusCode);
        }
        var refused = await client.GetAsync("/open311/v2/services.xml", Ct);
        await XmlErrorsAsync(refused, 429);
        Assert.True(refused.Headers.RetryAfter?.Delta is { TotalSeconds: > 0 and <= 60 }, refused.Headers.RetryAfter?.ToString());

        // The same address with a live key: its own budget. A well-formed but unknown key buys nothing.
        for (var i = 0; i < 6; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/open311/v2/services.json?api_key={key}", Ct)).StatusCode);
        }
        (await ErrorsAsync(await client.GetAsync($"/open311/v2/services.json?api_key={key}", Ct), 429)).Dispose();
        (await ErrorsAsync(await client.GetAsync("/open311/v2/services.json?api_key=fq311_" + new string('1', 64), Ct), 429)).Dispose();

        // Posts: the key in the form body counts, three a minute here against one for anonymous callers.
        var fields = new[] { ("api_key", key), ("service_code", "0102"), ("address_id", "370505001"), ("description", "路灯不亮") };
        for (var i = 0; i < 3; i++)
        {
            var post = await client.PostAsync("/open311/v2/requests.json", Form(fields), Ct);
            Assert.True(post.StatusCode == HttpStatusCode.OK, await post.Content.ReadAsStringAsync(Ct));
        }
        var tooMany = await client.PostAsync("/open311/v2/requests.json", Form(fields), Ct);
        (await ErrorsAsync(tooMany, 429)).Dispose();
        Assert.NotNull(tooMany.Headers.RetryAfter);
    }

    [Theory]
    [InlineData("DELETE", "/open311/v2/requests.json", 405, "json")]
    [InlineData("DELETE", "/open311/v2/requests/KL-2026-000001.xml", 405, "xml")]
    [InlineData("PUT", "/open311/v2/services.json", 405, "json")]
    [InlineData("OPTIONS", "/open311/v2/services.json", 405, "json")]
    [InlineData("GET", "/open311/v2/nothing-here.json", 404, "json")]
    [InlineData("GET", "/open311/v2/nothing-here.xml", 404, "xml")]
    [InlineData("GET", "/open311/v3/services.json", 404, "json")]
    public async Task Refusals_by_routing_are_the_specs_error_list_too(string method, string path, int status, string format)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (method is "POST" or "PUT")
        {
            request.Content = Form(("service_code", "0102"));
        }
        var response = await factory.Anonymous().SendAsync(request, Ct);
        if (format == "xml")
        {
            await XmlErrorsAsync(response, status);
        }
        else
        {
            (await ErrorsAsync(response, status)).Dispose();
        }
    }

    [Fact]
    public async Task A_raw_plus_in_the_dates_is_read_as_the_offset_it_was()
    {
        var end = Open311Document.Time(TestTime.Now + Duration.FromMinutes(1));
        var start = Open311Document.Time(TestTime.Now - Duration.FromDays(30));
        Assert.Contains("+08:00", end, StringComparison.Ordinal);
        // Sent as clients send it: unescaped, so the server's query parser sees a space.
        var response = await factory.Anonymous().GetAsync($"/open311/v2/requests.json?start_date={start}&end_date={end}", Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(JsonValueKind.Array, JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).RootElement.ValueKind);
    }

    [Fact]
    public async Task Every_get_answer_is_valid_against_the_official_schemas_and_its_xml_carries_the_same_fields()
    {
        // Requests with every optional field filled and with most left out, so both shapes are validated.
        var key = await IssueKeyAsync();
        var client = factory.Anonymous();
        var full = await client.PostAsync("/open311/v2/requests.json", Form(
            ("api_key", key), ("service_code", "0102"), ("lat", "37.6"), ("long", "118.5"), ("address_string", "垦利区垦利街道胜利路 18 号"),
            ("media_url", "https://img.example.cn/p/7.jpg"), ("description", new string('暗', 4000)), ("phone", "13900001111"), ("first_name", "芳"), ("last_name", "王")), Ct);
        Assert.Equal(HttpStatusCode.OK, full.StatusCode);
        var sparse = await client.PostAsync("/open311/v2/requests.json", Form(("api_key", key), ("service_code", "0102"), ("address_id", "370505001")), Ct);
        Assert.True(sparse.StatusCode == HttpStatusCode.OK, await sparse.Content.ReadAsStringAsync(Ct));
        var id = JsonDocument.Parse(await full.Content.ReadAsStringAsync(Ct)).RootElement[0].GetProperty("service_request_id").GetString();

        var schemas = Open311Schemas.Load();
        using var services = await BothAsync(client, "/open311/v2/services", "services", schemas);
        Assert.NotEmpty(services.RootElement.EnumerateArray());
        foreach (var code in services.RootElement.EnumerateArray().Select(s => s.GetProperty("service_code").GetString()).Take(5))
        {
            (await BothAsync(client, $"/open311/v2/services/{code}", "service-definition", schemas)).Dispose();
        }
        using var requests = await BothAsync(client, "/open311/v2/requests", "requests", schemas);
        Assert.True(requests.RootElement.GetArrayLength() >= 2);
        using var one = await BothAsync(client, $"/open311/v2/requests/{id}", "requests", schemas);
        schemas?.AssertValid("request", one.RootElement[0]);
        if (schemas is null)
        {
            Assert.Skip("../shared/data/open311 (the official GeoReport v2 schemas) is absent: JSON/XML parity was checked, schema validation was not");
        }
    }

    /// <summary>Fetches a resource in both formats, validates the JSON when the schemas are present, and checks the XML says the same.</summary>
    private static async Task<JsonDocument> BothAsync(HttpClient client, string path, string schema, Open311Schemas? schemas)
    {
        var jsonResponse = await client.GetAsync(path + ".json", Ct);
        Assert.Equal(HttpStatusCode.OK, jsonResponse.StatusCode);
        var json = JsonDocument.Parse(await jsonResponse.Content.ReadAsStringAsync(Ct));
        schemas?.AssertValid(schema, json.RootElement);
        var xml = XDocument.Parse(await client.GetStringAsync(path + ".xml", Ct)).Root!;
        AssertSame(json.RootElement, xml, path);
        return json;
    }

    /// <summary>
    /// The XML element holds what the JSON value holds: an object's fields as child elements in the same order, an
    /// array's items as repeated children, a null as an empty element, and every scalar as the same text.
    /// </summary>
    private static void AssertSame(JsonElement json, XElement xml, string where)
    {
        switch (json.ValueKind)
        {
            case JsonValueKind.Object:
                Assert.Equal(json.EnumerateObject().Select(p => p.Name), xml.Elements().Select(e => e.Name.LocalName));
                foreach (var (property, element) in json.EnumerateObject().Zip(xml.Elements()))
                {
                    AssertSame(property.Value, element, $"{where}/{property.Name}");
                }
                break;
            case JsonValueKind.Array:
                var items = json.EnumerateArray().ToList();
                Assert.Equal(items.Count, xml.Elements().Count());
                Assert.Single(xml.Elements().Select(e => e.Name.LocalName).Distinct().DefaultIfEmpty(""));
                foreach (var (item, element) in items.Zip(xml.Elements()))
                {
                    AssertSame(item, element, where + "[]");
                }
                break;
            case JsonValueKind.Null:
                Assert.True(xml.IsEmpty || xml.Value.Length == 0, $"{where}: null in JSON, '{xml.Value}' in XML");
                break;
            case JsonValueKind.Number:
                Assert.Equal(json.GetDouble(), double.Parse(xml.Value, CultureInfo.InvariantCulture));
                break;
            case JsonValueKind.True or JsonValueKind.False:
                Assert.Equal(json.GetBoolean() ? "true" : "false", xml.Value);
                break;
            default:
                Assert.True(json.GetString() == xml.Value, $"{where}: '{json.GetString()}' in JSON, '{xml.Value}' in XML");
                break;
        }
    }
}
