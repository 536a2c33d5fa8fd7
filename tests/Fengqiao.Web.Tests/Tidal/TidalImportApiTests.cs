using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Fengqiao.Web.Tests.Infrastructure;

namespace Fengqiao.Web.Tests.Tidal;

/// <summary>Importing a CSV through the API: bad rows by line number, good rows kept, nothing replaced when nothing is good.</summary>
public sealed class TidalImportApiTests(FengqiaoWebFactory factory) : IClassFixture<FengqiaoWebFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Signed in as the planner, on the Houston real-data example these tests count against (the planner opens on 克拉玛依区).</summary>
    private async Task<HttpClient> OnHoustonAsync()
    {
        var client = await factory.SignedInAsync("police");
        (await client.PostAsync("/api/tidal/dataset/reset?demo=houston", null, Ct)).EnsureSuccessStatusCode();
        return client;
    }

    private const string Calls = """
        date_time,beat,call_type,priority
        2023-01-02 08:15:00,521,415,2
        yesterday,521,415,2
        2023-01-02 09:00:00,-1,415,2
        2023-01-02 10:00:00,522,"SECURITY, CHECK",high
        2023-01-03 11:30:00,522,1186,3
        2023-01-09 11:30:00,523,1186,1
        """;

    private static MultipartFormDataContent File(string name, string text)
    {
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(text));
        content.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        return new MultipartFormDataContent { { content, "file", name } };
    }

    [Fact]
    public async Task Bad_rows_are_reported_with_their_lines_and_good_rows_become_the_working_data()
    {
        var client = await OnHoustonAsync();
        try
        {
            var response = await client.PostAsync("/api/tidal/import?preset=sandiego", File("calls.csv", Calls), Ct);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var result = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
            Assert.Equal(3, result.GetProperty("imported").GetInt32());
            var lines = result.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("line").GetInt64()).ToList();
            Assert.Equal([3L, 4L, 5L], lines);

            var dataset = await client.GetFromJsonAsync<JsonElement>("/api/tidal/dataset", Ct);
            Assert.Equal("calls.csv", dataset.GetProperty("name").GetString());
            Assert.Equal(["521", "522", "523"], dataset.GetProperty("areas").EnumerateArray().Select(a => a.GetString()!).Order(StringComparer.Ordinal).ToList());
        }
        finally
        {
            Assert.Equal(HttpStatusCode.OK, (await client.PostAsync("/api/tidal/dataset/reset?demo=houston", null, Ct)).StatusCode);
        }

        var reset = await client.GetFromJsonAsync<JsonElement>("/api/tidal/dataset", Ct);
        Assert.Equal(26_574, reset.GetProperty("incidents").GetInt32());
    }

    [Fact]
    public async Task A_file_without_one_good_row_changes_nothing()
    {
        var client = await OnHoustonAsync();
        var response = await client.PostAsync("/api/tidal/import?preset=houston&culture=en", File("bad.csv", "time_local,beat,offense,lat,lon\nnot a time,1A10,theft,29.7,-95.3\n"), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Contains("no importable incidents", body.GetRawText(), StringComparison.Ordinal);
        Assert.Equal(2, body.GetProperty("errors")[0].GetProperty("line").GetInt64());
        var dataset = await client.GetFromJsonAsync<JsonElement>("/api/tidal/dataset", Ct);
        Assert.Equal(26_574, dataset.GetProperty("incidents").GetInt32());
    }

    [Theory]
    [InlineData("preset=chicago", "invalid column mapping")]
    [InlineData("map=area%3Dbeat", "invalid column mapping")]
    public async Task An_unknown_preset_or_a_mapping_without_time_is_refused(string query, string expected)
    {
        var client = await OnHoustonAsync();
        var response = await client.PostAsync($"/api/tidal/import?{query}&culture=en", File("calls.csv", Calls), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(expected, await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Other_staff_may_not_import()
    {
        var client = await factory.SignedInAsync("clerk");
        var response = await client.PostAsync("/api/tidal/import?preset=sandiego", File("calls.csv", Calls), Ct);
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }
}
