using System.Net;
using System.Text.Json;
using System.Xml.Linq;
using Fengqiao.Core.Cases;
using Fengqiao.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Fengqiao.Web.Tests.Open311;

/// <summary>
/// GeoReport v2 as an outside client sees it: raw responses read with JsonDocument and XDocument and checked against
/// the spec's field names, types, status codes, encodings and date format — never through our own types.
/// </summary>
public sealed class Open311ConformanceTests(FengqiaoWebFactory factory) : IClassFixture<FengqiaoWebFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly string[] ServiceFields = ["service_code", "service_name", "description", "metadata", "type", "keywords", "group"];
    private static readonly string[] RequestFields =
    [
        "service_request_id", "status", "status_notes", "service_name", "service_code", "description", "agency_responsible", "service_notice",
        "requested_datetime", "updated_datetime", "expected_datetime", "address", "address_id", "zipcode", "lat", "long", "media_url",
    ];

    private async Task<string> IssueKeyAsync(string unitName = "垦利区信访局")
    {
        var admin = await factory.SignedInAsync("admin");
        await using var db = factory.Database.Context();
        var unit = await db.Units.SingleAsync(u => u.Name == unitName, Ct);
        var response = await admin.PostAsJsonAsync("/api/open311/clients", new { name = "城市服务 App " + Guid.NewGuid().ToString("N")[..6], unitId = unit.Id }, Ct);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
        return body.RootElement.GetProperty("key").GetString()!;
    }

    private static async Task<XDocument> XmlAsync(HttpResponseMessage response)
    {
        Assert.Equal("text/xml", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("utf-8", response.Content.Headers.ContentType?.CharSet);
        var bytes = await response.Content.ReadAsByteArrayAsync(Ct);
        var text = new System.Text.UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes);
        Assert.StartsWith("<?xml version=\"1.0\" encoding=\"utf-8\"?>", text, StringComparison.OrdinalIgnoreCase);
        return XDocument.Parse(text);
    }

    private static async Task<JsonDocument> JsonAsync(HttpResponseMessage response)
    {
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("utf-8", response.Content.Headers.ContentType?.CharSet);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
    }

    private static void AssertErrors(JsonDocument document, int code)
    {
        Assert.Equal(JsonValueKind.Array, document.RootElement.ValueKind);
        Assert.NotEmpty(document.RootElement.EnumerateArray());
        foreach (var error in document.RootElement.EnumerateArray())
        {
            Assert.Equal(code, error.GetProperty("code").GetInt32());
            Assert.False(string.IsNullOrWhiteSpace(error.GetProperty("description").GetString()));
        }
    }

    private static void AssertErrors(XDocument document, int code)
    {
        Assert.Equal("errors", document.Root!.Name.LocalName);
        Assert.NotEmpty(document.Root.Elements("error"));
        foreach (var error in document.Root.Elements("error"))
        {
            Assert.Equal(code.ToString(System.Globalization.CultureInfo.InvariantCulture), error.Element("code")!.Value);
            Assert.False(string.IsNullOrWhiteSpace(error.Element("description")!.Value));
        }
    }

    /// <summary>ISO 8601 with an explicit offset (the spec requires Z or ±HH:MM).</summary>
    private static void AssertIsoWithOffset(string? text)
    {
        Assert.NotNull(text);
        Assert.Matches(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(Z|[+-]\d{2}:\d{2})$", text);
        Assert.True(DateTimeOffset.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out _));
    }

    private static FormUrlEncodedContent Form(params (string Key, string Value)[] fields) =>
        new(fields.Select(f => new KeyValuePair<string, string>(f.Key, f.Value)));

    [Fact]
    public async Task Discovery_names_the_v2_endpoint_and_both_formats()
    {
        var client = factory.Anonymous();
        using var json = await JsonAsync(await client.GetAsync("/open311/discovery.json", Ct));
        var endpoint = json.RootElement.GetProperty("endpoints")[0];
        Assert.Equal("http://wiki.open311.org/GeoReport_v2", endpoint.GetProperty("specification").GetString());
        Assert.EndsWith("/open311/v2", endpoint.GetProperty("url").GetString(), StringComparison.Ordinal);
        Assert.Contains("text/xml", endpoint.GetProperty("formats").EnumerateArray().Select(f => f.GetString()));
        AssertIsoWithOffset(json.RootElement.GetProperty("changeset").GetString());

        var xml = await XmlAsync(await client.GetAsync("/open311/v2/discovery.xml", Ct));
        Assert.Equal("discovery", xml.Root!.Name.LocalName);
        Assert.Equal(["text/xml", "application/json"], xml.Root.Element("endpoints")!.Element("endpoint")!.Element("formats")!.Elements("format").Select(f => f.Value));
    }

    [Fact]
    public async Task Services_are_the_second_level_categories_in_json_and_xml_alike()
    {
        var client = factory.Anonymous();
        using var json = await JsonAsync(await client.GetAsync("/open311/v2/services.json", Ct));
        var services = json.RootElement.EnumerateArray().ToList();
        await using var db = factory.Database.Context();
        Assert.Equal(await db.Categories.CountAsync(c => c.Level == 2, Ct), services.Count);
        foreach (var service in services)
        {
            Assert.Equal(ServiceFields, service.EnumerateObject().Select(p => p.Name));
            Assert.Equal(JsonValueKind.True, service.GetProperty("metadata").ValueKind);
            Assert.Contains(service.GetProperty("type").GetString(), new[] { "realtime", "batch", "blackbox" });
            Assert.Matches(@"^\d{4}$", service.GetProperty("service_code").GetString());
        }

        var xml = await XmlAsync(await client.GetAsync("/open311/v2/services?format=xml", Ct));
        Assert.Equal("services", xml.Root!.Name.LocalName);
        var xmlServices = xml.Root.Elements("service").ToList();
        Assert.Equal(services.Select(s => s.GetProperty("service_code").GetString()), xmlServices.Select(s => s.Element("service_code")!.Value));
        Assert.Equal(services.Select(s => s.GetProperty("service_name").GetString()), xmlServices.Select(s => s.Element("service_name")!.Value));
        Assert.All(xmlServices, s => Assert.Equal("true", s.Element("metadata")!.Value));
    }

    [Fact]
    public async Task A_service_definition_lists_typed_attributes_and_an_unknown_code_is_a_404_error_list()
    {
        var client = factory.Anonymous();
        using var definition = await JsonAsync(await client.GetAsync("/open311/v2/services/0102.json", Ct));
        Assert.Equal("0102", definition.RootElement.GetProperty("service_code").GetString());
        var attributes = definition.RootElement.GetProperty("attributes").EnumerateArray().ToList();
        Assert.Equal(["category", "title", "urgent"], attributes.Select(a => a.GetProperty("code").GetString()));
        foreach (var attribute in attributes)
        {
            Assert.Contains(attribute.GetProperty("datatype").GetString(), new[] { "string", "number", "datetime", "text", "singlevaluelist", "multivaluelist" });
            Assert.Equal(JsonValueKind.True, attribute.GetProperty("variable").ValueKind);
            Assert.Contains(attribute.GetProperty("required").ValueKind, new[] { JsonValueKind.True, JsonValueKind.False });
            Assert.Equal(JsonValueKind.Number, attribute.GetProperty("order").ValueKind);
            if (attribute.GetProperty("datatype").GetString()!.EndsWith("valuelist", StringComparison.Ordinal))
            {
                Assert.All(attribute.GetProperty("values").EnumerateArray(), v => Assert.False(string.IsNullOrEmpty(v.GetProperty("key").GetString() + v.GetProperty("name").GetString())));
            }
        }

        var xml = await XmlAsync(await client.GetAsync("/open311/v2/services/0102.xml", Ct));
        Assert.Equal("service_definition", xml.Root!.Name.LocalName);
        Assert.Equal(3, xml.Root.Element("attributes")!.Elements("attribute").Count());
        Assert.NotEmpty(xml.Root.Element("attributes")!.Elements("attribute").First().Element("values")!.Elements("value").Select(v => v.Element("key")!.Value));

        var missing = await client.GetAsync("/open311/v2/services/9999.json", Ct);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        AssertErrors(await JsonAsync(missing), 404);
        var missingXml = await client.GetAsync("/open311/v2/services/9999.xml", Ct);
        Assert.Equal(HttpStatusCode.NotFound, missingXml.StatusCode);
        AssertErrors(await XmlAsync(missingXml), 404);
    }

    [Fact]
    public async Task Posting_needs_a_valid_api_key_and_stores_nothing_without_one()
    {
        var client = factory.Anonymous();
        await using var db = factory.Database.Context();
        var before = await db.Cases.IgnoreQueryFilters().CountAsync(Ct);
        var fields = new[] { ("service_code", "0102"), ("address_id", "370505001"), ("description", "路灯不亮"), ("phone", "13900001111") };
        var none = await client.PostAsync("/open311/v2/requests.json", Form(fields), Ct);
        Assert.Equal(HttpStatusCode.Forbidden, none.StatusCode);
        AssertErrors(await JsonAsync(none), 403);
        var wrong = await client.PostAsync("/open311/v2/requests.xml", Form([.. fields, ("api_key", "fq311_" + new string('0', 64))]), Ct);
        Assert.Equal(HttpStatusCode.Forbidden, wrong.StatusCode);
        AssertErrors(await XmlAsync(wrong), 403);
        Assert.Equal(before, await db.Cases.IgnoreQueryFilters().CountAsync(Ct));
        // The key is stored only as its hash.
        Assert.DoesNotContain(await db.Open311Clients.Select(c => c.KeyHash).ToListAsync(Ct), h => h.StartsWith("fq311_", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_posted_request_becomes_an_online_case_and_is_tracked_to_closed()
    {
        var key = await IssueKeyAsync();
        var client = factory.Anonymous();
        var post = await client.PostAsync("/open311/v2/requests.xml", Form(
            ("api_key", key), ("jurisdiction_id", "fengqiao"), ("service_code", "0102"), ("attribute[urgent]", "no"),
            ("address_string", "垦利区垦利街道胜利路 18 号"), ("description", "小区门口路灯坏了两周，晚上很黑。联系我 13912345678"),
            ("first_name", "建国"), ("last_name", "马"), ("phone", "13912345678"), ("email", "ma@example.cn")), Ct);
        Assert.Equal(HttpStatusCode.OK, post.StatusCode);
        var created = (await XmlAsync(post)).Root!;
        Assert.Equal("service_requests", created.Name.LocalName);
        var id = created.Element("request")!.Element("service_request_id")!.Value;
        var token = created.Element("request")!.Element("token")!.Value;

        await using (var db = factory.Database.Context())
        {
            var stored = await db.Cases.IgnoreQueryFilters().SingleAsync(c => c.TrackingCode == id, Ct);
            Assert.Equal(CaseChannel.AppOrVideo, stored.Channel);
            Assert.Equal(CaseState.Registered, stored.State);
            Assert.StartsWith("370505001", stored.DivisionCode, StringComparison.Ordinal);
            Assert.Equal((await db.Units.SingleAsync(u => u.Name == "垦利区信访局", Ct)).Id, stored.RegisteringUnitId);
            Assert.Equal(1, await db.CaseEvents.IgnoreQueryFilters().CountAsync(e => e.CaseId == stored.Id, Ct));
        }

        using (var tokenJson = await JsonAsync(await client.GetAsync($"/open311/v2/tokens/{token}.json", Ct)))
        {
            Assert.Equal(id, tokenJson.RootElement[0].GetProperty("service_request_id").GetString());
        }

        using (var one = await JsonAsync(await client.GetAsync($"/open311/v2/requests/{id}.json", Ct)))
        {
            var request = one.RootElement.EnumerateArray().Single();
            Assert.Equal(RequestFields, request.EnumerateObject().Select(p => p.Name));
            Assert.Equal("open", request.GetProperty("status").GetString());
            Assert.Equal("0102", request.GetProperty("service_code").GetString());
            AssertIsoWithOffset(request.GetProperty("requested_datetime").GetString());
            AssertIsoWithOffset(request.GetProperty("updated_datetime").GetString());
            Assert.EndsWith("+08:00", request.GetProperty("requested_datetime").GetString(), StringComparison.Ordinal);
            // Public output: the phone in the text is masked and no name appears.
            var description = request.GetProperty("description").GetString()!;
            Assert.Contains("139****5678", description, StringComparison.Ordinal);
            Assert.DoesNotContain("13912345678", one.RootElement.GetRawText(), StringComparison.Ordinal);
            Assert.DoesNotContain("马建国", one.RootElement.GetRawText(), StringComparison.Ordinal);
        }

        await CloseAsync(id);
        var closed = await XmlAsync(await client.GetAsync($"/open311/v2/requests/{id}.xml", Ct));
        Assert.Equal("closed", closed.Root!.Element("request")!.Element("status")!.Value);
        var closedList = await JsonAsync(await client.GetAsync("/open311/v2/requests.json?status=closed&service_code=0102", Ct));
        Assert.Contains(id, closedList.RootElement.EnumerateArray().Select(r => r.GetProperty("service_request_id").GetString()));
        var openList = await JsonAsync(await client.GetAsync("/open311/v2/requests.json?status=open", Ct));
        Assert.DoesNotContain(id, openList.RootElement.EnumerateArray().Select(r => r.GetProperty("service_request_id").GetString()));
        var oldWindow = await JsonAsync(await client.GetAsync("/open311/v2/requests.json?start_date=2020-01-01T00:00:00%2B08:00&end_date=2020-03-01T00:00:00%2B08:00", Ct));
        Assert.Empty(oldWindow.RootElement.EnumerateArray());
    }

    private async Task CloseAsync(string code)
    {
        var clerk = await factory.SignedInAsync("clerk");
        var chief = await factory.SignedInAsync("housing.chief");
        await using var db = factory.Database.Context();
        var housing = await db.Units.SingleAsync(u => u.Name == "垦利区住房和城乡建设局", Ct);
        (HttpClient Who, object Step)[] steps =
        [
            (clerk, new { action = "Accept", expectedVersion = 1 }),
            (clerk, new { action = "Assign", expectedVersion = 2, unitId = housing.Id }),
            (clerk, new { action = "StartHandling", expectedVersion = 3 }),
            (clerk, new { action = "SubmitReply", expectedVersion = 4, text = "已更换路灯。" }),
            (chief, new { action = "Reply", expectedVersion = 5 }),
            (clerk, new { action = "Rate", expectedVersion = 6, rating = "Satisfied" }),
            (clerk, new { action = "Close", expectedVersion = 7 }),
        ];
        foreach (var (who, step) in steps)
        {
            var response = await who.PostAsJsonAsync($"/api/cases/{code}/actions", step, Ct);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{JsonSerializer.Serialize(step)}: {await response.Content.ReadAsStringAsync(Ct)}");
        }
    }

    [Theory]
    [InlineData("/open311/v2/requests.json?start_date=2026-01-01T00:00:00%2B08:00&end_date=2026-06-01T00:00:00%2B08:00", 400)]
    [InlineData("/open311/v2/requests.json?start_date=yesterday", 400)]
    [InlineData("/open311/v2/requests.json?status=pending", 400)]
    [InlineData("/open311/v2/requests.json?service_code=0102'%20OR%201=1--", 400)]
    [InlineData("/open311/v2/requests/NOPE-1.json", 404)]
    [InlineData("/open311/v2/tokens/nope.json", 404)]
    [InlineData("/open311/v2/services.json?jurisdiction_id=elsewhere", 404)]
    [InlineData("/open311/v2/services.yaml", 400)]
    public async Task Bad_queries_get_the_specs_error_list(string path, int status)
    {
        var response = await factory.Anonymous().GetAsync(path, Ct);
        Assert.Equal(status, (int)response.StatusCode);
        AssertErrors(await JsonAsync(response), status);
    }

    [Fact]
    public async Task Invalid_fields_are_all_reported_at_once_and_nothing_is_stored()
    {
        var key = await IssueKeyAsync();
        await using var db = factory.Database.Context();
        var before = await db.Cases.IgnoreQueryFilters().CountAsync(Ct);
        var response = await factory.Anonymous().PostAsync("/open311/v2/requests.json", Form(
            ("api_key", key), ("service_code", "0102"), ("attribute[colour]", "red"), ("attribute[urgent]", "maybe"), ("lat", "37.59"), ("long", "118.55"),
            ("description", "路灯不亮"), ("phone", "13900001111")), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var errors = await JsonAsync(response);
        AssertErrors(errors, 400);
        var text = errors.RootElement.GetRawText();
        Assert.Contains("colour", text, StringComparison.Ordinal);
        Assert.Contains("urgent", text, StringComparison.Ordinal);
        var missing = await factory.Anonymous().PostAsync("/open311/v2/requests.json", Form(("api_key", key), ("address_id", "370505001")), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        Assert.Contains("service_code", (await missing.Content.ReadAsStringAsync(Ct)), StringComparison.Ordinal);
        Assert.Equal(before, await db.Cases.IgnoreQueryFilters().CountAsync(Ct));
    }

    [Fact]
    public async Task A_revoked_key_stops_working_and_only_administrators_issue_keys()
    {
        var key = await IssueKeyAsync();
        var admin = await factory.SignedInAsync("admin");
        using var list = JsonDocument.Parse(await admin.GetStringAsync("/api/open311/clients", Ct));
        Assert.DoesNotContain("fq311_", list.RootElement.GetRawText(), StringComparison.Ordinal);
        await using var db = factory.Database.Context();
        var hash = Core.Open311.Open311ApiKey.Hash(key);
        var id = (await db.Open311Clients.SingleAsync(c => c.KeyHash == hash, Ct)).Id;
        Assert.Equal(HttpStatusCode.NoContent, (await admin.PostAsync($"/api/open311/clients/{id}/revoke", null, Ct)).StatusCode);
        var refused = await factory.Anonymous().PostAsync("/open311/v2/requests.json", Form(("api_key", key), ("service_code", "0102"), ("address_id", "370505001"), ("description", "路灯不亮"), ("phone", "13900001111")), Ct);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);

        var clerk = await factory.SignedInAsync("clerk");
        Assert.Equal(HttpStatusCode.Forbidden, (await clerk.PostAsJsonAsync("/api/open311/clients", new { name = "x", unitId = id }, Ct)).StatusCode);
    }
}
