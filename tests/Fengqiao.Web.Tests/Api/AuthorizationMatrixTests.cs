using System.Net;
using Fengqiao.Web.Tests.Infrastructure;

namespace Fengqiao.Web.Tests.Api;

/// <summary>Every demo role × every endpoint and page of the foundation: expected allow or deny.</summary>
public sealed class AuthorizationMatrixTests(FengqiaoWebFactory factory) : IClassFixture<FengqiaoWebFactory>
{
    private static readonly string[] StaffPages = ["/", "/cases", "/cases/new", "/organisation", "/organisation/370505", "/admin/accounts", "/ledger", "/modules/whistles", "/modules/letters", "/modules/grid", "/modules/assessment", "/modules/servicemenu", "/modules/procuratorate", "/modules/tidal", "/modules/text", "/modules/portal", "/grid", "/grid/visit", "/assessment", "/services", "/procuratorate"];
    private static readonly string[] StaffApi = ["/api/categories", "/api/ledger", "/api/kpis?by=town", "/api/ledger/export.xlsx", "/api/units?division=370505", "/api/divisions", "/api/divisions/370505", "/api/accounts", "/api/grid/towns", "/api/grid/grids", "/api/grid/grids/37050500100101/plan?month=2026-11", "/api/assessment/ranking?area=370505001&month=2026-10", "/api/procuratorate/compliance"];
    private static readonly string[] AnyUserApi = ["/api/me", "/api/cases"];

    public static TheoryData<string> StaffAccounts => ["admin", "clerk", "handler", "grid", "agent", "townlead", "distlead", "jointoffice", "discipline", "police", "procurator", "judicial", "qingpu.clerk"];

    [Fact]
    public async Task Anonymous_callers_get_401_from_the_api_and_a_sign_in_redirect_from_pages()
    {
        var client = factory.Anonymous();
        foreach (var path in StaffApi.Concat(AnyUserApi))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync(path, TestContext.Current.CancellationToken)).StatusCode);
        }
        foreach (var path in StaffPages)
        {
            var response = await client.GetAsync(path, TestContext.Current.CancellationToken);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.StartsWith("/account/login", response.Headers.Location!.AbsolutePath, StringComparison.Ordinal);
        }
    }

    [Theory]
    [MemberData(nameof(StaffAccounts))]
    public async Task Staff_may_open_every_module_page_and_the_staff_api(string userName)
    {
        var client = await factory.SignedInAsync(userName);
        foreach (var path in StaffPages.Concat(StaffApi).Concat(AnyUserApi))
        {
            var response = await client.GetAsync(path, TestContext.Current.CancellationToken);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{userName} {path}: {response.StatusCode}");
        }
    }

    [Fact]
    public async Task A_resident_may_see_own_cases_but_no_staff_page_or_api()
    {
        var client = await factory.SignedInAsync("resident");
        foreach (var path in AnyUserApi)
        {
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(path, TestContext.Current.CancellationToken)).StatusCode);
        }
        foreach (var path in StaffApi)
        {
            Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync(path, TestContext.Current.CancellationToken)).StatusCode);
        }
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/cases", TestContext.Current.CancellationToken)).StatusCode);
        foreach (var path in StaffPages.Where(p => p is not "/" and not "/cases"))
        {
            var response = await client.GetAsync(path, TestContext.Current.CancellationToken);
            Assert.True(response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location!.AbsolutePath == "/account/denied", $"{path}: {response.StatusCode} {response.Headers.Location}");
        }
    }

    [Theory]
    [MemberData(nameof(StaffAccounts))]
    public async Task Only_administrators_may_create_accounts(string userName)
    {
        var client = await factory.SignedInAsync(userName);
        var response = await client.PostAsJsonAsync("/api/accounts", new { userName = "x" + Guid.NewGuid().ToString("N")[..8], displayName = "新账号", password = "Matrix2026", roles = new[] { "Clerk" }, unitId = (Guid?)null }, TestContext.Current.CancellationToken);
        var expected = userName == "admin" ? HttpStatusCode.BadRequest /* reaches validation: a clerk needs a unit */ : HttpStatusCode.Forbidden;
        Assert.Equal(expected, response.StatusCode);
    }
}
