using System.Net;
using Fengqiao.Web.Tests.Infrastructure;

namespace Fengqiao.Web.Tests.Api;

/// <summary>Every demo role × every endpoint and page of the foundation: expected allow or deny.</summary>
public sealed class AuthorizationMatrixTests(FengqiaoWebFactory factory) : IClassFixture<FengqiaoWebFactory>
{
    private static readonly string[] StaffPages = ["/", "/cases", "/cases/new", "/organisation", "/organisation/370505", "/admin/accounts", "/admin/calendar", "/ledger", "/modules/whistles", "/modules/letters", "/modules/grid", "/modules/assessment", "/modules/servicemenu", "/modules/procuratorate", "/modules/tidal", "/text", "/text/hot-topics", "/modules/portal", "/whistles", "/letters", "/rankings", "/grid", "/grid/visit", "/assessment", "/services", "/procuratorate", "/outreach", "/contracting", "/rankings/notices", "/mediation", "/mediation/figures", "/mediation/centre"];
    private static readonly string[] StaffApi = ["/api/categories", "/api/ledger", "/api/kpis?by=town", "/api/ledger/export.xlsx", "/api/units?division=370505", "/api/divisions", "/api/divisions/370505", "/api/accounts", "/api/text/hot-topics", "/api/text/hot-topics.csv", "/api/text/routing", "/api/whistles", "/api/letters", "/api/letters/proposals", "/api/rankings/ranking", "/api/rankings/counts", "/api/grid/towns", "/api/grid/grids", "/api/grid/grids/37050500100101/plan?month=2026-11", "/api/assessment/ranking?area=370505001&month=2026-10", "/api/procuratorate/compliance", "/api/procuratorate/tally", "/api/procuratorate/hearings", "/api/procuratorate/suggestions", "/api/outreach", "/api/outreach/tally", "/api/contracting/mine", "/api/contracting/leaders", "/api/contracting/counts", "/api/contracting/receptions", "/api/rankings/notices", "/api/mediation/committees", "/api/mediation/mediations", "/api/mediation/figures", "/api/mediation/centres"];
    private static readonly string[] AnyUserApi = ["/api/me", "/api/cases"];
    private static readonly string[] AdministratorApi = ["/api/open311/clients", "/api/service-providers"];
    private static readonly string[] AdministratorPages = ["/admin/open311", "/admin/service-providers"];
    /// <summary>The resident's side and Open311: open to everyone, signed in or not.</summary>
    private static readonly string[] PublicPaths = ["/portal", "/portal/submit", "/portal/track", "/query", "/portal/services", "/portal/services/track", "/portal/suggestions", "/portal/centre", "/portal/mediation", "/open311/discovery.json", "/open311/v2/services.json", "/open311/v2/services/0102.xml", "/open311/v2/requests.json"];

    // The tidal duty planner (潮汐勤务) is for police planners and administrators only.
    private static readonly string[] PolicePages = ["/tidal", "/tidal/live", "/tidal/areas/1A10", "/tidal/officers/P-1"];
    private static readonly string[] PoliceApi = ["/api/tidal/dataset", "/api/tidal/demand", "/api/tidal/grid?cell=2000"];
    private static readonly string[] PoliceAccounts = ["admin", "police"];

    // Judicial aid (司法救助) holds victims' hardship and payments: procurators and administrators only.
    private static readonly string[] ProcuratoratePages = ["/judicial-aid"];
    private static readonly string[] ProcuratorateApi = ["/api/judicial-aid", "/api/judicial-aid/policy"];
    private static readonly string[] ProcuratorateAccounts = ["admin", "procurator"];

    // A service provider's own orders (我的服务订单): provider accounts only; staff and residents are turned away.
    private static readonly string[] ProviderPages = ["/provider/orders"];
    private static readonly string[] ProviderApi = ["/api/provider/orders"];

    public static TheoryData<string> ProviderAccounts => ["lecturer", "mediator", "taxtutor"];

    public static TheoryData<string> StaffAccounts => ["admin", "clerk", "handler", "housing.chief", "grid", "agent", "townlead", "distlead", "jointoffice", "discipline", "police", "procurator", "judicial", "qingpu.clerk"];

