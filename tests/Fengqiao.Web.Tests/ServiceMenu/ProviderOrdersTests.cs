using Microsoft.Extensions.DependencyInjection;
using System.Net;
using System.Text.Json;
using Fengqiao.Core.ServiceMenu;
using Fengqiao.Testing;
using Fengqiao.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Fengqiao.Web.Tests.ServiceMenu;

/// <summary>
/// Through the real host: a provider lists and works only their own orders, another provider's order is refused with
/// a localised 403 and left as it was, and the orderer rates a held order once on the portal with its number and phone.
/// </summary>
public sealed class ProviderOrdersTests(FengqiaoWebFactory factory) : IClassFixture<FengqiaoWebFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<(Guid Id, string Code, string? Phone, int Version)> OrderOfAsync(string providerName, ServiceOrderState state)
    {
        await using var db = factory.Database.Context();
        var provider = await db.ServiceProviders.SingleAsync(p => p.Name == providerName, Ct);
        var o = await db.ServiceOrders.Where(x => x.ProviderId == provider.Id && x.State == state).OrderBy(x => x.TrackingCode).FirstAsync(Ct);
        // The phone is stored sealed; the test reads it back as the orderer knows it.
        var protector = factory.Services.GetRequiredService<Fengqiao.Data.Security.PersonalDataProtector>();
        await protector.EnsureReadyAsync(Ct);
        return (o.Id, o.TrackingCode, o.ContactPhoneCipher is { } cipher ? protector.Reveal(cipher) : null, o.Version);
    }

    [Fact]
    public async Task The_lecturer_lists_only_own_orders_and_confirms_one_while_the_tax_tutor_is_refused_and_nothing_changes()
    {
        var lecturer = await factory.SignedInAsync("lecturer");
        var list = await lecturer.GetFromJsonAsync<JsonElement>("/api/provider/orders", Ct);
        Assert.True(list.GetArrayLength() >= 5);
        await using (var db = factory.Database.Context())
        {
            var mine = await db.ServiceOrders.CountAsync(o => db.ServiceProviders.Any(p => p.Id == o.ProviderId && p.Name == "王立法"), Ct);
            Assert.Equal(mine, list.GetArrayLength());
        }
        var order = await OrderOfAsync("王立法", ServiceOrderState.Matched);
        // Each order carries the steps the provider may take now: 接单 and 拒单 while it waits for them.
        var listed = list.EnumerateArray().Single(o => o.GetProperty("id").GetGuid() == order.Id);
        Assert.Equal(["Confirm", "Decline"], listed.GetProperty("offers").EnumerateArray().Select(a => a.GetString()));

        var tutor = await factory.SignedInAsync("taxtutor");
        var refused = await tutor.PostAsync($"/api/provider/orders/{order.Id}/confirm", null, Ct);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        var problem = await refused.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal("该订单未派给您，不能操作", problem.GetProperty("title").GetString());
        var declined = await tutor.PostAsJsonAsync($"/api/provider/orders/{order.Id}/decline", new { reason = "不是我的" }, Ct);
        Assert.Equal(HttpStatusCode.Forbidden, declined.StatusCode);
        await using (var db = factory.Database.Context())
        {
            var row = await db.ServiceOrders.SingleAsync(o => o.Id == order.Id, Ct);
            Assert.Equal((ServiceOrderState.Matched, order.Version), (row.State, row.Version));
        }

        Assert.Equal(HttpStatusCode.NotFound, (await lecturer.PostAsync($"/api/provider/orders/{Guid.NewGuid()}/confirm", null, Ct)).StatusCode);
        var noReason = await lecturer.PostAsJsonAsync($"/api/provider/orders/{order.Id}/decline", new { reason = "" }, Ct);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, noReason.StatusCode);
        var confirmed = await lecturer.PostAsync($"/api/provider/orders/{order.Id}/confirm", null, Ct);
        Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);
        var after = await confirmed.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal("Scheduled", after.GetProperty("state").GetString());
        Assert.Equal(0, after.GetProperty("offers").GetArrayLength()); // nothing until the service starts
        var early = await lecturer.PostAsync($"/api/provider/orders/{order.Id}/held", null, Ct);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, early.StatusCode);
    }

    [Fact]
    public async Task The_provider_page_shows_the_providers_own_orders_and_staff_and_residents_cannot_open_it()
    {
        var page = await (await factory.SignedInAsync("mediator")).GetStringAsync("/provider/orders", Ct);
        Assert.Contains("刘和顺", page, StringComparison.Ordinal);
        Assert.DoesNotContain("王立法", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_orderer_rates_a_held_order_once_and_a_wrong_phone_or_an_order_not_yet_held_is_refused()
    {
        var attended = await OrderOfAsync("孙税通", ServiceOrderState.Attended);
        var waiting = await OrderOfAsync("孙税通", ServiceOrderState.Scheduled);
        var client = factory.Anonymous();
        var token = FormSignIn.AntiforgeryToken(await client.GetStringAsync("/portal/services/track", Ct));
        async Task<string> PostAsync(Dictionary<string, string> fields, HttpStatusCode expected = HttpStatusCode.OK)
        {
            fields["__RequestVerificationToken"] = token;
            var response = await client.PostAsync("/portal/services/track", new FormUrlEncodedContent(fields), Ct);
            Assert.Equal(expected, response.StatusCode);
            return await response.Content.ReadAsStringAsync(Ct);
        }

        var wrong = await PostAsync(new() { ["_handler"] = "service-lookup", ["Lookup.Code"] = attended.Code, ["Lookup.Phone"] = "13900000000" }, HttpStatusCode.NotFound);
        Assert.Contains("data-testid=\"lookup-error\"", wrong, StringComparison.Ordinal);
        Assert.DoesNotContain("data-testid=\"service-order\"", wrong, StringComparison.Ordinal);

        var found = await PostAsync(new() { ["_handler"] = "service-lookup", ["Lookup.Code"] = attended.Code, ["Lookup.Phone"] = attended.Phone! });
        Assert.Contains("data-testid=\"rate-form\"", found, StringComparison.Ordinal);
        var notHeld = await PostAsync(new() { ["_handler"] = "service-lookup", ["Lookup.Code"] = waiting.Code, ["Lookup.Phone"] = waiting.Phone! });
        Assert.Contains("data-testid=\"service-order\"", notHeld, StringComparison.Ordinal);
        Assert.DoesNotContain("data-testid=\"rate-form\"", notHeld, StringComparison.Ordinal);
        var early = await PostAsync(new() { ["_handler"] = "service-rate", ["Rating.Code"] = waiting.Code, ["Rating.Phone"] = waiting.Phone!, ["Rating.Stars"] = "5" });
        Assert.Contains("服务尚未开展，不能评价", early, StringComparison.Ordinal);

        var rated = await PostAsync(new() { ["_handler"] = "service-rate", ["Rating.Code"] = attended.Code, ["Rating.Phone"] = attended.Phone!, ["Rating.Stars"] = "4", ["Rating.Comment"] = "很实用" });
        Assert.Contains("data-testid=\"rate-thanks\"", rated, StringComparison.Ordinal);
        var twice = await PostAsync(new() { ["_handler"] = "service-rate", ["Rating.Code"] = attended.Code, ["Rating.Phone"] = attended.Phone!, ["Rating.Stars"] = "1" });
        Assert.Contains("已评价，不能重复评价", twice, StringComparison.Ordinal);

        await using var db = factory.Database.Context();
        var row = await db.ServiceOrders.SingleAsync(o => o.Id == attended.Id, Ct);
        Assert.Equal((ServiceOrderState.Rated, 4, "很实用"), (row.State, row.Stars, row.Comment));
        Assert.Equal(ServiceOrderState.Scheduled, (await db.ServiceOrders.SingleAsync(o => o.Id == waiting.Id, Ct)).State);
    }

    [Fact]
    public async Task After_three_wrong_pairs_the_lookup_and_the_rating_wait_for_the_sum_and_the_right_answer_lets_the_lookup_through()
    {
        // An order no other test of this class changes: only its number and phone matter here.
        var order = await OrderOfAsync("孙税通", ServiceOrderState.Scheduled);
        var client = factory.Anonymous();
        var token = FormSignIn.AntiforgeryToken(await client.GetStringAsync("/portal/services/track", Ct));
        async Task<(HttpStatusCode Status, string Body)> PostAsync(Dictionary<string, string> fields)
        {
            fields["__RequestVerificationToken"] = token;
            var response = await client.PostAsync("/portal/services/track", new FormUrlEncodedContent(fields), Ct);
            return (response.StatusCode, WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync(Ct)));
        }
        Dictionary<string, string> Lookup(string phone) => new() { ["_handler"] = "service-lookup", ["Lookup.Code"] = order.Code, ["Lookup.Phone"] = phone };

        for (var i = 0; i < 3; i++)
        {
            var (status, body) = await PostAsync(Lookup($"1390000000{i}"));
            Assert.Equal(HttpStatusCode.NotFound, status);
            Assert.Contains("data-testid=\"lookup-error\"", body, StringComparison.Ordinal);
        }

        // The right pair, but the sum is due: nothing is looked up, and the rating form is no way around it.
        var (blocked, blockedBody) = await PostAsync(Lookup(order.Phone!));
        Assert.Equal(HttpStatusCode.TooManyRequests, blocked);
        Assert.DoesNotContain("data-testid=\"service-order\"", blockedBody, StringComparison.Ordinal);
        var (rateBlocked, rateBody) = await PostAsync(new() { ["_handler"] = "service-rate", ["Rating.Code"] = order.Code, ["Rating.Phone"] = order.Phone!, ["Rating.Stars"] = "5" });
        Assert.Equal(HttpStatusCode.TooManyRequests, rateBlocked);
        Assert.DoesNotContain("data-testid=\"service-order\"", rateBody, StringComparison.Ordinal);
        var question = PortalChallenge.Question().Match(rateBody);
        Assert.True(question.Success, "the page asks the sum once it is due");

        var wrongSum = Lookup(order.Phone!);
        wrongSum["Lookup.Answer"] = (PortalChallenge.Answer(question) + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var (wrongStatus, wrongBody) = await PostAsync(wrongSum);
        Assert.Equal(HttpStatusCode.TooManyRequests, wrongStatus);
        Assert.Contains("data-testid=\"challenge-failed\"", wrongBody, StringComparison.Ordinal);

        var next = PortalChallenge.Question().Match(wrongBody);
        Assert.True(next.Success, "a new sum comes with the refusal");
        var answered = Lookup(order.Phone!);
        answered["Lookup.Answer"] = PortalChallenge.Answer(next).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var (okStatus, okBody) = await PostAsync(answered);
        Assert.Equal(HttpStatusCode.OK, okStatus);
        Assert.Contains("data-testid=\"service-order\"", okBody, StringComparison.Ordinal);
        // Forgiven: the next lookup needs no sum.
        Assert.Equal(HttpStatusCode.OK, (await PostAsync(Lookup(order.Phone!))).Status);
    }
}

/// <summary>An administrator links a provider row to a service-provider account; anything else is refused with the reason.</summary>
public sealed class ServiceProviderLinkTests(FengqiaoWebFactory factory) : IClassFixture<FengqiaoWebFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Only_a_provider_account_serving_no_other_provider_can_be_linked()
    {
        var admin = await factory.SignedInAsync("admin");
        var list = await admin.GetFromJsonAsync<JsonElement>("/api/service-providers", Ct);
        var lecturer = list.EnumerateArray().Single(p => p.GetProperty("name").GetString() == "王立法");
        Assert.Equal("lecturer", lecturer.GetProperty("userName").GetString());
        var other = list.EnumerateArray().Single(p => p.GetProperty("name").GetString() == "李明律").GetProperty("id").GetGuid();

        var clerk = await admin.PutAsJsonAsync($"/api/service-providers/{other}/account", new { userName = "clerk" }, Ct);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, clerk.StatusCode);
        Assert.Equal("该账号不是服务提供者角色", (await clerk.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("title").GetString());
        var taken = await admin.PutAsJsonAsync($"/api/service-providers/{other}/account", new { userName = "lecturer" }, Ct);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, taken.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.PutAsJsonAsync($"/api/service-providers/{Guid.NewGuid()}/account", new { userName = "lecturer" }, Ct)).StatusCode);
        await using (var db = factory.Database.Context())
        {
            Assert.Null((await db.ServiceProviders.SingleAsync(p => p.Id == other, Ct)).AccountId);
        }

        // Moving the mediator's account to another provider: unlink first, then link.
        var mediator = list.EnumerateArray().Single(p => p.GetProperty("name").GetString() == "刘和顺").GetProperty("id").GetGuid();
        Assert.Equal(HttpStatusCode.NoContent, (await admin.PutAsJsonAsync($"/api/service-providers/{mediator}/account", new { userName = (string?)null }, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await admin.PutAsJsonAsync($"/api/service-providers/{other}/account", new { userName = "mediator" }, Ct)).StatusCode);
        var orders = await (await factory.SignedInAsync("mediator")).GetFromJsonAsync<JsonElement>("/api/provider/orders", Ct);
        await using var check = factory.Database.Context();
        Assert.Equal(await check.ServiceOrders.CountAsync(o => o.ProviderId == other, Ct), orders.GetArrayLength());
    }
}
