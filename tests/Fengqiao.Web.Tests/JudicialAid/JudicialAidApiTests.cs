using System.Net;
using System.Text.Json;
using Fengqiao.Core.JudicialAid;
using Fengqiao.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Fengqiao.Web.Tests.JudicialAid;

/// <summary>Judicial aid through the web: the lifecycle as the procurator, refusals with readable messages, stale versions, and nothing stored on a refusal.</summary>
public sealed class JudicialAidApiTests(FengqiaoWebFactory factory) : IClassFixture<FengqiaoWebFactory>
{
    private const string Village = "370505001202";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static object[] Findings(JsonElement policy, string ground) =>
        [.. policy.GetProperty("criteria").EnumerateArray().Select(c => c.GetProperty("code").GetString()!).Select(code => new
        {
            code,
            applies = code == ground || code.StartsWith('C'),
            reason = "经调阅卷宗核实",
        })];

    private static async Task<JsonElement> OkAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement;
    }

    [Fact]
    public async Task The_procurator_takes_an_application_to_supervised_disbursement_and_closes_it()
    {
        var client = await factory.SignedInAsync("procurator");
        var policy = await client.GetFromJsonAsync<JsonElement>("/api/judicial-aid/policy", Ct);

        var created = await client.PostAsJsonAsync("/api/judicial-aid", new { applicant = "杨春梅", caseReference = "垦检刑诉〔2026〕301号", circumstances = "丈夫遇害，抚养两名幼子", villageCode = Village }, Ct);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var aid = await OkAsync(created);
        var id = aid.GetProperty("application").GetProperty("id").GetGuid();
        int Version(JsonElement e) => e.GetProperty("application").GetProperty("version").GetInt32();

        aid = await OkAsync(await client.PostAsJsonAsync($"/api/judicial-aid/{id}/review", new { version = Version(aid), findings = Findings(policy, "G3") }, Ct));
        Assert.True(aid.GetProperty("eligible").GetBoolean());
        aid = await OkAsync(await client.PostAsJsonAsync($"/api/judicial-aid/{id}/decision", new
        {
            version = Version(aid), amount = 48_000m, decidedBy = "检察长 王立", supervisedFunds = true,
            beneficiaries = new object[] { new { name = "杨小宝", relationship = "子女", isMinor = true, guardian = "杨春梅" } },
        }, Ct));
        var early = await client.PostAsJsonAsync($"/api/judicial-aid/{id}/disbursements", new { amount = 10_000m, beneficiary = "杨小宝", reference = "PZ-301-0" }, Ct);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, early.StatusCode);
        aid = await OkAsync(await client.PostAsJsonAsync($"/api/judicial-aid/{id}/agreement", new
        {
            version = Version(aid), guardian = "杨春梅", villageSignatory = "村委会主任 张振华", procuratorateSignatory = "检察官 郑洁", terms = "专款用于学费和生活费",
        }, Ct));
        aid = await OkAsync(await client.PostAsJsonAsync($"/api/judicial-aid/{id}/disbursements", new { version = Version(aid), amount = 48_000m, beneficiary = "杨小宝", reference = "PZ-301-1" }, Ct));
        aid = await OkAsync(await client.PostAsJsonAsync($"/api/judicial-aid/{id}/follow-ups", new { version = Version(aid), checker = "检察官 郑洁", findings = "学费已缴", usedAsAgreed = true }, Ct));
        aid = await OkAsync(await client.PostAsJsonAsync($"/api/judicial-aid/{id}/close", new { version = Version(aid) }, Ct));

        Assert.Equal("Closed", aid.GetProperty("application").GetProperty("state").GetString());
        Assert.Equal(0m, aid.GetProperty("remaining").GetDecimal());
        Assert.Equal("垦利区人民检察院", aid.GetProperty("agreement").GetProperty("procuratorate").GetString());
        Assert.Equal(7, aid.GetProperty("history").GetArrayLength());
        await using var db = factory.Database.Context();
        var row = await db.JudicialAidApplications.SingleAsync(a => a.Id == id, Ct);
        Assert.Equal(48_000m, row.Disbursed);
        Assert.Equal(JudicialAidState.Closed, row.State);
    }

    [Fact]
    public async Task Bad_inputs_are_refused_with_field_errors_or_the_rule_in_english_and_nothing_is_stored()
    {
        var client = await factory.SignedInAsync("procurator");
        await using var db = factory.Database.Context();
        var before = await db.JudicialAidApplications.CountAsync(Ct);

        var invalid = await client.PostAsJsonAsync("/api/judicial-aid?culture=en&ui-culture=en", new { applicant = "", caseReference = "案", circumstances = "困难", villageCode = "370505001" }, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        var errors = (await invalid.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("errors");
        Assert.Contains("applicant's name is required", errors.GetProperty("Applicant")[0].GetString(), StringComparison.Ordinal);
        Assert.True(errors.TryGetProperty("VillageCode", out _));
        Assert.Equal(before, await db.JudicialAidApplications.CountAsync(Ct));

        var aid = await OkAsync(await client.PostAsJsonAsync("/api/judicial-aid", new { applicant = "郑海涛", caseReference = "垦检刑诉〔2026〕302号", circumstances = "重伤", villageCode = Village }, Ct));
        var id = aid.GetProperty("application").GetProperty("id").GetGuid();
        var missing = await client.PostAsJsonAsync($"/api/judicial-aid/{id}/review?culture=en&ui-culture=en", new { findings = new[] { new { code = "G1", applies = true, reason = "核实" } } }, Ct);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, missing.StatusCode);
        var title = (await missing.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("title").GetString()!;
        Assert.StartsWith("each criterion needs a finding with a reason", title, StringComparison.Ordinal);
        Assert.DoesNotMatch(@"\p{IsCJKUnifiedIdeographs}", title);
        Assert.Equal(1, await db.JudicialAidEvents.CountAsync(e => e.ApplicationId == id, Ct));

        var stale = await client.PostAsJsonAsync($"/api/judicial-aid/{id}/close", new { version = 99 }, Ct);
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/judicial-aid/{Guid.NewGuid()}", Ct)).StatusCode);
    }

    [Fact]
    public async Task The_procurator_lists_the_demo_applications_of_the_district()
    {
        var list = await (await factory.SignedInAsync("procurator")).GetFromJsonAsync<JsonElement>("/api/judicial-aid", Ct);
        var references = list.EnumerateArray().Select(a => a.GetProperty("caseReference").GetString()).ToList();

        Assert.Contains("垦检刑诉〔2026〕41号", references);
        Assert.Contains("垦检刑诉〔2026〕70号", references);
    }
}