    [Fact]
    public async Task Anonymous_callers_get_401_from_the_api_and_a_sign_in_redirect_from_pages()
    {
        var client = factory.Anonymous();
        foreach (var path in StaffApi.Concat(AnyUserApi).Concat(PoliceApi).Concat(ProcuratorateApi).Concat(ProviderApi))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync(path, TestContext.Current.CancellationToken)).StatusCode);
        }
        foreach (var path in StaffPages.Concat(PolicePages).Concat(ProcuratoratePages).Concat(ProviderPages))
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
        // Staff confirm nothing in a provider's name: the provider's own page and API are not theirs.
        foreach (var path in ProviderApi)
        {
            Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync(path, TestContext.Current.CancellationToken)).StatusCode);
        }
        foreach (var path in ProviderPages)
        {
            var response = await client.GetAsync(path, TestContext.Current.CancellationToken);
            Assert.True(response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location!.AbsolutePath == "/account/denied", $"{userName} {path}: {response.StatusCode} {response.Headers.Location}");
        }
    }

    [Theory]
    [MemberData(nameof(ProviderAccounts))]
    public async Task A_service_provider_opens_only_their_own_orders_and_no_staff_page_or_api(string userName)
    {
        var client = await factory.SignedInAsync(userName);
        foreach (var path in ProviderPages.Concat(ProviderApi).Concat(AnyUserApi).Append("/"))
        {
            var response = await client.GetAsync(path, TestContext.Current.CancellationToken);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{userName} {path}: {response.StatusCode}");
        }
        foreach (var path in StaffApi.Concat(PoliceApi).Concat(ProcuratorateApi).Concat(AdministratorApi))
        {
            Assert.True((await client.GetAsync(path, TestContext.Current.CancellationToken)).StatusCode == HttpStatusCode.Forbidden, $"{userName} {path}");
        }
        foreach (var path in StaffPages.Concat(PolicePages).Concat(ProcuratoratePages).Concat(AdministratorPages).Where(p => p is not "/" and not "/cases"))
        {
            var response = await client.GetAsync(path, TestContext.Current.CancellationToken);
            Assert.True(response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location!.AbsolutePath == "/account/denied", $"{userName} {path}: {response.StatusCode} {response.Headers.Location}");
        }
        // A provider acts on orders, never on cases or text models.
        Assert.Equal(HttpStatusCode.Forbidden, (await client.PostAsJsonAsync("/api/text/suggest", new { title = "路灯不亮" }, TestContext.Current.CancellationToken)).StatusCode);
        var home = await client.GetStringAsync("/", TestContext.Current.CancellationToken);
        Assert.Contains("href=\"/provider/orders\"", home, StringComparison.Ordinal);
        Assert.DoesNotContain("href=\"/ledger\"", home, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(StaffAccounts))]
    public async Task Only_police_planners_and_administrators_may_open_the_tidal_planner(string userName)
    {
        var client = await factory.SignedInAsync(userName);
        var allowed = PoliceAccounts.Contains(userName);
        foreach (var path in PoliceApi)
        {
            var response = await client.GetAsync(path, TestContext.Current.CancellationToken);
            Assert.True(response.StatusCode == (allowed ? HttpStatusCode.OK : HttpStatusCode.Forbidden), $"{userName} {path}: {response.StatusCode}");
        }
        foreach (var path in PolicePages)
        {
            var response = await client.GetAsync(path, TestContext.Current.CancellationToken);
            var ok = allowed
                ? response.StatusCode == HttpStatusCode.OK
                : response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location!.AbsolutePath == "/account/denied";
            Assert.True(ok, $"{userName} {path}: {response.StatusCode} {response.Headers.Location}");
        }
    }

    [Theory]
    [MemberData(nameof(StaffAccounts))]
    public async Task Only_procurators_and_administrators_may_open_judicial_aid(string userName)
    {
        var client = await factory.SignedInAsync(userName);
        var allowed = ProcuratorateAccounts.Contains(userName);
        foreach (var path in ProcuratorateApi)
        {
            var response = await client.GetAsync(path, TestContext.Current.CancellationToken);
            Assert.True(response.StatusCode == (allowed ? HttpStatusCode.OK : HttpStatusCode.Forbidden), $"{userName} {path}: {response.StatusCode}");
        }
        foreach (var path in ProcuratoratePages)
        {
            var response = await client.GetAsync(path, TestContext.Current.CancellationToken);
            var ok = allowed
                ? response.StatusCode == HttpStatusCode.OK
                : response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location!.AbsolutePath == "/account/denied";
            Assert.True(ok, $"{userName} {path}: {response.StatusCode} {response.Headers.Location}");
        }
    }

    [Theory]
    [InlineData("police", true)]
    [InlineData("admin", true)]
    [InlineData("clerk", false)]
    [InlineData("townlead", false)]
    public async Task The_menu_offers_the_tidal_planner_only_to_those_who_may_open_it(string userName, bool shown)
    {
        var client = await factory.SignedInAsync(userName);
        var home = await client.GetStringAsync("/", TestContext.Current.CancellationToken);
        Assert.Equal(shown, home.Contains("href=\"/tidal\"", StringComparison.Ordinal));
        Assert.Contains("href=\"/ledger\"", home, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_resident_may_see_own_cases_but_no_staff_page_or_api()
    {
        var client = await factory.SignedInAsync("resident");
        foreach (var path in AnyUserApi)
        {
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(path, TestContext.Current.CancellationToken)).StatusCode);
        }
        foreach (var path in StaffApi.Concat(PoliceApi).Concat(ProcuratorateApi).Concat(ProviderApi))
        {
            Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync(path, TestContext.Current.CancellationToken)).StatusCode);
        }
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/cases", TestContext.Current.CancellationToken)).StatusCode);
        foreach (var path in StaffPages.Concat(PolicePages).Concat(ProcuratoratePages).Concat(ProviderPages).Where(p => p is not "/" and not "/cases"))
        {
            var response = await client.GetAsync(path, TestContext.Current.CancellationToken);
            Assert.True(response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location!.AbsolutePath == "/account/denied", $"{path}: {response.StatusCode} {response.Headers.Location}");
        }
    }

    [Fact]
    public async Task Everyone_may_open_the_public_pages_and_open311_but_only_administrators_manage_its_keys()
    {
        var anonymous = factory.Anonymous();
        foreach (var path in PublicPaths)
        {
            Assert.True((await anonymous.GetAsync(path, TestContext.Current.CancellationToken)).StatusCode == HttpStatusCode.OK, $"anonymous {path}");
        }
        foreach (var path in AdministratorApi)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync(path, TestContext.Current.CancellationToken)).StatusCode);
        }
        foreach (var userName in new[] { "admin", "clerk", "handler", "grid", "agent", "townlead", "distlead", "jointoffice", "discipline", "police", "procurator", "judicial", "qingpu.clerk", "resident", "lecturer", "mediator", "taxtutor" })
        {
            var client = await factory.SignedInAsync(userName);
            foreach (var path in PublicPaths)
            {
                var response = await client.GetAsync(path, TestContext.Current.CancellationToken);
                Assert.True(response.StatusCode == HttpStatusCode.OK, $"{userName} {path}: {response.StatusCode}");
            }
            foreach (var path in AdministratorApi)
            {
                var expected = userName == "admin" ? HttpStatusCode.OK : HttpStatusCode.Forbidden;
                Assert.Equal(expected, (await client.GetAsync(path, TestContext.Current.CancellationToken)).StatusCode);
            }
            foreach (var path in AdministratorPages)
            {
                var response = await client.GetAsync(path, TestContext.Current.CancellationToken);
                var ok = userName == "admin"
                    ? response.StatusCode == HttpStatusCode.OK
                    : response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location!.AbsolutePath == "/account/denied";
                Assert.True(ok, $"{userName} {path}: {response.StatusCode} {response.Headers.Location}");
            }
        }
    }

    [Theory]
    [MemberData(nameof(StaffAccounts))]
    public async Task Staff_may_ask_for_suggestions_and_only_administrators_may_retrain_the_routing_model(string userName)
    {
        var client = await factory.SignedInAsync(userName);
        var suggest = await client.PostAsJsonAsync("/api/text/suggest", new { title = "路灯不亮" }, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, suggest.StatusCode);
        // An empty retraining body is never sent by administrators here: the expected deny must come before any work.
        if (userName != "admin")
        {
            var retrain = await client.PostAsync("/api/text/routing/retrain", null, TestContext.Current.CancellationToken);
            Assert.Equal(HttpStatusCode.Forbidden, retrain.StatusCode);
        }
    }

    [Fact]
    public async Task Residents_and_anonymous_callers_get_no_text_intelligence()
    {
        var resident = await factory.SignedInAsync("resident");
        Assert.Equal(HttpStatusCode.Forbidden, (await resident.PostAsJsonAsync("/api/text/suggest", new { title = "路灯不亮" }, TestContext.Current.CancellationToken)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await resident.PostAsync("/api/text/routing/retrain", null, TestContext.Current.CancellationToken)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await factory.Anonymous().PostAsJsonAsync("/api/text/earlier", new { title = "路灯不亮" }, TestContext.Current.CancellationToken)).StatusCode);
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

    [Theory]
    [MemberData(nameof(StaffAccounts))]
    public async Task Only_administrators_may_read_and_edit_the_letter_rules(string userName)
    {
        var client = await factory.SignedInAsync(userName);
        var response = await client.GetAsync("/api/letters/rules", TestContext.Current.CancellationToken);
        Assert.Equal(userName == "admin" ? HttpStatusCode.OK : HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Theory]
    [MemberData(nameof(StaffAccounts))]
    public async Task Only_administrators_may_read_and_edit_the_whistle_limits_and_open_the_rule_editors(string userName)
    {
        var client = await factory.SignedInAsync(userName);
        var admin = userName == "admin";
        var response = await client.GetAsync("/api/admin/whistle-limits", TestContext.Current.CancellationToken);
        Assert.Equal(admin ? HttpStatusCode.OK : HttpStatusCode.Forbidden, response.StatusCode);
        var put = await client.PutAsJsonAsync("/api/admin/whistle-limits/Street", new { level = "Street", acknowledgeAmount = 0, acknowledgeUnit = "Hours", actAmount = 2, actUnit = "WorkingDays", reportAmount = 7, reportUnit = "WorkingDays" }, TestContext.Current.CancellationToken);
        // An administrator reaches validation (an amount of 0 is refused); everyone else is stopped before it.
        Assert.Equal(admin ? HttpStatusCode.UnprocessableEntity : HttpStatusCode.Forbidden, put.StatusCode);
        foreach (var path in new[] { "/admin/whistle-limits", "/admin/letter-rules" })
        {
            var page = await client.GetAsync(path, TestContext.Current.CancellationToken);
            var ok = admin
                ? page.StatusCode == HttpStatusCode.OK
                : page.StatusCode == HttpStatusCode.Redirect && page.Headers.Location!.AbsolutePath == "/account/denied";
            Assert.True(ok, $"{userName} {path}: {page.StatusCode} {page.Headers.Location}");
        }
    }

    [Theory]
    [InlineData("jointoffice", HttpStatusCode.Created)]
    [InlineData("admin", HttpStatusCode.Created)]
    [InlineData("handler", HttpStatusCode.Forbidden)]
    [InlineData("townlead", HttpStatusCode.Forbidden)]
    public async Task Only_the_joint_meeting_office_and_administrators_publish_the_monthly_notice(string userName, HttpStatusCode expected)
    {
        var client = await factory.SignedInAsync(userName);
        var response = await client.PostAsync("/api/rankings/notices?month=2026-10", null, TestContext.Current.CancellationToken);
        Assert.Equal(expected, response.StatusCode);
    }

    [Theory]
    [InlineData("handler")]
    [InlineData("police")]
    [InlineData("discipline")]
    public async Task Roles_that_do_not_assign_contracts_are_refused_with_a_reason(string userName)
    {
        var client = await factory.SignedInAsync(userName);
        var response = await client.PostAsJsonAsync("/api/cases/ANY/contracts", new { kind = "Single", leaders = new[] { new { staffId = "x", role = "TownLeader" } } }, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>(TestContext.Current.CancellationToken);
        Assert.Equal("您的角色不能进行此操作", problem.GetProperty("title").GetString());
    }
}
