using Fengqiao.Core.Mediation;
using Fengqiao.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Fengqiao.Web.Tests.Pages;

/// <summary>
/// The pages of 访调对接 and 人民建议征集 rendered by the real host on the demo: the case page's panel and timeline name the
/// mediation, the mediation page names the case, and the suggestions page offers exactly Core's answers.
/// </summary>
public sealed class PetitionMediationPagesTests(FengqiaoWebFactory factory) : IClassFixture<FengqiaoWebFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_demo_pair_shows_its_link_on_the_case_page_and_on_the_mediation_page()
    {
        await using var db = factory.Database.Context();
        var caseId = await db.CaseEvents.Where(e => e.Kind == PetitionMediationLinks.CaseReferredKind).Select(e => e.CaseId).FirstAsync(Ct);
        var code = await db.Cases.Where(c => c.Id == caseId).Select(c => c.TrackingCode).SingleAsync(Ct);
        var mediationId = await db.MediationEvents.Where(e => e.Kind == PetitionMediationLinks.MediationFromCaseKind).Select(e => e.MediationId).FirstAsync(Ct);

        var clerk = await factory.SignedInAsync("clerk");
        var casePage = await clerk.GetStringAsync($"/cases/{code}", Ct);
        Assert.Contains($"/mediation/{mediationId}", casePage, StringComparison.Ordinal);
        Assert.Contains("转人民调解（访调对接）", casePage, StringComparison.Ordinal);
        Assert.Contains("调解不成，转回信访件", casePage, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"timeline-mediation-link\"", casePage, StringComparison.Ordinal);
        // The mediation failed: the case may be referred again, and the clerk may refer.
        Assert.Contains("data-testid=\"refer-to-mediation\"", casePage, StringComparison.Ordinal);

        var judicial = await factory.SignedInAsync("judicial");
        var mediationPage = await judicial.GetStringAsync($"/mediation/{mediationId}", Ct);
        Assert.Contains($"/cases/{code}", mediationPage, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"mediation-history-link\"", mediationPage, StringComparison.Ordinal);
        // Already back with its case: not offered again.
        Assert.DoesNotContain("data-testid=\"return-to-case\"", mediationPage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_suggestions_page_lists_the_area_and_offers_what_each_state_allows()
    {
        var clerk = await factory.SignedInAsync("clerk");
        var page = await clerk.GetStringAsync("/suggestions", Ct);
        Assert.Contains("建议在小区门口增设非机动车充电桩", page, StringComparison.Ordinal);
        Assert.Contains("data-offers=\"Reply,Adopt,Decline\"", page, StringComparison.Ordinal);
        Assert.Contains("data-offers=\"Adopt,Decline\"", page, StringComparison.Ordinal);

        var other = await factory.SignedInAsync("qingpu.clerk");
        Assert.DoesNotContain("建议在小区门口增设非机动车充电桩", await other.GetStringAsync("/suggestions", Ct), StringComparison.Ordinal);
    }
}
