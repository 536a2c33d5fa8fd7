using Fengqiao.Core.Organisations;
using Fengqiao.Data.Accounts;
using Fengqiao.Web.Auth;
using Fengqiao.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Fengqiao.Web.Admin;

public sealed record NewAccountRequest(string? UserName, string? DisplayName, string? Password, Guid? UnitId, IReadOnlyList<string>? Roles, string? Email);

public sealed record CreatedAccount(string Id, string UserName);

public sealed record MeDto(string UserName, string DisplayName, IReadOnlyList<StaffRole> Roles, string? UnitName, ScopeKind Scope, string? Area);

public static class Endpoints
{
    public static void MapAdmin(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/me", (HttpContext context) =>
        {
            var user = context.User;
            var scope = FengqiaoClaims.ToScope(user);
            return TypedResults.Ok(new MeDto(user.Identity!.Name!, FengqiaoClaims.Name(user), FengqiaoClaims.Roles(user), user.FindFirst(FengqiaoClaims.UnitName)?.Value, scope.Kind, scope.Area?.Value));
        }).RequireAuthorization().WithTags("Accounts").WithSummary("Who am I, and what may I see");

        var group = app.MapGroup("/api/accounts").WithTags("Accounts");

        group.MapGet("/", async (StaffAccounts accounts, CancellationToken ct) => TypedResults.Ok(await accounts.VisibleAsync(ct)))
            .RequireAuthorization(Policies.Staff).WithSummary("Accounts in the caller's scope");

        group.MapPost("/", async Task<Results<Created<CreatedAccount>, ValidationProblem>> (NewAccountRequest request, StaffAccounts accounts, CancellationToken ct) =>
        {
            var roles = new List<StaffRole>();
            var errors = new Dictionary<string, string[]>();
            foreach (var name in request.Roles ?? [])
            {
                if (Enum.TryParse<StaffRole>(name, ignoreCase: true, out var role) && Enum.IsDefined(role))
                {
                    roles.Add(role);
                }
                else
                {
                    errors["Roles"] = [BilingualText.Pick($"未知角色 {name} (unknown role {name})")];
                }
            }
            if (errors.Count > 0)
            {
                return TypedResults.ValidationProblem(errors);
            }
            var result = await accounts.CreateAsync(new NewAccount(request.UserName ?? string.Empty, request.DisplayName ?? string.Empty, request.Password ?? string.Empty, request.UnitId, roles, request.Email), ct);
            if (!result.Succeeded)
            {
                return TypedResults.ValidationProblem(result.Errors.ToDictionary(e => e.Key, e => e.Value.Select(BilingualText.Pick).ToArray()));
            }
            FengqiaoTelemetry.AccountsCreated.Add(1);
            return TypedResults.Created($"/api/accounts/{result.UserId}", new CreatedAccount(result.UserId!, request.UserName!.Trim()));
        }).RequireAuthorization(Policies.Administrator).WithSummary("Create an account (administrators)");
    }
}
