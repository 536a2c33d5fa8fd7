using Fengqiao.Core.Places;

namespace Fengqiao.Data.Places;

/// <summary>The division a point was placed in; <see cref="IsEstimate"/> when it was not found by a boundary (位置待核实).</summary>
public sealed record PointPlace(string DivisionCode, bool IsEstimate);

/// <summary>
/// Turns a point into the division it lies in (点位落区划). Until boundaries are imported, <see cref="DistrictOnlyPlacement"/>
/// answers; a boundary-backed placement replaces it in the service registration and nothing else changes.
/// </summary>
public interface IPointPlacement
{
    /// <summary>
    /// The division of <paramref name="point"/> within <paramref name="district"/> (the six-digit county the sender serves),
    /// or null when the point cannot be placed there at all.
    /// </summary>
    Task<PointPlace?> PlaceAsync(GeoPoint point, string district, CancellationToken cancellationToken = default);
}

/// <summary>No boundaries known: the point is placed in the sender's district, marked as an estimate for the clerk to check.</summary>
public sealed class DistrictOnlyPlacement : IPointPlacement
{
    public Task<PointPlace?> PlaceAsync(GeoPoint point, string district, CancellationToken cancellationToken = default) =>
        Task.FromResult<PointPlace?>(district is { Length: 6 } ? new PointPlace(district, IsEstimate: true) : null);
}
