using Fengqiao.Core.Cases;
using NodaTime;

namespace Fengqiao.Data.Cases;

/// <summary>A petition or dispute (信访事项 / 矛盾纠纷) as stored. Lifecycle rules live in Core; this is the row.</summary>
public sealed class CaseRecord : IVersioned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    /// <summary>Human tracking code, e.g. KL-2026-000123.</summary>
    public required string TrackingCode { get; set; }
    public CaseKind Kind { get; set; }
    public CaseChannel Channel { get; set; }
    public CaseState State { get; set; }
    public required string Title { get; set; }
    public string? Detail { get; set; }
    public string? CategoryCode { get; set; }
    /// <summary>Where the matter is (12-digit village code where known). The area scope tests this.</summary>
    public required string DivisionCode { get; set; }
    public Guid RegisteringUnitId { get; set; }
    public Guid? HandlingUnitId { get; set; }
    public Guid? ResidentId { get; set; }
    /// <summary>The resident's portal account, for the Own scope.</summary>
    public string? ResidentAccountId { get; set; }
    public Instant RegisteredAt { get; set; }
    public int Version { get; set; }
}
