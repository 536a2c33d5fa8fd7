using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Fengqiao.Web.Tests.Infrastructure;
using Fengqiao.Web.Tidal;
using Microsoft.Extensions.DependencyInjection;

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

    /// <summary>Four weeks of calls in ten beats (enough for a roster), every third one priority 1.</summary>
    private static string TenBeatCalls()
    {
        var text = new StringBuilder("date_time,beat,call_type,priority\n");
        var start = new DateTime(2023, 1, 2, 0, 0, 0, DateTimeKind.Unspecified);
        for (var i = 0; i < 4 * 168 * 6; i++)
        {
            var time = start.AddMinutes(i * 10);
            text.Append(CultureInfo.InvariantCulture, $"{time:yyyy-MM-dd HH:mm:ss},{500 + (i % 10)},415,{(i % 3 == 0 ? 1 : 2)}\n");
        }

        return text.ToString();
    }

    private static async Task<JsonElement> PlanAsync(HttpClient client, object? staffing)
    {
        var response = await client.PostAsJsonAsync("/api/tidal/plan", new { areas = 10, officers = 40, timeLimitSeconds = 2, trainTo = "2023-01-22", staffing }, Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
    }

    [Fact]
    public async Task A_roster_request_sizes_its_demand_with_the_standards_it_carries_and_bad_ones_are_refused()
    {
        var client = await factory.SignedInAsync("police");
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(TenBeatCalls()));
        content.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        try
        {
            Assert.Equal(HttpStatusCode.OK, (await client.PostAsync("/api/tidal/import?preset=sandiego", new MultipartFormDataContent { { content, "file", "ten-beats.csv" } }, Ct)).StatusCode);

            var plain = await PlanAsync(client, null);
            var plainDemand = plain.GetProperty("demandUnitHours").GetInt64();
            Assert.Empty(plain.GetProperty("staffing").GetProperty("priorities").EnumerateArray());

            // Priority 1 answered within one minute with 99 % certainty, as a planner sets it on the staffing tab.
            var strict = await PlanAsync(client, new
            {
                serviceMinutes = 45, travelMinutes = 10, targetWaitMinutes = 5, targetProbability = 0.9, minimumUnits = 1, callsPerIncident = 1,
                priorities = new[] { new { priority = 1, serviceMinutes = 45, travelMinutes = 10, targetWaitMinutes = 1, targetProbability = 0.99 } },
            });
            var strictDemand = strict.GetProperty("demandUnitHours").GetInt64();
            Assert.True(strictDemand > plainDemand, $"strict {strictDemand} vs plain {plainDemand}");
            var standard = Assert.Single(strict.GetProperty("staffing").GetProperty("priorities").EnumerateArray());
            Assert.Equal(1, standard.GetProperty("priority").GetInt32());
            Assert.Equal(1, standard.GetProperty("targetWaitMinutes").GetDouble());
            // The plan kept is the one just solved, with the standard it was sized by.
            Assert.Equal(strictDemand, factory.TidalWorkspace().Plan!.CurrentMetrics.DemandUnitHours);

            // Longer travel for every call: more busy time, more units.
            var far = await PlanAsync(client, new { serviceMinutes = 45, travelMinutes = 40 });
            Assert.True(far.GetProperty("demandUnitHours").GetInt64() > plainDemand);

            foreach (var (culture, expected) in new[]
            {
                ("en", new[] { "priority 1: service 1–600 min", "one standard per priority", "target wait must be 0–120 min" }),
                ("zh-CN", new[] { "1 级警情：处置 1–600 分钟", "同一警情等级只能设一条标准", "等待目标须在 0–120 分钟之间" }),
            })
            {
                var bad = await client.PostAsJsonAsync($"/api/tidal/plan?culture={culture}", new
                {
                    areas = 10, officers = 40, timeLimitSeconds = 2, trainTo = "2023-01-22",
                    staffing = new
                    {
                        targetWaitMinutes = 0,
                        priorities = new[]
                        {
                            new { priority = 1, serviceMinutes = 45, travelMinutes = 10, targetWaitMinutes = 5, targetProbability = 1.5 },
                            new { priority = 1, serviceMinutes = 45, travelMinutes = 10, targetWaitMinutes = 5, targetProbability = 0.9 },
                        },
                    },
                }, Ct);
                Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
                Assert.Equal("application/problem+json", bad.Content.Headers.ContentType?.MediaType);
                var body = await bad.Content.ReadAsStringAsync(Ct);
                foreach (var text in expected)
                {
                    Assert.Contains(text, body, StringComparison.Ordinal);
                }
            }

            var priorityOutOfRange = await client.PostAsJsonAsync("/api/tidal/plan?culture=en", new { areas = 10, officers = 40, timeLimitSeconds = 2, staffing = new { priorities = new[] { new { priority = 12, serviceMinutes = 45, travelMinutes = 10, targetWaitMinutes = 5, targetProbability = 0.9 } } } }, Ct);
            Assert.Equal(HttpStatusCode.BadRequest, priorityOutOfRange.StatusCode);
            Assert.Contains("a priority must be a whole number 0–9", await priorityOutOfRange.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);

            // Refused requests start nothing and leave the last plan as it was.
            var workspace = factory.TidalWorkspace();
            Assert.Null(workspace.Running);
            Assert.Equal(far.GetProperty("demandUnitHours").GetInt64(), workspace.Plan!.CurrentMetrics.DemandUnitHours);
        }
        finally
        {
            await client.PostAsync("/api/tidal/dataset/reset", null, Ct);
        }
    }
}
