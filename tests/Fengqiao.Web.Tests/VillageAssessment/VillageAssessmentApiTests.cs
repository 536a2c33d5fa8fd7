using Fengqiao.Testing;
using System.Net;
using System.Text.Json;
using Fengqiao.Web.Tests.Infrastructure;
using NodaTime;
using NodaTime.Text;

namespace Fengqiao.Web.Tests.VillageAssessment;

/// <summary>The "双十" assessment over HTTP: ranking by scope, evidence per line, hand entries, the notice, refusals.</summary>
public sealed class VillageAssessmentApiTests(FengqiaoWebFactory factory) : IClassFixture<FengqiaoWebFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string LastMonth()
    {
        var today = TestTime.Now.InZone(DateTimeZoneProviders.Tzdb["Asia/Shanghai"]).Date;
        return YearMonthPattern.Iso.Format(new YearMonth(today.Year, today.Month).PlusMonths(-1));
    }

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response) => await response.Content.ReadFromJsonAsync<JsonElement>(Ct);

    [Fact]
    public async Task The_town_sees_its_101_villages_ranked_the_grid_member_one_and_a_handler_none()
    {
        var path = $"/api/assessment/ranking?area=370505001&month={LastMonth()}";
        var town = await JsonAsync(await (await factory.SignedInAsync("townlead")).GetAsync(path, Ct));
        var grid = await JsonAsync(await (await factory.SignedInAsync("grid")).GetAsync(path, Ct));
        var handler = await JsonAsync(await (await factory.SignedInAsync("handler")).GetAsync(path, Ct));

        Assert.Equal(101, town.GetArrayLength());
        Assert.Equal(1, town[0].GetProperty("rank").GetInt32());
        Assert.Equal("370505001001", Assert.Single(grid.EnumerateArray()).GetProperty("villageCode").GetString());
        Assert.Equal(0, handler.GetArrayLength());
    }

    [Fact]
    public async Task A_village_shows_twenty_lines_with_evidence_and_a_trend_over_the_scored_months()
    {
        var client = await factory.SignedInAsync("townlead");
        var lines = await JsonAsync(await client.GetAsync($"/api/assessment/villages/370505001001?month={LastMonth()}", Ct));
        var trend = await JsonAsync(await client.GetAsync($"/api/assessment/villages/370505001001/trend?month={LastMonth()}&months=6", Ct));

        Assert.Equal(20, lines.GetArrayLength());
        Assert.All(lines.EnumerateArray(), l => Assert.False(string.IsNullOrWhiteSpace(l.GetProperty("evidence").GetString())));
        var p10 = lines.EnumerateArray().Single(l => l.GetProperty("code").GetString() == "P10");
        Assert.Equal("Manual", p10.GetProperty("source").GetString());
        Assert.Equal(3, trend.EnumerateObject().Count());
    }

    [Fact]
    public async Task Hand_entries_need_evidence_and_computed_ones_are_refused_with_a_reason()
    {
        var client = await factory.SignedInAsync("townlead");
        var ok = await client.PostAsJsonAsync("/api/assessment/manual", new { villageCode = "370505001205", month = LastMonth(), indicatorCode = "N06", count = 2, evidence = "派出所通报：盗窃案两起" }, Ct);
        var noEvidence = await client.PostAsJsonAsync("/api/assessment/manual", new { villageCode = "370505001205", month = LastMonth(), indicatorCode = "N06", count = 2, evidence = "" }, Ct);
        var computed = await client.PostAsJsonAsync("/api/assessment/manual?culture=en&ui-culture=en", new { villageCode = "370505001205", month = LastMonth(), indicatorCode = "N02", count = 2, evidence = "x" }, Ct);
        var badMonth = await client.GetAsync("/api/assessment/ranking?area=370505001&month=2026/10", Ct);
        var rescored = await client.PostAsync($"/api/assessment/score?area=370505001&month={LastMonth()}", null, Ct);
        var lines = await JsonAsync(await client.GetAsync($"/api/assessment/villages/370505001205?month={LastMonth()}", Ct));

        Assert.Equal(HttpStatusCode.NoContent, ok.StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, noEvidence.StatusCode);
        Assert.Equal("人工录入的指标值必须附佐证说明", (await JsonAsync(noEvidence)).GetProperty("title").GetString());
        Assert.Equal(HttpStatusCode.UnprocessableEntity, computed.StatusCode);
        Assert.Equal("indicator N02 is computed from the records and cannot be entered by hand", (await JsonAsync(computed)).GetProperty("title").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, badMonth.StatusCode);
        Assert.Equal(101, (await JsonAsync(rescored)).GetInt32());
        var n06 = lines.EnumerateArray().Single(l => l.GetProperty("code").GetString() == "N06");
        Assert.Equal(-2m, n06.GetProperty("points").GetDecimal());
        Assert.Equal("派出所通报：盗窃案两起", n06.GetProperty("evidence").GetString());
    }

    [Fact]
    public async Task The_town_publishes_last_months_notice()
    {
        var response = await (await factory.SignedInAsync("townlead")).PostAsync($"/api/assessment/notice?area=370505001&month={LastMonth()}", null, Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var notice = await JsonAsync(response);
        Assert.Equal(101, notice.GetProperty("villageCount").GetInt32());
        Assert.Contains("红榜", notice.GetProperty("text").GetString(), StringComparison.Ordinal);
    }
}
