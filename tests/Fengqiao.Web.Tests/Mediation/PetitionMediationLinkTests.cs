using System.Net;
using System.Text.Json;
using Fengqiao.Core.Cases;
using Fengqiao.Core.Mediation;
using Fengqiao.Data.Cases;
using Fengqiao.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Fengqiao.Web.Tests.Mediation;

/// <summary>
/// 访调对接 through the real host: the district's clerk refers a case being handled to a village committee's named room;
/// the mediation fails and the judicial office turns it back into the case; each log holds the link, both chains verify,
/// each turn is offered only when Core allows it, and another district's clerk reaches neither.
/// </summary>
public sealed class PetitionMediationLinkTests(FengqiaoWebFactory factory) : IClassFixture<FengqiaoWebFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<JsonElement> OkAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement;
    }

    [Fact]
    public async Task A_case_goes_to_mediation_and_the_failed_mediation_back_to_the_case_with_a_link_in_both_logs()
    {
        await using var db = factory.Database.Context();
        // A demo case of the demo district still being handled, with a party to be the applicant, never referred before.
        var handling = new[] { CaseState.Accepted, CaseState.Assigned, CaseState.InProgress };
        var found = await db.Cases.Where(c => c.DivisionCode.StartsWith("370505") && handling.Contains(c.State) && db.CaseParties.Any(p => p.CaseId == c.Id)
                && !db.CaseEvents.Any(e => e.CaseId == c.Id && e.Kind == PetitionMediationLinks.CaseReferredKind))
            .OrderBy(c => c.TrackingCode).Select(c => new { c.Id, c.TrackingCode }).FirstAsync(Ct);
        var code = found.TrackingCode;

        var clerk = await factory.SignedInAsync("clerk");
        var before = await OkAsync(await clerk.GetAsync($"/api/mediation/cases/{code}", Ct));
        Assert.Equal(JsonValueKind.Null, before.GetProperty("referralRefusal").ValueKind);
        var committee = (await clerk.GetFromJsonAsync<JsonElement>("/api/mediation/committees", Ct)).EnumerateArray().First(c => c.GetProperty("kind").GetString() == "Village");
        var committeeId = committee.GetProperty("id").GetGuid();
        var room = (await clerk.GetFromJsonAsync<JsonElement>($"/api/mediation/committees/{committeeId}", Ct)).GetProperty("roomList").EnumerateArray().First().GetProperty("id").GetGuid();

        // Another district's clerk and an account without the act are turned away.
        var other = await factory.SignedInAsync("qingpu.clerk");
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/api/mediation/cases/{code}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.PostAsJsonAsync($"/api/mediation/cases/{code}/refer", new { committeeId, roomId = room, kind = "Neighbour", otherParty = "王某" }, Ct)).StatusCode);
        var handler = await factory.SignedInAsync("handler");
        Assert.Equal(HttpStatusCode.Forbidden, (await handler.PostAsJsonAsync($"/api/mediation/cases/{code}/refer", new { committeeId, roomId = room, kind = "Neighbour", otherParty = "王某" }, Ct)).StatusCode);

        var referred = await OkAsync(await clerk.PostAsJsonAsync($"/api/mediation/cases/{code}/refer", new { committeeId, roomId = room, kind = "Neighbour", otherParty = "王某" }, Ct));
        var mediationId = referred.GetProperty("mediations").EnumerateArray().Single().GetProperty("id").GetGuid();
        Assert.NotEqual(JsonValueKind.Null, referred.GetProperty("referralRefusal").ValueKind);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await clerk.PostAsJsonAsync($"/api/mediation/cases/{code}/refer", new { committeeId, kind = "Neighbour", otherParty = "王某" }, Ct)).StatusCode);

        var judicial = await factory.SignedInAsync("judicial");
        var linked = await OkAsync(await judicial.GetAsync($"/api/mediation/mediations/{mediationId}/case", Ct));
        Assert.Equal(code, linked.GetProperty("trackingCode").GetString());
        Assert.NotEqual(JsonValueKind.Null, linked.GetProperty("returnRefusal").ValueKind);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await judicial.PostAsJsonAsync($"/api/mediation/mediations/{mediationId}/return-to-case", new { note = "太早" }, Ct)).StatusCode);

        var m = await OkAsync(await judicial.GetAsync($"/api/mediation/mediations/{mediationId}", Ct));
        Assert.False(string.IsNullOrEmpty(m.GetProperty("mediation").GetProperty("room").GetString()));
        async Task Step(string action, object body) =>
            m = await OkAsync(await judicial.PostAsJsonAsync($"/api/mediation/mediations/{mediationId}/actions/{action}", body, Ct));
        int Version() => m.GetProperty("mediation").GetProperty("version").GetInt32();
        await Step("Accept", new { version = Version() });
        await Step("RecordConsent", new { version = Version() });
        await Step("RecordFailure", new { version = Version(), reason = "双方对赔偿数额分歧大", routes = "可申请信访事项继续办理或向人民法院起诉" });

        var back = await OkAsync(await judicial.PostAsJsonAsync($"/api/mediation/mediations/{mediationId}/return-to-case", new { note = "调解不成，请继续办理" }, Ct));
        Assert.True(back.GetProperty("returned").GetBoolean());
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await judicial.PostAsJsonAsync($"/api/mediation/mediations/{mediationId}/return-to-case", new { }, Ct)).StatusCode);
        var after = await OkAsync(await clerk.GetAsync($"/api/mediation/cases/{code}", Ct));
        Assert.True(after.GetProperty("mediations").EnumerateArray().Single().GetProperty("returned").GetBoolean());
        // Failed: the case may be referred again.
        Assert.Equal(JsonValueKind.Null, after.GetProperty("referralRefusal").ValueKind);

        await using var check = factory.Database.Context();
        var (events, broken) = await CaseEventLog.ReadCheckedAsync(check, found.Id, Ct);
        Assert.Null(broken);
        Assert.Contains(events, e => e.Kind == PetitionMediationLinks.CaseReferredKind && e.Data!.Contains(mediationId.ToString(), StringComparison.Ordinal));
        Assert.Contains(events, e => e.Kind == PetitionMediationLinks.CaseReturnedKind);
        var mediationEvents = await check.MediationEvents.Where(e => e.MediationId == mediationId).OrderBy(e => e.Sequence).ToListAsync(Ct);
        Assert.Equal([PetitionMediationLinks.MediationFromCaseKind, PetitionMediationLinks.MediationBackToCaseKind],
            mediationEvents.Where(e => e.Action is null && e.Sequence > 1).Select(e => e.Kind));
        Assert.Null(Fengqiao.Core.Audit.EventChain.FirstBrokenLink(mediationEvents.Select(e => (((Fengqiao.Data.Audit.IChainedLogEntry)e).Link, e.PreviousHash, e.Hash))));
        // The mediation still replays through its rules with the links in its log.
        Assert.Equal(MediationState.Failed, Fengqiao.Data.Mediation.MediationDesk.Replay(mediationEvents).State);
    }
}
