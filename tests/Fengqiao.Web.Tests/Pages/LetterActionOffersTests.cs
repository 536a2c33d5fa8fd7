using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Fengqiao.Web.Tests.Infrastructure;

namespace Fengqiao.Web.Tests.Pages;

/// <summary>The letters page, rendered by the real host, offers each row's actions as Core's Letter.Offers allows them.</summary>
public sealed class LetterActionOffersTests(FengqiaoWebFactory factory) : IClassFixture<FengqiaoWebFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_drafter_is_not_offered_the_sign_off_of_their_own_letter_and_another_signer_is()
    {
        var clerk = await factory.SignedInAsync("clerk");
        var admin = await factory.SignedInAsync("admin");
        var created = await (await clerk.PostAsJsonAsync("/api/cases", new
        {
            kind = "Petition", channel = "Visit", title = "老旧小区加装电梯纠纷", divisionCode = "370505001001",
            parties = new[] { new { name = "周立新", phone = "13900008888", isRepresentative = false } },
        }, Ct)).Content.ReadFromJsonAsync<JsonElement>(Ct);
        var code = created.GetProperty("trackingCode").GetString()!;
        Guid housing;
        await using (var db = factory.Database.Context())
        {
            housing = db.Units.Single(u => u.Name == "垦利区住房和城乡建设局").Id;
        }

        // The administrator, who may sign any unit's letters, drafts one; the clerk drafts another.
        var own = await DraftAsync(admin, code, housing);
        var others = await DraftAsync(clerk, code, housing);

        var page = await admin.GetStringAsync("/letters", Ct);
        Assert.DoesNotContain("data-testid=\"letter-Approve\"", Row(page, own), StringComparison.Ordinal);
        Assert.Contains("data-testid=\"letter-Approve\"", Row(page, others), StringComparison.Ordinal);
        // The clerk holds no signing power, not even for a letter someone else drafted.
        Assert.DoesNotContain("data-testid=\"letter-Approve\"", Row(await clerk.GetStringAsync("/letters", Ct), own), StringComparison.Ordinal);
    }

    private static async Task<Guid> DraftAsync(HttpClient client, string code, Guid recipient)
    {
        var response = await client.PostAsJsonAsync($"/api/cases/{code}/letters", new { type = "Supervision", recipientUnitId = recipient }, Ct);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetGuid();
    }

    // The table row of one letter, found by its download link.
    private static string Row(string page, Guid letter)
    {
        var row = Regex.Matches(page, "<tr[^>]*>.*?</tr>", RegexOptions.Singleline).Select(m => m.Value)
            .SingleOrDefault(r => r.Contains($"/api/letters/{letter}/docx", StringComparison.Ordinal));
        Assert.True(row is not null, $"letter {letter} is not listed");
        return row;
    }
}
