using Fengqiao.Core.Cases;
using Fengqiao.Data;
using Fengqiao.Data.Cases;
using Fengqiao.Web.Auth;
using Microsoft.AspNetCore.Mvc;

namespace Fengqiao.Web.Api;

/// <summary>The resident's rating from the public query page: a plain form post, no account needed, codes required.</summary>
public static class PublicCaseEndpoints
{
    public static void MapPublicCaseEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/query/rate", async ([FromForm] string? code, [FromForm] string? key, [FromForm] int? version, [FromForm] string? rating, IServiceScopeFactory scopes, CancellationToken ct) =>
        {
            var back = $"/query?code={Uri.EscapeDataString(code ?? "")}&key={Uri.EscapeDataString(key ?? "")}";
            if (!Enum.TryParse<CaseRating>(rating, out var value) || value is CaseRating.NotRated || version is null)
            {
                return Results.LocalRedirect(back);
            }
            await using var scope = scopes.CreateAsyncScope();
            // The codes prove the resident's right to this one case; the action then runs with system scope.
            scope.ServiceProvider.GetRequiredService<CurrentPrincipal>().ActAsSystem = true;
            var db = scope.ServiceProvider.GetRequiredService<FengqiaoDbContext>();
            var found = await PublicCaseLookup.FindAsync(db, code, key, ct);
            if (found is null)
            {
                return Results.LocalRedirect(back);
            }
            try
            {
                await scope.ServiceProvider.GetRequiredService<CaseWorkflow>().ApplyAsync(found.TrackingCode, version.Value, t => new RateCase(t, "resident", value), ct);
                return Results.LocalRedirect(back + "&rated=1");
            }
            catch (Exception ex) when (ex is CaseRuleException or CaseConflictException)
            {
                // Already rated, or the case moved on: the page shows the current state.
                return Results.LocalRedirect(back);
            }
        }).ExcludeFromDescription();
    }
}
