using Fengqiao.Testing;
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
            var later = TestTime.Now + Duration.FromDays(120);
            var result = await scope.ServiceProvider.GetRequiredService<DeadlineSweep>().RunOnceAsync("test-node", later, TestContext.Current.CancellationToken);
            Assert.True(result.Notices > 0);
        }

        var handler = await factory.SignedInAsync("handler");
        var home = await handler.GetStringAsync("/", TestContext.Current.CancellationToken);
        Assert.Contains("待办提醒", home, StringComparison.Ordinal);
        Assert.Contains("已超期", home, StringComparison.Ordinal);
        Assert.Contains("小区违建占用消防通道；期限 ", home, StringComparison.Ordinal);
        Assert.DoesNotContain("(due ", home, StringComparison.Ordinal);

        // The English screen says the same in English only: no "期限" beside the date.
        var english = await handler.GetStringAsync("/?culture=en&ui-culture=en", TestContext.Current.CancellationToken);
        Assert.Contains("is overdue", english, StringComparison.Ordinal);
        Assert.Contains("due 20", english, StringComparison.Ordinal);
        Assert.DoesNotContain("期限", english, StringComparison.Ordinal);

        var procurator = await factory.SignedInAsync("procurator");
        Assert.DoesNotContain("待办提醒", await procurator.GetStringAsync("/", TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_resident_with_an_account_reads_the_acceptance_notice_of_their_own_case_and_nobody_elses()
    {
        // The clerk registers a visit by 马建国, whose ID number links the case to his resident account.
        string idNumber;
        await using (var db = factory.Database.Context())
        {
            var holder = db.Residents.Single(r => r.Name == "马建国" && r.AccountId != null);
            idNumber = factory.Services.GetRequiredService<Fengqiao.Data.Security.PersonalDataProtector>().Reveal(holder.IdNumberCipher!);
        }
        var clerk = await factory.SignedInAsync("clerk");
        var created = await (await clerk.PostAsJsonAsync("/api/cases", new
        {
            kind = "Petition", channel = "Visit", title = "楼上住户装修噪音扰民", divisionCode = "370505001001",
            parties = new[] { new { name = "马建国", idNumber, phone = "13905460001", isRepresentative = false } },
        }, TestContext.Current.CancellationToken)).Content.ReadFromJsonAsync<System.Text.Json.JsonElement>(TestContext.Current.CancellationToken);
        var code = created.GetProperty("trackingCode").GetString()!;
        var accepted = await clerk.PostAsJsonAsync($"/api/cases/{code}/actions", new { action = "Accept", expectedVersion = 1 }, TestContext.Current.CancellationToken);
        Assert.Equal(System.Net.HttpStatusCode.OK, accepted.StatusCode);

        var resident = await factory.SignedInAsync("resident");
        var home = await resident.GetStringAsync("/", TestContext.Current.CancellationToken);
        Assert.Contains("data-testid=\"notices\"", home, StringComparison.Ordinal);
        Assert.Contains(code, home, StringComparison.Ordinal);
        Assert.Contains("受理", home, StringComparison.Ordinal);

        // Another signed-in person never sees it: staff see their unit's warnings, not a resident's messages.
        var handler = await factory.SignedInAsync("handler");
        Assert.DoesNotContain(code, await handler.GetStringAsync("/", TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }
}
