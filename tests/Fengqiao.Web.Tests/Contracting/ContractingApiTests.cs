using Fengqiao.Testing;
using System.Net;
using System.Text.Json;
using Fengqiao.Core.Cases;
using Fengqiao.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Fengqiao.Web.Tests.Contracting;

/// <summary>双包案, 回访, 回头看 and reception days through the real web host, with the refusals for bad input.</summary>
public sealed class ContractingApiTests(FengqiaoWebFactory factory) : IClassFixture<FengqiaoWebFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<JsonElement> SendAsync(HttpClient client, string path, object body, HttpStatusCode expected)
    {
        var response = await client.PostAsJsonAsync(path, body, Ct);
        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == expected, $"{path}: {response.StatusCode} {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    private async Task<string> AccountAsync(string userName)
    {
        await using var db = factory.Database.Context();
        return await db.Users.Where(u => u.UserName == userName).Select(u => u.Id).FirstAsync(Ct);
    }

    [Fact]
    public async Task The_office_assigns_a_dual_contract_that_both_leaders_see_and_a_second_one_is_refused()
    {
        string code;
        await using (var db = factory.Database.Context())
        {
            code = await db.Cases.Where(c => c.DivisionCode.StartsWith("370505") && c.State == CaseState.InProgress && !db.CaseContracts.Any(x => x.CaseId == c.Id))
                .OrderBy(c => c.TrackingCode).Select(c => c.TrackingCode).FirstAsync(Ct);
        }
        var (town, village) = (await AccountAsync("townlead"), await AccountAsync("grid"));
        var cadre = await factory.SignedInAsync("grid");
        // The case lies outside the village cadre's own village: not theirs to open until they are contracted to it.
        Assert.Equal(HttpStatusCode.NotFound, (await cadre.GetAsync($"/api/cases/{code}", Ct)).StatusCode);
        var office = await factory.SignedInAsync("jointoffice");
        var leaders = await office.GetFromJsonAsync<JsonElement>("/api/contracting/leaders", Ct);
        Assert.Contains(leaders.EnumerateArray(), l => l.GetProperty("staffId").GetString() == village
            && l.GetProperty("roles").EnumerateArray().Any(r => r.GetString() == "VillageLeader"));

        // Empty leaders: a per-field validation error, nothing stored.
        await SendAsync(office, $"/api/cases/{code}/contracts", new { kind = "Dual", leaders = Array.Empty<object>() }, HttpStatusCode.BadRequest);
        var wrong = await SendAsync(office, $"/api/cases/{code}/contracts", new { kind = "Dual", leaders = new[] { new { staffId = town, role = "AreaLeader" } } }, HttpStatusCode.UnprocessableEntity);
        Assert.Contains("双包案", wrong.GetProperty("title").GetString(), StringComparison.Ordinal);

        var created = await SendAsync(office, $"/api/cases/{code}/contracts",
            new { kind = "Dual", leaders = new[] { new { staffId = town, role = "AreaLeader" }, new { staffId = village, role = "VillageLeader" } } }, HttpStatusCode.Created);
        Assert.Equal("Dual", created.GetProperty("kind").GetString());
        await SendAsync(office, $"/api/cases/{code}/contracts", new { kind = "Single", leaders = new[] { new { staffId = town, role = "TownLeader" } } }, HttpStatusCode.UnprocessableEntity);

        foreach (var leader in new[] { "townlead", "grid" })
        {
            var mine = await (await factory.SignedInAsync(leader)).GetFromJsonAsync<JsonElement>("/api/contracting/mine", Ct);
            Assert.Contains(mine.EnumerateArray(), c => c.GetProperty("caseCode").GetString() == code);
        }
        // Contracted, the cadre answers for the case and opens it with its log.
        var asCadre = await cadre.GetFromJsonAsync<JsonElement>($"/api/cases/{code}", Ct);
        Assert.Contains(asCadre.GetProperty("events").EnumerateArray(), e => e.GetProperty("kind").GetString() == "contract.assigned");
        var detail = await office.GetFromJsonAsync<JsonElement>($"/api/cases/{code}", Ct);
        Assert.Contains(detail.GetProperty("events").EnumerateArray(), e => e.GetProperty("kind").GetString() == "contract.assigned");
        Assert.Null(detail.GetProperty("firstBrokenLink").ValueKind == JsonValueKind.Null ? null : (int?)detail.GetProperty("firstBrokenLink").GetInt32());
    }

    [Fact]
    public async Task A_visit_then_a_look_back_reopens_a_closed_case_and_bad_requests_change_nothing()
    {
        string closed, open;
        Guid unit;
        await using (var db = factory.Database.Context())
        {
            var c = await db.Cases.Where(x => x.DivisionCode.StartsWith("370505") && x.State == CaseState.Closed && x.ClosedAt != null && x.HandlingUnitId != null
                    && !db.LookBackReviews.Any(r => r.CaseId == x.Id) && !db.FollowUpVisits.Any(v => v.CaseId == x.Id)).OrderByDescending(x => x.TrackingCode).FirstAsync(Ct);
            (closed, unit) = (c.TrackingCode, c.HandlingUnitId!.Value);
            open = await db.Cases.Where(x => x.DivisionCode.StartsWith("370505") && x.State == CaseState.InProgress).OrderByDescending(x => x.TrackingCode).Select(x => x.TrackingCode).FirstAsync(Ct);
        }
        var office = await factory.SignedInAsync("jointoffice");
        var notClosed = await SendAsync(office, $"/api/cases/{open}/follow-ups", new { method = "Phone", outcome = "Resolved", satisfied = true }, HttpStatusCode.UnprocessableEntity);
        Assert.Contains("尚未办结", notClosed.GetProperty("title").GetString(), StringComparison.Ordinal);
        await SendAsync(office, $"/api/cases/{closed}/follow-ups", new { method = "Phone", outcome = "NotResolved", satisfied = false }, HttpStatusCode.UnprocessableEntity); // notes required
        await SendAsync(office, "/api/cases/NO-SUCH/follow-ups", new { method = "Phone", outcome = "Resolved", satisfied = true }, HttpStatusCode.NotFound);

        var visit = await SendAsync(office, $"/api/cases/{closed}/follow-ups", new { method = "OnSite", outcome = "NotResolved", satisfied = false, notes = "问题依旧" }, HttpStatusCode.Created);
        Assert.True(visit.GetProperty("callsForLookBack").GetBoolean());
        var review = await SendAsync(office, $"/api/cases/{closed}/look-backs", new { visitId = visit.GetProperty("id").GetGuid(), reason = "回访不满意" }, HttpStatusCode.Created);
        var id = review.GetProperty("id").GetGuid();

        // A grid member may visit but not decide; a decision without a unit to reopen to is refused.
        await SendAsync(await factory.SignedInAsync("grid"), $"/api/contracting/look-backs/{id}/decision", new { version = 0, decision = "TrulyResolved", findings = "已解决" }, HttpStatusCode.Forbidden);
        await SendAsync(office, $"/api/contracting/look-backs/{id}/decision", new { version = 0, decision = "NotTrulyResolved", findings = "程序性办结" }, HttpStatusCode.UnprocessableEntity);
        var still = await office.GetFromJsonAsync<JsonElement>($"/api/cases/{closed}", Ct);
        Assert.Equal("Closed", still.GetProperty("case").GetProperty("state").GetString());

        var decided = await SendAsync(office, $"/api/contracting/look-backs/{id}/decision", new { version = 0, decision = "NotTrulyResolved", findings = "程序性办结，重新交办", reopenTo = unit }, HttpStatusCode.OK);
        Assert.Equal(unit, decided.GetProperty("reopenedTo").GetGuid());
        var reopened = await office.GetFromJsonAsync<JsonElement>($"/api/cases/{closed}", Ct);
        Assert.Equal("Assigned", reopened.GetProperty("case").GetProperty("state").GetString());
        Assert.Equal("case.reopened", reopened.GetProperty("events").EnumerateArray().Last().GetProperty("kind").GetString());

        var aftercare = await office.GetFromJsonAsync<JsonElement>($"/api/cases/{closed}/aftercare", Ct);
        Assert.Equal(1, aftercare.GetProperty("visits").GetArrayLength());
        var counts = await office.GetFromJsonAsync<JsonElement>("/api/contracting/counts", Ct);
        Assert.True(counts.GetProperty("totals").GetProperty("casesReopened").GetInt32() >= 1);
        var bad = await office.GetAsync("/api/contracting/counts?month=2026-13", Ct);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
    }

    [Fact]
    public async Task A_leader_schedules_a_reception_day_and_a_resident_received_that_day_becomes_a_visit_case()
    {
        var town = await factory.SignedInAsync("townlead");
        await SendAsync(town, "/api/contracting/receptions", new { day = "Wednesday", from = "11:00", to = "09:00", place = "镇便民服务中心" }, HttpStatusCode.UnprocessableEntity);
        await SendAsync(town, "/api/contracting/receptions", new { day = "Wednesday", from = "9点", to = "11:00", place = "镇便民服务中心" }, HttpStatusCode.BadRequest);
        var schedule = await SendAsync(town, "/api/contracting/receptions", new { day = "Wednesday", from = "09:00", to = "11:00", place = "镇便民服务中心" }, HttpStatusCode.Created);
        var id = schedule.GetProperty("id").GetGuid();

        var today = TestTime.Today.ToDateTimeUnspecified();
        var wednesday = today.AddDays(-(((int)today.DayOfWeek - (int)DayOfWeek.Wednesday + 7) % 7));
        while (!await IsWorkingDayAsync(wednesday))
        {
            wednesday = wednesday.AddDays(-7);
        }
        string village;
        await using (var db = factory.Database.Context())
        {
            var division = await db.ReceptionSchedules.Where(s => s.Id == id).Select(s => s.DivisionCode).FirstAsync(Ct);
            village = await db.Divisions.Where(d => d.Code.StartsWith(division) && d.Code.Length == 12).Select(d => d.Code).FirstAsync(Ct);
        }
        var clerk = await factory.SignedInAsync("clerk");
        var body = new { date = wednesday.AddDays(1).ToString("yyyy-MM-dd"), title = "反映村道积水", detail = "接访日当面反映", divisionCode = village, partyName = "王大爷", partyPhone = "13900001111" };
        var wrongDay = await SendAsync(clerk, $"/api/contracting/receptions/{id}/cases", body, HttpStatusCode.UnprocessableEntity);
        Assert.Contains("不是该领导的接访日", wrongDay.GetProperty("title").GetString(), StringComparison.Ordinal);
        await SendAsync(clerk, $"/api/contracting/receptions/{id}/cases", body with { date = "yesterday" }, HttpStatusCode.BadRequest);
        await SendAsync(clerk, $"/api/contracting/receptions/{id}/cases", body with { date = wednesday.ToString("yyyy-MM-dd"), title = "" }, HttpStatusCode.BadRequest);

        var created = await SendAsync(clerk, $"/api/contracting/receptions/{id}/cases", body with { date = wednesday.ToString("yyyy-MM-dd") }, HttpStatusCode.Created);
        var code = created.GetProperty("trackingCode").GetString()!;
        var detail = await clerk.GetFromJsonAsync<JsonElement>($"/api/cases/{code}", Ct);
        Assert.Equal("Visit", detail.GetProperty("case").GetProperty("channel").GetString());
        var receptions = await clerk.GetFromJsonAsync<JsonElement>($"/api/contracting/receptions?year={wednesday.Year}", Ct);
        Assert.Contains(receptions.GetProperty("counts").EnumerateArray(), c => c.GetProperty("leaderName").GetString()!.Contains("杨帆", StringComparison.Ordinal)
            && c.GetProperty("month").GetString() == wednesday.ToString("yyyy-MM") && c.GetProperty("residents").GetInt32() >= 1);
    }

    private static Task<bool> IsWorkingDayAsync(DateTime day) =>
        Task.FromResult(Fengqiao.Core.Calendar.WorkCalendar.China.IsWorkingDay(NodaTime.LocalDate.FromDateTime(day)));
}
