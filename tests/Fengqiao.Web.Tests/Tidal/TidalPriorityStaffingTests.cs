using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Fengqiao.Web.Tests.Infrastructure;

namespace Fengqiao.Web.Tests.Tidal;

/// <summary>Service standards per incident priority, set by the planner, drive the staffing requirement.</summary>
public sealed class TidalPriorityStaffingTests(FengqiaoWebFactory factory) : IClassFixture<FengqiaoWebFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Four weeks of calls in three beats, every third one priority 1, the rest priority 2.</summary>
    private static string Calls()
    {
        var text = new StringBuilder("date_time,beat,call_type,priority\n");
        var start = new DateTime(2023, 1, 2, 0, 0, 0, DateTimeKind.Unspecified);
        for (var i = 0; i < 4 * 168 * 2; i++)
        {
            var time = start.AddMinutes(i * 30);
            text.Append(CultureInfo.InvariantCulture, $"{time:yyyy-MM-dd HH:mm:ss},{521 + (i % 3)},415,{(i % 3 == 0 ? 1 : 2)}\n");
        }

        return text.ToString();
    }

    private static async Task<long> UnitHoursAsync(HttpClient client, string query)
    {
        var view = await client.GetFromJsonAsync<JsonElement>($"/api/tidal/staffing?trainTo=2023-01-22&calls=1{query}", Ct);
        return view.GetProperty("unitHours").GetInt64();
    }

    [Fact]
    public async Task A_stricter_standard_for_one_priority_raises_the_requirement_and_a_bad_one_is_refused()
    {
        var client = await factory.SignedInAsync("police");
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(Calls()));
        content.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        try
        {
            Assert.Equal(HttpStatusCode.OK, (await client.PostAsync("/api/tidal/import?preset=sandiego", new MultipartFormDataContent { { content, "file", "priorities.csv" } }, Ct)).StatusCode);
            var single = await UnitHoursAsync(client, "");

            // Priority 1 answered within one minute with 99 % certainty: more units wherever its calls come.
            var strict = await UnitHoursAsync(client, "&priorities=1:45:10:1:0.99");
            Assert.True(strict > single, $"strict {strict} vs single {single}");

            // A standard for a priority nobody called changes nothing.
            Assert.Equal(single, await UnitHoursAsync(client, "&priorities=7:45:10:1:0.99"));

            // Longer jobs for priority 2 (two thirds of the calls) lengthen the busy time and raise the load.
            Assert.True(await UnitHoursAsync(client, "&priorities=2:120:30:5:0.9") > single);

            var bad = await client.GetAsync("/api/tidal/staffing?trainTo=2023-01-22&priorities=1:45:10&culture=en", Ct);
            Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
            Assert.Contains("priority standard 1:45:10 must read priority:service:travel:wait:probability", await bad.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);

            var outOfRange = await client.GetAsync("/api/tidal/staffing?trainTo=2023-01-22&priorities=1:45:10:5:1.5,1:45:10:5:0.9&culture=en", Ct);
            Assert.Equal(HttpStatusCode.BadRequest, outOfRange.StatusCode);
            var body = await outOfRange.Content.ReadAsStringAsync(Ct);
            Assert.Contains("priority 1: service 1–600 min", body, StringComparison.Ordinal);
            Assert.Contains("one standard per priority", body, StringComparison.Ordinal);
        }
        finally
        {
            await client.PostAsync("/api/tidal/dataset/reset", null, Ct);
        }
    }
}
