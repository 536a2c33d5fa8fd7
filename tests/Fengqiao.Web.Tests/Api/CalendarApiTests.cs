using System.Net;
using System.Text.Json;
using Fengqiao.Web.Tests.Infrastructure;

namespace Fengqiao.Web.Tests.Api;

/// <summary>Staff read the work calendar; only administrators change it, with the version they loaded.</summary>
public sealed class CalendarApiTests(FengqiaoWebFactory factory) : IClassFixture<FengqiaoWebFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_administrator_saves_a_year_a_stale_save_conflicts_and_a_clerk_may_only_read()
    {
        var admin = await factory.SignedInAsync("admin");
        var clerk = await factory.SignedInAsync("clerk");
        var shipped = await clerk.GetFromJsonAsync<JsonElement>("/api/calendar/2026", Ct);
        Assert.False(shipped.GetProperty("edited").GetBoolean());
        Assert.True(shipped.GetProperty("holidays").GetArrayLength() > 20);

        var body = new { version = 0, holidays = new[] { new { date = "2033-01-03", name = "元旦" } }, workdays = Array.Empty<object>() };
        Assert.Equal(HttpStatusCode.Forbidden, (await clerk.PutAsJsonAsync("/api/calendar/2033", body, Ct)).StatusCode);
        var saved = await admin.PutAsJsonAsync("/api/calendar/2033", body, Ct);
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        Assert.Equal(1, (await saved.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("version").GetInt32());

        var stale = await admin.PutAsJsonAsync("/api/calendar/2033", body, Ct);
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        var bad = await admin.PutAsJsonAsync("/api/calendar/2033", new { version = 1, holidays = Array.Empty<object>(), workdays = new[] { new { date = "2033-01-05", name = "补班" } } }, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("周末", await bad.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        var after = await clerk.GetFromJsonAsync<JsonElement>("/api/calendar/2033", Ct);
        Assert.Equal(1, after.GetProperty("version").GetInt32());
        Assert.Equal("2033-01-03", after.GetProperty("holidays")[0].GetProperty("date").GetString());
    }
}
