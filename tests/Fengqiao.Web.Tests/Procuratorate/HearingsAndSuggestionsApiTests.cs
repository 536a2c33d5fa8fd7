using Fengqiao.Testing;
using System.Net;
using System.Text.Json;
using Fengqiao.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Fengqiao.Web.Tests.Procuratorate;

/// <summary>Public hearings and procuratorial suggestions through the web: the procurator records, other staff only read, bad input is refused in the caller's language.</summary>
public sealed class HearingsAndSuggestionsApiTests(FengqiaoWebFactory factory) : IClassFixture<FengqiaoWebFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    // Instants travel as ISO-8601 UTC with a Z, as the API writes them.
    private static string Iso(DateTime utc) => utc.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);

    private static object Participants(int officers) => new object[]
    {
        new { name = "检察官 郑洁", role = "Presiding" },
        new { name = "申诉人 孙某", role = "Party" },
    }.Concat(Enumerable.Range(1, officers).Select(i => (object)new { name = $"听证员{i}", role = "HearingOfficer" })).ToArray();

    [Fact]
    public async Task The_procurator_schedules_and_holds_a_hearing_and_tracks_a_suggestion_to_its_reply()
    {
        var client = await factory.SignedInAsync("procurator");
        var scheduled = await client.PostAsJsonAsync("/api/procuratorate/hearings", new
        {
            caseReference = "垦检控申〔2026〕801号", subject = "不服不起诉决定申诉", scheduledAt = Iso(TestTime.Now.ToDateTimeUtc().AddMinutes(-30)), place = "听证室", participants = Participants(3),
        }, Ct);
        Assert.Equal(HttpStatusCode.Created, scheduled.StatusCode);
        var id = (await scheduled.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetGuid();
        var held = await client.PostAsJsonAsync($"/api/procuratorate/hearings/{id}/held", new
        {
            outcome = "PetitionSettled", summary = "申诉人息诉罢访",
            opinions = new[] { new { officerName = "听证员1", supports = true, opinion = "同意" }, new { officerName = "听证员2", supports = true, opinion = "同意" }, new { officerName = "听证员3", supports = false, opinion = "再议" } },
        }, Ct);
        var hearing = await held.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal(HttpStatusCode.OK, held.StatusCode);
        Assert.Equal("Held", hearing.GetProperty("state").GetString());
        Assert.Equal(3, hearing.GetProperty("opinions").GetArrayLength());

        var issued = await client.PostAsJsonAsync("/api/procuratorate/suggestions", new { documentNumber = "垦检建〔2026〕801号", recipientUnit = "垦利区教育和体育局", subject = "校车安全", content = "建议开展校车专项检查。" }, Ct);
        Assert.Equal(HttpStatusCode.Created, issued.StatusCode);
        var suggestion = await issued.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal("AwaitingReply", suggestion.GetProperty("status").GetString());
        var replied = await client.PostAsJsonAsync($"/api/procuratorate/suggestions/{suggestion.GetProperty("id").GetGuid()}/reply", new { reply = "已完成检查", adopted = true }, Ct);
        Assert.Equal("RepliedOnTime", (await replied.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("status").GetString());

        var tally = await client.GetFromJsonAsync<JsonElement>("/api/procuratorate/tally", Ct);
        await using var db = factory.Database.Context();
        Assert.Equal(await db.PublicHearings.CountAsync(h => h.State == Core.Procuratorate.HearingState.Held, Ct), tally.GetProperty("hearingsHeld").GetInt32());
    }

    [Fact]
    public async Task Other_staff_read_but_may_not_record_and_bad_input_is_refused_in_english_without_a_row()
    {
        var clerk = await factory.SignedInAsync("clerk");
        Assert.Equal(HttpStatusCode.OK, (await clerk.GetAsync("/api/procuratorate/hearings", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await clerk.PostAsJsonAsync("/api/procuratorate/suggestions", new { documentNumber = "X1", recipientUnit = "U", subject = "S", content = "C" }, Ct)).StatusCode);

        var procurator = await factory.SignedInAsync("procurator");
        await using var db = factory.Database.Context();
        var before = await db.PublicHearings.CountAsync(Ct);
        var few = await procurator.PostAsJsonAsync("/api/procuratorate/hearings?culture=en&ui-culture=en", new
        {
            caseReference = "垦检控申〔2026〕802号", subject = "申诉", scheduledAt = Iso(TestTime.Now.ToDateTimeUtc()), place = "听证室", participants = Participants(2),
        }, Ct);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, few.StatusCode);
        var title = (await few.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("title").GetString()!;
        Assert.StartsWith("a hearing has three to seven hearing officers", title, StringComparison.Ordinal);
        Assert.Equal(before, await db.PublicHearings.CountAsync(Ct));

        var duplicate = await procurator.PostAsJsonAsync("/api/procuratorate/suggestions", new { documentNumber = "垦检建〔2026〕3号", recipientUnit = "某单位", subject = "事由", content = "内容" }, Ct);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, duplicate.StatusCode);
    }
}
