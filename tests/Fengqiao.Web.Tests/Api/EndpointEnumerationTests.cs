using System.Net;
using Fengqiao.Core.Organisations;
using Fengqiao.Data.Seeding;
using Fengqiao.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Fengqiao.Web.Tests.Api;

/// <summary>
/// Permissions by enumeration: every endpoint and page the host maps says who may reach it, and every act of Core's
/// permission table is allowed to exactly the roles it names, through the real host. A new endpoint without a policy
/// fails here without anyone having to list it.
/// </summary>
public sealed class EndpointEnumerationTests(FengqiaoWebFactory factory) : IClassFixture<FengqiaoWebFactory>
{
    [Fact]
    public void Every_mapped_endpoint_and_page_carries_authorization_metadata()
    {
        var endpoints = factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>().ToList();
        var unmarked = endpoints
            .Where(e => !IsFrameworkPlumbing(e))
            .Where(e => e.Metadata.GetMetadata<IAuthorizeData>() is null && e.Metadata.GetMetadata<IAllowAnonymous>() is null)
            .Select(e => e.RoutePattern.RawText ?? e.DisplayName ?? "?")
            .Distinct()
            .Order(StringComparer.Ordinal)
            .ToList();

        Assert.True(endpoints.Count > 100, $"only {endpoints.Count} endpoints found: the enumeration is not seeing the host");
        Assert.True(unmarked.Count == 0, "endpoints without authorization metadata:\n" + string.Join("\n", unmarked));
    }

    // The static files (MapStaticAssets maps them without a leading slash) and Blazor's own hub and helpers, which
    // carry no data: a page's component is authorized when it renders, on the page's own endpoint.
    private static bool IsFrameworkPlumbing(RouteEndpoint endpoint) =>
        endpoint.RoutePattern.RawText is { } raw && (!raw.StartsWith('/') || raw.StartsWith("/_blazor", StringComparison.Ordinal) || raw.StartsWith("/_framework/", StringComparison.Ordinal));

    // Each act with a request that is valid in shape, so only the permission decides between 403 and the rest.
    private static readonly (StaffAction Action, Func<HttpClient, Task<HttpResponseMessage>> Take)[] Acts =
    [
        (StaffAction.ScoreVillages, c => c.PostAsync($"/api/assessment/score?area=370505001&month={LastMonth()}", null, Ct)),
        (StaffAction.EnterVillageEvidence, c => c.PostAsJsonAsync("/api/assessment/manual", new { villageCode = "370505001205", month = LastMonth(), indicatorCode = "N06", count = 1, evidence = "派出所通报：盗窃案一起" }, Ct)),
        (StaffAction.PublishVillageNotice, c => c.PostAsync($"/api/assessment/notice?area=370505001&month={LastMonth()}", null, Ct)),
        // Both refused by the rules (no committee, a committee of two men), so a permitted account stores nothing.
        (StaffAction.Mediate, c => c.PostAsJsonAsync("/api/mediation/mediations", new { committeeId = Guid.Empty, initiation = "OneParty", kind = "Neighbour", matter = "排水沟", parties = Array.Empty<object>() }, Ct)),
        (StaffAction.RegisterMediationCommittee, c => c.PostAsJsonAsync("/api/mediation/committees", new { name = "试点调解委员会", kind = "Town", divisionCode = "370505001",
            members = new[] { new { name = "甲", isWoman = false, seat = "Director" }, new { name = "乙", isWoman = false, seat = "Member" } } }, Ct)),
        // No such suggestion: a permitted account gets 404 and nothing changes.
        (StaffAction.AnswerSuggestion, c => c.PostAsJsonAsync($"/api/suggestions/{Guid.Empty}/reply", new { version = 0, reply = "答复" }, Ct)),
        // No such case: a permitted account gets 404 and nothing is referred.
        (StaffAction.ReferToMediation, c => c.PostAsJsonAsync("/api/mediation/cases/NO-SUCH-CASE/refer", new { committeeId = Guid.Empty, kind = "Neighbour", otherParty = "王某" }, Ct)),
        // No such village: a permitted account gets 404 and no boundary is stored.
        (StaffAction.DrawBoundaries, c => c.PutAsync("/api/places/boundaries/village/370505001999",
            new StringContent("""{"type":"Polygon","coordinates":[[[118.51,37.61],[118.52,37.61],[118.52,37.62],[118.51,37.61]]]}""", System.Text.Encoding.UTF8, "application/json"), Ct)),
    ];

    public static TheoryData<string> StaffAccounts => [.. DemoAccounts.All.Where(a => RoleCatalog.IsStaff(a.Role)).Select(a => a.UserName)];

    [Theory]
    [MemberData(nameof(StaffAccounts))]
    public async Task Each_account_may_take_exactly_the_acts_its_role_allows(string userName)
    {
        var role = DemoAccounts.All.Single(a => a.UserName == userName).Role;
        var client = await factory.SignedInAsync(userName);
        foreach (var (action, take) in Acts)
        {
            var status = (await take(client)).StatusCode;
            if (StaffPermissions.Allows([role], action))
            {
                Assert.True(status is not (HttpStatusCode.Forbidden or HttpStatusCode.Unauthorized), $"{userName} ({role}) {action}: {status}, but Core allows it");
            }
            else
            {
                Assert.True(status == HttpStatusCode.Forbidden, $"{userName} ({role}) {action}: {status}, but Core refuses it");
            }
        }
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string LastMonth()
    {
        var today = Fengqiao.Testing.TestTime.Today;
        var last = new NodaTime.YearMonth(today.Year, today.Month).PlusMonths(-1);
        return $"{last.Year:0000}-{last.Month:00}";
    }
}
