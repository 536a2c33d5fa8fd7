using System.Text;
using Fengqiao.Data.Places;
using Fengqiao.Web.Auth;
using Fengqiao.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Fengqiao.Web.Places;

public sealed record SavedBoundaryDto(string Kind, string Code, string DivisionCode, string Name, bool Replaced);

/// <summary>网格划分 without a mouse: a village's or grid's boundary sent as GeoJSON, checked and stored like a drawing, or removed.</summary>
public static class Endpoints
{
    public static void MapPlaces(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/places").WithTags("Places");
        group.MapPut("/boundaries/{kind}/{code}", SaveBoundary)
            .RequireAuthorization(Policies.DrawBoundaries)
            .WithSummary("Store a village's or grid's boundary (kind village or grid) from a GeoJSON Polygon, MultiPolygon or Feature; replaces the earlier one");
        group.MapGet("/boundaries/{kind}/{code}", CurrentBoundary)
            .RequireAuthorization(Policies.Staff)
            .WithSummary("A village's or grid's stored boundary as GeoJSON geometry (404 when none, or outside the caller's area)");
        group.MapDelete("/boundaries/{kind}/{code}", DeleteBoundary)
            .RequireAuthorization(Policies.DrawBoundaries)
            .WithSummary("Remove a village's or grid's boundary; placement falls back to the village centre or the town (404 when none, or outside the caller's area)");
    }

    private static async Task<Results<Ok<SavedBoundaryDto>, Created<SavedBoundaryDto>, ProblemHttpResult>> SaveBoundary(
        string kind, string code, HttpRequest request, BoundaryDrawing drawing, CancellationToken ct)
    {
        if (Kind(kind) is not { } k)
        {
            return UnknownKind();
        }
        // Read as text whatever the content type (application/json or application/geo+json), no more than the desk accepts.
        using var reader = new StreamReader(request.Body, Encoding.UTF8);
        var buffer = new char[BoundaryDrawing.MaxGeoJsonLength + 1];
        var read = await reader.ReadBlockAsync(buffer, ct);
        try
        {
            var saved = await drawing.SaveAsync(k, code, new string(buffer, 0, read), FengqiaoClaims.Name(request.HttpContext.User), ct);
            var dto = new SavedBoundaryDto(kind.ToLowerInvariant(), saved.Code, saved.DivisionCode, saved.Name, saved.Replaced);
            return saved.Replaced ? TypedResults.Ok(dto) : TypedResults.Created($"/api/places/boundaries/{dto.Kind}/{saved.Code}", dto);
        }
        catch (BoundaryDrawingException ex)
        {
            return Refused(ex);
        }
    }

    private static async Task<Results<ContentHttpResult, ProblemHttpResult>> CurrentBoundary(string kind, string code, BoundaryDrawing drawing, CancellationToken ct)
    {
        if (Kind(kind) is not { } k)
        {
            return UnknownKind();
        }
        try
        {
            return await drawing.CurrentAsync(k, code, ct) is { } geometry
                ? TypedResults.Text(geometry, "application/geo+json", Encoding.UTF8)
                : TypedResults.Problem(statusCode: 404, title: BilingualText.Pick("尚未划定边界 (no boundary has been drawn yet)"));
        }
        catch (BoundaryDrawingException ex)
        {
            return Refused(ex);
        }
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteBoundary(string kind, string code, BoundaryDrawing drawing, CancellationToken ct)
    {
        if (Kind(kind) is not { } k)
        {
            return UnknownKind();
        }
        try
        {
            return await drawing.DeleteAsync(k, code, ct)
                ? TypedResults.NoContent()
                : TypedResults.Problem(statusCode: 404, title: BilingualText.Pick("尚未划定边界 (no boundary has been drawn yet)"));
        }
        catch (BoundaryDrawingException ex)
        {
            return Refused(ex);
        }
    }

    private static BoundaryKind? Kind(string kind) => kind.ToLowerInvariant() switch
    {
        "village" => BoundaryKind.Village,
        "grid" => BoundaryKind.Grid,
        _ => null,
    };

    private static ProblemHttpResult UnknownKind() =>
        TypedResults.Problem(statusCode: 404, title: BilingualText.Pick("只能绘制村（village）或网格（grid）的边界 (only village and grid boundaries are drawn)"));

    private static ProblemHttpResult Refused(BoundaryDrawingException ex) =>
        TypedResults.Problem(statusCode: ex.Failure == BoundaryDrawingFailure.NotFound ? 404 : 422, title: BilingualText.Pick(ex.Message));
}
