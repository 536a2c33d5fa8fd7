using System.Net;
using System.Text.Json;
using Fengqiao.Web.Tests.Infrastructure;

namespace Fengqiao.Web.Tests.Tidal;

/// <summary>
/// The plan remembers: re-plans (planned events, officers off sick) and the 情指行 centre's live decisions are stored
/// with it and read back by another node; the live view shows today's calls on the 克拉玛依区 demo.
/// </summary>
public sealed class TidalLiveTests(FengqiaoWebFactory factory) : IClassFixture<FengqiaoWebFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<HttpClient> KaramayPlanAsync(int officers)
    {
        var client = await factory.SignedInAsync("police");
        (await client.PostAsync("/api/tidal/dataset/reset", null, Ct)).EnsureSuccessStatusCode();
        var solved = await client.PostAsJsonAsync("/api/tidal/plan", new { areas = 10, officers, timeLimitSeconds = 4 }, Ct);
        Assert.True(solved.StatusCode == HttpStatusCode.OK, await solved.Content.ReadAsStringAsync(Ct));
        return client;
    }

    [Fact]
    public async Task A_planned_event_and_officers_off_sick_are_kept_with_the_plan_and_listed_after_a_reload()
    {
        var client = await KaramayPlanAsync(officers: 40);
        var plan = factory.TidalWorkspace().Plan!;
        const int saturday = 5;
        var sick = plan.Current.Duties.First(d => d.Day == saturday).OfficerId;
        var area = plan.Problem.Areas[1];
        var response = await client.PostAsJsonAsync("/api/tidal/plan/replan", new { day = saturday, events = new[] { new { area, day = saturday, fromHour = 18, toHour = 23, extraUnits = 3 } }, offSick = new[] { sick } }, Ct);
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync(Ct));

        // Another node (or this one after a restart) reads it back from the database.
        var kept = Assert.Single(factory.TidalWorkspace().Plan!.Adjustments);
        Assert.Equal(saturday, kept.Day);
        Assert.Equal((area, 18, 23, 3), (kept.Events[0].Area, kept.Events[0].FromHour, kept.Events[0].ToHour, kept.Events[0].ExtraUnits));
        Assert.Equal([sick], kept.OffSick);
        Assert.NotEmpty(kept.Changes);

        var latest = await client.GetFromJsonAsync<JsonElement>("/api/tidal/plan", Ct);
        var listed = Assert.Single(latest.GetProperty("adjustments").EnumerateArray());
        Assert.Equal(area, listed.GetProperty("events")[0].GetProperty("area").GetString());

        // The adjustment tab lists it for the briefing, with the officer's name, not a code.
        var tab = await client.GetStringAsync("/tidal?tab=adjust", Ct);
        Assert.Contains("已记录的勤务调整", tab, StringComparison.Ordinal);
        Assert.Contains(plan.Problem.Officers.Single(o => o.Id == sick).Name, tab, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_live_view_shows_todays_calls_and_a_decision_on_a_suggestion_is_kept()
    {
        // A force large enough that quiet areas have officers to spare.
        var client = await KaramayPlanAsync(officers: 120);
        var live = await client.GetFromJsonAsync<JsonElement>("/api/tidal/live", Ct);
        Assert.True(live.GetProperty("callsToday").GetInt32() > 0, "the demo district has calls today");
        Assert.Equal(10, live.GetProperty("areas").GetArrayLength());
        Assert.True(live.GetProperty("areas").EnumerateArray().Sum(a => a.GetProperty("onDuty").GetArrayLength()) > 0, "officers are on duty now");

        var page = await client.GetStringAsync("/tidal/live", Ct);
        Assert.Contains("实时研判（情指行中心）", page, StringComparison.Ordinal);
        Assert.Contains("今日已接警", page, StringComparison.Ordinal);
        var english = await client.GetStringAsync("/tidal/live?culture=en", Ct);
        Assert.Contains("calls today", english, StringComparison.Ordinal);

        var suggestions = live.GetProperty("suggestions");
        Assert.True(suggestions.GetArrayLength() > 0, "the demo's live day has an area running hot: " + live.GetRawText()[..Math.Min(2000, live.GetRawText().Length)]);
        var first = suggestions[0];
        var (from, to) = (first.GetProperty("fromArea").GetString()!, first.GetProperty("toArea").GetString()!);
        var decided = await client.PostAsJsonAsync("/api/tidal/live/decisions", new { fromArea = from, toArea = to, accepted = true }, Ct);
        Assert.True(decided.StatusCode == HttpStatusCode.OK, await decided.Content.ReadAsStringAsync(Ct));

        // Kept with the plan (another node reads it), not offered again, and the officers now count where they went.
        var decision = Assert.Single(factory.TidalWorkspace().Plan!.LiveDecisions);
        Assert.True(decision.Accepted);
        Assert.Equal((from, to), (decision.FromArea, decision.ToArea));
        var again = await client.GetFromJsonAsync<JsonElement>("/api/tidal/live", Ct);
        Assert.DoesNotContain(again.GetProperty("suggestions").EnumerateArray(), s => s.GetProperty("fromArea").GetString() == from && s.GetProperty("toArea").GetString() == to);
        var hot = again.GetProperty("areas").EnumerateArray().Single(a => a.GetProperty("area").GetString() == to);
        Assert.All(decision.Officers, id => Assert.Contains(id, hot.GetProperty("onDuty").EnumerateArray().Select(x => x.GetString())));
        Assert.Equal(HttpStatusCode.Conflict, (await client.PostAsJsonAsync("/api/tidal/live/decisions", new { fromArea = from, toArea = to, accepted = false }, Ct)).StatusCode);
    }
}
