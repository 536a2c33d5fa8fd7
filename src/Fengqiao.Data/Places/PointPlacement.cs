using Fengqiao.Core.Places;

namespace Fengqiao.Data.Places;

/// <summary>The division a point was placed in; <see cref="IsEstimate"/> when it was not found by a boundary (位置待核实).</summary>
public sealed record PointPlace(string DivisionCode, bool IsEstimate);

/// <summary>
/// Turns a point into the division it lies in (点位落区划). <see cref="BoundaryPlacement"/> answers from the imported
/// boundaries; with none imported it places the point in the sender's district, flagged as an estimate.
/// </summary>
public interface IPointPlacement
{
    /// <summary>
    /// The division of <paramref name="point"/> within <paramref name="district"/> (the six-digit county the sender serves),
    /// or null when the point cannot be placed there at all.
    /// </summary>
    Task<PointPlace?> PlaceAsync(GeoPoint point, string district, CancellationToken cancellationToken = default);
}
