using System.Net;
using Fengqiao.Data.People;
using Fengqiao.Testing;
using Fengqiao.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Fengqiao.Web.Tests.Auth;

/// <summary>
/// The security-stamp check (a changed password or a disabled account ends the other sessions) runs when its interval
/// has passed, and only then: the host tests the interval before building Identity's managers.
/// </summary>
public sealed class SecurityStampTests(FengqiaoWebFactory factory) : IClassFixture<FengqiaoWebFactory>
{
    private static async Task<HttpClient> SignedInAsync(WebApplicationFactory<Program> host, string userName)
    {
        var client = host.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var response = await FormSignIn.SignInAsync(client, userName, "Fengqiao@2026");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return client;
    }

    private static async Task ChangeStampAsync(WebApplicationFactory<Program> host, string userName)
    {
        await using var scope = host.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
        var user = await users.FindByNameAsync(userName);
        Assert.NotNull(user);
        Assert.True((await users.UpdateSecurityStampAsync(user)).Succeeded);
    }

    [Fact]
    public async Task A_session_whose_stamp_changed_is_refused_once_the_check_is_due()
    {
        await using var host = factory.WithWebHostBuilder(b => b.ConfigureTestServices(s =>
            s.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = TimeSpan.Zero)));
        var client = await SignedInAsync(host, "distlead");
        using (var before = await client.GetAsync("/api/cases?take=1", TestContext.Current.CancellationToken))
        {
            Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        }

        await ChangeStampAsync(host, "distlead");

        using var after = await client.GetAsync("/api/cases?take=1", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
    }

    [Fact]
    public async Task Within_the_interval_the_session_is_not_checked_again()
    {
        var client = await SignedInAsync(factory, "handler");

        await ChangeStampAsync(factory, "handler");

        // The default interval is 30 minutes: the session signed in a moment ago is still accepted.
        using var response = await client.GetAsync("/api/cases?take=1", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
