using Fengqiao.Data.Deadlines;
using Fengqiao.Web.Auth;
using Fengqiao.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;

namespace Fengqiao.Web.Tests.Pages;

public sealed class NoticesTests(FengqiaoWebFactory factory) : IClassFixture<FengqiaoWebFactory>
{
    [Fact]
    public async Task Deadline_warnings_reach_the_handling_units_dashboard_and_no_other()
    {
        // An open case at the housing bureau, so the sweep has something of the handler's to warn about.
        var clerk = await factory.SignedInAsync("clerk");
        var created = await (await clerk.PostAsJsonAsync("/api/cases", new
        {
            kind = "Petition", channel = "Visit", title = "小区违建占用消防通道", divisionCode = "370505001001",
            parties = new[] { new { name = "周立新", phone = "13900008888", isRepresentative = false } },
        }, TestContext.Current.CancellationToken)).Content.ReadFromJsonAsync<System.Text.Json.JsonElement>(TestContext.Current.CancellationToken);
        var code = created.GetProperty("trackingCode").GetString();
        await using (var db = factory.Database.Context())
        {
            var housing = db.Units.Single(u => u.Name == "垦利区住房和城乡建设局");
            await clerk.PostAsJsonAsync($"/api/cases/{code}/actions", new { action = "Accept", expectedVersion = 1 }, TestContext.Current.CancellationToken);
            var assigned = await clerk.PostAsJsonAsync($"/api/cases/{code}/actions", new { action = "Assign", expectedVersion = 2, unitId = housing.Id }, TestContext.Current.CancellationToken);
            Assert.Equal(System.Net.HttpStatusCode.OK, assigned.StatusCode);
        }

        await using (var scope = factory.Services.CreateAsyncScope())
        {
            scope.ServiceProvider.GetRequiredService<CurrentPrincipal>().ActAsSystem = true;
            var later = SystemClock.Instance.GetCurrentInstant() + Duration.FromDays(120);
            var result = await scope.ServiceProvider.GetRequiredService<DeadlineSweep>().RunOnceAsync("test-node", later, TestContext.Current.CancellationToken);
            Assert.True(result.Notices > 0);
        }

        var handler = await factory.SignedInAsync("handler");
        var home = await handler.GetStringAsync("/", TestContext.Current.CancellationToken);
        Assert.Contains("待办提醒", home, StringComparison.Ordinal);
        Assert.Contains("已超期", home, StringComparison.Ordinal);

        var procurator = await factory.SignedInAsync("procurator");
        Assert.DoesNotContain("待办提醒", await procurator.GetStringAsync("/", TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }
}
