using System.Net;
using System.Text.Json;
using Fengqiao.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Fengqiao.Web.Tests.Api;

/// <summary>Parties come masked; only roles that meet the person may reveal, and every reveal is logged.</summary>
public sealed class PersonalDataApiTests(FengqiaoWebFactory factory) : IClassFixture<FengqiaoWebFactory>
{
    private const string IdNumber = "370505198203040010";
    private const string Phone = "13955556666";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<(string Code, Guid PartyId)> RegisterAsync(HttpClient clerk)
    {
        var created = await clerk.PostAsJsonAsync("/api/cases", new
        {
            kind = "Petition", channel = "Visit", title = "个人信息脱敏测试：小区停车位被占", divisionCode = "370505001001",
            parties = new[] { new { name = "周丽华", idNumber = IdNumber, phone = Phone, isRepresentative = false } },
        }, Ct);
        Assert.True(created.StatusCode == HttpStatusCode.Created, await created.Content.ReadAsStringAsync(Ct));
        var code = (await created.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("trackingCode").GetString()!;
        var parties = await clerk.GetFromJsonAsync<JsonElement>($"/api/cases/{code}/parties", Ct);
        var party = parties.EnumerateArray().Single();
        Assert.Equal("370505********0010", party.GetProperty("idNumber").GetString());
        Assert.Equal("139****6666", party.GetProperty("phone").GetString());
        return (code, party.GetProperty("id").GetGuid());
    }

    [Fact]
    public async Task A_clerk_reveals_a_party_and_the_view_is_logged()
    {
        var clerk = await factory.SignedInAsync("clerk");
        var (code, partyId) = await RegisterAsync(clerk);

        var response = await clerk.PostAsync($"/api/cases/{code}/parties/{partyId}/reveal", null, Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var revealed = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal(IdNumber, revealed.GetProperty("idNumber").GetString());
        Assert.Equal(Phone, revealed.GetProperty("phone").GetString());
        await using var db = factory.Database.Context();
        var caseId = await db.Cases.Where(c => c.TrackingCode == code).Select(c => c.Id).SingleAsync(Ct);
        var view = await db.PersonalDataViews.SingleAsync(v => v.CaseId == caseId, Ct);
        Assert.Equal(partyId, view.PartyId);
        Assert.False(string.IsNullOrEmpty(view.AccountId));
    }

    [Theory]
    [InlineData("distlead", HttpStatusCode.Forbidden)]
    [InlineData("townlead", HttpStatusCode.Forbidden)]
    [InlineData("admin", HttpStatusCode.Forbidden)]
    [InlineData("jointoffice", HttpStatusCode.Forbidden)]
    [InlineData("police", HttpStatusCode.Forbidden)]
    [InlineData("qingpu.clerk", HttpStatusCode.NotFound)]
    public async Task Other_roles_and_other_areas_cannot_reveal_and_nothing_is_logged(string userName, HttpStatusCode expected)
    {
        var (code, partyId) = await RegisterAsync(await factory.SignedInAsync("clerk"));
        var other = await factory.SignedInAsync(userName);

        var response = await other.PostAsync($"/api/cases/{code}/parties/{partyId}/reveal", null, Ct);

        Assert.Equal(expected, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync(Ct);
        Assert.DoesNotContain(IdNumber, body, StringComparison.Ordinal);
        Assert.DoesNotContain(Phone, body, StringComparison.Ordinal);
        await using var db = factory.Database.Context();
        var caseId = await db.Cases.Where(c => c.TrackingCode == code).Select(c => c.Id).SingleAsync(Ct);
        Assert.False(await db.PersonalDataViews.AnyAsync(v => v.CaseId == caseId, Ct));
    }

    [Fact]
    public async Task The_ledger_export_carries_only_masked_values()
    {
        var clerk = await factory.SignedInAsync("clerk");
        await RegisterAsync(clerk);

        var ledger = await clerk.GetStringAsync("/api/ledger?take=500", Ct);

        Assert.DoesNotContain(IdNumber, ledger, StringComparison.Ordinal);
        Assert.DoesNotContain(Phone, ledger, StringComparison.Ordinal);
        Assert.Contains("139****6666", ledger, StringComparison.Ordinal);
    }
}
