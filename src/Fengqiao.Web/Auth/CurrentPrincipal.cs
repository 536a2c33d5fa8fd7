using System.Security.Claims;
using Fengqiao.Core.Organisations;
using Fengqiao.Data.Scope;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server.Circuits;

namespace Fengqiao.Web.Auth;

/// <summary>
/// Who the current DI scope acts for. An HTTP request sets it from HttpContext.User (middleware below); a Blazor
/// circuit, whose scope outlives any request, sets it before each inbound activity (<see cref="PrincipalCircuitHandler"/>).
/// Start-up work sets <see cref="ActAsSystem"/> in a scope of its own.
/// </summary>
public sealed class CurrentPrincipal : IAccessScopeProvider
{
    private ClaimsPrincipal? _principal;
    private AccessScope? _scope;

    public ClaimsPrincipal? Principal
    {
        get => _principal;
        set
        {
            if (!ReferenceEquals(value, _principal))
            {
                _principal = value;
                _scope = null;
            }
        }
    }

    public bool ActAsSystem { get; set; }

    public AccessScope Current => ActAsSystem ? AccessScope.System : _principal is null ? AccessScope.Nobody : _scope ??= FengqiaoClaims.ToScope(_principal);
}

public sealed class PrincipalCircuitHandler(CurrentPrincipal current, AuthenticationStateProvider authentication) : CircuitHandler
{
    public override Func<CircuitInboundActivityContext, Task> CreateInboundActivityHandler(Func<CircuitInboundActivityContext, Task> next) =>
        async context =>
        {
            current.Principal = (await authentication.GetAuthenticationStateAsync()).User;
            await next(context);
        };

    public override async Task OnCircuitOpenedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        current.Principal = (await authentication.GetAuthenticationStateAsync()).User;
    }
}

public static class CurrentPrincipalMiddleware
{
    public static IApplicationBuilder UseCurrentPrincipal(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            context.RequestServices.GetRequiredService<CurrentPrincipal>().Principal = context.User;
            await next();
        });
}
