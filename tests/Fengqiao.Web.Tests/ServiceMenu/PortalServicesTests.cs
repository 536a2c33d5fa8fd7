using System.Net;
using Fengqiao.Web.Tests.Infrastructure;

namespace Fengqiao.Web.Tests.ServiceMenu;

/// <summary>The public ordering page: open to anyone, the town step lists the town's villages, and a post without the antiforgery token is refused.</summary>
public sealed class PortalServicesTests(FengqiaoWebFactory factory) : IClassFixture<FengqiaoWebFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Anyone_may_open_the_ordering_page_and_the_town_step_lists_its_villages_and_lecturers()
    {
        var client = factory.Anonymous();
        var first = await client.GetAsync("/portal/services", Ct);
        var town = await client.GetStringAsync("/portal/services?town=370505001", Ct);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.DoesNotContain("order-form", await first.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Contains("和平社区居民委员会", town, StringComparison.Ordinal);
        Assert.Contains("张丽华", town, StringComparison.Ordinal);
        Assert.Contains("__RequestVerificationToken", town, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_order_posted_without_the_antiforgery_token_is_refused_and_stores_nothing()
    {
        await using var db = factory.Database.Context();
        var before = db.ServiceOrders.Count();
        var response = await factory.Anonymous().PostAsync("/portal/services?town=370505001", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "service-order", ["Order.OfferingCode"] = "mediation", ["Order.Kind"] = "Resident", ["Order.Name"] = "王五",
            ["Order.Phone"] = "13905464401", ["Order.Division"] = "370505001001", ["Order.Date"] = "2030-01-02",
        }), Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(before, db.ServiceOrders.Count());
    }
}
