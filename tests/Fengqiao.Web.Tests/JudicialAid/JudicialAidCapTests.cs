using System.Net;
using System.Text.Json;
using Fengqiao.Testing;
using Fengqiao.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;

namespace Fengqiao.Web.Tests.JudicialAid;

/// <summary>A host configured with a local wage of 1,000 yuan and a 12-month cap: the policy says 12,000 and a decision above it is refused, unchanged.</summary>
public sealed class JudicialAidCapTests(FengqiaoWebFactory factory) : IClassFixture<FengqiaoWebFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_decision_above_the_configured_cap_is_refused_with_the_rule_and_one_at_the_cap_is_accepted()
    {
        await using var configured = factory.WithWebHostBuilder(b => b.UseSetting("JudicialAid:MonthlyAverageWage", "1000").UseSetting("JudicialAid:CapMonths", "12"));
        var client = configured.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        await FormSignIn.SignInAsync(client, "procurator", "Fengqiao@2026");

        var policy = await client.GetFromJsonAsync<JsonElement>("/api/judicial-aid/policy", Ct);
        Assert.Equal(12_000m, policy.GetProperty("cap").GetDecimal());
        var created = await client.PostAsJsonAsync("/api/judicial-aid", new { applicant = "李秀英", caseReference = "垦检刑诉〔2026〕355号", circumstances = "因案致残，家庭无收入", villageCode = "370505001202" }, Ct);
        var aid = JsonDocument.Parse(await created.Content.ReadAsStringAsync(Ct)).RootElement;
        var id = aid.GetProperty("application").GetProperty("id").GetGuid();
        var findings = policy.GetProperty("criteria").EnumerateArray().Select(c => c.GetProperty("code").GetString()!)
            .Select(code => new { code, applies = code == "G3" || code.StartsWith('C'), reason = "经调阅卷宗核实" }).ToArray();
        var reviewed = await client.PostAsJsonAsync($"/api/judicial-aid/{id}/review", new { version = aid.GetProperty("application").GetProperty("version").GetInt32(), findings }, Ct);
        Assert.True(reviewed.IsSuccessStatusCode, await reviewed.Content.ReadAsStringAsync(Ct));
        var version = JsonDocument.Parse(await reviewed.Content.ReadAsStringAsync(Ct)).RootElement.GetProperty("application").GetProperty("version").GetInt32();
        object Decision(decimal amount) => new
        {
            version, amount, decidedBy = "检察长 王立", supervisedFunds = false,
            beneficiaries = new object[] { new { name = "李秀英", relationship = "本人", isMinor = false } },
        };

        var above = await client.PostAsJsonAsync($"/api/judicial-aid/{id}/decision", Decision(12_000.01m), Ct);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, above.StatusCode);
        Assert.Contains("上限", (await above.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("title").GetString(), StringComparison.Ordinal);
        await using (var db = factory.Database.Context())
        {
            Assert.Null((await db.JudicialAidApplications.SingleAsync(a => a.Id == id, Ct)).DecidedAmount);
        }
        var atCap = await client.PostAsJsonAsync($"/api/judicial-aid/{id}/decision", Decision(12_000m), Ct);
        Assert.True(atCap.IsSuccessStatusCode, await atCap.Content.ReadAsStringAsync(Ct));
    }
}
