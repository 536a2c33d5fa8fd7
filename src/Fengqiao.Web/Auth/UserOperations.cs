using Microsoft.AspNetCore.Components.Authorization;

namespace Fengqiao.Web.Auth;

/// <summary>
/// Runs one unit of work from an interactive page in a fresh DI scope that acts for the signed-in user. A circuit
/// lives for as long as the tab is open; services that hold a DbContext (Identity's UserManager) must not.
/// </summary>
public sealed class UserOperations(IServiceScopeFactory scopes, AuthenticationStateProvider authentication)
{
    public async Task<T> RunAsync<T>(Func<IServiceProvider, Task<T>> work)
    {
        var user = (await authentication.GetAuthenticationStateAsync()).User;
        await using var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentPrincipal>().Principal = user;
        return await work(scope.ServiceProvider);
    }

    /// <summary>One unit of work with the module's desk (a scoped service holding its own DbContext), acting for the user.</summary>
    public Task<T> RunAsync<TDesk, T>(Func<TDesk, Task<T>> work) where TDesk : notnull =>
        RunAsync(sp => work(sp.GetRequiredService<TDesk>()));

    public Task RunAsync<TDesk>(Func<TDesk, Task> work) where TDesk : notnull =>
        RunAsync<TDesk, bool>(async desk =>
        {
            await work(desk);
            return true;
        });
}
