using System.Net;
using System.Text.Json;
using Fengqiao.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Fengqiao.Web.Tests.Api;

public sealed class CaseIntakeApiTests(FengqiaoWebFactory factory) : IClassFixture<FengqiaoWebFactory>
{
    private static object Intake(string title, string phone = "13900001111") => new
    {
        kind = "Petition",
        channel = "Visit",
        title,
        detail = "请求处理",
        divisionCode = "370505001001",
        parties = new[] { new { name = "赵大伟", phone, isRepresentative = false } },
    };

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response) =>
        await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);

    [Fact]
    public async Task A_clerk_registers_a_case_and_a_retry_with_the_same_key_returns_the_same_case()
    {
        var clerk = await factory.SignedInAsync("clerk");
        var key = Guid.NewGuid().ToString();
        using var first = new HttpRequestMessage(HttpMethod.Post, "/api/cases") { Content = JsonContent.Create(Intake("路灯损坏无人修理")) };
        first.Headers.Add("Idempotency-Key", key);
        using var retry = new HttpRequestMessage(HttpMethod.Post, "/api/cases") { Content = JsonContent.Create(Intake("路灯损坏无人修理")) };
        retry.Headers.Add("Idempotency-Key", key);

        var created = await clerk.SendAsync(first, TestContext.Current.CancellationToken);
        var replayed = await clerk.SendAsync(retry, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(HttpStatusCode.OK, replayed.StatusCode);
        var a = await JsonAsync(created);
        var b = await JsonAsync(replayed);
        Assert.Equal(a.GetProperty("trackingCode").GetString(), b.GetProperty("trackingCode").GetString());
        Assert.StartsWith("KL-", a.GetProperty("trackingCode").GetString(), StringComparison.Ordinal);
        Assert.Equal("Registered", a.GetProperty("state").GetString());
    }

    [Fact]
    public async Task Invalid_intake_gets_field_errors()
    {
        var clerk = await factory.SignedInAsync("clerk");
        var response = await clerk.PostAsJsonAsync("/api/cases", new
        {
            kind = "Petition", channel = "Visit", title = "", divisionCode = "999999",
            parties = new[] { new { name = "某人", idNumber = "123", phone = "abc", isRepresentative = false } },
        }, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await JsonAsync(response)).GetProperty("errors");
        foreach (var field in new[] { "Title", "DivisionCode", "Parties[0].IdNumber", "Parties[0].Phone" })
        {
            Assert.True(errors.TryGetProperty(field, out _), field);
        }
    }

    [Fact]
    public async Task A_case_goes_from_registration_to_reply_through_the_api_and_stale_or_illegal_actions_are_refused()
    {
        var clerk = await factory.SignedInAsync("clerk");
        var created = await JsonAsync(await clerk.PostAsJsonAsync("/api/cases", Intake("物业公司擅自提高物业费", "13900002222"), TestContext.Current.CancellationToken));
        var code = created.GetProperty("trackingCode").GetString();
        await using var db = factory.Database.Context();
        var housing = await db.Units.SingleAsync(u => u.Name == "垦利区住房和城乡建设局", TestContext.Current.CancellationToken);

        async Task<HttpResponseMessage> ActAsync(HttpClient client, object body) => await client.PostAsJsonAsync($"/api/cases/{code}/actions", body, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, (await ActAsync(clerk, new { action = "Accept", expectedVersion = 1 })).StatusCode);
        var stale = await ActAsync(clerk, new { action = "NotAccept", expectedVersion = 1, reason = "重复" });
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Equal(2, (await JsonAsync(stale)).GetProperty("currentVersion").GetInt32());
        var illegal = await ActAsync(clerk, new { action = "Close", expectedVersion = 2 });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, illegal.StatusCode);
        var missing = await ActAsync(clerk, new { action = "Assign", expectedVersion = 2 });
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);

        var assigned = await JsonAsync(await ActAsync(clerk, new { action = "Assign", expectedVersion = 2, unitId = housing.Id }));
        Assert.Equal("Assigned", assigned.GetProperty("state").GetString());

        var handler = await factory.SignedInAsync("handler");
        Assert.Equal(HttpStatusCode.OK, (await ActAsync(handler, new { action = "StartHandling", expectedVersion = 3 })).StatusCode);
        // 起草与签发分离: the handler's draft goes out only when someone else of the bureau signs it off.
        var unsubmitted = await ActAsync(handler, new { action = "Reply", expectedVersion = 4, text = "直接答复" });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, unsubmitted.StatusCode);
        var drafted = await JsonAsync(await ActAsync(handler, new { action = "SubmitReply", expectedVersion = 4, text = "经核查，物业费调整未经业主大会同意，已责令恢复原标准。" }));
        Assert.Equal("InProgress", drafted.GetProperty("state").GetString());
        var own = await ActAsync(handler, new { action = "Reply", expectedVersion = 5 });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, own.StatusCode);
        Assert.Contains("自己起草", await own.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        var chief = await factory.SignedInAsync("housing.chief");
        var replied = await JsonAsync(await ActAsync(chief, new { action = "Reply", expectedVersion = 5 }));
        Assert.Equal("Replied", replied.GetProperty("state").GetString());

        var detail = await clerk.GetFromJsonAsync<JsonElement>($"/api/cases/{code}", TestContext.Current.CancellationToken);
        Assert.Equal(6, detail.GetProperty("version").GetInt32());
        Assert.Equal(6, detail.GetProperty("events").GetArrayLength());
        Assert.Equal(JsonValueKind.Null, detail.GetProperty("firstBrokenLink").ValueKind);
    }

    [Fact]
    public async Task Nobody_acts_on_a_case_outside_their_scope_and_residents_do_not_register_through_the_staff_api()
    {
        var clerk = await factory.SignedInAsync("clerk");
        var code = (await JsonAsync(await clerk.PostAsJsonAsync("/api/cases", Intake("范围测试", "13900003333"), TestContext.Current.CancellationToken))).GetProperty("trackingCode").GetString();

        var qingpu = await factory.SignedInAsync("qingpu.clerk");
        var foreign = await qingpu.PostAsJsonAsync($"/api/cases/{code}/actions", new { action = "Accept", expectedVersion = 1 }, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.NotFound, foreign.StatusCode);

        var resident = await factory.SignedInAsync("resident");
        Assert.Equal(HttpStatusCode.Forbidden, (await resident.PostAsJsonAsync("/api/cases", Intake("居民直接提交"), TestContext.Current.CancellationToken)).StatusCode);
    }
}
