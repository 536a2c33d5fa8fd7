using Fengqiao.Core.Organisations;
using Fengqiao.Data.Organisations;
using Fengqiao.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Fengqiao.Web.Organisation;

/// <summary>The GB/T 2260 tree (行政区划), the units and the matter taxonomy (事项分类), read-only.</summary>
public static class Endpoints
{
    public static void MapOrganisation(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api").RequireAuthorization(Policies.Staff).WithTags("Organisations");
        group.MapGet("/divisions", Provinces).WithSummary("Provinces (the top of the GB/T 2260 tree)");
        group.MapGet("/divisions/{code}", Division).WithSummary("A division with its ancestors and children");
        group.MapGet("/units", Units).WithSummary("Units, optionally those serving a division and below");
        app.MapGet("/api/categories", Categories).RequireAuthorization(Policies.Staff).WithTags("Cases").WithSummary("The three-level matter taxonomy (事项分类)");
    }

    private static async Task<Ok<IReadOnlyList<DivisionView>>> Provinces(OrganisationQueries queries, CancellationToken ct) =>
        TypedResults.Ok(await queries.ProvincesAsync(ct));

    private static async Task<Results<Ok<DivisionTree>, ProblemHttpResult>> Division(string code, OrganisationQueries queries, CancellationToken ct)
    {
        if (!DivisionCode.TryParse(code, out var parsed, out var error))
        {
            return InvalidCode(error);
        }
        return await queries.TreeAsync(parsed, ct) is { } tree
            ? TypedResults.Ok(tree)
            : TypedResults.Problem(statusCode: 404, title: BilingualText.Pick($"区划 {parsed} 不存在 (division {parsed} not found)"));
    }

    private static async Task<Results<Ok<IReadOnlyList<UnitView>>, ProblemHttpResult>> Units(string? division, OrganisationQueries queries, CancellationToken ct)
    {
        DivisionCode? within = null;
        if (!string.IsNullOrEmpty(division))
        {
            if (!DivisionCode.TryParse(division, out var parsed, out var error))
            {
                return InvalidCode(error);
            }
            within = parsed;
        }
        return TypedResults.Ok(await queries.UnitsWithinAsync(within, ct: ct));
    }

    private static async Task<Ok<IReadOnlyList<CategoryView>>> Categories(OrganisationQueries queries, CancellationToken ct) =>
        TypedResults.Ok(await queries.CategoriesAsync(ct));

    private static ProblemHttpResult InvalidCode(string error) =>
        TypedResults.Problem(statusCode: 400, title: BilingualText.Pick("区划代码无效 (invalid division code)"), detail: BilingualText.Pick(error));
}
