using System.Net;
using System.Text.Json;
using Fengqiao.Core.Cases;
using Fengqiao.Data.Letters;
using Fengqiao.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Fengqiao.Web.Tests.Api;

/// <summary>吹哨报到 and a supervision letter through the real web host, with the refusals the issue names.</summary>
public sealed class WhistlesApiTests(FengqiaoWebFactory factory) : IClassFixture<FengqiaoWebFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response) => await response.Content.ReadFromJsonAsync<JsonElement>(Ct);

    private async Task<(string CaseCode, Guid Housing, Guid Market)> SettingAsync()
    {
        await using var db = factory.Database.Context();
        var housing = await db.Units.Where(u => u.Name == "垦利区住房和城乡建设局").Select(u => u.Id).SingleAsync(Ct);
        var market = await db.Units.Where(u => u.Name == "垦利区市场监督管理局").Select(u => u.Id).SingleAsync(Ct);
        // A case the clerk's bureau can see (in the district) and that is still open.
        var code = await db.Cases.Where(c => c.DivisionCode.StartsWith("370505") && c.State != CaseState.Closed)
            .Where(c => !db.Whistles.Any(w => w.CaseId == c.Id)).OrderBy(c => c.TrackingCode).Select(c => c.TrackingCode).FirstAsync(Ct);
        return (code, housing, market);
    }

    private static async Task<JsonElement> ActAsync(HttpClient client, string path, object body, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var response = await client.PostAsJsonAsync(path, body, Ct);
        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == expected, $"{path}: {response.StatusCode} {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    [Fact]
    public async Task A_whistle_is_blown_answered_by_the_department_and_rated_only_by_the_blower()
    {
        var (code, housing, market) = await SettingAsync();
        var clerk = await factory.SignedInAsync("clerk");
        var handler = await factory.SignedInAsync("handler");

        var blown = await ActAsync(clerk, $"/api/cases/{code}/whistles", new
        {
            source = "MayorHotline", level = "Street", reason = "小区积水涉及住建、市场监管",
            departments = new[] { new { departmentId = housing, task = "排查管网" }, new { departmentId = market, task = "查处违规商户" } },
        }, HttpStatusCode.Created);
        var id = blown.GetProperty("id").GetGuid();
        Assert.Equal("Street", blown.GetProperty("level").GetString());
        Assert.Equal(2, blown.GetProperty("summonses").GetArrayLength());

        // The housing handler sees the whistle that summons his unit, though the case is not his unit's.
        var queue = await handler.GetFromJsonAsync<JsonElement>("/api/whistles?mine=true", Ct);
        Assert.Contains(queue.EnumerateArray(), w => w.GetProperty("id").GetGuid() == id);

        var v = 1;
        foreach (var (action, text) in new[] { ("Acknowledge", (string?)null), ("Act", "已到场"), ("Report", "已疏通管网") })
        {
            v = (await ActAsync(handler, $"/api/whistles/{id}/actions", new { action, expectedVersion = v, text })).GetProperty("version").GetInt32();
        }
        // Not the blower: refused with the reason, nothing stored.
        var refused = await ActAsync(handler, $"/api/whistles/{id}/actions",
            new { action = "Rate", expectedVersion = v, departmentId = housing, timeliness = 5, attitude = 5, result = 5 }, HttpStatusCode.UnprocessableEntity);
        Assert.Contains("只有吹哨单位可以评价", refused.GetProperty("title").GetString(), StringComparison.Ordinal);
        // Marks out of range are a validation error.
        await ActAsync(clerk, $"/api/whistles/{id}/actions", new { action = "Rate", expectedVersion = v, departmentId = housing, timeliness = 9, attitude = 5, result = 5 }, HttpStatusCode.BadRequest);
        // A stale version is a conflict.
        await ActAsync(clerk, $"/api/whistles/{id}/actions", new { action = "Rate", expectedVersion = 1, departmentId = housing, timeliness = 5, attitude = 4, result = 4 }, HttpStatusCode.Conflict);

        var rated = await ActAsync(clerk, $"/api/whistles/{id}/actions", new { action = "Rate", expectedVersion = v, departmentId = housing, timeliness = 5, attitude = 4, result = 4, text = "响应迅速" });
        var housingRow = rated.GetProperty("summonses").EnumerateArray().Single(s => s.GetProperty("departmentId").GetGuid() == housing);
        Assert.Equal(5, housingRow.GetProperty("timeliness").GetInt32());
        Assert.Equal("Reported", housingRow.GetProperty("status").GetString());
        Assert.Equal(5, rated.GetProperty("version").GetInt32());
        Assert.Equal(5, rated.GetProperty("events").GetArrayLength());
    }

    [Fact]
    public async Task A_letter_is_drafted_approved_issued_with_a_number_replied_by_its_recipient_and_downloads_as_docx()
    {
        var (code, housing, _) = await SettingAsync();
        var clerk = await factory.SignedInAsync("clerk");
        var admin = await factory.SignedInAsync("admin");
        var handler = await factory.SignedInAsync("handler");
        var joint = await factory.SignedInAsync("jointoffice");

        var draft = await ActAsync(clerk, $"/api/cases/{code}/letters", new { type = "Supervision", recipientUnitId = housing }, HttpStatusCode.Created);
        var id = draft.GetProperty("id").GetGuid();
        Assert.Null(draft.GetProperty("number").GetString());
        // The drafter may not sign off, and a clerk is no approver anyway.
        await ActAsync(clerk, $"/api/letters/{id}/actions", new { action = "Approve", expectedVersion = 1 }, HttpStatusCode.UnprocessableEntity);
        await ActAsync(admin, $"/api/letters/{id}/actions", new { action = "Approve", expectedVersion = 1 });
        var issued = await ActAsync(admin, $"/api/letters/{id}/actions", new { action = "Issue", expectedVersion = 2 });
        var number = issued.GetProperty("number").GetString()!;
        Assert.Matches(@"^垦信督〔20\d\d〕[1-9]\d*号$", number);
        Assert.Equal("Awaiting", issued.GetProperty("replyStatus").GetString());

        // The joint-meeting office can see the letter but it is not addressed to it.
        var wrong = await ActAsync(joint, $"/api/letters/{id}/actions", new { action = "Reply", expectedVersion = 3, text = "代为回复" }, HttpStatusCode.UnprocessableEntity);
        Assert.Contains("并非发给本单位", wrong.GetProperty("title").GetString(), StringComparison.Ordinal);
        await ActAsync(handler, $"/api/letters/{id}/actions", new { action = "Acknowledge", expectedVersion = 3 });
        var replied = await ActAsync(handler, $"/api/letters/{id}/actions", new { action = "Reply", expectedVersion = 4, text = "已完成整改" });
        Assert.Equal("RepliedOnTime", replied.GetProperty("replyStatus").GetString());
        // Issued letters are immutable: issuing again is refused.
        await ActAsync(admin, $"/api/letters/{id}/actions", new { action = "Issue", expectedVersion = 5 }, HttpStatusCode.UnprocessableEntity);

        var docx = await clerk.GetAsync($"/api/letters/{id}/docx", Ct);
        Assert.Equal(HttpStatusCode.OK, docx.StatusCode);
        var lines = OfficialDocx.ReadParagraphs(await docx.Content.ReadAsByteArrayAsync(Ct));
        Assert.Equal("垦利区信访局", lines[0]);
        Assert.Contains(number, lines);
        Assert.Contains(lines, l => l.Contains(code, StringComparison.Ordinal));

        var ranking = await admin.GetFromJsonAsync<JsonElement>("/api/rankings/ranking?cohort=Departments&county=370505", Ct);
        Assert.Contains(ranking.GetProperty("rows").EnumerateArray(), r => r.GetProperty("unitName").GetString() == "垦利区住房和城乡建设局");
        var bad = await admin.GetAsync("/api/rankings/ranking?month=2026-13", Ct);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
    }

    [Fact]
    public async Task A_whistle_on_a_case_outside_the_callers_scope_is_not_found_and_nothing_is_stored()
    {
        var (code, housing, _) = await SettingAsync();
        var qingpu = await factory.SignedInAsync("qingpu.clerk");
        var response = await qingpu.PostAsJsonAsync($"/api/cases/{code}/whistles", new { source = "ResidentRequest", level = "Community", reason = "x", departments = new[] { new { departmentId = housing, task = "t" } } }, Ct);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var clerk = await factory.SignedInAsync("clerk");
        var empty = await clerk.PostAsJsonAsync($"/api/cases/{code}/whistles", new { source = "ResidentRequest", level = "Community", reason = "x", departments = Array.Empty<object>() }, Ct);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, empty.StatusCode);
        Assert.Contains("至少召集一个部门", (await JsonAsync(empty)).GetProperty("title").GetString(), StringComparison.Ordinal);
        await using var db = factory.Database.Context();
        Assert.False(await db.Whistles.AnyAsync(w => db.Cases.Any(c => c.Id == w.CaseId && c.TrackingCode == code), Ct));
    }
}
