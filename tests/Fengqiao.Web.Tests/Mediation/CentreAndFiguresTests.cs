using System.Net;
using System.Text.Json;
using Fengqiao.Web.Tests.Infrastructure;

namespace Fengqiao.Web.Tests.Mediation;

/// <summary>
/// The one-stop centre and the leaders' figures through the web: the centre's staff keep the rota and receive residents
/// (a named room opens a mediation, other paths go to a unit at the centre that day), others see but may not change it,
/// another district sees nothing; the public page lists today's units and rooms; the figures count only what the scope
/// admits and leave 0 of 0 without a value.
/// </summary>
public sealed class CentreAndFiguresTests(FengqiaoWebFactory factory) : IClassFixture<FengqiaoWebFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<JsonElement> OkAsync(HttpResponseMessage response, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var body = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == expected, $"{(int)response.StatusCode}: {body}");
        return body.Length == 0 ? default : JsonDocument.Parse(body).RootElement;
    }

    private static async Task<string> RefusedAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var body = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == expected, $"{(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement.GetProperty("title").GetString()!;
    }

    private static async Task<(Guid Id, JsonElement View)> CentreAsync(HttpClient client, string? month = null)
    {
        var centres = await OkAsync(await client.GetAsync("/api/mediation/centres", Ct));
        var id = centres.EnumerateArray().Single().GetProperty("id").GetGuid();
        return (id, await OkAsync(await client.GetAsync($"/api/mediation/centres/{id}" + (month is null ? "" : $"?month={month}"), Ct)));
    }

    private static Guid Station(JsonElement view, string kind, int index = 0) =>
        view.GetProperty("stations").EnumerateArray().Where(s => s.GetProperty("kind").GetString() == kind).ElementAt(index).GetProperty("id").GetGuid();

    [Fact]
    public async Task The_centres_staff_keep_the_rota_by_its_rules_and_others_only_read_it()
    {
        var clerk = await factory.SignedInAsync("clerk");
        var (id, view) = await CentreAsync(clerk);
        Assert.True(view.GetProperty("isStaff").GetBoolean());
        var stations = view.GetProperty("stations").EnumerateArray().ToList();
        Assert.Equal(11, stations.Count(s => s.GetProperty("kind").GetString() == "Permanent"));
        Assert.Equal(13, stations.Count(s => s.GetProperty("kind").GetString() == "Rotating"));
        Assert.NotEmpty(view.GetProperty("rota").EnumerateArray());

        var day = Fengqiao.Testing.TestTime.Today.PlusDays(7).ToString("yyyy-MM-dd", null);
        var first = Station(view, "Rotating", 3);
        var second = Station(view, "Rotating", 4);
        var added = await OkAsync(await clerk.PostAsJsonAsync($"/api/mediation/centres/{id}/rota", new { stationId = first, date = day, window = "14号窗口" }, Ct), HttpStatusCode.Created);
        Assert.Contains("已在轮值表上", await RefusedAsync(await clerk.PostAsJsonAsync($"/api/mediation/centres/{id}/rota", new { stationId = first, date = day, window = "15号窗口" }, Ct), (HttpStatusCode)422), StringComparison.Ordinal);
        Assert.Contains("当天已由", await RefusedAsync(await clerk.PostAsJsonAsync($"/api/mediation/centres/{id}/rota", new { stationId = second, date = day, window = "14号窗口" }, Ct), (HttpStatusCode)422), StringComparison.Ordinal);
        Assert.Contains("常驻单位", await RefusedAsync(await clerk.PostAsJsonAsync($"/api/mediation/centres/{id}/rota", new { stationId = Station(view, "Permanent"), date = day, window = "16号窗口" }, Ct), (HttpStatusCode)422), StringComparison.Ordinal);

        var onDay = await OkAsync(await clerk.GetAsync($"/api/mediation/centres/{id}/days/{day}", Ct));
        Assert.Contains(onDay.GetProperty("onDuty").EnumerateArray(), u => u.GetProperty("stationId").GetGuid() == first && u.GetProperty("window").GetString() == "14号窗口");

        // A district leader sees the centre but is not its staff; another district does not see it at all.
        var leader = await factory.SignedInAsync("distlead");
        var (_, leaderView) = await CentreAsync(leader);
        Assert.False(leaderView.GetProperty("isStaff").GetBoolean());
        await RefusedAsync(await leader.PostAsJsonAsync($"/api/mediation/centres/{id}/rota", new { stationId = second, date = day, window = "15号窗口" }, Ct), HttpStatusCode.Forbidden);
        await RefusedAsync(await leader.DeleteAsync($"/api/mediation/centres/{id}/rota/{added.GetProperty("id").GetGuid()}", Ct), HttpStatusCode.Forbidden);
        var other = await factory.SignedInAsync("qingpu.clerk");
        Assert.Empty((await OkAsync(await other.GetAsync("/api/mediation/centres", Ct))).EnumerateArray());
        await RefusedAsync(await other.GetAsync($"/api/mediation/centres/{id}", Ct), HttpStatusCode.NotFound);

        Assert.Equal(HttpStatusCode.NoContent, (await clerk.DeleteAsync($"/api/mediation/centres/{id}/rota/{added.GetProperty("id").GetGuid()}", Ct)).StatusCode);
        onDay = await OkAsync(await clerk.GetAsync($"/api/mediation/centres/{id}/days/{day}", Ct));
        Assert.DoesNotContain(onDay.GetProperty("onDuty").EnumerateArray(), u => u.GetProperty("stationId").GetGuid() == first);
    }

    [Fact]
    public async Task Reception_routes_the_residents_choice_and_the_day_list_shows_it()
    {
        var clerk = await factory.SignedInAsync("clerk");
        var (id, view) = await CentreAsync(clerk);
        var room = view.GetProperty("rooms").EnumerateArray().First(r => r.GetProperty("name").GetString() == "老杨调解室");
        var village = view.GetProperty("committees").EnumerateArray().First(c => c.GetProperty("kind").GetString() == "Village").GetProperty("id").GetGuid();

        var chosen = await OkAsync(await clerk.PostAsJsonAsync($"/api/mediation/centres/{id}/receptions", new
        {
            path = "PeopleMediation", resident = "赵明华", otherParty = "钱小军", matter = "共用院墙开裂，修缮费用分担谈不拢。", kind = "Neighbour", roomId = room.GetProperty("id").GetGuid(),
        }, Ct), HttpStatusCode.Created);
        var mediationId = chosen.GetProperty("mediationId").GetGuid();
        Assert.Equal(room.GetProperty("committeeId").GetGuid(), chosen.GetProperty("committeeId").GetGuid());
        var mediation = await OkAsync(await clerk.GetAsync($"/api/mediation/mediations/{mediationId}", Ct));
        Assert.Equal("Applied", mediation.GetProperty("mediation").GetProperty("state").GetString());
        Assert.Equal("老杨调解室", mediation.GetProperty("mediation").GetProperty("room").GetString());

        var court = Station(view, "Permanent", 2);
        var aid = await OkAsync(await clerk.PostAsJsonAsync($"/api/mediation/centres/{id}/receptions", new
        {
            path = "PreLitigationMediation", resident = "孙国庆", matter = "买卖合同货款纠纷。", stationId = court,
        }, Ct), HttpStatusCode.Created);
        Assert.Equal(JsonValueKind.Null, aid.GetProperty("mediationId").ValueKind);

        // Bad choices are refused with their reason and store nothing.
        var today = Fengqiao.Testing.TestTime.Today.ToString("yyyy-MM-dd", null);
        var before = (await OkAsync(await clerk.GetAsync($"/api/mediation/centres/{id}/days/{today}", Ct))).GetProperty("receptions").GetArrayLength();
        Assert.Contains("行业性专业性调解委员会", await RefusedAsync(await clerk.PostAsJsonAsync($"/api/mediation/centres/{id}/receptions", new
        {
            path = "IndustryMediation", resident = "孙国庆", otherParty = "某医院", matter = "术后感染。", committeeId = village,
        }, Ct), (HttpStatusCode)422), StringComparison.Ordinal);
        var todays = view.GetProperty("rota").EnumerateArray().Where(r => r.GetProperty("date").GetString() == today).Select(r => r.GetProperty("stationId").GetGuid()).ToHashSet();
        var absent = view.GetProperty("stations").EnumerateArray().Where(s => s.GetProperty("kind").GetString() == "Rotating").Select(s => s.GetProperty("id").GetGuid()).First(s => !todays.Contains(s));
        Assert.Contains("今天不在中心", await RefusedAsync(await clerk.PostAsJsonAsync($"/api/mediation/centres/{id}/receptions", new
        {
            path = "AdministrativeMediation", resident = "孙国庆", matter = "低保认定。", stationId = absent,
        }, Ct), (HttpStatusCode)422), StringComparison.Ordinal);
        Assert.Contains("来访群众姓名", await RefusedAsync(await clerk.PostAsJsonAsync($"/api/mediation/centres/{id}/receptions", new
        {
            path = "LegalAid", resident = "", matter = "工资。", stationId = court,
        }, Ct), (HttpStatusCode)422), StringComparison.Ordinal);

        var dayList = await OkAsync(await clerk.GetAsync($"/api/mediation/centres/{id}/days/{today}", Ct));
        var receptions = dayList.GetProperty("receptions").EnumerateArray().ToList();
        Assert.Equal(before, receptions.Count);
        Assert.Contains(receptions, r => r.GetProperty("mediationId").ValueKind == JsonValueKind.String && r.GetProperty("mediationId").GetGuid() == mediationId
            && r.GetProperty("path").GetString() == "PeopleMediation" && r.GetProperty("routedTo").GetString()!.Contains("老杨调解室", StringComparison.Ordinal));
        Assert.Contains(receptions, r => r.GetProperty("path").GetString() == "PreLitigationMediation" && r.GetProperty("routedTo").GetString()!.Contains("人民法院", StringComparison.Ordinal));
        // The demo's own receptions of the day are listed too: every path chosen shows.
        Assert.Contains(receptions, r => r.GetProperty("path").GetString() == "LegalAid");

        var leader = await factory.SignedInAsync("distlead");
        await RefusedAsync(await leader.PostAsJsonAsync($"/api/mediation/centres/{id}/receptions", new { path = "LegalAid", resident = "孙国庆", matter = "工资。", stationId = court }, Ct), HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task The_public_page_lists_todays_units_at_their_windows_and_the_named_rooms_without_an_account()
    {
        var html = await OkHtmlAsync(await factory.Anonymous().GetAsync("/portal/centre", Ct));
        Assert.Contains("垦利区矛盾纠纷多元化解中心", html, StringComparison.Ordinal);
        Assert.Contains("1号窗口", html, StringComparison.Ordinal);
        // The test day is a Wednesday: two rotating units are on the rota beside the eleven permanent ones.
        Assert.Equal(13, html.Split("data-testid=\"portal-unit\"").Length - 1);
        Assert.Contains("12号窗口", html, StringComparison.Ordinal);
        Assert.Contains("老杨调解室", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script src=\"_framework/blazor.web.js\"", html, StringComparison.Ordinal);
    }

    private static async Task<string> OkHtmlAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {body[..Math.Min(body.Length, 500)]}");
        return body;
    }

    [Fact]
    public async Task Figures_count_what_the_scope_admits_and_show_no_rate_for_nothing()
    {
        var leader = await factory.SignedInAsync("distlead");
        foreach (var by in new[] { "Committee", "Mediator", "Town", "Month" })
        {
            var figures = await OkAsync(await leader.GetAsync($"/api/mediation/figures?by={by}", Ct));
            var rows = figures.GetProperty("rows").EnumerateArray().ToList();
            Assert.NotEmpty(rows);
            var total = figures.GetProperty("total");
            Assert.Equal(total.GetProperty("applied").GetInt32(), rows.Sum(r => r.GetProperty("line").GetProperty("applied").GetInt32()));
            Assert.True(total.GetProperty("succeeded").GetInt32() > 0, by);
            Assert.True(total.GetProperty("successRate").GetProperty("value").GetDouble() is > 0 and <= 1);
        }
        var other = await OkAsync(await (await factory.SignedInAsync("qingpu.clerk")).GetAsync("/api/mediation/figures?by=Town", Ct));
        Assert.Empty(other.GetProperty("rows").EnumerateArray());
        Assert.Equal(0, other.GetProperty("total").GetProperty("applied").GetInt32());
        Assert.Equal(JsonValueKind.Null, other.GetProperty("total").GetProperty("successRate").GetProperty("value").ValueKind);
        await RefusedAsync(await leader.GetAsync("/api/mediation/figures?by=Nope", Ct), HttpStatusCode.BadRequest);

        var page = await OkHtmlAsync(await leader.GetAsync("/mediation/figures", Ct));
        Assert.Contains("data-testid=\"figures-table\"", page, StringComparison.Ordinal);
        Assert.Contains("调解成功率", page, StringComparison.Ordinal);
        // Another district's total is 0 of 0: a dash, never 0 % or 100 %.
        var empty = await OkHtmlAsync(await (await factory.SignedInAsync("qingpu.clerk")).GetAsync("/mediation/figures", Ct));
        var totalRow = empty[empty.IndexOf("data-testid=\"figures-total\"", StringComparison.Ordinal)..];
        totalRow = totalRow[..totalRow.IndexOf("</tr>", StringComparison.Ordinal)];
        Assert.Contains("—", totalRow, StringComparison.Ordinal);
        Assert.DoesNotContain("%", totalRow, StringComparison.Ordinal);
    }
}
