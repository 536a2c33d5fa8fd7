using System.Text.Json;
using Fengqiao.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Fengqiao.Web.Tests.Cases;

/// <summary>Issue 18's staff timeline: people by name and unit, not login names; hashes only on demand.</summary>
public sealed class StaffTimelineTests(FengqiaoWebFactory factory) : IClassFixture<FengqiaoWebFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_timeline_names_the_person_and_unit_and_keeps_the_hash_for_who_asks()
    {
        var clerk = await factory.SignedInAsync("clerk");
        var created = await (await clerk.PostAsJsonAsync("/api/cases", new
        {
            kind = "Petition", channel = "Visit", title = "楼道堆放杂物影响通行", divisionCode = "370505001001",
            parties = new[] { new { name = "孙丽华", phone = "13900007777", isRepresentative = false } },
        }, Ct)).Content.ReadFromJsonAsync<JsonElement>(Ct);
        var code = created.GetProperty("trackingCode").GetString()!;
        string hash;
        await using (var db = factory.Database.Context())
        {
            var id = (await db.Cases.SingleAsync(c => c.TrackingCode == code, Ct)).Id;
            hash = (await db.CaseEvents.Where(e => e.CaseId == id).OrderBy(e => e.Sequence).FirstAsync(Ct)).Hash;
        }

        var page = await clerk.GetStringAsync($"/cases/{code}", Ct);
        var actor = System.Text.RegularExpressions.Regex.Match(page, "data-testid=\"timeline-actor\">([^<]*)<");
        Assert.Equal("信访局接访员 李娜（垦利区信访局）", actor.Groups[1].Value);
        Assert.Contains("data-testid=\"show-hashes\"", page, StringComparison.Ordinal);
        Assert.DoesNotContain(hash[..16], page, StringComparison.Ordinal);

        var english = await clerk.GetStringAsync($"/cases/{code}?culture=en&ui-culture=en", Ct);
        Assert.Contains("信访局接访员 李娜 (垦利区信访局)", english, StringComparison.Ordinal);
    }
}
