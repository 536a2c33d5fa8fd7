using System.Net;
using System.Text.Json;
using Fengqiao.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Fengqiao.Web.Tests.Suggestions;

/// <summary>
/// 人民建议征集 through the real host: a resident sends a suggestion from the portal form (no account) and gets a receipt
/// code; the district's clerk answers it; the public list shows the reply and never the contact; another district's
/// clerk neither sees nor answers it; bad input is refused with a message and stores nothing.
/// </summary>
public sealed class SuggestionsWebTests(FengqiaoWebFactory factory) : IClassFixture<FengqiaoWebFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<(HttpStatusCode Status, string Page)> SendAsync(HttpClient client, IDictionary<string, string> fields)
    {
        var token = await Portal.PortalForms.TokenAsync(client, "/portal/suggestions");
        var form = new Dictionary<string, string>(fields) { ["__RequestVerificationToken"] = token, ["_handler"] = "suggestion" };
        var response = await client.PostAsync("/portal/suggestions", new FormUrlEncodedContent(form), Ct);
        return (response.StatusCode, await response.Content.ReadAsStringAsync(Ct));
    }

    private static Dictionary<string, string> Fields(string title, string text = "公园晚上太暗，建议在步道两侧增设太阳能路灯，方便老人散步。") => new()
    {
        ["kind"] = "Resident", ["town"] = "370505001", ["title"] = title, ["text"] = text, ["contact"] = "13912345678",
    };

    private static async Task<JsonElement> OkAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement;
    }

    [Fact]
    public async Task A_suggestion_sent_on_the_portal_is_answered_by_the_districts_clerk_and_listed_publicly_without_the_contact()
    {
        var (status, page) = await SendAsync(factory.Anonymous(), Fields("公园步道增设路灯"));
        Assert.Equal(HttpStatusCode.OK, status);
        var receipt = System.Text.RegularExpressions.Regex.Match(page, "data-testid=\"suggestion-receipt\">(JY[0-9A-Z]{10})<").Groups[1].Value;
        Assert.NotEmpty(receipt);

        var clerk = await factory.SignedInAsync("clerk");
        var mine = (await clerk.GetFromJsonAsync<JsonElement>("/api/suggestions", Ct)).EnumerateArray().Single(s => s.GetProperty("receiptCode").GetString() == receipt);
        Assert.Equal("Received", mine.GetProperty("state").GetString());
        Assert.Equal(["Reply", "Adopt", "Decline"], mine.GetProperty("offers").EnumerateArray().Select(o => o.GetString()));
        Assert.Equal("139****5678", mine.GetProperty("contact").GetString());
        var id = mine.GetProperty("id").GetGuid();

        // Not yet public: a pending suggestion is not on the list.
        Assert.DoesNotContain("公园步道增设路灯", await factory.Anonymous().GetStringAsync("/portal/suggestions", Ct), StringComparison.Ordinal);

        // Another district's clerk neither lists, reads nor answers it.
        var other = await factory.SignedInAsync("qingpu.clerk");
        Assert.DoesNotContain((await other.GetFromJsonAsync<JsonElement>("/api/suggestions", Ct)).EnumerateArray(), s => s.GetProperty("id").GetGuid() == id);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/api/suggestions/{id}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.PostAsJsonAsync($"/api/suggestions/{id}/reply", new { version = 0, reply = "越权答复" }, Ct)).StatusCode);

        var replied = await OkAsync(await clerk.PostAsJsonAsync($"/api/suggestions/{id}/reply", new { version = mine.GetProperty("version").GetInt32(), reply = "已转园林部门现场查看，本月内答复安装计划。" }, Ct));
        Assert.Equal("Answered", replied.GetProperty("state").GetString());
        // A second reply does not fit; adoption needs what was done.
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await clerk.PostAsJsonAsync($"/api/suggestions/{id}/reply", new { version = replied.GetProperty("version").GetInt32(), reply = "再答复" }, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await clerk.PostAsJsonAsync($"/api/suggestions/{id}/adopt", new { version = replied.GetProperty("version").GetInt32(), reply = "采纳" }, Ct)).StatusCode);
        var adopted = await OkAsync(await clerk.PostAsJsonAsync($"/api/suggestions/{id}/adopt",
            new { version = replied.GetProperty("version").GetInt32(), reply = "建议已采纳。", outcome = "步道两侧已安装太阳能路灯 24 盏。" }, Ct));
        Assert.Equal("Adopted", adopted.GetProperty("state").GetString());
        Assert.Empty(adopted.GetProperty("offers").EnumerateArray());

        var list = await factory.Anonymous().GetStringAsync("/portal/suggestions", Ct);
        Assert.Contains("公园步道增设路灯", list, StringComparison.Ordinal);
        Assert.Contains("步道两侧已安装太阳能路灯 24 盏。", list, StringComparison.Ordinal);
        Assert.DoesNotContain("5678", list, StringComparison.Ordinal);
        Assert.DoesNotContain(receipt, list, StringComparison.Ordinal);

        // The contact is stored sealed.
        await using var db = factory.Database.Context();
        var row = await db.Suggestions.SingleAsync(s => s.Id == id, Ct);
        Assert.DoesNotContain("13912345678", row.ContactCipher!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bad_input_gets_a_localised_message_per_field_and_stores_nothing()
    {
        await using var db = factory.Database.Context();
        var before = await db.Suggestions.CountAsync(Ct);

        var (status, page) = await SendAsync(factory.Anonymous(), Fields(" ", new string('长', 5_001)));
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("请填写建议标题", page, StringComparison.Ordinal);
        Assert.Contains("内容不超过 5000 字", page, StringComparison.Ordinal);
        Assert.DoesNotContain("(enter a title)", page, StringComparison.Ordinal);
        Assert.Contains("5001 / 5000", page, StringComparison.Ordinal);

        var (townStatus, townPage) = await SendAsync(factory.Anonymous(), new Dictionary<string, string>(Fields("建议")) { ["town"] = "110101001" });
        Assert.Equal(HttpStatusCode.BadRequest, townStatus);
        Assert.Contains("请选择建议涉及的乡镇（街道）", townPage, StringComparison.Ordinal);

        Assert.Equal(before, await db.Suggestions.CountAsync(Ct));
    }

    [Fact]
    public async Task Staff_without_the_act_are_refused_and_the_demo_shows_answered_suggestions()
    {
        var grid = await factory.SignedInAsync("grid");
        Assert.Equal(HttpStatusCode.Forbidden, (await grid.GetAsync("/api/suggestions", Ct)).StatusCode);

        var page = await factory.Anonymous().GetStringAsync("/portal/suggestions", Ct);
        Assert.Contains("建议在工业园区路口增设红绿灯", page, StringComparison.Ordinal);
        Assert.DoesNotContain("建议在小区门口增设非机动车充电桩", page, StringComparison.Ordinal);
    }
}
