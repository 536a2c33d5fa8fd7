using Fengqiao.Core.Organisations;

namespace Fengqiao.Data.Organisations;

/// <summary>An organisation that staff belong to: a government at some level, or a body attached to a level.</summary>
public sealed class Unit : IVersioned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public required string Name { get; set; }
    public UnitKind Kind { get; set; }
    /// <summary>The division the unit serves; its area for the scope rule.</summary>
    public required string DivisionCode { get; set; }
    public Guid? ParentUnitId { get; set; }
    /// <summary>Prefix of its official document numbers, e.g. 垦信 for 垦利区信访局 (used by letters).</summary>
    public string? DocumentPrefix { get; set; }
    public int Version { get; set; }
}
