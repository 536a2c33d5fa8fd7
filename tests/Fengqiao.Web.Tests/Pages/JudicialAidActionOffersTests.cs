using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Fengqiao.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Fengqiao.Web.Tests.Pages;

/// <summary>The judicial-aid page, rendered by the real host, offers the steps Core's JudicialAidCase.Offers accepts now.</summary>
public sealed class JudicialAidActionOffersTests(FengqiaoWebFactory factory) : IClassFixture<FengqiaoWebFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_partly_paid_supervised_case_is_not_offered_closing_and_a_paid_and_checked_one_is()
    {
        var procurator = await factory.SignedInAsync("procurator");
        Guid id;
        await using (var db = factory.Database.Context())
        {
            // The demo's 陈海燕: aid for a minor, supervised, agreement signed, 30,000 of 50,000 yuan paid.
            id = await db.JudicialAidApplications.Where(a => a.Applicant == "陈海燕").Select(a => a.Id).SingleAsync(Ct);
        }

        var page = await procurator.GetStringAsync($"/judicial-aid/{id}", Ct);
        Assert.DoesNotContain("data-testid=\"aid-do-close\"", page, StringComparison.Ordinal);
        Assert.Equal(["Disburse", "FollowUp"], Offers(page));
        // Taken anyway through the API, 结案 is refused with the rule's message.
        var refused = await procurator.PostAsJsonAsync($"/api/judicial-aid/{id}/close", new { }, Ct);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.Contains("20000.00", (await refused.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("title").GetString(), StringComparison.Ordinal);

        // Paid in full and checked once, the case is offered 结案 and nothing else.
        Assert.True((await procurator.PostAsJsonAsync($"/api/judicial-aid/{id}/disbursements", new { amount = 20_000m, beneficiary = "陈小月", reference = "KLJZ-2026-052-02" }, Ct)).IsSuccessStatusCode);
        Assert.Equal(["FollowUp"], Offers(await procurator.GetStringAsync($"/judicial-aid/{id}", Ct)));
        Assert.True((await procurator.PostAsJsonAsync($"/api/judicial-aid/{id}/follow-ups", new { checker = "检察官 郑洁", findings = "康复治疗票据齐全", usedAsAgreed = true }, Ct)).IsSuccessStatusCode);
        page = await procurator.GetStringAsync($"/judicial-aid/{id}", Ct);
        Assert.Contains("data-testid=\"aid-do-close\"", page, StringComparison.Ordinal);
        Assert.Equal(["FollowUp", "Close"], Offers(page));
    }

    private static string[] Offers(string page)
    {
        var match = Regex.Match(page, "data-testid=\"aid-next\"[^>]*data-offers=\"([^\"]*)\"");
        Assert.True(match.Success, "the page shows no next steps");
        return match.Groups[1].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries);
    }
}
