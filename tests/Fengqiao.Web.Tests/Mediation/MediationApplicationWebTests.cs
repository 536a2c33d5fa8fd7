using System.Net;
using System.Text.Json;
using Fengqiao.Core.Mediation;
using Fengqiao.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Fengqiao.Web.Tests.Mediation;

/// <summary>
/// 网上申请调解 through the real host: a resident chooses a named room on the portal (no account, no script) and the
/// application reaches that committee's list as 待受理 with the mobile sealed; bad input is refused with every problem
/// named, keeps what was typed and stores nothing.
/// </summary>
public sealed class MediationApplicationWebTests(FengqiaoWebFactory factory) : IClassFixture<FengqiaoWebFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<(HttpStatusCode Status, string Page)> SendAsync(HttpClient client, IDictionary<string, string> fields)
    {
        var token = await Portal.PortalForms.TokenAsync(client, "/portal/mediation");
        var form = new Dictionary<string, string>(fields) { ["__RequestVerificationToken"] = token, ["_handler"] = "mediation-application" };
        var response = await client.PostAsync("/portal/mediation", new FormUrlEncodedContent(form), Ct);
        return (response.StatusCode, await response.Content.ReadAsStringAsync(Ct));
    }

    [Fact]
    public async Task A_resident_applies_choosing_a_named_room_and_the_committee_lists_it_awaiting_acceptance()
    {
        Guid room, committee;
        await using (var db = factory.Database.Context())
        {
            var laoYang = await db.MediationRooms.SingleAsync(r => r.Name == "老杨调解室", Ct);
            (room, committee) = (laoYang.Id, laoYang.CommitteeId);
        }
        var page = await factory.Anonymous().GetStringAsync("/portal/mediation", Ct);
        Assert.Contains($"value=\"room:{room}\"", page, StringComparison.Ordinal);
        // The mediators are shown with their profile for the resident to choose from.
        Assert.Contains("村里人都叫他“老杨”", page, StringComparison.Ordinal);

        var (status, done) = await SendAsync(factory.Anonymous(), new Dictionary<string, string>
        {
            ["choice"] = $"room:{room}", ["applicant"] = "网申张三", ["phone"] = "13912345678", ["respondent"] = "网申李四", ["kind"] = "Neighbour",
            ["matter"] = "邻居家的空调外机正对我家卧室窗户，夏天噪音和热风影响休息。",
        });
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("data-testid=\"application-received\"", done, StringComparison.Ordinal);
        Assert.Contains("老杨调解室", done, StringComparison.Ordinal);
        var receipt = System.Text.RegularExpressions.Regex.Match(done, "data-testid=\"application-receipt\">(TJ[0-9A-Z]{10})<").Groups[1].Value;
        Assert.NotEmpty(receipt);

        var judicial = await factory.SignedInAsync("judicial");
        var rows = (await judicial.GetFromJsonAsync<JsonElement>($"/api/mediation/mediations?committee={committee}", Ct)).EnumerateArray().ToList();
        var mine = Assert.Single(rows, r => r.GetProperty("parties").GetString()!.Contains("网申张三", StringComparison.Ordinal));
        Assert.Equal("Applied", mine.GetProperty("state").GetString());
        Assert.Equal("老杨调解室", mine.GetProperty("room").GetString());
        // 待受理 on the committee's page.
        Assert.Contains("网申张三", await judicial.GetStringAsync($"/mediation/committees/{committee}", Ct), StringComparison.Ordinal);

        await using var check = factory.Database.Context();
        var applicant = await check.MediationApplicants.SingleAsync(a => a.ReceiptCode == receipt, Ct);
        Assert.Equal(mine.GetProperty("id").GetGuid(), applicant.MediationId);
        Assert.DoesNotContain("13912345678", applicant.PhoneCipher, StringComparison.Ordinal);
        Assert.Equal("139****5678", applicant.PhoneMasked);
        Assert.DoesNotContain(await check.MediationEvents.Where(e => e.MediationId == applicant.MediationId).Select(e => e.Data).ToListAsync(Ct),
            d => d != null && d.Contains("13912345678", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Bad_input_is_refused_with_every_problem_named_keeps_what_was_typed_and_stores_nothing()
    {
        await using var db = factory.Database.Context();
        var before = await db.Mediations.CountAsync(Ct);
        var longMatter = new string('吵', MediationApplication.MaxMatter + 5);
        var (status, page) = await SendAsync(factory.Anonymous(), new Dictionary<string, string>
        {
            ["choice"] = $"room:{Guid.NewGuid()}", ["applicant"] = "网申王五", ["phone"] = "12345", ["respondent"] = "", ["kind"] = "Neighbour", ["matter"] = longMatter,
        });
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("data-testid=\"application-errors\"", page, StringComparison.Ordinal);
        Assert.Contains("请填写 11 位手机号码", page, StringComparison.Ordinal);
        Assert.Contains("请填写对方当事人姓名或名称", page, StringComparison.Ordinal);
        Assert.Contains($"纠纷事项不超过 {MediationApplication.MaxMatter} 字，现有 {MediationApplication.MaxMatter + 5} 字", page, StringComparison.Ordinal);
        Assert.Contains("所选调解组织或调解员不存在", page, StringComparison.Ordinal);
        // What was typed comes back, and the counter shows how far over it is.
        Assert.Contains("value=\"网申王五\"", page, StringComparison.Ordinal);
        Assert.Contains(longMatter, page, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"application-counter\"", page, StringComparison.Ordinal);
        // The Chinese page carries no English of the messages.
        Assert.DoesNotContain("mobile number", page, StringComparison.Ordinal);
        Assert.Equal(before, await db.Mediations.CountAsync(Ct));
        Assert.False(await db.Mediations.AnyAsync(m => m.Parties.Contains("网申王五"), Ct));
    }
}
