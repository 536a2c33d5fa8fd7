using Fengqiao.Core.Organisations;

namespace Fengqiao.Data.Organisations;

/// <summary>A row of the GB/T 2260 tree (行政区划). The code is the key; the parent is its prefix.</summary>
public sealed class Division
{
    public required string Code { get; set; }
    public required string Name { get; set; }
    public DivisionLevel Level { get; set; }
    public string? ParentCode { get; set; }
}
