using Fengqiao.Core.Organisations;
using Fengqiao.Data;
using Fengqiao.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Fengqiao.Web.Api;

public sealed record DivisionDto(string Code, string Name, DivisionLevel Level, string? ParentCode);

public sealed record DivisionWithChildrenDto(DivisionDto Division, IReadOnlyList<DivisionDto> Path, IReadOnlyList<DivisionDto> Children);

public sealed record UnitDto(Guid Id, string Name, UnitKind Kind, string DivisionCode, Guid? ParentUnitId, string? DocumentPrefix);

public static class OrganisationApi
{
    public static void MapOrganisationApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api").RequireAuthorization(Policies.Staff).WithTags("Organisations");

        group.MapGet("/divisions", async (FengqiaoDbContext db, CancellationToken ct) =>
            TypedResults.Ok(await db.Divisions.AsNoTracking().Where(d => d.ParentCode == null).OrderBy(d => d.Code)
                .Select(d => new DivisionDto(d.Code, d.Name, d.Level, d.ParentCode)).ToListAsync(ct)))
            .WithSummary("Provinces (the top of the GB/T 2260 tree)");

        group.MapGet("/divisions/{code}", async Task<Results<Ok<DivisionWithChildrenDto>, ProblemHttpResult>> (string code, FengqiaoDbContext db, CancellationToken ct) =>
        {
            if (!DivisionCode.TryParse(code, out var parsed, out var error))
            {
                return TypedResults.Problem(statusCode: 400, title: BilingualText.Pick("区划代码无效 (invalid division code)"), detail: BilingualText.Pick(error));
            }
            var division = await db.Divisions.AsNoTracking().FirstOrDefaultAsync(d => d.Code == parsed.Value, ct);
            if (division is null)
            {
                return TypedResults.Problem(statusCode: 404, title: BilingualText.Pick($"区划 {parsed} 不存在 (division {parsed} not found)"));
            }
            var pathCodes = new List<string>();
            for (var p = parsed.Parent; p is { } x; p = x.Parent)
            {
                pathCodes.Add(x.Value);
            }
            var path = await db.Divisions.AsNoTracking().Where(d => pathCodes.Contains(d.Code)).OrderBy(d => d.Level)
                .Select(d => new DivisionDto(d.Code, d.Name, d.Level, d.ParentCode)).ToListAsync(ct);
            var children = await db.Divisions.AsNoTracking().Where(d => d.ParentCode == parsed.Value).OrderBy(d => d.Code)
                .Select(d => new DivisionDto(d.Code, d.Name, d.Level, d.ParentCode)).ToListAsync(ct);
            return TypedResults.Ok(new DivisionWithChildrenDto(new DivisionDto(division.Code, division.Name, division.Level, division.ParentCode), path, children));
        }).WithSummary("A division with its ancestors and children");

        group.MapGet("/units", async Task<Results<Ok<List<UnitDto>>, ProblemHttpResult>> (string? division, FengqiaoDbContext db, CancellationToken ct) =>
        {
            var query = db.Units.AsNoTracking();
            if (!string.IsNullOrEmpty(division))
            {
                if (!DivisionCode.TryParse(division, out var parsed, out var error))
                {
                    return TypedResults.Problem(statusCode: 400, title: BilingualText.Pick("区划代码无效 (invalid division code)"), detail: BilingualText.Pick(error));
                }
                query = query.Where(u => u.DivisionCode.StartsWith(parsed.Value));
            }
            var units = await query.OrderBy(u => u.DivisionCode).ThenBy(u => u.Name)
                .Select(u => new UnitDto(u.Id, u.Name, u.Kind, u.DivisionCode, u.ParentUnitId, u.DocumentPrefix)).Take(2000).ToListAsync(ct);
            return TypedResults.Ok(units);
        }).WithSummary("Units, optionally those serving a division and below");
    }
}

public sealed record CategoryDto(string Code, string Name, string? ParentCode, int Level);

public static class CategoryApi
{
    public static void MapCategoryApi(this IEndpointRouteBuilder app) =>
        app.MapGet("/api/categories", async (FengqiaoDbContext db, CancellationToken ct) =>
                TypedResults.Ok(await db.Categories.AsNoTracking().OrderBy(c => c.Code).Select(c => new CategoryDto(c.Code, c.Name, c.ParentCode, c.Level)).ToListAsync(ct)))
            .RequireAuthorization(Policies.Staff).WithTags("Cases").WithSummary("The three-level matter taxonomy (事项分类)");
}
