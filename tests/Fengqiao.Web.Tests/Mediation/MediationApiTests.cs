using System.Net;
using System.Text.Json;
using Fengqiao.Web.Tests.Infrastructure;

namespace Fengqiao.Web.Tests.Mediation;

/// <summary>
/// People's mediation through the web: a lifecycle through the API with the offered steps in every answer, a committee
/// breaking 人民调解法第八条 refused with its reason, a session after the time limit refused, and who may see and do what.
/// </summary>
public sealed class MediationApiTests(FengqiaoWebFactory factory) : IClassFixture<FengqiaoWebFactory>
{
    private const string Town = "370505001";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<JsonElement> OkAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement;
    }

    private static async Task<string> ProblemTitleAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var body = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == expected, $"{(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement.GetProperty("title").GetString()!;
    }

    private static string[] Offers(JsonElement mediation) => [.. mediation.GetProperty("offers").EnumerateArray().Select(o => o.GetString()!)];

    private static int Version(JsonElement mediation) => mediation.GetProperty("mediation").GetProperty("version").GetInt32();

    private static async Task<JsonElement[]> CommitteesAsync(HttpClient client) =>
        [.. (await client.GetFromJsonAsync<JsonElement>("/api/mediation/committees", Ct)).EnumerateArray()];

    [Fact]
    public async Task A_mediation_goes_from_application_to_follow_up_through_the_api_offering_each_next_step()
    {
        var client = await factory.SignedInAsync("judicial");
        var committee = (await CommitteesAsync(client)).First(c => c.GetProperty("kind").GetString() == "Village");
        var detail = await client.GetFromJsonAsync<JsonElement>($"/api/mediation/committees/{committee.GetProperty("id").GetGuid()}", Ct);
        var room = detail.GetProperty("roomList").EnumerateArray().First().GetProperty("id").GetGuid();

        var created = await client.PostAsJsonAsync("/api/mediation/mediations", new
        {
            committeeId = committee.GetProperty("id").GetGuid(), roomId = room, initiation = "OneParty", kind = "Neighbour",
            matter = "两家共用的排水沟被堵，雨天积水倒灌。",
            parties = new[] { new { name = "张大山", side = "Applicant" }, new { name = "李小河", side = "Respondent" } },
        }, Ct);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var m = await OkAsync(created);
        var id = m.GetProperty("mediation").GetProperty("id").GetGuid();
        Assert.Equal(["Accept", "RefuseApplication"], Offers(m));

        async Task<JsonElement> Step(string action, object body) =>
            m = await OkAsync(await client.PostAsJsonAsync($"/api/mediation/mediations/{id}/actions/{action}", body, Ct));

        await Step("Accept", new { version = Version(m) });
        Assert.Equal(["RecordConsent", "RecordDeclined"], Offers(m));
        await Step("RecordConsent", new { version = Version(m) });
        Assert.Equal("InMediation", m.GetProperty("mediation").GetProperty("state").GetString());
        Assert.True(m.GetProperty("mediation").GetProperty("limitDate").ValueKind == JsonValueKind.String);
        Assert.DoesNotContain("DraftAgreement", Offers(m));
        await Step("RecordSession", new { version = Version(m), place = "老杨调解室", participants = new[] { "张大山", "李小河" }, record = "双方各自陈述……" });
        Assert.Contains("DraftAgreement", Offers(m));

        var missing = await client.PostAsJsonAsync($"/api/mediation/mediations/{id}/actions/DraftAgreement", new
        {
            version = Version(m), terms = new { parties = new[] { "张大山", "李小河" }, facts = "排水沟堵塞。", mattersInDispute = "疏通费用。", agreedTerms = "共同疏通。", performanceManner = "现金", performanceDeadline = "2099-01-01" },
        }, Ct);
        Assert.Contains("各方当事人的责任", await ProblemTitleAsync(missing, HttpStatusCode.UnprocessableEntity), StringComparison.Ordinal);

        await Step("DraftAgreement", new
        {
            version = Version(m),
            terms = new { parties = new[] { "张大山", "李小河" }, facts = "排水沟堵塞。", mattersInDispute = "疏通费用。", responsibility = "各负一半。", agreedTerms = "共同雇人疏通，费用各半。", performanceManner = "现金结清", performanceDeadline = "2099-01-01" },
        });
        // A drafted agreement: signed on paper and sealed, or signed online (the mediator here, the parties from the SMS link), or failure.
        Assert.Equal(["SignAgreement", "RecordFailure", "ScheduleRemoteSession", "SignAsMediator"], Offers(m));
        await Step("SignAgreement", new { version = Version(m) });
        Assert.Equal("Agreed", m.GetProperty("mediation").GetProperty("state").GetString());
        Assert.True(m.GetProperty("mediation").GetProperty("confirmationDueDate").ValueKind == JsonValueKind.String);
        Assert.Contains("ApplyForConfirmation", Offers(m));
        await Step("ApplyForConfirmation", new { version = Version(m), court = "垦利区人民法院" });
        Assert.DoesNotContain("ApplyForConfirmation", Offers(m));
        await Step("RecordFollowUp", new { version = Version(m), finding = "Performed", note = "已疏通，费用已结清。" });
        Assert.Equal("Performed", m.GetProperty("mediation").GetProperty("state").GetString());
        Assert.Empty(Offers(m));
        Assert.Equal(8, m.GetProperty("history").GetArrayLength());

        var stale = await client.PostAsJsonAsync($"/api/mediation/mediations/{id}/actions/RecordFollowUp", new { version = 1, finding = "Urged", note = "x" }, Ct);
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.PostAsJsonAsync($"/api/mediation/mediations/{id}/actions/Teleport", new { }, Ct)).StatusCode);
    }

    [Fact]
    public async Task A_committee_without_a_woman_member_is_refused_with_its_reason_in_either_language_and_nothing_is_stored()
    {
        var client = await factory.SignedInAsync("judicial");
        var before = (await CommitteesAsync(client)).Length;
        var body = new
        {
            name = "试点村人民调解委员会", kind = "Town", divisionCode = Town,
            members = new[] { new { name = "甲", isWoman = false, seat = "Director" }, new { name = "乙", isWoman = false, seat = "Member" }, new { name = "丙", isWoman = false, seat = "Member" } },
        };
        var zh = await ProblemTitleAsync(await client.PostAsJsonAsync("/api/mediation/committees", body, Ct), HttpStatusCode.UnprocessableEntity);
        Assert.Contains("调解委员会应当有妇女成员", zh, StringComparison.Ordinal);
        var en = await ProblemTitleAsync(await client.PostAsJsonAsync("/api/mediation/committees?culture=en", body, Ct), HttpStatusCode.UnprocessableEntity);
        Assert.Contains("at least one woman member", en, StringComparison.Ordinal);
        Assert.DoesNotContain("妇女", en, StringComparison.Ordinal);
        Assert.Equal(before, (await CommitteesAsync(client)).Length);

        var fixedBody = body with { members = [body.members[0], body.members[1], new { name = "丙", isWoman = true, seat = "Member" }] };
        Assert.Equal(HttpStatusCode.Created, (await client.PostAsJsonAsync("/api/mediation/committees", fixedBody, Ct)).StatusCode);
        Assert.Equal(before + 1, (await CommitteesAsync(client)).Length);
    }

    [Fact]
    public async Task A_session_after_the_time_limit_is_refused_and_not_offered()
    {
        var client = await factory.SignedInAsync("townlead");
        var rows = (await client.GetFromJsonAsync<JsonElement>("/api/mediation/mediations", Ct)).EnumerateArray()
            .Where(r => r.GetProperty("state").GetString() == "InMediation").ToList();
        JsonElement? lapsed = null;
        foreach (var row in rows)
        {
            var detail = await client.GetFromJsonAsync<JsonElement>($"/api/mediation/mediations/{row.GetProperty("id").GetGuid()}", Ct);
            if (detail.GetProperty("lapsed").GetBoolean())
            {
                lapsed = detail;
            }
        }
        Assert.True(lapsed is not null, "the demo has a mediation whose time limit ran out");
        var m = lapsed.Value;
        Assert.DoesNotContain("RecordSession", Offers(m));
        Assert.Contains("Extend", Offers(m));
        var id = m.GetProperty("mediation").GetProperty("id").GetGuid();
        var refused = await client.PostAsJsonAsync($"/api/mediation/mediations/{id}/actions/RecordSession", new { version = Version(m), place = "镇调解室", participants = new[] { "孙大勇" }, record = "……" }, Ct);
        Assert.Contains("双方当事人同意延长", await ProblemTitleAsync(refused, HttpStatusCode.UnprocessableEntity), StringComparison.Ordinal);
        var without = await client.PostAsJsonAsync($"/api/mediation/mediations/{id}/actions/Extend", new { version = Version(m), days = 10, bothPartiesConsent = false, note = "只有一方同意" }, Ct);
        await ProblemTitleAsync(without, HttpStatusCode.UnprocessableEntity);
        var again = await client.GetFromJsonAsync<JsonElement>($"/api/mediation/mediations/{id}", Ct);
        Assert.Equal(Version(m), Version(again));
    }

    [Fact]
    public async Task Who_sees_and_who_acts_follows_the_scope_and_the_permission_table()
    {
        var district = await factory.SignedInAsync("distlead");
        var all = await CommitteesAsync(district);
        var industry = all.First(c => c.GetProperty("kind").GetString() == "Industry");
        Assert.Contains(all, c => c.GetProperty("kind").GetString() == "Town");

        // The town sees its own committees, not the district's industry committee nor its mediations.
        var town = await factory.SignedInAsync("townlead");
        var townCommittees = await CommitteesAsync(town);
        Assert.NotEmpty(townCommittees);
        Assert.All(townCommittees, c => Assert.StartsWith(Town, c.GetProperty("divisionCode").GetString(), StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.NotFound, (await town.GetAsync($"/api/mediation/committees/{industry.GetProperty("id").GetGuid()}", Ct)).StatusCode);
        var districtMediations = (await district.GetFromJsonAsync<JsonElement>("/api/mediation/mediations", Ct)).GetArrayLength();
        var townMediations = (await town.GetFromJsonAsync<JsonElement>("/api/mediation/mediations", Ct)).GetArrayLength();
        Assert.True(townMediations > 0 && townMediations < districtMediations, $"{townMediations} of {districtMediations}");

        // A handler reads an empty list and may not mediate; a grid member mediates but registers no committee.
        var handler = await factory.SignedInAsync("handler");
        Assert.Empty(await CommitteesAsync(handler));
        Assert.Equal(HttpStatusCode.Forbidden, (await handler.PostAsJsonAsync("/api/mediation/mediations", new { }, Ct)).StatusCode);
        var grid = await factory.SignedInAsync("grid");
        Assert.Equal(HttpStatusCode.Forbidden, (await grid.PostAsJsonAsync("/api/mediation/committees", new { }, Ct)).StatusCode);
        var resident = await factory.SignedInAsync("resident");
        Assert.Equal(HttpStatusCode.Forbidden, (await resident.GetAsync("/api/mediation/committees", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await factory.Anonymous().GetAsync("/api/mediation/mediations", Ct)).StatusCode);

        // The district leader reads a mediation but is offered nothing: leaders do not mediate.
        var any = (await district.GetFromJsonAsync<JsonElement>("/api/mediation/mediations", Ct)).EnumerateArray().First(r => r.GetProperty("state").GetString() == "Applied");
        var read = await district.GetFromJsonAsync<JsonElement>($"/api/mediation/mediations/{any.GetProperty("id").GetGuid()}", Ct);
        Assert.Empty(Offers(read));
    }

    [Theory]
    [InlineData("/mediation")]
    public async Task The_pages_render_for_staff(string path)
    {
        var client = await factory.SignedInAsync("townlead");
        var html = await client.GetStringAsync(path, Ct);
        Assert.Contains("人民调解", html, StringComparison.Ordinal);
        Assert.Contains("老杨调解室", html, StringComparison.Ordinal);
        var committees = await CommitteesAsync(client);
        var detail = await client.GetStringAsync($"/mediation/committees/{committees.First().GetProperty("id").GetGuid()}", Ct);
        Assert.Contains("committee-member", detail, StringComparison.Ordinal);
        var mediation = (await client.GetFromJsonAsync<JsonElement>("/api/mediation/mediations", Ct)).EnumerateArray().First(r => r.GetProperty("state").GetString() == "Applied");
        var page = await client.GetStringAsync($"/mediation/{mediation.GetProperty("id").GetGuid()}", Ct);
        Assert.Contains("offer-Accept", page, StringComparison.Ordinal);
        Assert.Contains("offer-RefuseApplication", page, StringComparison.Ordinal);
        Assert.DoesNotContain("offer-SignAgreement", page, StringComparison.Ordinal);
    }
}
