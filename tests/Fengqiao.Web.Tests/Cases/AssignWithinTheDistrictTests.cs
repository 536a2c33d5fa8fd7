using System.Net;
using System.Text.Json;
using Fengqiao.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Fengqiao.Web.Tests.Cases;

/// <summary>
/// 交办 stays in the case's district: a 垦利区 clerk's case goes to 垦利区's units (or the city and province above), never
/// to the same-named bureau of another demo district; sending a case elsewhere is a transfer (转送).
/// </summary>
public sealed class AssignWithinTheDistrictTests(FengqiaoWebFactory factory) : IClassFixture<FengqiaoWebFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    // A matter in 垦利街道's first village, registered by the 垦利区 petition bureau's clerk and accepted.
    private async Task<(HttpClient Clerk, string Code)> AcceptedCaseAsync(string title, string phone)
    {
        var clerk = await factory.SignedInAsync("clerk");
        var created = await clerk.PostAsJsonAsync("/api/cases", new
        {
            kind = "Petition", channel = "Visit", title, detail = "请求处理", divisionCode = "370505001001",
            parties = new[] { new { name = "赵大伟", phone, isRepresentative = false } },
        }, Ct);
        var code = (await created.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("trackingCode").GetString()!;
        var accepted = await clerk.PostAsJsonAsync($"/api/cases/{code}/actions", new { action = "Accept", expectedVersion = 1 }, Ct);
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        return (clerk, code);
    }

    [Fact]
    public async Task Assigning_a_district_case_to_another_districts_bureau_is_refused_and_its_own_bureau_is_taken()
    {
        var (clerk, code) = await AcceptedCaseAsync("小区电梯长期故障无人维修", "13900007771");
        await using var db = factory.Database.Context();
        var congtai = await db.Units.SingleAsync(u => u.Name == "丛台区住房和城乡建设局", Ct);
        var kenli = await db.Units.SingleAsync(u => u.Name == "垦利区住房和城乡建设局", Ct);

        var refused = await clerk.PostAsJsonAsync($"/api/cases/{code}/actions", new { action = "Assign", expectedVersion = 2, unitId = congtai.Id }, Ct);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.Contains("转送", await refused.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        // Nothing was stored: the case is still accepted, at its version, with no handling unit.
        var stored = await db.Cases.AsNoTracking().SingleAsync(c => c.TrackingCode == code, Ct);
        Assert.Equal((Core.Cases.CaseState.Accepted, 2, (Guid?)null), (stored.State, stored.EventCount, stored.HandlingUnitId));

        // A co-handler from another district is refused the same way.
        var coHandled = await clerk.PostAsJsonAsync($"/api/cases/{code}/actions", new { action = "Assign", expectedVersion = 2, unitId = kenli.Id, coHandlers = new[] { congtai.Id } }, Ct);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, coHandled.StatusCode);

        var assigned = await clerk.PostAsJsonAsync($"/api/cases/{code}/actions", new { action = "Assign", expectedVersion = 2, unitId = kenli.Id }, Ct);
        Assert.Equal(HttpStatusCode.OK, assigned.StatusCode);
        Assert.Equal(kenli.Id, (await assigned.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("handlingUnitId").GetGuid());

        // The case page names, at the top, where the case is and who registered and handles it.
        var page = await clerk.GetStringAsync($"/cases/{code}", Ct);
        Assert.Contains("data-testid=\"case-handling-unit\">垦利区住房和城乡建设局<", page, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"case-registering-unit\">垦利区信访局<", page, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"case-place\">垦利区 · ", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_assign_picker_offers_only_the_district_and_above_with_the_case_street_first()
    {
        var (clerk, code) = await AcceptedCaseAsync("村道路灯损坏", "13900007772");

        var offered = await clerk.GetFromJsonAsync<JsonElement>($"/api/cases/{code}/assignable-units", Ct);
        var units = offered.EnumerateArray().Select(u => (Name: u.GetProperty("name").GetString()!, Division: u.GetProperty("divisionCode").GetString()!)).ToList();

        Assert.NotEmpty(units);
        Assert.All(units, u => Assert.True(u.Division.StartsWith("370505", StringComparison.Ordinal) || "370505".StartsWith(u.Division, StringComparison.Ordinal), $"{u.Name} ({u.Division}) is outside 垦利区"));
        Assert.Contains(units, u => u.Name == "垦利区住房和城乡建设局");
        Assert.DoesNotContain(units, u => u.Name == "丛台区住房和城乡建设局");
        // Nearest first: the village and the street the matter is in, then the district's own units, then its other towns.
        Assert.StartsWith("370505001", units[0].Division, StringComparison.Ordinal);
        var district = units.FindIndex(u => u.Division == "370505");
        var otherTown = units.FindIndex(u => u.Division.Length >= 9 && !u.Division.StartsWith("370505001", StringComparison.Ordinal));
        Assert.True(units.FindLastIndex(u => u.Division is "370505001001" or "370505001") < district && district < otherTown);

        // Outside the caller's scope the case is not there at all.
        var qingpu = await factory.SignedInAsync("qingpu.clerk");
        Assert.Equal(HttpStatusCode.NotFound, (await qingpu.GetAsync($"/api/cases/{code}/assignable-units", Ct)).StatusCode);
    }
}
